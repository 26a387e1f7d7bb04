package com.picksdigest.delivery;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** One delivery a worker has taken from the ledger, with what it needs to know about the subscriber. */
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
        LocalDateTime watermark,
        int tokenVersion) {

    public boolean weekly() {
        return "weekly".equals(frequency);
    }

    public boolean textOnly() {
        return "text".equals(format);
    }
}
