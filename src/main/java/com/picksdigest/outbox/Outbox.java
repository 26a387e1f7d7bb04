package com.picksdigest.outbox;

import static com.picksdigest.db.generated.Tables.WEBHOOK_DELIVERIES;
import static com.picksdigest.db.generated.Tables.WEBHOOK_ENDPOINTS;
import static com.picksdigest.db.generated.Tables.WEBHOOK_EVENTS;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.tools.json.JSONValue;

/**
 * The webhook outbox: features call {@link #record} inside the transaction that makes a change, so the change and
 * its event commit together or not at all (a crash can neither lose an event nor send one for a change that was
 * rolled back). Static, like the events table's writer, because it needs nothing but the transaction: it sits below
 * every feature, which may all depend on it, and the webhooks package that sends the rows depends on it too.
 */
public final class Outbox {
    public static final String SUBSCRIBER_CREATED = "subscriber.created";
    public static final String SUBSCRIBER_CONFIRMED = "subscriber.confirmed";
    public static final String SUBSCRIBER_UNSUBSCRIBED = "subscriber.unsubscribed";
    public static final String SUBSCRIBER_BOUNCED = "subscriber.bounced";
    public static final String SUBSCRIBER_COMPLAINED = "subscriber.complained";
    public static final String SUBSCRIBER_ERASED = "subscriber.erased";
    public static final String PICK_PUBLISHED = "pick.published";
    public static final String EDITION_COMPLETED = "edition.completed";

    /** Every event type an endpoint can subscribe to, in the order the workspace lists them. */
    public static final List<String> TYPES = List.of(
            SUBSCRIBER_CREATED,
            SUBSCRIBER_CONFIRMED,
            SUBSCRIBER_UNSUBSCRIBED,
            SUBSCRIBER_BOUNCED,
            SUBSCRIBER_COMPLAINED,
            SUBSCRIBER_ERASED,
            PICK_PUBLISHED,
            EDITION_COMPLETED);

    /** How long an event is retried after it happened (at least-once within this time). */
    public static final Duration RETRY_FOR = Duration.ofHours(24);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private Outbox() {}

    /**
     * Queues {@code type} for every enabled endpoint subscribed to it, in the caller's transaction; writes nothing
     * when no endpoint wants it. The payload is {@code {"type", "timestamp", "data"}}.
     *
     * @param subject what the event is about, e.g. {@code subscriber:12}: one subject's events reach an endpoint in
     *                the order they were recorded
     * @param data    JSON-able values (strings, numbers, booleans, null, maps and lists of them)
     */
    public static void record(DSLContext tx, String type, String subject, Map<String, ?> data, LocalDateTime at) {
        List<Long> endpoints = endpointsFor(tx, type);
        if (endpoints.isEmpty()) return;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", ISO.format(at.toInstant(ZoneOffset.UTC)));
        payload.put("data", data);
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        var event = tx.newRecord(WEBHOOK_EVENTS);
        event.setMessageId("msg_" + HexFormat.of().formatHex(id));
        event.setEventType(type);
        event.setSubject(subject);
        event.setPayload(JSONValue.toJSONString(payload));
        event.setCreatedAt(at);
        event.store();
        var insert = tx.insertInto(
                WEBHOOK_DELIVERIES,
                WEBHOOK_DELIVERIES.EVENT_ID,
                WEBHOOK_DELIVERIES.ENDPOINT_ID,
                WEBHOOK_DELIVERIES.SUBJECT,
                WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT,
                WEBHOOK_DELIVERIES.GIVE_UP_AT,
                WEBHOOK_DELIVERIES.CREATED_AT);
        for (Long endpoint : endpoints) {
            insert = insert.values(event.getId(), endpoint, subject, at, at.plus(RETRY_FOR), at);
        }
        insert.execute();
    }

    /** Whether any enabled endpoint wants {@code type}: lets a bulk change skip building events nobody gets. */
    public static boolean wanted(DSLContext tx, String type) {
        return !endpointsFor(tx, type).isEmpty();
    }

    private static List<Long> endpointsFor(DSLContext tx, String type) {
        if (!TYPES.contains(type)) throw new IllegalArgumentException("not a webhook event type: " + type);
        return tx
                .select(WEBHOOK_ENDPOINTS.ID, WEBHOOK_ENDPOINTS.EVENT_TYPES)
                .from(WEBHOOK_ENDPOINTS)
                .where(WEBHOOK_ENDPOINTS.ENABLED.isTrue())
                .fetch()
                .stream()
                .filter(r -> subscribes(r.value2(), type))
                .map(r -> r.value1())
                .toList();
    }

    /** Whether a stored list of event types (comma-separated) holds {@code type}. */
    public static boolean subscribes(String eventTypes, String type) {
        return eventTypes != null && Arrays.asList(eventTypes.split(",")).contains(type);
    }
}
