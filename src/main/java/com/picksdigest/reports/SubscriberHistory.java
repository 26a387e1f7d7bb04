package com.picksdigest.reports;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.db.types.DeliveryStatus;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * One subscriber's story for the record page: their status history (events) and every delivery with its outcome,
 * the relay's last reply and the picks it held. What a delivery held is recorded when it is built (deliveries.digest_id
 * names the shared digest, digest_picks its picks in order), so this reads it back rather than re-planning.
 */
public final class SubscriberHistory {
    private final DSLContext db;

    public SubscriberHistory(DSLContext db) {
        this.db = db;
    }

    public record Event(LocalDateTime at, String type, String detail, LocalDate edition) {}

    public record PickHeld(long id, String title, String url) {}

    /** @param picks in digest order; empty until the digest was built (queued) or when nothing was new (skipped) */
    public record Delivery(
            long id,
            LocalDate edition,
            DeliveryStatus status,
            int attempts,
            LocalDateTime sentAt,
            String reply,
            List<PickHeld> picks) {}

    /** Newest first. */
    public List<Event> events(long subscriberId, int limit) {
        return db.select(EVENTS.CREATED_AT, EVENTS.TYPE, EVENTS.DETAIL, EDITIONS.EDITION_DATE)
                .from(EVENTS)
                .leftJoin(DELIVERIES)
                .on(DELIVERIES.ID.eq(EVENTS.DELIVERY_ID))
                .leftJoin(EDITIONS)
                .on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                .where(EVENTS.SUBSCRIBER_ID.eq(subscriberId))
                .orderBy(EVENTS.CREATED_AT.desc(), EVENTS.ID.desc())
                .limit(limit)
                .fetch(r -> new Event(r.value1(), r.value2(), r.value3() == null ? "" : r.value3(), r.value4()));
    }

    /** Newest edition first; two statements whatever the number of deliveries. */
    public List<Delivery> deliveries(long subscriberId, int limit) {
        var rows = db.select(
                        DELIVERIES.ID,
                        EDITIONS.EDITION_DATE,
                        DELIVERIES.STATUS,
                        DELIVERIES.ATTEMPTS,
                        DELIVERIES.SENT_AT,
                        DELIVERIES.LAST_REPLY,
                        DELIVERIES.DIGEST_ID)
                .from(DELIVERIES)
                .join(EDITIONS)
                .on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                .where(DELIVERIES.SUBSCRIBER_ID.eq(subscriberId))
                .orderBy(EDITIONS.EDITION_DATE.desc())
                .limit(limit)
                .fetch();
        List<Long> digests = rows.stream()
                .map(r -> r.value7())
                .filter(d -> d != null)
                .distinct()
                .toList();
        Map<Long, List<PickHeld>> held = new HashMap<>();
        if (!digests.isEmpty()) {
            db.select(DIGEST_PICKS.DIGEST_ID, PICKS.ID, PICKS.TITLE, PICKS.URL)
                    .from(DIGEST_PICKS)
                    .join(PICKS)
                    .on(PICKS.ID.eq(DIGEST_PICKS.PICK_ID))
                    .where(DIGEST_PICKS.DIGEST_ID.in(digests))
                    .orderBy(DIGEST_PICKS.DIGEST_ID, DIGEST_PICKS.POSITION)
                    .forEach(r -> held.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                            .add(new PickHeld(r.value2(), r.value3(), r.value4())));
        }
        return rows.map(r -> new Delivery(
                r.value1(),
                r.value2(),
                r.value3(),
                r.value4(),
                r.value5(),
                r.value6() == null ? "" : r.value6(),
                r.value7() == null ? List.of() : held.getOrDefault(r.value7(), List.of())));
    }
}
