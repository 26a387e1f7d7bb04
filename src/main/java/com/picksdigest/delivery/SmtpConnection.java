package com.picksdigest.delivery;

import com.picksdigest.config.SmtpConfig;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One worker's connection to the relay, opened on first use and reused for every message after; closed and
 * reopened after any failure so a half-finished SMTP transaction never leaks into the next message.
 */
public final class SmtpConnection implements AutoCloseable {
    private final SmtpConfig cfg;
    private final Session session;
    private Transport transport;

    public SmtpConnection(SmtpConfig cfg, String heloName) {
        this.cfg = cfg;
        this.session = Session.getInstance(properties(cfg, heloName));
    }

    static Properties properties(SmtpConfig cfg, String heloName) {
        Properties p = new Properties();
        String proto = cfg.tls() == SmtpConfig.Tls.SSL ? "smtps" : "smtp";
        String pre = "mail." + proto + ".";
        p.put("mail.transport.protocol", proto);
        p.put(pre + "host", cfg.requireHost());
        p.put(pre + "port", String.valueOf(cfg.port()));
        String ms = String.valueOf(cfg.timeout().toMillis());
        p.put(pre + "connectiontimeout", ms);
        p.put(pre + "timeout", ms);
        p.put(pre + "writetimeout", ms);
        // Without this the client resolves its own host name on every connection.
        p.put(pre + "localhost", heloName);
        if (cfg.tls() != SmtpConfig.Tls.SSL) p.put(pre + "socketFactory", new NoDelaySocketFactory());
        if (cfg.tls() == SmtpConfig.Tls.STARTTLS) {
            p.put(pre + "starttls.enable", "true");
            p.put(pre + "starttls.required", "true");
        }
        if (cfg.user().isPresent()) p.put(pre + "auth", "true");
        return p;
    }

    /**
     * @param envelopeFrom the MAIL FROM (Return-Path) for this message; the session is this connection's own,
     *                     so setting it per message is confined to the worker's thread
     */
    public SendResult send(MimeMessage message, Address recipient, String envelopeFrom) {
        // Addresses stored before EmailAddresses refused non-ASCII: written byte for byte they would reach someone else.
        if (!recipient.toString().chars().allMatch(c -> c < 0x7f)) {
            return new SendResult.Permanent("the address is not plain ASCII; the relay would receive it mangled");
        }
        session.getProperties().setProperty(cfg.tls() == SmtpConfig.Tls.SSL ? "mail.smtps.from" : "mail.smtp.from",
                envelopeFrom);
        try {
            if (transport == null || !transport.isConnected()) connect();
        } catch (MessagingException e) {
            close();
            // Refused connections, 421 greetings and AUTH failures are about the relay, not this message:
            // never a reason to give up on the subscriber.
            return new SendResult.Unavailable("cannot connect to " + cfg.requireHost() + ":" + cfg.port() + ": "
                    + oneLine(e.getMessage()));
        }
        try {
            transport.sendMessage(message, new Address[] {recipient});
            String reply = transport instanceof SMTPTransport t ? t.getLastServerResponse() : "250";
            return new SendResult.Accepted(reply == null ? "250" : reply.strip());
        } catch (MessagingException e) {
            close();
            return classify(e);
        } catch (RuntimeException e) {
            close();
            return new SendResult.Transient("client error: " + e);
        }
    }

    private void connect() throws MessagingException {
        close();
        Transport t = session.getTransport();
        if (cfg.user().isPresent()) {
            t.connect(cfg.requireHost(), cfg.port(), cfg.user().get(), cfg.password());
        } else {
            t.connect();
        }
        transport = t;
    }

    /** The SMTP reply code decides: 5xx is permanent, anything else (4xx, I/O, timeouts) is worth a retry. */
    static SendResult classify(MessagingException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            int code = -1;
            if (t instanceof SMTPAddressFailedException a) code = a.getReturnCode();
            else if (t instanceof SMTPSendFailedException s) code = s.getReturnCode();
            else if (t instanceof SMTPSenderFailedException s) code = s.getReturnCode();
            if (code >= 500) return new SendResult.Permanent(oneLine(t.getMessage()));
            if (code >= 400) return new SendResult.Transient(oneLine(t.getMessage()));
        }
        String text = oneLine(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) text = text + " (" + oneLine(String.valueOf(cause.getMessage())) + ")";
        // A 5xx greeting or AUTH refusal arrives without a typed exception; its text starts with the code.
        if (text.matches("^5\\d\\d[ -].*")) return new SendResult.Permanent(text);
        return new SendResult.Transient(text);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is being thrown away either way
            }
            transport = null;
        }
    }
}
