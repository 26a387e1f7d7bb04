package com.picksdigest.picks;

import java.util.Locale;

public enum PickStatus {
    CANDIDATE,
    DRAFT,
    PUBLISHED,
    RETRACTED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }
}
