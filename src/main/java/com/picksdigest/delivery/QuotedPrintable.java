package com.picksdigest.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 2045 quoted-printable for UTF-8 text, written for the digest's pre-encoded bodies: every encoded piece
 * starts at column 0, and {@link #softBreak} ends a piece mid-line, so pieces encoded separately (once per
 * digest group, or once per subscriber) join into a valid body with lines of at most 76 characters.
 */
final class QuotedPrintable {
    static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private QuotedPrintable() {}

    /** Encodes text (any of \n, \r\n as line ends) starting at column 0; returns the column it ends at. */
    static int encode(String text, ByteArrayOutputStream out) {
        byte[] b = text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        int col = 0;
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == '\n') {
                out.write('\r');
                out.write('\n');
                col = 0;
                continue;
            }
            boolean lineEndsNext = i + 1 == b.length || b[i + 1] == '\n';
            boolean literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !lineEndsNext);
            int width = literal ? 1 : 3;
            // keep room for the '=' of a soft break at the end of the line
            if (col + width > MAX_LINE - 1) {
                softBreak(out);
                col = 0;
            }
            // a '.' opening a line (after a line end or a soft break) is encoded, so the body never needs SMTP
            // dot-stuffing
            if (c == '.' && col == 0) {
                literal = false;
                width = 3;
            }
            if (literal) {
                out.write(c);
            } else {
                out.write('=');
                out.write(HEX[c >> 4]);
                out.write(HEX[c & 0xf]);
            }
            col += width;
        }
        return col;
    }

    static void softBreak(ByteArrayOutputStream out) {
        out.write('=');
        out.write('\r');
        out.write('\n');
    }
}
