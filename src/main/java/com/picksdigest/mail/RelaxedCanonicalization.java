package com.picksdigest.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DKIM's "relaxed" canonicalization (RFC 6376 3.4.2 and 3.4.4) over the bytes of a message as it is sent, CRLF line
 * ends. Header bytes are kept one to one as ISO-8859-1 characters, so an 8-bit header is hashed as it travels.
 */
final class RelaxedCanonicalization {
    private static final byte[] CRLF = {'\r', '\n'};

    /** One header field as it appears in the message: its name, and everything after the colon, folding included. */
    record Field(String name, String rawValue) {}

    /** The header fields and where the body starts. */
    record Parsed(List<Field> fields, int bodyStart) {}

    private RelaxedCanonicalization() {}

    static Parsed parse(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int headerEnd = end < 0 ? text.length() : end + 2;
        List<Field> fields = new ArrayList<>();
        int start = 0;
        while (start < headerEnd) {
            int lineEnd = text.indexOf("\r\n", start);
            // a field goes on over lines that start with whitespace (folding)
            while (lineEnd >= 0
                    && lineEnd + 2 < headerEnd
                    && (text.charAt(lineEnd + 2) == ' ' || text.charAt(lineEnd + 2) == '\t')) {
                lineEnd = text.indexOf("\r\n", lineEnd + 2);
            }
            if (lineEnd < 0) lineEnd = headerEnd;
            String field = text.substring(start, lineEnd);
            int colon = field.indexOf(':');
            if (colon > 0) fields.add(new Field(field.substring(0, colon), field.substring(colon + 1)));
            start = lineEnd + 2;
        }
        return new Parsed(fields, end < 0 ? message.length : end + 4);
    }

    /** "name:value" with the name lower-cased, the value unfolded, runs of whitespace made one space, ends trimmed. */
    static String header(String name, String rawValue) {
        String value = rawValue.replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name.strip().toLowerCase(Locale.ROOT) + ":" + value;
    }

    /**
     * SHA-256 of the relaxed body: whitespace at line ends dropped, runs of whitespace made one space, empty lines at
     * the end dropped, and a last line without CRLF given one.
     */
    static byte[] bodyHash(byte[] message, int bodyStart, MessageDigest sha256) {
        byte[] line = new byte[256];
        int emptyLines = 0;
        int i = bodyStart;
        while (i < message.length) {
            int lineEnd = i;
            while (lineEnd < message.length && !(message[lineEnd] == '\r' && next(message, lineEnd) == '\n')) {
                lineEnd++;
            }
            if (line.length < lineEnd - i) line = new byte[lineEnd - i];
            int n = 0;
            boolean space = false;
            for (int j = i; j < lineEnd; j++) {
                byte b = message[j];
                if (b == ' ' || b == '\t') {
                    space = true;
                } else {
                    if (space) line[n++] = ' ';
                    space = false;
                    line[n++] = b;
                }
            }
            if (n == 0) {
                emptyLines++;
            } else {
                for (; emptyLines > 0; emptyLines--) sha256.update(CRLF);
                sha256.update(line, 0, n);
                sha256.update(CRLF);
            }
            i = lineEnd + 2;
        }
        return sha256.digest();
    }

    private static int next(byte[] message, int i) {
        return i + 1 < message.length ? message[i + 1] : -1;
    }
}
