package com.picksdigest.db.types;

/** subscribers.status. */
public enum SubscriberStatus {
    PENDING,
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED;

    /** The word in the database; also what pages, JSON and templates show, as before the column was typed. */
    public String stored() {
        return StoredEnumConverter.stored(this);
    }

    /** The value for a word as a user or a file spells it, in any case; null when it names none. */
    public static SubscriberStatus parse(String word) {
        for (SubscriberStatus v : values()) if (v.stored().equalsIgnoreCase(word.strip())) return v;
        return null;
    }

    @Override
    public String toString() {
        return stored();
    }

    /** Named in jOOQ's code generation (pom.xml forcedTypes). */
    public static final class Converter extends StoredEnumConverter<SubscriberStatus> {
        public Converter() {
            super(SubscriberStatus.class);
        }
    }
}
