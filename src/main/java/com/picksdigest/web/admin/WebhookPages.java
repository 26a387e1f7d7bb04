package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.WEBHOOK_DELIVERIES;
import static com.picksdigest.db.generated.Tables.WEBHOOK_ENDPOINTS;
import static com.picksdigest.db.generated.Tables.WEBHOOK_EVENTS;

import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.WebhookEndpointsRecord;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.Editor;
import com.picksdigest.outbox.Outbox;
import com.picksdigest.webhooks.Webhooks;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;

/** Webhook endpoints (admins only): register, choose events, enable/disable (which also resumes), remove; the log. */
final class WebhookPages {
    private static final int LOG_ROWS = 50;

    private final Webhooks webhooks;
    private final AuditLog audit;
    private final AdminPages pages;

    WebhookPages(Webhooks webhooks, AuditLog audit, AdminPages pages) {
        this.webhooks = webhooks;
        this.audit = audit;
        this.pages = pages;
    }

    void list(Context ctx) {
        showList(ctx, 200, "", List.of(), Map.of());
    }

    void create(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        String url = nz(ctx.formParam("url"));
        List<String> events = ctx.formParams("event");
        try {
            WebhookEndpointsRecord e = webhooks.register(url, events, me.actor());
            audit.record(me.actor(), "create", "webhook", e.getId(), e.getUrl() + " " + e.getEventTypes());
            pages.redirect(ctx, "/admin/webhooks/" + e.getId(), "webhook-added");
        } catch (InvalidFields e) {
            showList(ctx, 400, url, events, e.errors());
        }
    }

    void show(Context ctx) {
        showOne(ctx, 200, find(ctx), Map.of());
    }

    void changeEvents(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        WebhookEndpointsRecord e = find(ctx);
        List<String> events = ctx.formParams("event");
        try {
            webhooks.changeEvents(e.getId(), events);
        } catch (InvalidFields f) {
            showOne(ctx, 400, e, f.errors());
            return;
        }
        audit.record(me.actor(), "update", "webhook", e.getId(), String.join(",", events));
        pages.redirect(ctx, "/admin/webhooks/" + e.getId(), "saved");
    }

    void enable(Context ctx) {
        toggle(ctx, true);
    }

    void disable(Context ctx) {
        toggle(ctx, false);
    }

    private void toggle(Context ctx, boolean on) {
        Editor me = AdminPages.session(ctx).editor();
        WebhookEndpointsRecord e = find(ctx);
        webhooks.setEnabled(e.getId(), on);
        audit.record(me.actor(), on ? "enable" : "disable", "webhook", e.getId(), e.getUrl());
        pages.redirect(ctx, "/admin/webhooks/" + e.getId(), on ? "webhook-enabled" : "webhook-disabled");
    }

    void remove(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        WebhookEndpointsRecord e = find(ctx);
        webhooks.remove(e.getId());
        audit.record(me.actor(), "remove", "webhook", e.getId(), e.getUrl());
        pages.redirect(ctx, "/admin/webhooks", "webhook-removed");
    }

    private void showList(Context ctx, int status, String url, List<String> checked, Map<String, String> errors) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Record r : webhooks.list()) {
            Map<String, Object> m = endpoint(r.into(WEBHOOK_ENDPOINTS));
            m.put("waiting", number(r.get("waiting")));
            m.put("delivered", number(r.get("delivered")));
            m.put("failed", number(r.get("failed")));
            rows.add(m);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("endpoints", rows);
        m.put("url", url);
        m.put("events", choices(checked));
        m.put("errors", errors);
        m.put("nav", "webhooks");
        pages.render(ctx, status, "webhooks.html.ftl", m);
    }

    private void showOne(Context ctx, int status, WebhookEndpointsRecord e, Map<String, String> errors) {
        List<Map<String, Object>> log = new ArrayList<>();
        for (Record r : webhooks.log(e.getId(), LOG_ROWS)) {
            Map<String, Object> d = new HashMap<>();
            d.put("type", r.get(WEBHOOK_EVENTS.EVENT_TYPE));
            d.put("messageId", r.get(WEBHOOK_EVENTS.MESSAGE_ID));
            d.put("subject", r.get(WEBHOOK_DELIVERIES.SUBJECT));
            d.put("at", pages.time(r.get(WEBHOOK_EVENTS.CREATED_AT)));
            d.put("state", r.get(WEBHOOK_DELIVERIES.STATE));
            d.put("attempts", r.get(WEBHOOK_DELIVERIES.ATTEMPTS));
            d.put("status", code(r.get(WEBHOOK_DELIVERIES.LAST_STATUS)));
            d.put("error", nz(r.get(WEBHOOK_DELIVERIES.LAST_ERROR)));
            d.put("lastAttempt", pages.time(r.get(WEBHOOK_DELIVERIES.LAST_ATTEMPT_AT)));
            d.put(
                    "nextAttempt",
                    "queued".equals(r.get(WEBHOOK_DELIVERIES.STATE))
                            ? pages.time(r.get(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT))
                            : "");
            log.add(d);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("e", endpoint(e));
        m.put("secret", e.getSecret());
        m.put("events", choices(List.of(e.getEventTypes().split(","))));
        m.put("log", log);
        m.put("errors", errors);
        m.put("nav", "webhooks");
        pages.render(ctx, status, "webhook.html.ftl", m);
    }

    private Map<String, Object> endpoint(WebhookEndpointsRecord e) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", e.getId());
        m.put("url", e.getUrl());
        m.put("eventTypes", e.getEventTypes().replace(",", ", "));
        m.put("enabled", e.getEnabled());
        m.put("paused", e.getPausedAt() != null);
        m.put("pausedAt", pages.time(e.getPausedAt()));
        m.put("pausedReason", nz(e.getPausedReason()));
        m.put("failures", e.getConsecutiveFailures());
        m.put("failingSince", pages.time(e.getFailingSince()));
        m.put("lastStatus", code(e.getLastStatus()));
        m.put("lastError", nz(e.getLastError()));
        m.put("lastAttempt", pages.time(e.getLastAttemptAt()));
        m.put("lastSuccess", pages.time(e.getLastSuccessAt()));
        return m;
    }

    private static List<Map<String, Object>> choices(List<String> checked) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (String t : Outbox.TYPES) l.add(Map.of("name", t, "checked", checked.contains(t)));
        return l;
    }

    private WebhookEndpointsRecord find(Context ctx) {
        try {
            return webhooks.require(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException | InvalidInputException e) {
            throw AdminError.notFound();
        }
    }

    private static int number(Object v) {
        return v == null ? 0 : ((Number) v).intValue();
    }

    private static String code(Integer status) {
        return status == null ? "" : status.toString();
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
