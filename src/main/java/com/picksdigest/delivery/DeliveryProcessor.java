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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a batch of claimed deliveries to their end: select, render, build, send, record. Picks are selected
 * once per (followed categories, watermark) group in the batch, since many subscribers share both.
 */
public final class DeliveryProcessor {
    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

    private final DeliveryLedger ledger;
    private final PickSelector selector;
    private final DigestComposer composer;
    private final DigestTemplates templates;
    private final DigestMessage messages;
    private final UnaryOperator<MimeMessage> signer;
    private final LinkTokens tokens;
    private final MailConfig mail;
    private final SendConfig send;
    private final RateLimiter rate;
    private final Clock clock;
    private final PickLinks links;

    public DeliveryProcessor(DeliveryLedger ledger, PickSelector selector, DigestComposer composer,
                             DigestTemplates templates, DigestMessage messages, UnaryOperator<MimeMessage> signer,
                             LinkTokens tokens, MailConfig mail, SendConfig send, Clock clock) {
        this(ledger, selector, composer, templates, messages, signer, tokens, mail, send, clock, PickLinks.DIRECT);
    }

    /** @param links rewrites each delivery's pick links (click tracking) or leaves them as they are */
    public DeliveryProcessor(DeliveryLedger ledger, PickSelector selector, DigestComposer composer,
                             DigestTemplates templates, DigestMessage messages, UnaryOperator<MimeMessage> signer,
                             LinkTokens tokens, MailConfig mail, SendConfig send, Clock clock, PickLinks links) {
        this.links = links;
        this.ledger = ledger;
        this.selector = selector;
        this.composer = composer;
        this.templates = templates;
        this.messages = messages;
        this.signer = signer;
        this.tokens = tokens;
        this.mail = mail;
        this.send = send;
        this.rate = new RateLimiter(send.ratePerSecond());
        this.clock = clock;
    }

    private record GroupKey(Set<Integer> categories, LocalDateTime after) {}

    public void process(List<Claim> claims, SmtpConnection smtp, RunStats stats) {
        LocalDateTime cutoff = now();
        Map<Long, Set<Integer>> follows = selector.follows(claims.stream().map(Claim::subscriberId).toList());
        Map<GroupKey, List<SelectedPick>> groups = new HashMap<>();
        for (Claim c : claims) {
            if (!SubscriberStatus.ACTIVE.db().equals(c.status())) {
                ledger.markSuppressed(c, now());
                stats.suppressed.increment();
                continue;
            }
            LocalDateTime after = c.watermark() != null ? c.watermark()
                    : cutoff.minus(mail.newSubscriberLookback(c.weekly()));
            List<SelectedPick> picks = groups.computeIfAbsent(
                    new GroupKey(follows.getOrDefault(c.subscriberId(), Set.of()), after),
                    k -> selector.select(k.categories(), k.after(), cutoff));
            if (picks.isEmpty()) {
                ledger.markSkipped(c, now());
                stats.skipped.increment();
                continue;
            }
            deliver(c, picks, cutoff, smtp, stats);
        }
    }

    private void deliver(Claim c, List<SelectedPick> picks, LocalDateTime cutoff, SmtpConnection smtp, RunStats stats) {
        String token = tokens.issue(c.subscriberId(), c.tokenVersion());
        MimeMessage message;
        InternetAddress to;
        try {
            DigestModel model = composer.compose(c.editionDate(), links.forDelivery(c.deliveryId(), picks),
                    new DigestComposer.Recipient(c.name(), c.timezone(), c.locale(), token));
            String text = templates.renderText(model);
            String html = c.textOnly() ? null : templates.renderHtml(model);
            message = signer.apply(messages.build(c.email(), c.name(), token, model, text, html));
            to = new InternetAddress(c.email(), true);
        } catch (MessagingException e) {
            ledger.markFailed(c, "cannot build the message: " + e.getMessage(), now());
            stats.failed.increment();
            log.warn("Delivery {} to subscriber {} failed before sending: {}", c.deliveryId(), c.subscriberId(), e.getMessage());
            return;
        }
        rate.acquire();
        long t0 = System.nanoTime();
        SendResult result = smtp.send(message, to, mail.envelopeFrom(c.deliveryId()));
        stats.sendLatency.record(System.nanoTime() - t0);
        if (result instanceof SendResult.Accepted a) {
            ledger.markSent(c, messageId(message), a.reply(), cutoff, picks.stream().map(SelectedPick::id).toList(), now());
            stats.sent.increment();
        } else if (result instanceof SendResult.Permanent p) {
            ledger.markFailed(c, p.reply(), now());
            stats.failed.increment();
            log.warn("Delivery {} failed permanently: {}", c.deliveryId(), p.reply());
        } else {
            retryOrFail(c, result.reply(), stats);
        }
    }

    private void retryOrFail(Claim c, String reply, RunStats stats) {
        if (c.attempts() >= send.maxAttempts()) {
            ledger.markFailed(c, "gave up after " + c.attempts() + " attempts: " + reply, now());
            stats.failed.increment();
            log.warn("Delivery {} failed after {} attempts: {}", c.deliveryId(), c.attempts(), reply);
            return;
        }
        ledger.markRetry(c, reply, now().plus(backoff(c.attempts())), now());
        stats.retried.increment();
    }

    /** Exponential: base, 2x base, 4x base ... capped at a day. */
    Duration backoff(int attemptsSoFar) {
        long factor = 1L << Math.min(Math.max(attemptsSoFar - 1, 0), 20);
        Duration d = send.retryBase().multipliedBy(factor);
        return d.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : d;
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
