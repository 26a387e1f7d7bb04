package com.picksdigest.web.api;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page ended: the last row's sort key and id, opaque to the caller (base64url). The next page starts
 * strictly after that pair, so rows inserted meanwhile never shift a page: none is skipped, none comes twice.
 */
record Cursor(String key, long id) {
    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((key + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a page sorted by creation time: the created-at it ended at; 400 for a key that is not one. */
    LocalDateTime createdAt() {
        try {
            return LocalDateTime.parse(key);
        } catch (DateTimeParseException e) {
            throw notOurs();
        }
    }

    /** null for no cursor (the first page); 400 for one we did not write. */
    static Cursor decode(String raw) {
        if (raw == null || raw.isBlank()) return null;
        try {
            String s = new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8);
            int nl = s.lastIndexOf('\n');
            if (nl < 0) throw new IllegalArgumentException();
            return new Cursor(s.substring(0, nl), Long.parseLong(s.substring(nl + 1)));
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    private static Problem notOurs() {
        return Problem.badRequest("The cursor is not one this API gave out; start again without it.");
    }
}
