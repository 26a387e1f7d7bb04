package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.Deadlocks;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.db.types.SubscriberStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the deliveries that have become due: set-based INSERT IGNORE ... SELECT per id range, all zones at once.
 * The unique key (subscriber, edition) makes every call idempotent: a re-run, a catch-up after a misfire or a
 * second node adds nothing that is already there.
 */
public final class DueDeliveries {
    private static final Logger log = LoggerFactory.getLogger(DueDeliveries.class);
    static final int CHUNK = 20_000;
    private final DSLContext db;

    public DueDeliveries(DSLContext db) {
        this.db = db;
    }

    /** Whether to honour each subscriber's send hour (the hourly dispatch) or take everyone due today (send-now). */
    public enum Mode {
        AT_SEND_HOUR,
        ANY_HOUR
    }

    /** The subscribers of one time zone who are due, and the local date that is their edition. */
    public record ZoneSlice(String zoneId, LocalDate editionDate, Condition due) {}

    public List<ZoneSlice> slices(Instant now, Mode mode, Optional<String> onlyEmailKey) {
        List<ZoneSlice> out = new ArrayList<>();
        List<String> zones = db.selectDistinct(SUBSCRIBERS.TIMEZONE)
                .from(SUBSCRIBERS)
                .where(SUBSCRIBERS.STATUS.eq(SubscriberStatus.ACTIVE))
                .fetch(SUBSCRIBERS.TIMEZONE);
        for (String zoneId : zones) {
            ZonedDateTime local;
            try {
                local = now.atZone(ZoneId.of(zoneId));
            } catch (RuntimeException e) {
                log.warn("Skipping subscribers with unknown time zone \"{}\"", zoneId);
                continue;
            }
            LocalDate date = local.toLocalDate();
            Condition due = SUBSCRIBERS
                    .STATUS
                    .eq(SubscriberStatus.ACTIVE)
                    .and(SUBSCRIBERS.TIMEZONE.eq(zoneId))
                    .and(SUBSCRIBERS.FREQUENCY.eq(Frequency.DAILY).or(SUBSCRIBERS.WEEKDAY.eq((byte)
                            local.getDayOfWeek().getValue())))
                    .and(SUBSCRIBERS.PAUSED_UNTIL.isNull().or(SUBSCRIBERS.PAUSED_UNTIL.le(date)));
            if (mode == Mode.AT_SEND_HOUR) due = due.and(SUBSCRIBERS.SEND_HOUR.le((byte) local.getHour()));
            if (onlyEmailKey.isPresent()) due = due.and(SUBSCRIBERS.EMAIL_KEY.eq(onlyEmailKey.get()));
            out.add(new ZoneSlice(zoneId, date, due));
        }
        return out;
    }

    /** @return how many deliveries were created */
    public int enqueue(Instant now, Mode mode, Optional<String> onlyEmailKey) {
        List<ZoneSlice> slices = slices(now, mode, onlyEmailKey);
        if (slices.isEmpty()) return 0;
        var bounds = db.select(DSL.min(SUBSCRIBERS.ID), DSL.max(SUBSCRIBERS.ID))
                .from(SUBSCRIBERS)
                .fetchOne();
        if (bounds == null || bounds.value1() == null) return 0;
        LocalDateTime nowUtc = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        Field<Long> editionId = editionIds(slices);
        Condition due = DSL.or(slices.stream().map(ZoneSlice::due).toList());
        int created = 0;
        // One pass over the primary key for all zones together: walking each zone's rows by id range instead
        // went through the (status, timezone, send_hour) index, the whole zone for every chunk: quadratic.
        for (long lo = bounds.value1(); lo <= bounds.value2(); lo += CHUNK) {
            final long from = lo;
            created += Deadlocks.retry(() -> db.insertInto(
                            DELIVERIES,
                            DELIVERIES.EDITION_ID,
                            DELIVERIES.SUBSCRIBER_ID,
                            DELIVERIES.STATUS,
                            DELIVERIES.NEXT_ATTEMPT_AT,
                            DELIVERIES.CREATED_AT,
                            DELIVERIES.UPDATED_AT)
                    .select(DSL.select(
                                    editionId,
                                    SUBSCRIBERS.ID,
                                    DSL.val(DeliveryStatus.QUEUED),
                                    DSL.val(nowUtc),
                                    DSL.val(nowUtc),
                                    DSL.val(nowUtc))
                            .from(SUBSCRIBERS.forceIndex("PRIMARY"))
                            .where(SUBSCRIBERS.ID.between(from, from + CHUNK - 1))
                            .and(due))
                    .onDuplicateKeyIgnore()
                    .execute());
        }
        return created;
    }

    /** Zones on different sides of midnight are on different editions (local dates): the edition id by zone. */
    private Field<Long> editionIds(List<ZoneSlice> slices) {
        Map<LocalDate, List<String>> zonesByDate = new TreeMap<>();
        for (ZoneSlice s : slices)
            zonesByDate.computeIfAbsent(s.editionDate(), d -> new ArrayList<>()).add(s.zoneId());
        CaseConditionStep<Long> ids = null;
        for (var e : zonesByDate.entrySet()) {
            Condition inZones = SUBSCRIBERS.TIMEZONE.in(e.getValue());
            Field<Long> id = DSL.val(edition(e.getKey()));
            ids = ids == null ? DSL.when(inZones, id) : ids.when(inZones, id);
        }
        return ids;
    }

    private long edition(LocalDate date) {
        db.insertInto(EDITIONS, EDITIONS.EDITION_DATE)
                .values(date)
                .onDuplicateKeyIgnore()
                .execute();
        return db.select(EDITIONS.ID)
                .from(EDITIONS)
                .where(EDITIONS.EDITION_DATE.eq(date))
                .fetchOne(EDITIONS.ID);
    }

    /** Subscribers of a slice who have no delivery for its edition yet: what an enqueue would add. */
    public Condition notYetEnqueued(ZoneSlice slice) {
        return DSL.notExists(DSL.selectOne()
                .from(DELIVERIES)
                .join(EDITIONS)
                .on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                .where(DELIVERIES.SUBSCRIBER_ID.eq(SUBSCRIBERS.ID))
                .and(EDITIONS.EDITION_DATE.eq(slice.editionDate())));
    }
}
