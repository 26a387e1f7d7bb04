package com.picksdigest.reports;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.types.DeliveryStatus;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What went out, edition by edition (an edition is a calendar day): how many digests were due and how each ended,
 * who bounced or unsubscribed after receiving it, and, with click tracking on, clicks per pick.
 */
public final class EditionReports {
    /**
     * Queued again after an attempt the relay did not take: a transient failure leaves its reply, and a claim handed
     * back unstarted keeps the one before, so a reply on a queued delivery means it is waiting for a retry.
     */
    private static final Condition DEFERRED =
            DELIVERIES.STATUS.eq(DeliveryStatus.QUEUED).and(DELIVERIES.LAST_REPLY.isNotNull());

    private final DSLContext db;

    public EditionReports(DSLContext db) {
        this.db = db;
    }

    /**
     * @param due            deliveries created for the edition (every subscriber it was due for)
     * @param pending        waiting for their first attempt or being sent
     * @param deferred       met a transient failure (4xx, an unreachable relay) and wait for a retry
     * @param bounced        subscribers whose digest of this edition bounced
     * @param unsubscribed   subscribers who got this edition and unsubscribed after it arrived
     */
    public record Edition(
            LocalDate date,
            int due,
            int sent,
            int skipped,
            int failed,
            int suppressed,
            int pending,
            int deferred,
            int bounced,
            int unsubscribed,
            int clicks) {}

    /** @param subscriberId for the link to the subscriber's record */
    public record Failure(long subscriberId, String email, int attempts, String reply) {}

    /** A delivery waiting for a retry: when it comes, and what the relay said last. */
    public record Deferral(long subscriberId, String email, int attempts, LocalDateTime nextAttempt, String reply) {}

    /** @param recipients how many digests of the edition carried the pick */
    public record PickClicks(long pickId, String title, int recipients, int clicks, int clickers) {}

    /**
     * How one relay answered the edition's deliveries, each counted once by its last answer.
     *
     * @param relay    the relay's configured name; null for deliveries no relay answered (none reachable, or the
     *                 message could not be built)
     * @param deferred refused for now (4xx) and waiting for a retry; with a null relay: no relay could be reached
     */
    public record RelayFigures(String relay, int sent, int deferred, int failed) {}

    public record Detail(
            Edition edition,
            List<RelayFigures> relays,
            List<Failure> failures,
            List<Deferral> deferrals,
            List<PickClicks> picks) {}

    public List<Edition> editions(int limit) {
        return editions(DSL.noCondition(), limit);
    }

    /** One edition's counts (one date's deliveries only); null when no digest was due that day. */
    public Edition edition(LocalDate date) {
        List<Edition> one = editions(EDITIONS.EDITION_DATE.eq(date), 1);
        return one.isEmpty() ? null : one.get(0);
    }

    private List<Edition> editions(Condition which, int limit) {
        var rows = db.select(
                        EDITIONS.ID,
                        EDITIONS.EDITION_DATE,
                        DSL.count(DELIVERIES.ID),
                        countStatus(DeliveryStatus.SENT),
                        countStatus(DeliveryStatus.SKIPPED),
                        countStatus(DeliveryStatus.FAILED),
                        countStatus(DeliveryStatus.SUPPRESSED),
                        DSL.count(DELIVERIES.ID)
                                .filterWhere(DELIVERIES
                                        .STATUS
                                        .in(DeliveryStatus.QUEUED, DeliveryStatus.SENDING)
                                        .andNot(DEFERRED)),
                        DSL.count(DELIVERIES.ID).filterWhere(DEFERRED))
                .from(EDITIONS)
                .join(DELIVERIES)
                .on(DELIVERIES.EDITION_ID.eq(EDITIONS.ID))
                .where(which)
                .groupBy(EDITIONS.ID, EDITIONS.EDITION_DATE)
                .orderBy(EDITIONS.EDITION_DATE.desc())
                .limit(limit)
                .fetch();
        List<Long> ids = rows.getValues(EDITIONS.ID);
        Map<Long, Integer> bounced = perEdition(ids, "bounced", DSL.countDistinct(EVENTS.SUBSCRIBER_ID));
        Map<Long, Integer> clicks = perEdition(ids, "clicked", DSL.count());
        Map<Long, Integer> unsubscribed = unsubscribedAfter(ids);
        List<Edition> out = new ArrayList<>();
        for (var r : rows) {
            long id = r.value1();
            out.add(new Edition(
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8(),
                    r.value9(),
                    bounced.getOrDefault(id, 0),
                    unsubscribed.getOrDefault(id, 0),
                    clicks.getOrDefault(id, 0)));
        }
        return out;
    }

