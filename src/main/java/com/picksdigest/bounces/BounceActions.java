package com.picksdigest.bounces;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.subscribers.Events;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.SubscriberService;
import com.picksdigest.subscribers.SubscriberStatus;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What a report does to the subscriber it is about: a hard bounce makes them bounced; a soft bounce counts one
 * (once per delivery), and the limit in a row makes them bounced (a successful send resets the count); a complaint
 * makes them complained; a mailto: unsubscribe unsubscribes them. Every change is one transaction with its event;
 * a report that changes nothing (the subscriber was already in that state) writes nothing, so reading the same
 * report twice never counts twice.
 */
public final class BounceActions {

    /** @param done false when the report could not be tied to a subscriber: it is left in the mailbox */
    public record Outcome(boolean done, String summary) {}

    private final DSLContext db;
    private final SubscriberService subscribers;
    private final LinkTokens tokens;
    private final int softBounceLimit;
    private final Clock clock;

    public BounceActions(
            DSLContext db, SubscriberService subscribers, LinkTokens tokens, int softBounceLimit, Clock clock) {
        this.db = db;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.softBounceLimit = softBounceLimit;
        this.clock = clock;
    }

    public Outcome apply(BounceReport report) {
        if (report instanceof BounceReport.HardBounce h) {
            return about(
                    h.about(),
                    (s, delivery) -> changeStatus(
                            s, delivery, SubscriberStatus.BOUNCED, "bounced", h.status() + " " + h.diagnostic()));
        }
        if (report instanceof BounceReport.SoftBounce b) {
            return about(b.about(), (s, delivery) -> softBounce(s, delivery, b.status() + " " + b.diagnostic()));
        }
        if (report instanceof BounceReport.Complaint c) {
            return about(
                    c.about(),
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
        String apply(SubscribersRecord s, Long deliveryId);
    }

    /**
     * Finds the subscriber: by the signed token of the original digest, else by the VERP delivery id when the report
     * names that delivery's recipient (a VERP address alone could be made up by anyone who can send us mail).
     */
    private Outcome about(BounceReport.Reference ref, Change change) {
        SubscribersRecord s = null;
        if (ref.token().isPresent() && tokens.verify(ref.token().get()) instanceof LinkTokens.Valid valid) {
            s = subscribers.find(valid.subscriberId());
        }
        Long delivery = ref.deliveryId().orElse(null);
        Long owner = delivery == null
                ? null
                : db.select(DELIVERIES.SUBSCRIBER_ID)
                        .from(DELIVERIES)
                        .where(DELIVERIES.ID.eq(delivery))
                        .fetchOne(DELIVERIES.SUBSCRIBER_ID);
        if (s == null && owner != null) {
            SubscribersRecord candidate = subscribers.find(owner);
            if (candidate != null && ref.recipients().contains(candidate.getEmailKey())) s = candidate;
        }
        if (s == null) return new Outcome(false, "it names no subscriber of ours that its content confirms");
        return new Outcome(true, change.apply(s, s.getId().equals(owner) ? delivery : null));
    }

    private String changeStatus(
            SubscribersRecord s, Long deliveryId, SubscriberStatus to, String event, String detail) {
        LocalDateTime now = now();
        int n = db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            int changed = t.update(SUBSCRIBERS)
                    .set(SUBSCRIBERS.STATUS, to.db())
                    .set(SUBSCRIBERS.UPDATED_AT, now)
                    .where(SUBSCRIBERS.ID.eq(s.getId()))
                    .and(SUBSCRIBERS.STATUS.ne(to.db()))
                    // a bounce says nothing about an address nobody mails any more; a complaint always counts
                    .and(
                            to == SubscriberStatus.BOUNCED
                                    ? SUBSCRIBERS.STATUS.in(SubscriberStatus.ACTIVE.db(), SubscriberStatus.PENDING.db())
                                    : DSL.noCondition())
                    .execute();
            if (changed > 0) Events.record(t, s.getId(), event, detail, deliveryId, now);
            return changed;
        });
        return n > 0 ? "subscriber #" + s.getId() + " is now " + to.db() : "subscriber #" + s.getId() + " unchanged";
    }

    private String softBounce(SubscribersRecord s, Long deliveryId, String detail) {
        LocalDateTime now = now();
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            SubscribersRecord locked = t.selectFrom(SUBSCRIBERS)
                    .where(SUBSCRIBERS.ID.eq(s.getId()))
                    .forUpdate()
                    .fetchOne();
            if (locked == null || !SubscriberStatus.ACTIVE.db().equals(locked.getStatus())) {
                return "subscriber #" + s.getId() + " unchanged (not active)";
            }
            if (deliveryId != null
                    && t.fetchExists(
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
            if (limit) update = update.set(SUBSCRIBERS.STATUS, SubscriberStatus.BOUNCED.db());
            update.where(SUBSCRIBERS.ID.eq(s.getId())).execute();
            Events.record(
                    t,
                    s.getId(),
                    "soft_bounce",
                    count + " of " + softBounceLimit + " in a row: " + detail,
                    deliveryId,
                    now);
            if (limit) Events.record(t, s.getId(), "bounced", count + " soft bounces in a row", deliveryId, now);
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
