package com.picksdigest.web.admin;

import com.picksdigest.digest.TemplateEngine;
import com.picksdigest.editors.Sessions;
import com.picksdigest.web.CsrfTokens;
import com.picksdigest.web.ViewModel;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders templates/web/admin/ (auto-escaped HTML) with what every workspace page needs: the site, the signed-in
 * editor, the CSRF token bound to their session, and a notice after a redirect. The pages need no JavaScript, so
 * the public server's strict CSP applies to them unchanged.
 */
final class AdminPages {
    static final String SESSION = "admin.session";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Notices shown after a redirect (?ok=key): fixed texts, so no request can put words on the page. */
    private static final Map<String, String> NOTICES = Map.ofEntries(
            Map.entry("saved", "Saved."),
            Map.entry("created", "Pick created."),
            Map.entry("published", "Published."),
            Map.entry("retracted", "Retracted."),
            Map.entry("moved", "Order changed."),
            Map.entry("accepted", "Candidate accepted."),
            Map.entry("dismissed", "Candidate dismissed."),
            Map.entry("feed-added", "Feed registered; it is polled within minutes (or poll it now)."),
            Map.entry("feed-removed", "Feed removed."),
            Map.entry("polled", "Feed polled."),
            Map.entry("category-added", "Category added."),
            Map.entry("editor-added", "Editor added."),
            Map.entry("editor-removed", "Editor removed."),
            Map.entry("password", "Password changed."),
            Map.entry("webhook-added", "Endpoint registered. Give its signing secret to the receiver."),
            Map.entry("webhook-enabled", "Endpoint enabled; what waited is sent now."),
            Map.entry("webhook-disabled", "Endpoint disabled: no new events are queued for it."),
            Map.entry("webhook-removed", "Endpoint removed."),
            Map.entry("confirmation-sent", "A new confirmation link is on its way to the subscriber."),
            Map.entry("links-sent", "Their old links no longer work; new ones are on their way to the subscriber."),
            Map.entry("paused", "Paused."),
            Map.entry("resumed", "Digests resume."),
            Map.entry("unsubscribed", "Unsubscribed."),
            Map.entry("bulk-unsubscribed", "The subscribers found were unsubscribed."),
            Map.entry("erased", "Erased; the address is on the suppression list."));

    private final TemplateEngine engine;
    private final String siteName;
    private final String basePath;
    private final CsrfTokens csrf;
    private final ZoneId zone;

    AdminPages(TemplateEngine engine, String siteName, String basePath, CsrfTokens csrf, ZoneId zone) {
        this.engine = engine;
        this.siteName = siteName;
        this.basePath = basePath;
        this.csrf = csrf;
        this.zone = zone;
    }

    String path(String p) {
        return basePath + p;
    }

    ZoneId zone() {
        return zone;
    }

    /** The form token of a session: an HMAC of the session's id hash, so it is worthless without the cookie. */
    String csrfFor(Sessions.Current s) {
        return csrf.issue("admin:" + s.idHash());
    }

    boolean csrfMatches(Sessions.Current s, String given) {
        return csrf.matches("admin:" + s.idHash(), given);
    }

    CsrfTokens csrf() {
        return csrf;
    }

    static Sessions.Current session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    /** Renders a page whose model is a record ({@link ViewModel}), under its menu item. */
    void render(Context ctx, int status, String template, AdminNav nav, Record view) {
        Map<String, Object> values = ViewModel.of(view);
        values.put("nav", nav.key());
        render(ctx, status, template, values);
    }

    void render(Context ctx, int status, String template, Map<String, ?> values) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("siteName", siteName);
        model.put("base", basePath);
        Sessions.Current s = session(ctx);
        if (s != null) {
            model.put(
                    "me",
                    Map.of(
                            "email",
                            s.editor().email(),
                            "name",
                            s.editor().name() == null ? "" : s.editor().name(),
                            "admin",
                            s.editor().admin()));
            model.put("csrf", csrfFor(s));
        }
        String ok = ctx.queryParam("ok");
        String notice = ok == null ? null : NOTICES.get(ok);
        if (notice != null && !model.containsKey("notice")) model.put("notice", notice);
        String html = engine.render("web/admin/" + template, model);
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    void redirect(Context ctx, String path, String notice) {
        String p = path(path);
        ctx.redirect(
                notice == null ? p : p + (p.contains("?") ? "&" : "?") + "ok=" + notice,
                io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** A stored UTC time as the editors read it; "" for none. */
    String time(LocalDateTime utc) {
        return utc == null ? "" : TIME.format(utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone));
    }

    /** A stored UTC time as a datetime-local input value in the editors' zone. */
    String inputTime(LocalDateTime utc) {
        return utc == null
                ? ""
                : utc.atOffset(ZoneOffset.UTC)
                        .atZoneSameInstant(zone)
                        .toLocalDateTime()
                        .withSecond(0)
                        .withNano(0)
                        .toString();
    }

    /** A datetime-local value typed in the editors' zone; null when empty. */
    Instant parseInputTime(String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return LocalDateTime.parse(v.strip()).atZone(zone).toInstant();
        } catch (RuntimeException e) {
            throw new com.picksdigest.common.InvalidInputException(
                    "Publish time must be a date and time such as 2026-11-25T08:00.");
        }
    }
}
