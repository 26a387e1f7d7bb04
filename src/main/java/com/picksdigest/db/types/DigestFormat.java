package com.picksdigest.db.types;

/** subscribers.format: HTML with a plain-text alternative, or plain text only. */
public enum DigestFormat {
    HTML,
    TEXT;

    /** The word in the database; also what pages, JSON and templates show, as before the column was typed. */
    public String stored() {
        return StoredEnumConverter.stored(this);
    }

    /** The value for a word as a user or a file spells it, in any case; null when it names none. */
    public static DigestFormat parse(String word) {
        for (DigestFormat v : values()) if (v.stored().equalsIgnoreCase(word.strip())) return v;
        return null;
    }

    @Override
    public String toString() {
        return stored();
    }

    /** Named in jOOQ's code generation (pom.xml forcedTypes). */
    public static final class Converter extends StoredEnumConverter<DigestFormat> {
        public Converter() {
            super(DigestFormat.class);
        }
    }
}
