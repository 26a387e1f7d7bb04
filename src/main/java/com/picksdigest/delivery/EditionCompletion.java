package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;

import com.picksdigest.db.Deadlocks;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.outbox.Outbox;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Marks editions completed and queues their edition.completed webhook event. An edition is a date, and a reader's
 * digest belongs to their local date, so deliveries of a date keep being created until that date has ended in the
 * last time zone (UTC-12, at 12:00 UTC the next day); two hours later, once none of its deliveries is queued or
 * being sent, the edition is complete.
 */
public final class EditionCompletion {
    /** From the end of the date in UTC to its end at UTC-12, plus two hours for a late dispatch. */
    private static final Duration LAST_ZONE = Duration.ofHours(14);

    private final DSLContext db;

    public EditionCompletion(DSLContext db) {
        this.db = db;
    }

    /** @return the dates completed now */
    public List<LocalDate> run(LocalDateTime now) {
        LocalDate lastEnded = now.minus(LAST_ZONE).toLocalDate().minusDays(1);
        List<Long> candidates = db.select(EDITIONS.ID)
                .from(EDITIONS)
                .where(EDITIONS.COMPLETED_AT.isNull())
                .and(EDITIONS.EDITION_DATE.le(lastEnded))
                .orderBy(EDITIONS.EDITION_DATE)
                .fetch(EDITIONS.ID);
        return candidates.stream()
                .map(id -> Deadlocks.retry(() -> complete(id, now)))
                .filter(d -> d != null)
                .toList();
    }

    private LocalDate complete(long editionId, LocalDateTime now) {
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            var edition = t.selectFrom(EDITIONS)
                    .where(EDITIONS.ID.eq(editionId))
                    .and(EDITIONS.COMPLETED_AT.isNull())
                    .forUpdate()
                    .fetchOne();
            if (edition == null) return null; // another node did it
            Map<DeliveryStatus, Integer> counts = t.select(DELIVERIES.STATUS, DSL.count())
                    .from(DELIVERIES)
                    .where(DELIVERIES.EDITION_ID.eq(editionId))
                    .groupBy(DELIVERIES.STATUS)
                    .fetchMap(DELIVERIES.STATUS, DSL.count());
            if (counts.containsKey(DeliveryStatus.QUEUED) || counts.containsKey(DeliveryStatus.SENDING)) {
                return null;
            }
            edition.setCompletedAt(now);
            edition.store();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("date", edition.getEditionDate().toString());
            d.put(
                    "deliveries",
                    counts.values().stream().mapToInt(Integer::intValue).sum());
            for (DeliveryStatus s : List.of(
                    DeliveryStatus.SENT, DeliveryStatus.SKIPPED, DeliveryStatus.FAILED, DeliveryStatus.SUPPRESSED)) {
                d.put(s.stored(), counts.getOrDefault(s, 0));
            }
            Outbox.record(t, Outbox.EDITION_COMPLETED, "edition:" + edition.getEditionDate(), d, now);
            return edition.getEditionDate();
        });
    }
}