    /** Null when no digest was due on that date. */
    public Detail detail(LocalDate date) {
        Long id = db.select(EDITIONS.ID)
                .from(EDITIONS)
                .where(EDITIONS.EDITION_DATE.eq(date))
                .fetchOne(EDITIONS.ID);
        if (id == null) return null;
        Edition edition = edition(date);
        if (edition == null) return null;
        List<Failure> failures = db.select(
                        SUBSCRIBERS.ID, SUBSCRIBERS.EMAIL, DELIVERIES.ATTEMPTS, DELIVERIES.LAST_REPLY)
                .from(DELIVERIES)
                .join(SUBSCRIBERS)
                .on(SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                .where(DELIVERIES.EDITION_ID.eq(id))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.FAILED))
                .orderBy(SUBSCRIBERS.EMAIL)
                .limit(500)
                .fetch(r -> new Failure(r.value1(), r.value2(), r.value3(), r.value4()));
        List<Deferral> deferrals = db.select(
                        SUBSCRIBERS.ID,
                        SUBSCRIBERS.EMAIL,
                        DELIVERIES.ATTEMPTS,
                        DELIVERIES.NEXT_ATTEMPT_AT,
                        DELIVERIES.LAST_REPLY)
                .from(DELIVERIES)
                .join(SUBSCRIBERS)
                .on(SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                .where(DELIVERIES.EDITION_ID.eq(id))
                .and(DEFERRED)
                .orderBy(DELIVERIES.NEXT_ATTEMPT_AT, SUBSCRIBERS.EMAIL)
                .limit(500)
                .fetch(r -> new Deferral(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
        Map<Long, int[]> clicks = new HashMap<>();
        db.select(EVENTS.PICK_ID, DSL.count(), DSL.countDistinct(EVENTS.DELIVERY_ID))
                .from(EVENTS)
                .join(DELIVERIES)
                .on(DELIVERIES.ID.eq(EVENTS.DELIVERY_ID))
                .where(EVENTS.TYPE.eq("clicked"))
                .and(DELIVERIES.EDITION_ID.eq(id))
                .groupBy(EVENTS.PICK_ID)
                .forEach(r -> clicks.put(r.value1(), new int[] {r.value2(), r.value3()}));
        List<PickClicks> picks = db.select(PICKS.ID, PICKS.TITLE, DSL.count())
                .from(DIGEST_PICKS)
                .join(DELIVERIES)
                .on(DELIVERIES.DIGEST_ID.eq(DIGEST_PICKS.DIGEST_ID))
                .join(PICKS)
                .on(PICKS.ID.eq(DIGEST_PICKS.PICK_ID))
                .where(DELIVERIES.EDITION_ID.eq(id))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENT))
                .groupBy(PICKS.ID, PICKS.TITLE)
                .orderBy(DSL.min(DIGEST_PICKS.POSITION), PICKS.ID)
                .fetch(r -> {
                    int[] c = clicks.getOrDefault(r.value1(), new int[2]);
                    return new PickClicks(r.value1(), r.value2(), r.value3(), c[0], c[1]);
                });
        return new Detail(edition, relays(id), failures, deferrals, picks);
    }

    /** Sent, deferred and failed per relay; deliveries not yet tried, skipped or suppressed are not a relay's. */
    private List<RelayFigures> relays(long editionId) {
        return db.select(
                        DELIVERIES.RELAY,
                        countStatus(DeliveryStatus.SENT),
                        DSL.count(DELIVERIES.ID).filterWhere(DEFERRED),
                        countStatus(DeliveryStatus.FAILED))
                .from(DELIVERIES)
                .where(DELIVERIES.EDITION_ID.eq(editionId))
                .and(DELIVERIES
                        .STATUS
                        .in(DeliveryStatus.SENT, DeliveryStatus.FAILED)
                        .or(DEFERRED))
                .groupBy(DELIVERIES.RELAY)
                .orderBy(DELIVERIES.RELAY.isNull(), DELIVERIES.RELAY)
                .fetch(r -> new RelayFigures(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    private static Field<Integer> countStatus(DeliveryStatus status) {
        return DSL.count(DELIVERIES.ID).filterWhere(DELIVERIES.STATUS.eq(status));
    }

    /** Per edition, over the events of one type that name a delivery of it. */
    private Map<Long, Integer> perEdition(List<Long> editionIds, String type, Field<Integer> measure) {
        Map<Long, Integer> out = new HashMap<>();
        if (editionIds.isEmpty()) return out;
        db.select(DELIVERIES.EDITION_ID, measure)
                .from(EVENTS)
                .join(DELIVERIES)
                .on(DELIVERIES.ID.eq(EVENTS.DELIVERY_ID))
                .where(EVENTS.TYPE.eq(type))
                .and(DELIVERIES.EDITION_ID.in(editionIds))
                .groupBy(DELIVERIES.EDITION_ID)
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    private Map<Long, Integer> unsubscribedAfter(List<Long> editionIds) {
        Map<Long, Integer> out = new HashMap<>();
        if (editionIds.isEmpty()) return out;
        db.select(DELIVERIES.EDITION_ID, DSL.countDistinct(DELIVERIES.SUBSCRIBER_ID))
                .from(DELIVERIES)
                .join(EVENTS)
                .on(EVENTS.SUBSCRIBER_ID.eq(DELIVERIES.SUBSCRIBER_ID))
                .where(EVENTS.TYPE.eq("unsubscribed"))
                .and(EVENTS.CREATED_AT.ge(DELIVERIES.SENT_AT))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENT))
                .and(DELIVERIES.EDITION_ID.in(editionIds))
                .groupBy(DELIVERIES.EDITION_ID)
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }
}
