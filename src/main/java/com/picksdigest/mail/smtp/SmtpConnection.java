package com.picksdigest.mail.smtp;

import com.picksdigest.config.SmtpConfig;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.MailChannel;
import com.picksdigest.mail.MessagePayload;
import com.picksdigest.mail.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import javax.net.ssl.SSLSocketFactory;

/**
 * One worker's connection to the relay, opened on first use and reused for every message after; closed and
 * reopened after any failure so a half-finished SMTP transaction never leaks into the next message.
 */
public final class SmtpConnection implements MailChannel {
    private final SmtpConfig cfg;
    private final String name;
    private final String heloName;
    private final SSLSocketFactory tls;
    private SmtpSession session;

    SmtpConnection(SmtpConfig cfg, String heloName) {
        this(cfg, heloName, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tls whose certificates to trust (the JVM's by default) */
    SmtpConnection(SmtpConfig cfg, String heloName, SSLSocketFactory tls) {
        this(cfg.requireHost() + ":" + cfg.port(), cfg, heloName, tls);
    }

    /** @param name how the relay is named in figures (its configured name) */
    SmtpConnection(String name, SmtpConfig cfg, String heloName, SSLSocketFactory tls) {
        this.name = name;
        this.cfg = cfg;
        this.heloName = heloName;
        this.tls = tls;
    }

    @Override
    public String relay() {
        return name;
    }

    /** A message built with Jakarta Mail (a notice, a test send), nothing announced after it. */
    SendResult send(MimeMessage message, Envelope envelope) {
        MessagePayload payload;
        try {
            payload = MessagePayload.of(message);
        } catch (MessagingException | RuntimeException e) {
            return new SendResult.Permanent("cannot write the message: " + oneLine(e.getMessage()));
        }
        return send(payload, envelope, null);
    }

    /**
     * @param envelope the MAIL FROM (Return-Path) and RCPT TO of this message
     * @param next     the envelope of the message the caller sends next, if it knows: see {@link SmtpSession#send}
     */
    @Override
    public SendResult send(MessagePayload message, Envelope envelope, Envelope next) {
        if (!fitForEnvelope(envelope.to())) {
            return new SendResult.Permanent("the address cannot be written in an SMTP envelope");
        }
        if (!fitForEnvelope(envelope.from())) {
            return new SendResult.Permanent(
                    "the envelope sender \"" + oneLine(envelope.from()) + "\" cannot be written in an SMTP envelope");
        }
        boolean utf8 = envelope.needsSmtpUtf8();
        // sent ahead only when plain: whether this relay takes a UTF-8 envelope is learnt when it is this message's
        // turn
        if (next != null && !(fitForEnvelope(next.to()) && fitForEnvelope(next.from()) && !next.needsSmtpUtf8())) {
            next = null;
        }
        // a message sent ahead that is not this one (its build failed, the worker is stopping) is dropped with the
        // connection
        if (session != null && session.opened() != null && !session.opened().equals(envelope)) close();
        if (session == null) {
            try {
                session = SmtpSession.open(cfg, heloName, tls);
            } catch (IOException | RuntimeException e) {
                // Refused connections, 421 greetings and AUTH failures are about the relay, not this message:
                // never a reason to give up on the subscriber.
                return new SendResult.Unavailable(
                        "cannot connect to " + cfg.requireHost() + ":" + cfg.port() + ": " + describe(e));
            }
        }
        // Written without SMTPUTF8 each character would go as its low byte: another mailbox, or SMTP syntax
        // smuggled into the command. Kept as the reason rather than sent mangled.
        if (utf8 && !session.smtpUtf8()) {
            return new SendResult.Permanent("the address has non-ASCII characters and the relay " + cfg.requireHost()
                    + " does not offer SMTPUTF8 (RFC 6531): not sent");
        }
        try {
            SmtpReply reply = session.send(envelope, message, next);
            if (reply.code() == 250) return new SendResult.Accepted(reply.toString());
            close();
            // The reply code decides: 5xx is permanent, anything else is worth a retry.
            return reply.permanent()
                    ? new SendResult.Permanent(reply.toString())
                    : new SendResult.Transient(reply.toString());
        } catch (IOException e) {
            close();
            return new SendResult.Transient(describe(e));
        } catch (RuntimeException e) {
            close();
            return new SendResult.Transient("client error: " + e);
        }
    }

    /** Closes the connection if the relay waits for the content of a message sent ahead that will not come now. */
    @Override
    public void abandonOpenTransaction() {
        if (session != null && session.opened() != null) close();
    }

    /** Whether the open session pipelines (the relay offered PIPELINING); false before the first send. */
    boolean pipelining() {
        return session != null && session.pipelining();
    }

    /** No space, control or angle bracket: nothing that would end the address inside MAIL FROM or RCPT TO. */
    private static boolean fitForEnvelope(String address) {
        if (address == null || address.isEmpty() || address.length() > 320) return false;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= 0x20 || c == '<' || c == '>') return false;
            if (c >= 0x7f && (c <= 0xa0 || Character.isWhitespace(c) || Character.isSurrogate(c))) return false;
        }
        return true;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return oneLine(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
