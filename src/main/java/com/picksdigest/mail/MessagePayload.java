package com.picksdigest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The bytes of one message as they travel between DATA and the final dot. */
public interface MessagePayload {
    /**
     * Writes the message with CRLF line ends and no line starting with a '.' that is not doubled (RFC 5321 4.5.2),
     * so the transport can copy it to the socket without looking at every byte.
     */
    void writeTo(OutputStream out) throws IOException;

    /** Any message built with Jakarta Mail (notices, test sends, DKIM-signed digests): written once, then stuffed. */
    static MessagePayload of(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(32 * 1024);
        try {
            message.writeTo(raw);
        } catch (IOException e) {
            throw new MessagingException("cannot write the message: " + e.getMessage(), e);
        }
        byte[] bytes = raw.toByteArray();
        return out -> DotStuffing.write(bytes, bytes.length, out);
    }
}
