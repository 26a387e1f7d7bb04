package com.picksdigest.subscribers;

import static com.picksdigest.db.generated.Tables.EVENTS;

import java.time.LocalDateTime;
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

    /** The same event, without detail, for many subscribers at once (an import): one statement. */
    public static void recordAll(
            DSLContext tx, java.util.Collection<Long> subscriberIds, String type, LocalDateTime at) {
        if (subscriberIds.isEmpty()) return;
        var insert = tx.insertInto(EVENTS, EVENTS.SUBSCRIBER_ID, EVENTS.TYPE, EVENTS.CREATED_AT);
        for (Long id : subscriberIds) insert = insert.values(id, type, at);
        insert.execute();
    }
}
