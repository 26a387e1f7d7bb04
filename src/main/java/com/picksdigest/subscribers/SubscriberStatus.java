package com.picksdigest.subscribers;

public enum SubscriberStatus {
    PENDING,
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED;

    public String db() {
        return name().toLowerCase();
    }
}
