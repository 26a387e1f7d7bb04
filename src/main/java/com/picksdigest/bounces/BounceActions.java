package com.picksdigest.bounces;

import static com.picksdigest.db.generated.Tables.APP_SETTINGS;
import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.config.BounceConfig;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.outbox.Outbox;
import com.picksdigest.subscribers.Events;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.SubscriberService;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What a report does to the subscriber it is about: a hard bounce makes them bounced; a soft bounce counts one
 * (once per delivery), and the limit in a row makes them bounced (a successful send resets the count); a complaint
 * makes them complained; a mailto: unsubscribe unsubscribes them. Every change is one transaction with its event;
 * a report that changes nothing (the subscriber was already in that state) writes nothing, so reading the same
 * report twice never counts twice.
 *
 * <p>A bounce or a complaint acts only on a delivery that the ledger says was sent, within the window, and only on
 * that delivery's reader. The delivery is named by something we signed: the return path's MAC (checked by the
 * parser), or, without one, a link token that is still the reader's current one together with the quoted digest's
 * Message-ID. A quoted link that was signed out, or recipients that are not the reader, make the report refused;
 * the recipients it names never make it accepted.
 *
 * <p>A provider's bounce webhook ({@link #applyVouched}) comes with the provider's signature, which we verified: there
 * our Message-ID alone may name the delivery, but the rules are otherwise the same.
 */
public final class BounceActions {

    /** @param done false when the report could not be tied to a subscriber: it is left in the mailbox */
    public record Outcome(boolean done, String summary) {}

    /** The app_settings row written by the migration that introduced signed return paths (V9). */
    static final String SIGNED_SINCE = "verp_signed_since";

    private final DSLContext db;
    private final SubscriberService subscribers;
    private final LinkTokens tokens;
    private final int softBounceLimit;
    private final Duration window;
    private final Clock clock;

    public BounceActions(
            DSLContext db, SubscriberService subscribers, LinkTokens tokens, BounceConfig rules, Clock clock) {
        this.db = db;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.softBounceLimit = rules.softBounceLimit();
        this.window = rules.window();
        this.clock = clock;
    }

    public Outcome apply(BounceReport report) {
        return apply(report, false);
    }

    /**
     * A report that came with a provider's signature we verified (a bounce webhook): the provider vouches that it is
     * about the message it names, so our Message-ID alone may name the delivery. Everything else is as for a report
     * from the mailbox: the delivery must be one we sent, within the window, to the recipient the report names (which
     * it must name), and the same report twice changes nothing the second time.
     */
    public Outcome applyVouched(BounceReport report) {
        if (report instanceof BounceReport.MailtoUnsubscribe) {
            throw new IllegalArgumentException("an unsubscribe request comes by mail, not from a provider");
        }
        return apply(report, true);
    }

    private Outcome apply(BounceReport report, boolean vouched) {
        if (report instanceof BounceReport.HardBounce h) {
            return about(
                    h.about(),
                    vouched,
                    (s, delivery) -> changeStatus(
                            s, delivery, SubscriberStatus.BOUNCED, "bounced", h.status() + " " + h.diagnostic()));
        }
        if (report instanceof BounceReport.SoftBounce b) {
            return about(
                    b.about(), vouched, (s, delivery) -> softBounce(s, delivery, b.status() + " " + b.diagnostic()));
        }
        if (report instanceof BounceReport.Complaint c) {
            return about(
                    c.about(),
                    vouched,
                    (s, delivery) -> changeStatus(
                            s,
                            delivery,
                            SubscriberStatus.COMPLAINED,
                            "complained",
                            "feedback report: " + c.feedbackType()));
        }
        if (report instanceof BounceReport.MailtoUnsubscribe u) return unsubscribe(u.token());
        if (report instanceof BounceReport.NoAction n) return new Outcome(true, "nothing to do: " + n.why());
        return new Outcome(false, ((BounceReport.Unrecognised) report).why());
    }

    private interface Change {
        String apply(SubscribersRecord s, long deliveryId);
    }

    private record Delivery(long id, long subscriberId, DeliveryStatus status, LocalDateTime sentAt) {}

