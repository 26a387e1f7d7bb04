package com.picksdigest.delivery;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.SendConfig;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.PickLinks;
import com.picksdigest.digest.PickSelector;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.SubscriberStatus;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a batch of claimed deliveries to their end: select, render, build, send, record. Picks are selected
 * once per (followed categories, watermark) group in the batch, since many subscribers share both.
 */
public final class DeliveryProcessor {
    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

    private static final long RECORD_WITHIN = TimeUnit.SECONDS.toNanos(1);

    private final DeliveryLedger ledger;
    private final DigestIds digestIds;
    private final PickSelector selector;
    private final DigestMessage messages;
    private final Optional<UnaryOperator<MimeMessage>> dkim;
    private final LinkTokens tokens;
    private final MailConfig mail;
    private final SendConfig send;
    private final RateLimiter rate;
    private final Clock clock;
    private final PreparedDigests prepared;
    private final PickLinks links;
    private final DigestComposer composer;
    private final DigestTemplates templates;

    /**
     * @param dkim  signs each message, when DKIM is configured
     * @param links rewrites each delivery's pick links (click tracking) or leaves them as they are
     */
    public DeliveryProcessor(
            DeliveryLedger ledger,
            DigestIds digestIds,
            PickSelector selector,
            DigestComposer composer,
            DigestTemplates templates,
            DigestMessage messages,
            Optional<UnaryOperator<MimeMessage>> dkim,
            LinkTokens tokens,
            MailConfig mail,
            SendConfig send,
            Clock clock,
            PickLinks links) {
        this.links = links;
        this.ledger = ledger;
        this.digestIds = digestIds;
        this.selector = selector;
        this.messages = messages;
        this.dkim = dkim;
        this.tokens = tokens;
        this.mail = mail;
        this.send = send;
        this.rate = new RateLimiter(send.ratePerSecond());
        this.clock = clock;
        this.prepared = new PreparedDigests(composer, templates);
        this.composer = composer;
        this.templates = templates;
    }

    /**
     * Outcomes waiting to be written. Written every {@code PICKS_SEND_RECORD_EVERY} sends, once the oldest has
     * waited a second, and at the end of each batch: a crash loses at most that many records per worker (and
     * never more than its last second of sends), and those are the only messages a restart can send twice
     * (a graceful stop writes them all).
     */
    private final class Outcomes {
        final List<DeliveryLedger.Sent> sent = new ArrayList<>();
        final List<DeliveryLedger.Finished> finished = new ArrayList<>();
        private long oldestNanos;

        void sent(DeliveryLedger.Sent s) {
            if (sent.isEmpty()) oldestNanos = System.nanoTime();
            sent.add(s);
        }

        void flushIfFull() {
            if (sent.size() >= send.recordEvery()
                    || (!sent.isEmpty() && System.nanoTime() - oldestNanos > RECORD_WITHIN)) {
                flush();
            }
        }

        void flush() {
            ledger.recordSent(sent, now());
            ledger.recordFinished(finished, now());
            sent.clear();
            finished.clear();
        }
    }

    /**
     * @param carryOn asked before each delivery; once false, the deliveries not yet started are handed back to the
     *                queue (a stopping node, or a batch about to outlive its claim and be taken by another worker)
     */
    public void process(List<Claim> claims, SmtpConnection smtp, RunStats stats, BooleanSupplier carryOn) {
        LocalDateTime cutoff = now();
        Map<Long, Set<Integer>> follows =
                selector.follows(claims.stream().map(Claim::subscriberId).toList());
        LocalDateTime earliest = cutoff;
        for (Claim c : claims) {
            LocalDateTime after = after(c, cutoff);
            if (after.isBefore(earliest)) earliest = after;
        }
        List<SelectedPick> window = selector.window(earliest, cutoff);
        // Who gets a message is decided up front, so that each send can announce the next (one round trip each).
        List<Plan> plans = new ArrayList<>(claims.size());
        for (Claim c : claims) plans.add(plan(c, window, follows, cutoff));
        Outcomes outcomes = new Outcomes();
        try {
            for (int i = 0; i < plans.size(); i++) {
                if (!carryOn.getAsBoolean()) {
                    ledger.release(claims.subList(i, claims.size()), now());
                    return;
                }
                Plan p = plans.get(i);
                if (p.outcome() != null) {
                    outcomes.finished.add(p.outcome());
                    switch (p.outcome().status()) {
                        case SUPPRESSED -> stats.suppressed.increment();
                        case SKIPPED -> stats.skipped.increment();
                        default -> stats.failed.increment();
                    }
                    continue;
                }
                deliver(p, nextEnvelope(plans, i + 1), cutoff, smtp, stats, outcomes);
                outcomes.flushIfFull();
            }
        } finally {
            smtp.abandonOpenTransaction();
            outcomes.flush();
        }
    }

    /** One claim's fate before anything is built: the picks and the address to send to, or an outcome without a message. */
    private record Plan(
            Claim claim, List<SelectedPick> picks, SmtpSession.Envelope envelope, DeliveryLedger.Finished outcome) {}

