package com.picksdigest.common;

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
        requireWholeCharacters(field, v);
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
        requireWholeCharacters(field, v);
        return v.replace("\r\n", "\n");
    }

    /**
     * Invalid UTF-8 reaches us as U+FFFD (the web server and the CSV reader decode it so) or as an unpaired surrogate;
     * neither is what the person meant, and a surrogate cannot even be stored: refused rather than kept garbled.
     */
    private static void requireWholeCharacters(String field, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
            if (c == '\uFFFD' || (Character.isSurrogate(c) && !pair)) {
                throw new InvalidInputException(field + " contains bytes that are not valid UTF-8 text.");
            }
            if (pair) i++;
        }
    }
}
