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

    /** The webhooks list; url and the checked events as typed in the register form. */
    record ListView(
            List<WebhookEndpointRow> endpoints, String url, List<EventChoice> events, Map<String, String> errors) {}

    /** One endpoint with its signing secret and its deliveries, newest first. */
    record EndpointView(
            WebhookEndpointState e,
            String secret,
            List<EventChoice> events,
            List<WebhookDeliveryRow> log,
            Map<String, String> errors) {}

    private void showList(Context ctx, int status, String url, List<String> checked, Map<String, String> errors) {
        List<WebhookEndpointRow> rows = new ArrayList<>();
        for (Record r : webhooks.list()) {
            rows.add(new WebhookEndpointRow(
                    endpoint(r.into(WEBHOOK_ENDPOINTS)),
                    number(r.get("waiting")),
                    number(r.get("delivered")),
                    number(r.get("failed"))));
        }
        pages.render(
                ctx, status, "webhooks.html.ftl", AdminNav.WEBHOOKS, new ListView(rows, url, choices(checked), errors));
    }

    private void showOne(Context ctx, int status, WebhookEndpointsRecord e, Map<String, String> errors) {
        List<WebhookDeliveryRow> log = new ArrayList<>();
        for (Record r : webhooks.log(e.getId(), LOG_ROWS)) {
            log.add(new WebhookDeliveryRow(
                    r.get(WEBHOOK_EVENTS.EVENT_TYPE),
                    r.get(WEBHOOK_EVENTS.MESSAGE_ID),
                    r.get(WEBHOOK_DELIVERIES.SUBJECT),
                    pages.time(r.get(WEBHOOK_EVENTS.CREATED_AT)),
                    r.get(WEBHOOK_DELIVERIES.STATE),
                    r.get(WEBHOOK_DELIVERIES.ATTEMPTS),
                    code(r.get(WEBHOOK_DELIVERIES.LAST_STATUS)),
                    nz(r.get(WEBHOOK_DELIVERIES.LAST_ERROR)),
                    pages.time(r.get(WEBHOOK_DELIVERIES.LAST_ATTEMPT_AT)),
                    "queued".equals(r.get(WEBHOOK_DELIVERIES.STATE))
                            ? pages.time(r.get(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT))
                            : ""));
        }
        EndpointView view = new EndpointView(
                endpoint(e), e.getSecret(), choices(List.of(e.getEventTypes().split(","))), log, errors);
        pages.render(ctx, status, "webhook.html.ftl", AdminNav.WEBHOOKS, view);
    }

    private WebhookEndpointState endpoint(WebhookEndpointsRecord e) {
        return new WebhookEndpointState(
                e.getId(),
                e.getUrl(),
                e.getEventTypes().replace(",", ", "),
                e.getEnabled(),
                e.getPausedAt() != null,
                pages.time(e.getPausedAt()),
                nz(e.getPausedReason()),
                e.getConsecutiveFailures(),
                pages.time(e.getFailingSince()),
                code(e.getLastStatus()),
                nz(e.getLastError()),
                pages.time(e.getLastAttemptAt()),
                pages.time(e.getLastSuccessAt()));
    }

    private static List<EventChoice> choices(List<String> checked) {
        List<EventChoice> l = new ArrayList<>();
        for (String t : Outbox.TYPES) l.add(new EventChoice(t, checked.contains(t)));
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
