package com.picksdigest.delivery;

import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.digest.DigestPlanner;
import java.time.LocalDate;

/**
 * One delivery a worker has taken from the ledger, with what it needs to know about the subscriber.
 *
 * @param seen the cut of the subscriber's last sent digest; null before the first
 */
public record Claim(
        long deliveryId,
        int attempts,
        LocalDate editionDate,
        long subscriberId,
        String email,
        String name,
        SubscriberStatus status,
        String timezone,
        String locale,
        DigestFormat format,
        Frequency frequency,
        DigestPlanner.Cut seen,
        int tokenVersion) {

    public boolean weekly() {
        return frequency == Frequency.WEEKLY;
    }

    public boolean textOnly() {
        return format == DigestFormat.TEXT;
    }

    DigestPlanner.Reader reader() {
        return new DigestPlanner.Reader(subscriberId, seen, weekly());
    }
}