    private Outcome about(BounceReport.Reference ref, boolean vouched, Change change) {
        if (vouched && ref.recipients().isEmpty()) return refused("it names no recipient");
        Delivery delivery = null;
        if (ref.deliveryId().isPresent()) {
            delivery = delivery(DELIVERIES.ID.eq(ref.deliveryId().get()));
            String refused = unusable(delivery, ref.deliveryId().get(), ref.unsignedReturnPath());
            if (refused != null) return refused(refused);
        }
        SubscribersRecord linked = null;
        if (ref.token().isPresent()) {
            // As on the web and by mailto: a link that was signed out no longer acts, whatever else the report says.
            if (!(tokens.verify(ref.token().get()) instanceof LinkTokens.Valid valid)) {
                return refused("it quotes a link we did not sign");
            }
            linked = subscribers.find(valid.subscriberId());
            if (linked == null) return refused("it quotes the link of a subscriber who is gone");
            if (linked.getTokenVersion() != valid.version()) return refused("it quotes a link that was signed out");
        }
        if (delivery == null && linked == null && vouched && ref.messageId().isPresent()) {
            delivery = delivery(DELIVERIES.MESSAGE_ID.eq(ref.messageId().get()));
            if (delivery == null) return refused("the message it names is not one we sent");
            String refused = unusable(delivery, delivery.id(), false);
            if (refused != null) return refused(refused);
        }
        if (delivery == null) {
            if (linked == null || ref.messageId().isEmpty()) {
                return refused("it names no delivery in a way only we can write (a signed return path, or a current"
                        + " link with its digest's Message-ID)");
            }
            delivery = delivery(DELIVERIES
                    .SUBSCRIBER_ID
                    .eq(linked.getId())
                    .and(DELIVERIES.MESSAGE_ID.eq(ref.messageId().get())));
            if (delivery == null) return refused("the digest it quotes is not one we sent to the link's subscriber");
            String refused = unusable(delivery, delivery.id(), false);
            if (refused != null) return refused(refused);
        }
        if (linked != null && linked.getId() != delivery.subscriberId()) {
            return refused("its link and its return path name different subscribers");
        }
        SubscribersRecord reader = linked != null ? linked : subscribers.find(delivery.subscriberId());
        if (!ref.recipients().isEmpty() && !ref.recipients().contains(reader.getEmailKey())) {
            return refused("the recipients it names are not the reader of delivery " + delivery.id());
        }
        return new Outcome(true, change.apply(reader, delivery.id()));
    }

