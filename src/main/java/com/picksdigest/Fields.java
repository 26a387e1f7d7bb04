package com.picksdigest;

/** Checks for user- and feed-supplied text before it is stored; every refusal names the field. */
public final class Fields {
    private Fields() {}

    /** A single line: anything that may end up in a mail header must never carry CR, LF or other controls. */
    public static String line(String field, String value, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            if (required) throw new InvalidInputException(field + " is required.");
            return null;
        }
        if (v.length() > max) throw new InvalidInputException(field + " is longer than " + max + " characters.");
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException(field + " must be a single line without control characters.");
        }
        return v;
    }

    /** Multi-line text: newlines and tabs allowed, other control characters not. */
    public static String text(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) return null;
        if (v.length() > max) throw new InvalidInputException(field + " is longer than " + max + " characters.");
        if (v.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)) {
            throw new InvalidInputException(field + " must not contain control characters.");
        }
        return v.replace("\r\n", "\n");
    }
}
