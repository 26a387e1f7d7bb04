package com.picksdigest.mail.smtp;

import com.picksdigest.config.SmtpConfig;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.MailChannel;
import com.picksdigest.mail.Messenger;
import com.picksdigest.mail.SendResult;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Mail through one relay, over the application's own ESMTP client. */
public final class SmtpMessenger implements Messenger {
    private final SmtpConfig relay;
    private final String heloName;

    /** @param heloName what this client calls itself in EHLO: the sender's domain, not this host's name */
    public SmtpMessenger(SmtpConfig relay, String heloName) {
        this.relay = relay;
        this.heloName = heloName;
    }

    @Override
    public MailChannel openChannel() {
        return new SmtpConnection(relay, heloName);
    }

    @Override
    public SendResult send(MimeMessage message, Envelope envelope) {
        try (SmtpConnection c = new SmtpConnection(relay, heloName)) {
            return c.send(message, envelope);
        }
    }

    /** A TCP connection to the relay and nothing more: the health report must not cost the relay a session. */
    @Override
    public String probe(Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(relay.requireHost(), relay.port()), (int) timeout.toMillis());
            return "ok";
        } catch (IOException e) {
            return "unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
