package com.picksdigest.delivery;

import java.util.Locale;

public enum DeliveryStatus {
    QUEUED,
    SENDING,
    SENT,
    SKIPPED,
    FAILED,
    SUPPRESSED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }
}
