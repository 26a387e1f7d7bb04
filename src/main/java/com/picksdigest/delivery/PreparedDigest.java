package com.picksdigest.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A digest rendered and encoded once for everyone who gets the same picks with the same time zone, locale,
 * format and greeting; per subscriber only the headers and the slot values are written.
 */
final class PreparedDigest {
    /** '=' never appears literally in quoted-printable text, so this boundary cannot collide with a body. */
    private static final String BOUNDARY = "=_picks_alt_7f3a9c";

    private static final byte[] TEXT_START = ascii("--" + BOUNDARY + "\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n" + "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
    private static final byte[] HTML_START = ascii("\r\n--" + BOUNDARY + "\r\n"
            + "Content-Type: text/html; charset=UTF-8\r\n" + "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
    private static final byte[] END = ascii("\r\n--" + BOUNDARY + "--\r\n");

    private final String subject;
    private final PreparedBody text;
    private final PreparedBody html;

    PreparedDigest(String subject, PreparedBody text, PreparedBody html) {
        this.subject = subject;
        this.text = text;
        this.html = html;
    }

    String subject() {
        return subject;
    }

    String contentType() {
        return html == null ? "text/plain; charset=UTF-8" : "multipart/alternative; boundary=\"" + BOUNDARY + "\"";
    }

    boolean multipart() {
        return html != null;
    }

    /** The body after the message headers and their blank line. */
    void writeBody(OutputStream out, String token, String name) throws IOException {
        if (html == null) {
            text.writeTo(out, token, name);
            return;
        }
        out.write(TEXT_START);
        text.writeTo(out, token, name);
        out.write(HTML_START);
        html.writeTo(out, token, name);
        out.write(END);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
