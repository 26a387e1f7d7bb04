package com.picksdigest.reports;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.db.types.SubscriberStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The numbers behind the workspace's charts and dashboard. Each chart is a few set-based statements over events and
 * deliveries, whatever the list's size; "today" comes from the injected clock in the editors' zone.
 */
public final class InsightReports {
    /** Events that add someone to the list, and those that take someone off it. */
    static final List<String> JOINS = List.of("subscribed", "resubscribed");

    static final List<String> DEPARTURES = List.of("unsubscribed", "bounced", "complained");

    private final DSLContext db;
    private final Clock clock;
    private final ZoneId editorZone;

    public InsightReports(DSLContext db, Clock clock, ZoneId editorZone) {
        this.db = db;
        this.clock = clock;
        this.editorZone = editorZone;
    }

    /** @param total people on the list (active or pending) at the end of the day */
    public record GrowthDay(LocalDate date, int joins, int departures, int net, int total) {}

    /** @param rates over the digests sent: bounced, unsubscribed (first departure after it), complained, clicked */
    public record EditionRates(
            LocalDate date,
            int delivered,
            double bounceRate,
            double unsubscribeRate,
            double complaintRate,
            double clickRate) {}

    /** @param minute first minute (UTC, from midnight) of a ten-minute slot */
    public record SendSlot(int minute, int sent) {}

    /** @param hour the subscribers' chosen local hour */
    public record LocalHour(int hour, int due, int sent) {}

    public record TopPick(long pickId, String title, int clicks, int clickers) {}

    /** @param pending waiting for their first attempt or being sent; deferred: waiting for a retry */
    public record Queue(int pending, int deferred) {}

    public record FailingFeed(long id, String title, String url, int failures, String lastError) {}

    public LocalDate today() {
        return LocalDate.now(clock.withZone(editorZone));
    }

    /**
     * Every day (UTC) of the last {@code days}, oldest first, zeros included. The total is worked back from today's
     * list: the people on it now, less the net change of each later day.
     */
    public List<GrowthDay> growth(int days) {
        LocalDate end = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = end.minusDays(days - 1L);
        Field<LocalDate> day = DSL.field("CAST({0} AS DATE)", LocalDate.class, EVENTS.CREATED_AT);
        Map<LocalDate, int[]> counts = new HashMap<>();
        db.select(
                        day,
                        DSL.count().filterWhere(EVENTS.TYPE.in(JOINS)),
                        DSL.count().filterWhere(EVENTS.TYPE.in(DEPARTURES)))
                .from(EVENTS)
                .where(EVENTS.TYPE.in(JOINS).or(EVENTS.TYPE.in(DEPARTURES)))
                .and(EVENTS.CREATED_AT.ge(LocalDateTime.of(start, LocalTime.MIDNIGHT)))
                .groupBy(day)
                .forEach(r -> counts.put(r.value1(), new int[] {r.value2(), r.value3()}));
        int listNow =
                db.fetchCount(SUBSCRIBERS, SUBSCRIBERS.STATUS.in(SubscriberStatus.ACTIVE, SubscriberStatus.PENDING));
        List<GrowthDay> out = new ArrayList<>(days);
        int total = listNow;
        for (LocalDate d = end; !d.isBefore(start); d = d.minusDays(1)) {
            int[] c = counts.getOrDefault(d, new int[2]);
            out.add(0, new GrowthDay(d, c[0], c[1], c[0] - c[1], total));
            total -= c[0] - c[1];
        }
        return out;
    }

    /**
     * Editions of the last {@code days}, oldest first. An unsubscription counts against the last edition the reader
     * received before it, so a departure weighs on one edition only.
     */
    public List<EditionRates> editions(int days) {
        LocalDate since = today().minusDays(days - 1L);
        var rows = db.select(
                        EDITIONS.ID,
                        EDITIONS.EDITION_DATE,
                        DSL.count(DELIVERIES.ID).filterWhere(DELIVERIES.STATUS.eq(DeliveryStatus.SENT)))
                .from(EDITIONS)
                .join(DELIVERIES)
                .on(DELIVERIES.EDITION_ID.eq(EDITIONS.ID))
                .where(EDITIONS.EDITION_DATE.ge(since))
                .groupBy(EDITIONS.ID, EDITIONS.EDITION_DATE)
                .orderBy(EDITIONS.EDITION_DATE)
                .fetch();
        Map<Long, int[]> events = new HashMap<>();
        db.select(
                        DELIVERIES.EDITION_ID,
                        DSL.countDistinct(EVENTS.SUBSCRIBER_ID).filterWhere(EVENTS.TYPE.eq("bounced")),
                        DSL.countDistinct(EVENTS.SUBSCRIBER_ID).filterWhere(EVENTS.TYPE.eq("complained")),
                        DSL.countDistinct(EVENTS.DELIVERY_ID).filterWhere(EVENTS.TYPE.eq("clicked")))
                .from(EVENTS)
                .join(DELIVERIES)
                .on(DELIVERIES.ID.eq(EVENTS.DELIVERY_ID))
                .join(EDITIONS)
                .on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                .where(EVENTS.TYPE.in("bounced", "complained", "clicked"))
                .and(EDITIONS.EDITION_DATE.ge(since))
                .groupBy(DELIVERIES.EDITION_ID)
                .forEach(r -> events.put(r.value1(), new int[] {r.value2(), r.value3(), r.value4(), 0}));
        var last = DELIVERIES.as("d");
        var later = DELIVERIES.as("later");
        db.select(last.EDITION_ID, DSL.countDistinct(EVENTS.SUBSCRIBER_ID))
                .from(EVENTS)
                .join(last)
                .on(last.SUBSCRIBER_ID.eq(EVENTS.SUBSCRIBER_ID))
                .and(last.STATUS.eq(DeliveryStatus.SENT))
                .and(last.SENT_AT.le(EVENTS.CREATED_AT))
                .join(EDITIONS)
                .on(EDITIONS.ID.eq(last.EDITION_ID))
                .where(EVENTS.TYPE.eq("unsubscribed"))
                .and(EDITIONS.EDITION_DATE.ge(since))
                .andNotExists(DSL.selectOne()
                        .from(later)
                        .where(later.SUBSCRIBER_ID.eq(last.SUBSCRIBER_ID))
                        .and(later.STATUS.eq(DeliveryStatus.SENT))
                        .and(later.SENT_AT.le(EVENTS.CREATED_AT))
                        .and(later.SENT_AT.gt(last.SENT_AT)))
                .groupBy(last.EDITION_ID)
                .forEach(r -> events.computeIfAbsent(r.value1(), k -> new int[4])[3] = r.value2());
        List<EditionRates> out = new ArrayList<>();
        for (var r : rows) {
            int sent = r.value3();
            int[] e = events.getOrDefault(r.value1(), new int[4]);
            out.add(new EditionRates(
                    r.value2(), sent, rate(e[0], sent), rate(e[3], sent), rate(e[1], sent), rate(e[2], sent)));
        }
        return out;
    }