    private Plan plan(Claim c, List<SelectedPick> window, Map<Long, Set<Integer>> follows, LocalDateTime cutoff) {
        if (!SubscriberStatus.ACTIVE.db().equals(c.status())) {
            return new Plan(
                    c,
                    null,
                    null,
                    new DeliveryLedger.Finished(c, DeliveryStatus.SUPPRESSED, "subscriber is " + c.status()));
        }
        List<SelectedPick> picks =
                selector.choose(window, follows.getOrDefault(c.subscriberId(), Set.of()), after(c, cutoff));
        if (picks.isEmpty()) {
            return new Plan(
                    c,
                    null,
                    null,
                    new DeliveryLedger.Finished(c, DeliveryStatus.SKIPPED, "nothing new since the last digest"));
        }
        try {
            String to = new InternetAddress(c.email(), true).getAddress();
            return new Plan(c, picks, new SmtpSession.Envelope(mail.envelopeFrom(c.deliveryId()), to), null);
        } catch (MessagingException e) {
            return new Plan(c, null, null, cannotBuild(c, e));
        }
    }

    private static DeliveryLedger.Finished cannotBuild(Claim c, MessagingException e) {
        log.warn(
                "Delivery {} to subscriber {} failed before sending: {}",
                c.deliveryId(),
                c.subscriberId(),
                e.getMessage());
        return new DeliveryLedger.Finished(c, DeliveryStatus.FAILED, "cannot build the message: " + e.getMessage());
    }

    private static SmtpSession.Envelope nextEnvelope(List<Plan> plans, int from) {
        for (int i = from; i < plans.size(); i++) {
            if (plans.get(i).envelope() != null) return plans.get(i).envelope();
        }
        return null;
    }

    private LocalDateTime after(Claim c, LocalDateTime cutoff) {
        return c.watermark() != null ? c.watermark() : cutoff.minus(mail.newSubscriberLookback(c.weekly()));
    }

    private void deliver(
            Plan p,
            SmtpSession.Envelope next,
            LocalDateTime cutoff,
            SmtpConnection smtp,
            RunStats stats,
            Outcomes outcomes) {
        Claim c = p.claim();
        List<SelectedPick> picks = p.picks();
        long start = System.nanoTime();
        String token = tokens.issue(c.subscriberId(), c.tokenVersion());
        MessagePayload message;
        String messageId;
        try {
            if (links == PickLinks.DIRECT) {
                PreparedDigest digest = prepared.get(new PreparedDigests.Key(
                        picks, c.editionDate(), c.timezone(), c.locale(), c.textOnly(), c.name() != null));
                DigestMessage.PreparedMessage m = messages.prepared(digest, c.email(), c.name(), token);
                messageId = m.messageId();
                message = dkim.isPresent() ? MessagePayload.of(dkim.get().apply(m.toMimeMessage())) : m;
            } else {
                // tracked links differ for every delivery, so there is nothing to share: render this one alone
                DigestModel model = composer.compose(
                        c.editionDate(),
                        links.forDelivery(c.deliveryId(), picks),
                        new DigestComposer.Recipient(c.name(), c.timezone(), c.locale(), token));
                String text = templates.renderText(model);
                String html = c.textOnly() ? null : templates.renderHtml(model);
                MimeMessage m = messages.build(c.email(), c.name(), token, model, text, html);
                messageId = m.getMessageID();
                message = MessagePayload.of(dkim.isPresent() ? dkim.get().apply(m) : m);
            }
        } catch (MessagingException e) {
            outcomes.finished.add(cannotBuild(c, e));
            stats.failed.increment();
            return;
        }
        rate.acquire();
        long t0 = System.nanoTime();
        SendResult result = smtp.send(message, p.envelope(), next);
        stats.recordSend(start, t0);
        if (result instanceof SendResult.Accepted a) {
            outcomes.sent(new DeliveryLedger.Sent(
                    c,
                    messageId,
                    a.reply(),
                    cutoff,
                    digestIds.idFor(picks.stream().map(SelectedPick::id).toList())));
            stats.sent.increment();
        } else if (result instanceof SendResult.Unavailable u) {
            // An outage of the relay, however long, must not use up the subscriber's attempts and fail the edition.
            ledger.markDeferred(c, u.reply(), now().plus(backoff(c.attempts())), now());
            stats.retried.increment();
            log.warn("Delivery {} deferred, the relay is unavailable: {}", c.deliveryId(), u.reply());
        } else if (result instanceof SendResult.Permanent refused) {
            outcomes.finished.add(new DeliveryLedger.Finished(c, DeliveryStatus.FAILED, refused.reply()));
            stats.failed.increment();
            log.warn("Delivery {} failed permanently: {}", c.deliveryId(), refused.reply());
        } else if (c.attempts() >= send.maxAttempts()) {
            outcomes.finished.add(new DeliveryLedger.Finished(
                    c, DeliveryStatus.FAILED, "gave up after " + c.attempts() + " attempts: " + result.reply()));
            stats.failed.increment();
            log.warn("Delivery {} failed after {} attempts: {}", c.deliveryId(), c.attempts(), result.reply());
        } else {
            ledger.markRetry(c, result.reply(), now().plus(backoff(c.attempts())), now());
            stats.retried.increment();
        }
    }

    /** Exponential: base, 2x base, 4x base ... capped at a day. */
    Duration backoff(int attemptsSoFar) {
        long factor = 1L << Math.min(Math.max(attemptsSoFar - 1, 0), 20);
        Duration d = send.retryBase().multipliedBy(factor);
        return d.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : d;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
