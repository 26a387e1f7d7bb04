package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.Deadlocks;
import com.picksdigest.subscribers.SubscriberStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the deliveries that have become due: set-based INSERT IGNORE ... SELECT per time zone and id range.
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
    public enum Mode { AT_SEND_HOUR, ANY_HOUR }

    /** @return how many deliveries were created */
    public int enqueue(Instant now, Mode mode, Optional<String> onlyEmailKey) {
        int created = 0;
        List<String> zones = db.selectDistinct(SUBSCRIBERS.TIMEZONE).from(SUBSCRIBERS)
                .where(SUBSCRIBERS.STATUS.eq(SubscriberStatus.ACTIVE.db()))
                .fetch(SUBSCRIBERS.TIMEZONE);
        for (String zoneId : zones) {
            ZoneId zone;
            try {
                zone = ZoneId.of(zoneId);
            } catch (RuntimeException e) {
                log.warn("Skipping subscribers with unknown time zone \"{}\"", zoneId);
                continue;
            }
            created += enqueueZone(zoneId, now.atZone(zone), mode, onlyEmailKey, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        }
        return created;
    }

    private int enqueueZone(String zoneId, ZonedDateTime local, Mode mode, Optional<String> onlyEmailKey,
                            LocalDateTime nowUtc) {
        LocalDate date = local.toLocalDate();
        long editionId = edition(date);
        Condition due = SUBSCRIBERS.STATUS.eq(SubscriberStatus.ACTIVE.db())
                .and(SUBSCRIBERS.TIMEZONE.eq(zoneId))
                .and(SUBSCRIBERS.FREQUENCY.eq("daily").or(SUBSCRIBERS.WEEKDAY.eq((byte) local.getDayOfWeek().getValue())))
                .and(SUBSCRIBERS.PAUSED_UNTIL.isNull().or(SUBSCRIBERS.PAUSED_UNTIL.le(date)));
        if (mode == Mode.AT_SEND_HOUR) due = due.and(SUBSCRIBERS.SEND_HOUR.le((byte) local.getHour()));
        if (onlyEmailKey.isPresent()) due = due.and(SUBSCRIBERS.EMAIL_KEY.eq(onlyEmailKey.get()));
        final Condition dueNow = due;
        var bounds = db.select(DSL.min(SUBSCRIBERS.ID), DSL.max(SUBSCRIBERS.ID)).from(SUBSCRIBERS).where(due).fetchOne();
        if (bounds == null || bounds.value1() == null) return 0;
        int created = 0;
        for (long lo = bounds.value1(); lo <= bounds.value2(); lo += CHUNK) {
            final long from = lo;
            created += Deadlocks.retry(() -> db.insertInto(DELIVERIES, DELIVERIES.EDITION_ID, DELIVERIES.SUBSCRIBER_ID, DELIVERIES.STATUS,
                            DELIVERIES.NEXT_ATTEMPT_AT, DELIVERIES.CREATED_AT, DELIVERIES.UPDATED_AT)
                    .select(DSL.select(DSL.val(editionId), SUBSCRIBERS.ID, DSL.val(DeliveryStatus.QUEUED.db()),
                                    DSL.val(nowUtc), DSL.val(nowUtc), DSL.val(nowUtc))
                            .from(SUBSCRIBERS)
                            .where(dueNow).and(SUBSCRIBERS.ID.between(from, from + CHUNK - 1)))
                    .onDuplicateKeyIgnore()
                    .execute());
        }
        return created;
    }

    private long edition(LocalDate date) {
        db.insertInto(EDITIONS, EDITIONS.EDITION_DATE).values(date).onDuplicateKeyIgnore().execute();
        return db.select(EDITIONS.ID).from(EDITIONS).where(EDITIONS.EDITION_DATE.eq(date)).fetchOne(EDITIONS.ID);
    }
}
