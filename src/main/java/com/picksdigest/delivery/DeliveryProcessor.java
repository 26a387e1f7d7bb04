package com.picksdigest.delivery;

import com.picksdigest.common.RateLimiter;
import com.picksdigest.config.MailConfig;
import com.picksdigest.config.SendConfig;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestPlanner;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.PickLinks;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.MailChannel;
import com.picksdigest.mail.SendResult;
import com.picksdigest.subscribers.LinkTokens;
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
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a batch of claimed deliveries to their end: plan (what each digest holds), build, send, record. The plan
 * for the whole batch comes from one read of the picks, since many subscribers share them.
 */
public final class DeliveryProcessor {
    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

    private final DeliveryLedger ledger;
    private final DigestIds digestIds;
    private final DigestPlanner planner;
    private final DigestBuilder builder;
    private final MailConfig mail;
    private final SendConfig send;
    private final RetryPolicy retries;
    private final RateLimiter rate;
    private final Clock clock;

    /**
     * @param dkim  signs each message, when DKIM is configured
     * @param links rewrites each delivery's pick links (click tracking) or leaves them as they are
     */
    public DeliveryProcessor(
            DeliveryLedger ledger,
            DigestIds digestIds,
            DigestPlanner planner,
            DigestComposer composer,
            DigestTemplates templates,
            DigestMessage messages,
            Optional<UnaryOperator<MimeMessage>> dkim,
            LinkTokens tokens,
            MailConfig mail,
            SendConfig send,
            Clock clock,
            PickLinks links) {
        this.ledger = ledger;
        this.digestIds = digestIds;
        this.planner = planner;
        this.builder = new DigestBuilder(composer, templates, messages, dkim, tokens, links);
        this.mail = mail;
        this.send = send;
        this.retries = new RetryPolicy(send.retryBase(), send.retryBudget(), send.maxAttempts());
        this.rate = new RateLimiter(send.ratePerSecond());
        this.clock = clock;
    }

    /**
     * @param carryOn asked before each delivery; once false, the deliveries not yet started are handed back to the
     *                queue (a stopping node, or a batch about to outlive its claim and be taken by another worker)
     */
    public void process(List<Claim> claims, MailChannel smtp, RunStats stats, BooleanSupplier carryOn) {
        DigestPlanner.Cut cut = planner.cutNow();
        Map<Long, List<SelectedPick>> digests =
                planner.plan(claims.stream().map(Claim::reader).toList(), cut);
        // Who gets a message is decided up front, so that each send can announce the next (one round trip each).
        List<Plan> plans = new ArrayList<>(claims.size());
        for (Claim c : claims) plans.add(plan(c, digests.get(c.subscriberId())));
        LedgerWrites writes = new LedgerWrites(ledger, send.recordEvery(), clock);
        try {
            for (int i = 0; i < plans.size(); i++) {
                if (!carryOn.getAsBoolean()) {
                    ledger.release(claims.subList(i, claims.size()), now());
                    return;
                }
                Plan p = plans.get(i);
                if (p.outcome() != null) {
                    writes.finished(p.outcome());
                    switch (p.outcome().status()) {
                        case SUPPRESSED -> stats.suppressed.increment();
                        case SKIPPED -> stats.skipped.increment();
                        default -> stats.failed.increment();
                    }
                    continue;
                }
                deliver(p, nextEnvelope(plans, i + 1), cut, smtp, stats, writes);
                writes.flushIfDue();
            }
        } finally {
            smtp.abandonOpenTransaction();
            writes.flush();
        }
    }

    /** One claim's fate before anything is built: the picks and the envelope, or an outcome without a message. */
    private record Plan(Claim claim, List<SelectedPick> picks, Envelope envelope, DeliveryLedger.Finished outcome) {}