    /** Today's edition: digests sent in each ten-minute slot (UTC), from the first slot with a send to the last. */
    public List<SendSlot> sendProgress() {
        Field<Integer> slot =
                DSL.field("FLOOR((HOUR({0}) * 60 + MINUTE({0})) / 10) * 10", Integer.class, DELIVERIES.SENT_AT);
        Map<Integer, Integer> sent = new HashMap<>();
        db.select(slot, DSL.count())
                .from(DELIVERIES)
                .join(EDITIONS)
                .on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                .where(EDITIONS.EDITION_DATE.eq(today()))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENT))
                .groupBy(slot)
                .forEach(r -> sent.put(r.value1(), r.value2()));
        List<SendSlot> out = new ArrayList<>();
        if (sent.isEmpty()) return out;
        int first = sent.keySet().stream().min(Integer::compare).orElseThrow();
        int lastSlot = sent.keySet().stream().max(Integer::compare).orElseThrow();
        for (int m = first; m <= lastSlot; m += 10) out.add(new SendSlot(m, sent.getOrDefault(m, 0)));
        return out;
    }

    /** Today's edition by the subscribers' local sending hour: how many were due and how many went out. */
    public List<LocalHour> byLocalHour() {
        return db.select(
                        SUBSCRIBERS.SEND_HOUR,
                        DSL.count(DELIVERIES.ID),
                        DSL.count(DELIVERIES.ID).filterWhere(DELIVERIES.STATUS.eq(DeliveryStatus.SENT)))
                .from(DELIVERIES)
                .join(EDITIONS)
                .on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                .join(SUBSCRIBERS)
                .on(SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                .where(EDITIONS.EDITION_DATE.eq(today()))
                .groupBy(SUBSCRIBERS.SEND_HOUR)
                .orderBy(SUBSCRIBERS.SEND_HOUR)
                .fetch(r -> new LocalHour(r.value1(), r.value2(), r.value3()));
    }

    /** The most clicked picks of the last {@code days} (clicks counted when they happened). */
    public List<TopPick> topPicks(int days, int limit) {
        LocalDateTime since = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).minusDays(days);
        return db.select(PICKS.ID, PICKS.TITLE, DSL.count(), DSL.countDistinct(EVENTS.SUBSCRIBER_ID))
                .from(EVENTS)
                .join(PICKS)
                .on(PICKS.ID.eq(EVENTS.PICK_ID))
                .where(EVENTS.TYPE.eq("clicked"))
                .and(EVENTS.CREATED_AT.ge(since))
                .groupBy(PICKS.ID, PICKS.TITLE)
                .orderBy(DSL.count().desc(), PICKS.ID)
                .limit(limit)
                .fetch(r -> new TopPick(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Deliveries of any edition not yet done. */
    public Queue queue() {
        var deferred = DELIVERIES.STATUS.eq(DeliveryStatus.QUEUED).and(DELIVERIES.LAST_REPLY.isNotNull());
        var r = db.select(
                        DSL.count()
                                .filterWhere(DELIVERIES
                                        .STATUS
                                        .in(DeliveryStatus.QUEUED, DeliveryStatus.SENDING)
                                        .andNot(deferred)),
                        DSL.count().filterWhere(deferred))
                .from(DELIVERIES)
                .where(DELIVERIES.STATUS.in(DeliveryStatus.QUEUED, DeliveryStatus.SENDING))
                .fetchOne();
        return new Queue(r.value1(), r.value2());
    }

    /** Feeds whose last poll failed, worst first. */
    public List<FailingFeed> failingFeeds(int limit) {
        return db.select(FEEDS.ID, FEEDS.TITLE, FEEDS.URL, FEEDS.FAILURES, FEEDS.LAST_ERROR)
                .from(FEEDS)
                .where(FEEDS.FAILURES.gt(0))
                .orderBy(FEEDS.FAILURES.desc(), FEEDS.ID)
                .limit(limit)
                .fetch(r -> new FailingFeed(
                        r.value1(),
                        r.value2() == null ? "" : r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5() == null ? "" : r.value5()));
    }

    public int waitingCandidates() {
        return db.fetchCount(PICKS, PICKS.STATUS.eq(PickStatus.CANDIDATE));
    }

    private static double rate(int n, int of) {
        return of == 0 ? 0 : (double) n / of;
    }
}
