package com.picksdigest.picks;

public enum PickStatus {
    CANDIDATE,
    DRAFT,
    PUBLISHED,
    RETRACTED;

    public String db() {
        return name().toLowerCase();
    }
}
