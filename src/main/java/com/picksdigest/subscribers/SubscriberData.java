package com.picksdigest.subscribers;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.CONFIRMATIONS;
import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBER_CATEGORIES;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.tools.json.JSONValue;

/**
 * A subscriber's data rights: everything stored about them as JSON, and erasure. Erasure deletes the subscriber
 * with their follows, deliveries (and the picks each held), events and confirmations, and keeps only the salted hash
 * of the address on the suppression list ({@link Suppressions}), so no import or sign-up brings it back silently.
 */
public final class SubscriberData {
    private final DSLContext db;
    private final Suppressions suppressions;
    private final Clock clock;

    public SubscriberData(DSLContext db, Clock clock) {
        this.db = db;
        this.suppressions = new Suppressions(db);
        this.clock = clock;
    }

    /** The JSON document: exported_at, profile, follows (category names), deliveries (with their picks), events. */
    public String export(SubscribersRecord s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("exported_at", now().toString() + "Z");
        doc.put("profile", values(s, s.fields()));
        doc.put(
                "follows",
                db.select(CATEGORIES.NAME)
                        .from(SUBSCRIBER_CATEGORIES)
                        .join(CATEGORIES)
                        .on(CATEGORIES.ID.eq(SUBSCRIBER_CATEGORIES.CATEGORY_ID))
                        .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(s.getId()))
                        .orderBy(CATEGORIES.NAME)
                        .fetch(CATEGORIES.NAME));
        Map<Long, List<Object>> picks = new LinkedHashMap<>();
        db.select(DELIVERIES.ID, DIGEST_PICKS.POSITION, PICKS.TITLE, PICKS.URL)
                .from(DIGEST_PICKS)
                .join(DELIVERIES)
                .on(DELIVERIES.DIGEST_ID.eq(DIGEST_PICKS.DIGEST_ID))
                .join(PICKS)
                .on(PICKS.ID.eq(DIGEST_PICKS.PICK_ID))
                .where(DELIVERIES.SUBSCRIBER_ID.eq(s.getId()))
                .orderBy(DELIVERIES.ID, DIGEST_PICKS.POSITION)
                .forEach(r -> picks.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(values(r, PICKS.TITLE, PICKS.URL)));
        List<Object> deliveries = new ArrayList<>();
        db.select(
                        DELIVERIES.ID,
                        EDITIONS.EDITION_DATE,
                        DELIVERIES.STATUS,
                        DELIVERIES.ATTEMPTS,
                        DELIVERIES.SENT_AT,
                        DELIVERIES.MESSAGE_ID,
                        DELIVERIES.LAST_REPLY,
                        DELIVERIES.CREATED_AT)
                .from(DELIVERIES)
                .join(EDITIONS)
                .on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                .where(DELIVERIES.SUBSCRIBER_ID.eq(s.getId()))
                .orderBy(DELIVERIES.ID)
                .forEach(r -> {
                    Map<String, Object> d = values(r, r.fields());
                    d.put("picks", picks.getOrDefault(r.value1(), List.of()));
                    deliveries.add(d);
                });
        doc.put("deliveries", deliveries);
        doc.put(
                "events",
                db.select(EVENTS.TYPE, EVENTS.DETAIL, EVENTS.DELIVERY_ID, EVENTS.CREATED_AT)
                        .from(EVENTS)
                        .where(EVENTS.SUBSCRIBER_ID.eq(s.getId()))
                        .orderBy(EVENTS.ID)
                        .fetch(r -> values(r, r.fields())));
        return JSONValue.toJSONString(doc);
    }

    /** Column name to value; numbers and booleans stay JSON numbers and booleans, everything else becomes a string. */
    private static Map<String, Object> values(Record r, Field<?>... fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field<?> f : fields) {
            Object v = r.get(f);
            m.put(f.getName(), v == null || v instanceof Number || v instanceof Boolean ? v : v.toString());
        }
        return m;
    }

    /** Erases the subscriber (see the class comment); false when they were already gone. */
    public boolean erase(SubscribersRecord s) {
        LocalDateTime now = now();
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            suppressions.add(t, s.getEmail(), "erased", now);
            // Another subscriber's unconfirmed move to this address would keep it in a row: gone too.
            t.deleteFrom(CONFIRMATIONS)
                    .where(CONFIRMATIONS.NEW_EMAIL_KEY.eq(s.getEmailKey()))
                    .execute();
            // ... and so would another subscriber's "email_changed" event that names it.
            t.update(EVENTS)
                    .set(EVENTS.DETAIL, "(detail removed: it named an erased address)")
                    .where(EVENTS.DETAIL.containsIgnoreCase(s.getEmail()))
                    .and(EVENTS.SUBSCRIBER_ID.ne(s.getId()))
                    .execute();
            if (t.deleteFrom(SUBSCRIBERS).where(SUBSCRIBERS.ID.eq(s.getId())).execute() == 0) return false;
            Events.record(t, null, "erased", "subscriber #" + s.getId(), null, now);
            Events.webhookErased(t, s, now);
            return true;
        });
    }

    /** Puts an address nobody is subscribed with on the suppression list (an erasure request received by mail). */
    public void suppress(String email) {
        db.transaction(tx -> suppressions.add(tx.dsl(), EmailAddresses.parse(email, true), "erased", now()));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
