package com.picksdigest.subscribers;

import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.outbox.Outbox;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/** The events table: one row per change to a subscriber, written in the transaction that makes the change. */
public final class Events {
    private Events() {}

    /**
     * @param subscriberId null for events that outlive their subscriber (erased, expired)
     * @param detail       one line, clipped to the column's 1000 characters; may be null
     * @param deliveryId   the digest the event is about (a bounce, a complaint); may be null
     */
    public static void record(
            DSLContext tx, Long subscriberId, String type, String detail, Long deliveryId, LocalDateTime at) {
        record(tx, subscriberId, type, detail, deliveryId, null, at);
    }

    /** @param pickId the pick a click was on; null for every other event */
    public static void record(
            DSLContext tx,
            Long subscriberId,
            String type,
            String detail,
            Long deliveryId,
            Long pickId,
            LocalDateTime at) {
        String d = detail == null ? null : detail.replaceAll("[\\r\\n]+", " ");
        tx.insertInto(EVENTS)
                .set(EVENTS.SUBSCRIBER_ID, subscriberId)
                .set(EVENTS.TYPE, type)
                .set(EVENTS.DETAIL, d == null || d.length() <= 1000 ? d : d.substring(0, 997) + "...")
                .set(EVENTS.DELIVERY_ID, deliveryId)
                .set(EVENTS.PICK_ID, pickId)
                .set(EVENTS.CREATED_AT, at)
                .execute();
    }

    /**
     * Queues the webhook event of a change to a subscriber, with the row as the caller's transaction left it; call it
     * in that transaction, after the change.
     *
     * @param reason why, when the change has one worth telling (an unsubscribe's reason, a bounce's reply); may be null
     */
    public static void webhook(DSLContext tx, String type, long subscriberId, String reason, LocalDateTime at) {
        SubscribersRecord s = tx.selectFrom(SUBSCRIBERS)
                .where(SUBSCRIBERS.ID.eq(subscriberId))
                .fetchOne();
        if (s == null) return;
        Outbox.record(tx, type, subject(subscriberId), data(s, s.getStatus().stored(), reason), at);
    }

    /** The subscriber.erased webhook event: the row is gone, so its data comes from before the erasure. */
    static void webhookErased(DSLContext tx, SubscribersRecord before, LocalDateTime at) {
        Outbox.record(tx, Outbox.SUBSCRIBER_ERASED, subject(before.getId()), data(before, "erased", null), at);
    }

    private static String subject(long subscriberId) {
        return "subscriber:" + subscriberId;
    }

    private static Map<String, Object> data(SubscribersRecord s, String status, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", s.getId());
        d.put("email", s.getEmail());
        d.put("name", s.getName());
        d.put("status", status);
        d.put(
                "created_at",
                s.getCreatedAt() == null
                        ? null
                        : s.getCreatedAt().toInstant(ZoneOffset.UTC).toString());
        if (reason != null) d.put("reason", reason);
        return d;
    }

    /** The same event, without detail, for many subscribers at once (an import): one statement. */
    public static void recordAll(
            DSLContext tx, java.util.Collection<Long> subscriberIds, String type, LocalDateTime at) {
        if (subscriberIds.isEmpty()) return;
        var insert = tx.insertInto(EVENTS, EVENTS.SUBSCRIBER_ID, EVENTS.TYPE, EVENTS.CREATED_AT);
        for (Long id : subscriberIds) insert = insert.values(id, type, at);
        insert.execute();
    }
}
