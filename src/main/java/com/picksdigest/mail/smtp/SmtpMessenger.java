package com.picksdigest.mail.smtp;

import com.picksdigest.config.RelaysConfig;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.MailChannel;
import com.picksdigest.mail.MessagePayload;
import com.picksdigest.mail.Messenger;
import com.picksdigest.mail.SendResult;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * Mail through the configured relays, over the application's own ESMTP client. One relay without a rate of its own
 * (the default) is a plain reused connection per worker, exactly as before there were several: spreading,
 * back-off and per-relay figures cost that path nothing.
 */
public final class SmtpMessenger implements Messenger {
    private final RelaysConfig relays;
    private final String heloName;
    /** Null with one plain relay. */
    private final RelayPool pool;

    /** @param heloName what this client calls itself in EHLO: the sender's domain, not this host's name */
    public SmtpMessenger(RelaysConfig relays, String heloName, MeterRegistry registry) {
        this.relays = relays;
        this.heloName = heloName;
        this.pool = plain() ? null : new RelayPool(relays, registry);
    }

    private boolean plain() {
        return relays.relays().size() <= 1 && relays.relays().stream().allMatch(r -> r.ratePerSecond() == 0);
    }

    private SmtpConnection single() {
        relays.require();
        RelaysConfig.Relay only = relays.relays().get(0);
        return new SmtpConnection(only.name(), only.smtp(), heloName, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    @Override
    public MailChannel openChannel() {
        if (pool == null) return single();
        return new RelayChannel(pool, heloName, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    @Override
    public SendResult send(MimeMessage message, Envelope envelope) {
        if (pool == null) {
            try (SmtpConnection c = single()) {
                return c.send(message, envelope);
            }
        }
        MessagePayload payload;
        try {
            payload = MessagePayload.of(message);
        } catch (MessagingException | RuntimeException e) {
            return new SendResult.Permanent("cannot write the message: " + e.getMessage());
        }
        try (MailChannel c = openChannel()) {
            return c.send(payload, envelope, null);
        }
    }

    /**
     * A TCP connection to each relay and nothing more: the health report must not cost a relay a session. With
     * several, sending goes on while one is reachable, so that is "ok"; the ones that are not are named.
     */
    @Override
    public String probe(Duration timeout) {
        if (relays.relays().isEmpty()) return "unreachable: no relay configured";
        List<String> down = new ArrayList<>();
        for (RelaysConfig.Relay r : relays.relays()) {
            String p = probe(r.smtp(), timeout);
            if (!p.equals("ok")) down.add(relays.relays().size() == 1 ? p : r.name() + " " + p);
        }
        if (down.size() < relays.relays().size()) return "ok";
        return String.join("; ", down);
    }

    private static String probe(SmtpConfig relay, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(relay.requireHost(), relay.port()), (int) timeout.toMillis());
            return "ok";
        } catch (IOException e) {
            return "unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
