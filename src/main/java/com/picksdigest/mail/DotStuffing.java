package com.picksdigest.mail;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Makes arbitrary message bytes safe for SMTP DATA in one pass over an array: bare CR or LF become CRLF, and a
 * '.' that starts a line is doubled. Runs without either are copied in one write.
 */
final class DotStuffing {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] DOT = {'.'};

    private DotStuffing() {}

    static void write(byte[] b, int len, OutputStream out) throws IOException {
        int run = 0;
        boolean lineStart = true;
        for (int i = 0; i < len; i++) {
            byte c = b[i];
            if (c == '\r' || c == '\n') {
                out.write(b, run, i - run);
                out.write(CRLF);
                if (c == '\r' && i + 1 < len && b[i + 1] == '\n') i++;
                run = i + 1;
                lineStart = true;
                continue;
            }
            if (lineStart && c == '.') {
                out.write(b, run, i - run);
                out.write(DOT);
                run = i; // the original dot goes out with the rest of the line
            }
            lineStart = false;
        }
        out.write(b, run, len - run);
    }
}
