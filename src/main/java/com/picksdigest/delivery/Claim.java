package com.picksdigest.delivery;

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
        String status,
        String timezone,
        String locale,
        String format,
        String frequency,
        DigestPlanner.Cut seen,
        int tokenVersion) {

    public boolean weekly() {
        return "weekly".equals(frequency);
    }

    public boolean textOnly() {
        return "text".equals(format);
    }

    DigestPlanner.Reader reader() {
        return new DigestPlanner.Reader(subscriberId, seen, weekly());
    }
}
