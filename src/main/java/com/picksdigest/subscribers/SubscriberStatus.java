package com.picksdigest.subscribers;

import java.util.Locale;

public enum SubscriberStatus {
    PENDING,
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }
}
