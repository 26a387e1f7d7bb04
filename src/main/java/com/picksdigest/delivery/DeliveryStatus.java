package com.picksdigest.delivery;

public enum DeliveryStatus {
    QUEUED,
    SENDING,
    SENT,
    SKIPPED,
    FAILED,
    SUPPRESSED;

    public String db() {
        return name().toLowerCase();
    }
}
