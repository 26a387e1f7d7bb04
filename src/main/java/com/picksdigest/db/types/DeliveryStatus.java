package com.picksdigest.db.types;

/** deliveries.status. */
public enum DeliveryStatus {
    QUEUED,
    SENDING,
    SENT,
    SKIPPED,
    FAILED,
    SUPPRESSED;

    /** The word in the database; also what pages, JSON and templates show, as before the column was typed. */
    public String stored() {
        return StoredEnumConverter.stored(this);
    }

    /** The value for a word as a user or a file spells it, in any case; null when it names none. */
    public static DeliveryStatus parse(String word) {
        for (DeliveryStatus v : values()) if (v.stored().equalsIgnoreCase(word.strip())) return v;
        return null;
    }

    @Override
    public String toString() {
        return stored();
    }

    /** Named in jOOQ's code generation (pom.xml forcedTypes). */
    public static final class Converter extends StoredEnumConverter<DeliveryStatus> {
        public Converter() {
            super(DeliveryStatus.class);
        }
    }
}