    private Plan plan(Claim c, List<SelectedPick> picks) {
        if (SubscriberStatus.ACTIVE != c.status()) {
            return new Plan(
                    c,
                    null,
                    null,
                    new DeliveryLedger.Finished(c, DeliveryStatus.SUPPRESSED, "subscriber is " + c.status()));
        }
        if (picks.isEmpty()) {
            return new Plan(
                    c,
                    null,
                    null,
                    new DeliveryLedger.Finished(c, DeliveryStatus.SKIPPED, "nothing new since the last digest"));
        }
        try {
            String to = new InternetAddress(c.email(), true).getAddress();
            return new Plan(c, picks, new Envelope(mail.envelopeFrom(c.deliveryId()), to), null);
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

    private static Envelope nextEnvelope(List<Plan> plans, int from) {
        for (int i = from; i < plans.size(); i++) {
            if (plans.get(i).envelope() != null) return plans.get(i).envelope();
        }
        return null;
    }

    private void deliver(
            Plan p, Envelope next, DigestPlanner.Cut cut, MailChannel smtp, RunStats stats, LedgerWrites writes) {
        Claim c = p.claim();
        long start = System.nanoTime();
        DigestBuilder.Built built;
        try {
            built = builder.build(c, p.picks());
        } catch (MessagingException e) {
            writes.finished(cannotBuild(c, e));
            stats.failed.increment();
            return;
        }
        rate.acquire();
        long t0 = System.nanoTime();
        SendResult result = smtp.send(built.message(), p.envelope(), next);
        stats.recordSend(start, t0);
        if (result instanceof SendResult.Accepted a) {
            writes.sent(new DeliveryLedger.Sent(
                    c,
                    built.messageId(),
                    a.reply(),
                    cut,
                    digestIds.idFor(p.picks().stream().map(SelectedPick::id).toList()),
                    smtp.relay()));
            stats.sent.increment();
        } else if (result instanceof SendResult.Unavailable u) {
            // An outage of the relay, however long, must not use up the subscriber's attempts and fail the edition.
            ledger.markDeferred(c, u.reply(), now().plus(retries.jittered(c.attempts())), now());
            stats.retried.increment();
            log.warn("Delivery {} deferred, the relay is unavailable: {}", c.deliveryId(), u.reply());
        } else if (result instanceof SendResult.Permanent refused) {
            writes.finished(new DeliveryLedger.Finished(c, DeliveryStatus.FAILED, refused.reply(), smtp.relay()));
            stats.failed.increment();
            log.warn("Delivery {} failed permanently: {}", c.deliveryId(), refused.reply());
        } else {
            retryOrGiveUp(c, result.reply(), smtp.relay(), stats, writes);
        }
    }

    /** A transient failure: tried again after a backoff while its time budget lasts, then failed with the reply. */
    private void retryOrGiveUp(Claim c, String reply, String relay, RunStats stats, LedgerWrites writes) {
        LocalDateTime now = now();
        DeliveryLedger.RetryFacts facts = ledger.retryFacts(c.deliveryId());
        LocalDateTime retryAt = facts == null
                ? null
                : retries.nextAttempt(
                        c.attempts(),
                        now,
                        retries.deadline(facts.created(), c.editionDate(), facts.sendHour(), c.timezone(), c.weekly()));
        if (retryAt != null) {
            ledger.markRetry(c, reply, relay, retryAt, now);
            stats.retried.increment();
            return;
        }
        String tried = facts == null ? "" : " over " + words(Duration.between(facts.created(), now));
        writes.finished(new DeliveryLedger.Finished(
                c, DeliveryStatus.FAILED, "gave up after " + c.attempts() + " attempts" + tried + ": " + reply, relay));
        stats.failed.increment();
        log.warn("Delivery {} failed after {} attempts{}: {}", c.deliveryId(), c.attempts(), tried, reply);
    }

    /** "2 h 5 min", "12 min", "40 s": how long a delivery was retried, for its last reply and the log. */
    static String words(Duration d) {
        long h = d.toHours();
        long min = d.toMinutesPart();
        if (h > 0) return h + " h " + min + " min";
        if (min > 0) return min + " min";
        return d.toSecondsPart() + " s";
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
