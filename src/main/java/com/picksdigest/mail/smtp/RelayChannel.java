package com.picksdigest.mail.smtp;

import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.MailChannel;
import com.picksdigest.mail.MessagePayload;
import com.picksdigest.mail.SendResult;
import javax.net.ssl.SSLSocketFactory;

/**
 * One worker's way out through several relays: a reused connection to each, opened on first use. Each message goes
 * where the pool says; a relay that cannot be reached or answers 421 is taken out and the same message goes to
 * another at once (nothing was accepted), so a relay outage costs the edition neither a retry nor an attempt.
 */
final class RelayChannel implements MailChannel {
    private final RelayPool pool;
    private final SmtpConnection[] connections;
    private final String heloName;
    private final SSLSocketFactory tls;
    private RelayPool.Relay current;
    /** The message announced after the last one, and the relay chosen for it then. */
    private Envelope nextEnvelope;

    private RelayPool.Relay nextRelay;

    RelayChannel(RelayPool pool, String heloName, SSLSocketFactory tls) {
        this.pool = pool;
        this.connections = new SmtpConnection[pool.size()];
        this.heloName = heloName;
        this.tls = tls;
    }

    @Override
    public SendResult send(MessagePayload message, Envelope envelope, Envelope next) {
        RelayPool.Relay r = nextRelay != null && envelope.equals(nextEnvelope) ? nextRelay : pool.choose(current);
        nextEnvelope = null;
        nextRelay = null;
        for (int tries = 0; tries <= pool.size(); tries++) {
            if (r == null) {
                return new SendResult.Unavailable("every relay is taken out for a back-off: " + pool.outList());
            }
            // the next message's relay is chosen now: only on the same relay can it be announced behind this one
            RelayPool.Relay following = next == null ? null : pool.choose(r);
            if (r.rate != null) r.rate.acquire();
            SendResult result = connection(r).send(message, envelope, following == r ? next : null);
            if (result instanceof SendResult.Unavailable || result.reply().startsWith("421")) {
                r.unavailable.increment();
                pool.takeOut(r, result.reply());
                if (following != null) following.assigned.decrementAndGet();
                r = pool.choose(null);
                continue;
            }
            pool.answered(r);
            if (result instanceof SendResult.Accepted) r.accepted.increment();
            else if (result instanceof SendResult.Permanent) r.permanentFailures.increment();
            else r.transientFailures.increment();
            current = r;
            nextEnvelope = next;
            nextRelay = following;
            return result;
        }
        return new SendResult.Unavailable("no relay took the message: " + pool.outList());
    }

    @Override
    public String relay() {
        return current == null ? null : current.name();
    }

    private SmtpConnection connection(RelayPool.Relay r) {
        SmtpConnection c = connections[r.index];
        if (c == null) c = connections[r.index] = new SmtpConnection(r.name(), r.cfg.smtp(), heloName, tls);
        return c;
    }

    @Override
    public void abandonOpenTransaction() {
        for (SmtpConnection c : connections) if (c != null) c.abandonOpenTransaction();
        nextEnvelope = null;
        nextRelay = null;
    }

    @Override
    public void close() {
        for (SmtpConnection c : connections) if (c != null) c.close();
    }
}
