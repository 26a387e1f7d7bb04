package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.DELIVERY_PICKS;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.Deadlocks;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The deliveries table: claiming work, and recording how each delivery ended. Every state change is guarded
 * by the state it expects, so a stale worker can never overwrite a newer outcome.
 */
public final class DeliveryLedger {
    private final DSLContext db;

    public DeliveryLedger(DSLContext db) {
        this.db = db;
    }

    /**
     * Takes up to {@code limit} due deliveries for this node. SKIP LOCKED lets several workers and processes
     * claim side by side without waiting on each other or taking the same row.
     */
    public List<Claim> claim(String nodeId, int limit, LocalDateTime now) {
        return Deadlocks.retry(() -> db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            List<Long> ids = t.select(DELIVERIES.ID).from(DELIVERIES)
                    .where(DELIVERIES.STATUS.eq(DeliveryStatus.QUEUED.db()))
                    .and(DELIVERIES.NEXT_ATTEMPT_AT.le(now))
                    .orderBy(DELIVERIES.NEXT_ATTEMPT_AT, DELIVERIES.ID)
                    .limit(limit)
                    .forUpdate().skipLocked()
                    .fetch(DELIVERIES.ID);
            if (ids.isEmpty()) return List.of();
            t.update(DELIVERIES)
                    .set(DELIVERIES.STATUS, DeliveryStatus.SENDING.db())
                    .set(DELIVERIES.CLAIMED_BY, nodeId)
                    .set(DELIVERIES.CLAIMED_AT, now)
                    .set(DELIVERIES.ATTEMPTS, DELIVERIES.ATTEMPTS.plus(1))
                    .set(DELIVERIES.UPDATED_AT, now)
                    .where(DELIVERIES.ID.in(ids))
                    .execute();
            return t.select(DELIVERIES.ID, DELIVERIES.ATTEMPTS, EDITIONS.EDITION_DATE, SUBSCRIBERS.ID,
                            SUBSCRIBERS.EMAIL, SUBSCRIBERS.NAME, SUBSCRIBERS.STATUS, SUBSCRIBERS.TIMEZONE,
                            SUBSCRIBERS.LOCALE, SUBSCRIBERS.FORMAT, SUBSCRIBERS.FREQUENCY, SUBSCRIBERS.WATERMARK,
                            SUBSCRIBERS.TOKEN_VERSION)
                    .from(DELIVERIES)
                    .join(SUBSCRIBERS).on(SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                    .join(EDITIONS).on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                    .where(DELIVERIES.ID.in(ids))
                    .orderBy(DELIVERIES.ID)
                    .fetch(r -> new Claim(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                            r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12(), r.value13()));
        }));
    }

    /** Puts back claims whose worker went away (crash, kill, lost connection) so another can take them. */
    public int releaseStale(LocalDateTime now, Duration timeout) {
        return db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.QUEUED.db())
                .set(DELIVERIES.CLAIMED_BY, (String) null)
                .set(DELIVERIES.UPDATED_AT, now)
                .where(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING.db()))
                .and(DELIVERIES.CLAIMED_AT.lt(now.minus(timeout)))
                .execute();
    }

    /** Gives back this node's unfinished claims on a graceful stop; attempts are not counted against them. */
    public int releaseOwn(String nodeId, LocalDateTime now) {
        return db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.QUEUED.db())
                .set(DELIVERIES.CLAIMED_BY, (String) null)
                .set(DELIVERIES.ATTEMPTS, DSL.greatest(DELIVERIES.ATTEMPTS.minus(1), DSL.inline(0)))
                .set(DELIVERIES.UPDATED_AT, now)
                .where(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING.db()))
                .and(DELIVERIES.CLAIMED_BY.eq(nodeId))
                .execute();
    }

    /**
     * Records a 250: the delivery is sent, the picks it held are noted, and the subscriber's watermark moves
     * to the selection cut-off, all in one transaction so they can never disagree.
     */
    public void markSent(Claim c, String messageId, String reply, LocalDateTime picksThrough, List<Long> pickIds,
                         LocalDateTime now) {
        Deadlocks.retry(() -> db.transaction(tx -> {
            DSLContext t = tx.dsl();
            int n = t.update(DELIVERIES)
                    .set(DELIVERIES.STATUS, DeliveryStatus.SENT.db())
                    .set(DELIVERIES.SENT_AT, now)
                    .set(DELIVERIES.MESSAGE_ID, messageId)
                    .set(DELIVERIES.LAST_REPLY, clip(reply))
                    .set(DELIVERIES.PICKS_THROUGH, picksThrough)
                    .set(DELIVERIES.UPDATED_AT, now)
                    .where(DELIVERIES.ID.eq(c.deliveryId()))
                    .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING.db()))
                    .execute();
            if (n == 0) return;
            t.update(SUBSCRIBERS)
                    .set(SUBSCRIBERS.WATERMARK, picksThrough)
                    .set(SUBSCRIBERS.SOFT_BOUNCES, 0)
                    .where(SUBSCRIBERS.ID.eq(c.subscriberId()))
                    .and(SUBSCRIBERS.WATERMARK.isNull().or(SUBSCRIBERS.WATERMARK.lt(picksThrough)))
                    .execute();
            var insert = t.insertInto(DELIVERY_PICKS, DELIVERY_PICKS.DELIVERY_ID, DELIVERY_PICKS.PICK_ID,
                    DELIVERY_PICKS.POSITION);
            for (int i = 0; i < pickIds.size(); i++) insert = insert.values(c.deliveryId(), pickIds.get(i), i + 1);
            if (!pickIds.isEmpty()) insert.execute();
        }));
    }

    public void markSkipped(Claim c, LocalDateTime now) {
        finish(c, DeliveryStatus.SKIPPED, "nothing new since the last digest", now);
    }

    public void markSuppressed(Claim c, LocalDateTime now) {
        finish(c, DeliveryStatus.SUPPRESSED, "subscriber is " + c.status(), now);
    }

    public void markFailed(Claim c, String reply, LocalDateTime now) {
        finish(c, DeliveryStatus.FAILED, reply, now);
    }

    /** A transient failure: back to the queue at {@code retryAt}. */
    public void markRetry(Claim c, String reply, LocalDateTime retryAt, LocalDateTime now) {
        Deadlocks.retry(() -> db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.QUEUED.db())
                .set(DELIVERIES.CLAIMED_BY, (String) null)
                .set(DELIVERIES.NEXT_ATTEMPT_AT, retryAt)
                .set(DELIVERIES.LAST_REPLY, clip(reply))
                .set(DELIVERIES.UPDATED_AT, now)
                .where(DELIVERIES.ID.eq(c.deliveryId()))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING.db()))
                .execute());
    }

    private void finish(Claim c, DeliveryStatus status, String reply, LocalDateTime now) {
        Deadlocks.retry(() -> db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, status.db())
                .set(DELIVERIES.LAST_REPLY, clip(reply))
                .set(DELIVERIES.UPDATED_AT, now)
                .where(DELIVERIES.ID.eq(c.deliveryId()))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING.db()))
                .execute());
    }

    /** Deliveries still to be sent: queued (now or for a later retry) or claimed. */
    public int outstanding() {
        return db.fetchCount(DELIVERIES, DELIVERIES.STATUS.in(DeliveryStatus.QUEUED.db(), DeliveryStatus.SENDING.db()));
    }

    /** Deliveries a worker could take or is working on right now; retries waiting for later are not counted. */
    public int workable(LocalDateTime now) {
        return db.fetchCount(DELIVERIES, DELIVERIES.STATUS.eq(DeliveryStatus.SENDING.db())
                .or(DELIVERIES.STATUS.eq(DeliveryStatus.QUEUED.db()).and(DELIVERIES.NEXT_ATTEMPT_AT.le(now))));
    }

    static String clip(String s) {
        if (s == null) return null;
        String one = s.replaceAll("[\\r\\n]+", " ").strip();
        return one.length() > 1000 ? one.substring(0, 1000) : one;
    }
}