    private Delivery delivery(Condition which) {
        return db.select(DELIVERIES.ID, DELIVERIES.SUBSCRIBER_ID, DELIVERIES.STATUS, DELIVERIES.SENT_AT)
                .from(DELIVERIES)
                .where(which)
                .fetchAny(r -> new Delivery(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Why a report about this delivery must not act, or null when it may. */
    private String unusable(Delivery d, long id, boolean unsignedReturnPath) {
        if (d == null) return "it names delivery " + id + ", which we do not have";
        if (DeliveryStatus.SENT != d.status() || d.sentAt() == null) {
            return "it names delivery " + id + ", which was not sent (" + d.status() + ")";
        }
        if (d.sentAt().isBefore(now().minus(window))) {
            return "it names delivery " + id + ", sent longer ago than the " + window.toDays() + "-day window";
        }
        // sent times are stored to the second: a delivery in the very second signing began counts as signed
        if (unsignedReturnPath
                && !signedSince()
                        .map(since -> d.sentAt().isBefore(since.truncatedTo(ChronoUnit.SECONDS)))
                        .orElse(false)) {
            return "its return path names delivery " + id + " without a signature, but that delivery was sent after"
                    + " return paths were signed";
        }
        return null;
    }

    /** When return paths started to carry a MAC; empty (no unsigned address is believed) if that is not recorded. */
    private Optional<LocalDateTime> signedSince() {
        String value = db.select(APP_SETTINGS.VALUE)
                .from(APP_SETTINGS)
                .where(APP_SETTINGS.NAME.eq(SIGNED_SINCE))
                .fetchOne(APP_SETTINGS.VALUE);
        try {
            return Optional.ofNullable(value).map(LocalDateTime::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Outcome refused(String why) {
        return new Outcome(false, "not believed: " + why);
    }

    private String changeStatus(
            SubscribersRecord s, long deliveryId, SubscriberStatus to, String event, String detail) {
        LocalDateTime now = now();
        int n = db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            int changed = t.update(SUBSCRIBERS)
                    .set(SUBSCRIBERS.STATUS, to)
                    .set(SUBSCRIBERS.UPDATED_AT, now)
                    .where(SUBSCRIBERS.ID.eq(s.getId()))
                    .and(SUBSCRIBERS.STATUS.ne(to))
                    // a bounce says nothing about an address nobody mails any more; a complaint always counts
                    .and(
                            to == SubscriberStatus.BOUNCED
                                    ? SUBSCRIBERS.STATUS.in(SubscriberStatus.ACTIVE, SubscriberStatus.PENDING)
                                    : DSL.noCondition())
                    .execute();
            if (changed > 0) {
                Events.record(t, s.getId(), event, detail, deliveryId, now);
                Events.webhook(t, webhookType(to), s.getId(), detail, now);
            }
            return changed;
        });
        return n > 0 ? "subscriber #" + s.getId() + " is now " + to : "subscriber #" + s.getId() + " unchanged";
    }

    private static String webhookType(SubscriberStatus to) {
        return switch (to) {
            case BOUNCED -> Outbox.SUBSCRIBER_BOUNCED;
            case COMPLAINED -> Outbox.SUBSCRIBER_COMPLAINED;
            case UNSUBSCRIBED -> Outbox.SUBSCRIBER_UNSUBSCRIBED;
            default -> throw new IllegalArgumentException("no webhook event for " + to);
        };
    }

    private String softBounce(SubscribersRecord s, long deliveryId, String detail) {
        LocalDateTime now = now();
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            SubscribersRecord locked = t.selectFrom(SUBSCRIBERS)
                    .where(SUBSCRIBERS.ID.eq(s.getId()))
                    .forUpdate()
                    .fetchOne();
            if (locked == null || SubscriberStatus.ACTIVE != locked.getStatus()) {
                return "subscriber #" + s.getId() + " unchanged (not active)";
            }
            if (t.fetchExists(
                    EVENTS,
                    EVENTS.SUBSCRIBER_ID
                            .eq(s.getId())
                            .and(EVENTS.TYPE.eq("soft_bounce"))
                            .and(EVENTS.DELIVERY_ID.eq(deliveryId)))) {
                return "subscriber #" + s.getId() + " unchanged (this delivery's soft bounce was counted already)";
            }
            int count = locked.getSoftBounces() + 1;
            boolean limit = count >= softBounceLimit;
            var update =
                    t.update(SUBSCRIBERS).set(SUBSCRIBERS.SOFT_BOUNCES, count).set(SUBSCRIBERS.UPDATED_AT, now);
            if (limit) update = update.set(SUBSCRIBERS.STATUS, SubscriberStatus.BOUNCED);
            update.where(SUBSCRIBERS.ID.eq(s.getId())).execute();
            Events.record(
                    t,
                    s.getId(),
                    "soft_bounce",
                    count + " of " + softBounceLimit + " in a row: " + detail,
                    deliveryId,
                    now);
            if (limit) {
                String why = count + " soft bounces in a row";
                Events.record(t, s.getId(), "bounced", why, deliveryId, now);
                Events.webhook(t, Outbox.SUBSCRIBER_BOUNCED, s.getId(), why, now);
            }
            return "subscriber #" + s.getId()
                    + (limit ? " is now bounced" : " soft bounce " + count + " of " + softBounceLimit);
        });
    }

    private Outcome unsubscribe(String token) {
        Optional<SubscribersRecord> s = Optional.empty();
        if (tokens.verify(token) instanceof LinkTokens.Valid valid) {
            // As on the web: a link that was signed out (an older token version) no longer acts.
            s = Optional.ofNullable(subscribers.find(valid.subscriberId()))
                    .filter(r -> r.getTokenVersion() == valid.version());
        }
        if (s.isEmpty()) return new Outcome(false, "an unsubscribe request with an invalid or revoked token");
        boolean changed = subscribers.unsubscribe(s.get().getId(), "by e-mail to the List-Unsubscribe address");
        return new Outcome(true, "subscriber #" + s.get().getId() + (changed ? " is now unsubscribed" : " unchanged"));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
