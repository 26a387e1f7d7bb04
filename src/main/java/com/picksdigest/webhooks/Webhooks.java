package com.picksdigest.webhooks;

import static com.picksdigest.db.generated.Tables.WEBHOOK_DELIVERIES;
import static com.picksdigest.db.generated.Tables.WEBHOOK_ENDPOINTS;
import static com.picksdigest.db.generated.Tables.WEBHOOK_EVENTS;

import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.WebhookEndpointsRecord;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbox.Outbox;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Webhook endpoints as admins manage them, and what the workspace shows of their deliveries. */
public final class Webhooks {
    private final DSLContext db;
    private final GuardedHttp http;
    private final Clock clock;

    /** @param http the client deliveries are sent with: a URL it would refuse is refused at registration already */
    public Webhooks(DSLContext db, GuardedHttp http, Clock clock) {
        this.db = db;
        this.http = http;
        this.clock = clock;
    }

    /** Registers an endpoint, enabled, with a new secret (shown on the endpoint's page). */
    public WebhookEndpointsRecord register(String url, Collection<String> types, String actor) {
        InvalidFields.Collector c = new InvalidFields.Collector();
        URI u = c.check("url", () -> parseUrl(url));
        if (u != null) http.refusal(u).ifPresent(r -> c.add("url", "Endpoint URL " + r + "."));
        List<String> events = c.check("events", () -> eventTypes(types));
        c.throwIfAny();
        WebhookEndpointsRecord r = db.newRecord(WEBHOOK_ENDPOINTS);
        r.setUrl(u.toString());
        r.setEventTypes(String.join(",", events));
        r.setSecret(Signatures.newSecret());
        r.setEnabled(true);
        r.setCreatedBy(actor);
        r.setCreatedAt(now());
        r.store();
        return r;
    }

    /** Changes which events an endpoint gets; only events recorded from now on are affected. */
    public void changeEvents(long id, Collection<String> types) {
        require(id);
        InvalidFields.Collector c = new InvalidFields.Collector();
        List<String> events = c.check("events", () -> eventTypes(types));
        c.throwIfAny();
        db.update(WEBHOOK_ENDPOINTS)
                .set(WEBHOOK_ENDPOINTS.EVENT_TYPES, String.join(",", events))
                .where(WEBHOOK_ENDPOINTS.ID.eq(id))
                .execute();
    }

    /**
     * Disabled: no new events are queued for it and what is queued waits. Enabling also resumes a paused endpoint:
     * what waited is tried at once, each event with a fresh retry window.
     */
    public void setEnabled(long id, boolean enabled) {
        require(id);
        LocalDateTime now = now();
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            var update = t.update(WEBHOOK_ENDPOINTS).set(WEBHOOK_ENDPOINTS.ENABLED, enabled);
            if (enabled) {
                update = update.set(WEBHOOK_ENDPOINTS.PAUSED_AT, (LocalDateTime) null)
                        .set(WEBHOOK_ENDPOINTS.PAUSED_REASON, (String) null)
                        .set(WEBHOOK_ENDPOINTS.FAILING_SINCE, (LocalDateTime) null)
                        .set(WEBHOOK_ENDPOINTS.CONSECUTIVE_FAILURES, 0);
                t.update(WEBHOOK_DELIVERIES)
                        .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, now)
                        .set(
                                WEBHOOK_DELIVERIES.GIVE_UP_AT,
                                DSL.greatest(WEBHOOK_DELIVERIES.GIVE_UP_AT, DSL.val(now.plus(Outbox.RETRY_FOR))))
                        .where(WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(id))
                        .and(WEBHOOK_DELIVERIES.STATE.eq(WebhookRelay.QUEUED))
                        .execute();
            }
            update.where(WEBHOOK_ENDPOINTS.ID.eq(id)).execute();
        });
    }

    /** Removes the endpoint with its delivery log; events nobody else waits for are removed by the clean-up. */
    public void remove(long id) {
        require(id);
        db.deleteFrom(WEBHOOK_ENDPOINTS).where(WEBHOOK_ENDPOINTS.ID.eq(id)).execute();
    }

    public WebhookEndpointsRecord require(long id) {
        WebhookEndpointsRecord r = db.selectFrom(WEBHOOK_ENDPOINTS)
                .where(WEBHOOK_ENDPOINTS.ID.eq(id))
                .fetchAny();
        if (r == null) throw new InvalidInputException("There is no webhook endpoint #" + id + ".");
        return r;
    }

    /** Endpoints with their deliveries by state (queued counts those being sent). */
    public List<? extends Record> list() {
        var d = WEBHOOK_DELIVERIES;
        return db.select(
                        WEBHOOK_ENDPOINTS.asterisk(),
                        count(WebhookRelay.QUEUED, WebhookRelay.SENDING).as("waiting"),
                        count(WebhookRelay.DELIVERED).as("delivered"),
                        count(WebhookRelay.FAILED).as("failed"))
                .from(WEBHOOK_ENDPOINTS)
                .leftJoin(d)
                .on(d.ENDPOINT_ID.eq(WEBHOOK_ENDPOINTS.ID))
                .groupBy(WEBHOOK_ENDPOINTS.ID)
                .orderBy(WEBHOOK_ENDPOINTS.ID)
                .fetch();
    }

    private static org.jooq.Field<Integer> count(String... states) {
        return DSL.sum(DSL.when(WEBHOOK_DELIVERIES.STATE.in(states), 1).otherwise(0))
                .coerce(Integer.class);
    }

    /** The endpoint's latest deliveries, newest first, with their event. */
    public List<? extends Record> log(long endpointId, int limit) {
        return db.select(
                        WEBHOOK_DELIVERIES.asterisk(),
                        WEBHOOK_EVENTS.EVENT_TYPE,
                        WEBHOOK_EVENTS.MESSAGE_ID,
                        WEBHOOK_EVENTS.CREATED_AT)
                .from(WEBHOOK_DELIVERIES)
                .join(WEBHOOK_EVENTS)
                .on(WEBHOOK_EVENTS.ID.eq(WEBHOOK_DELIVERIES.EVENT_ID))
                .where(WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(endpointId))
                .orderBy(WEBHOOK_DELIVERIES.ID.desc())
                .limit(limit)
                .fetch();
    }

    private static URI parseUrl(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty()) throw new InvalidInputException("Endpoint URL is required.");
        if (v.length() > 2000) throw new InvalidInputException("Endpoint URL is longer than 2000 characters.");
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw new InvalidInputException(
                        "Endpoint URL must be an http or https URL such as " + "https://crm.example.org/hooks/picks.");
            }
            if (u.getRawUserInfo() != null)
                throw new InvalidInputException("Endpoint URL must not hold a user name or password.");
            return u;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("Endpoint URL is not a valid URL.");
        }
    }

    private static List<String> eventTypes(Collection<String> types) {
        if (types == null || types.isEmpty()) throw new InvalidInputException("Choose at least one event.");
        for (String t : types) {
            if (!Outbox.TYPES.contains(t)) {
                throw new InvalidInputException("\"" + (t.length() > 40 ? t.substring(0, 37) + "..." : t)
                        + "\" is not an event; the events are " + String.join(", ", Outbox.TYPES) + ".");
            }
        }
        return Outbox.TYPES.stream().filter(types::contains).toList();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
