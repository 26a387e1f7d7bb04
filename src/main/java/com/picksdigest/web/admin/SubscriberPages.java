package com.picksdigest.web.admin;

import com.picksdigest.common.CsvExport;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.Editor;
import com.picksdigest.picks.Categories;
import com.picksdigest.reports.SubscriberHistory;
import com.picksdigest.reports.SubscriberSearch;
import com.picksdigest.reports.SubscriberStats;
import com.picksdigest.subscribers.AccountChanges;
import com.picksdigest.subscribers.Signups;
import com.picksdigest.subscribers.SubscriberData;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.subscribers.SubscriberService;
import io.javalin.http.Context;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The subscribers page (counts, growth, search with bulk unsubscribe and CSV export) and one subscriber's record
 * with the support actions. Every action calls the subscriber feature's own method, the one the public pages or the
 * API call, and is written to the audit log; erasing is for admins.
 *
 * <pre>
 * GET  /admin/subscribers?q=&name=&status=&category=&from=&to=      search
 * GET  /admin/subscribers/export?...                                 the search result as CSV
 * POST /admin/subscribers/unsubscribe  (search fields + confirm)     bulk unsubscribe of the search result
 * GET  /admin/subscribers/{id}                                       the record
 * POST /admin/subscribers/{id}/confirmation | links | preferences | pause | unsubscribe | erase
 * </pre>
 */
final class SubscriberPages {
    static final int SHOWN = 100;
    static final int GROWTH_DAYS = 30;
    static final int BULK_LIMIT = 5000;
    static final int HISTORY = 200;
    /** In the order the filter offers them. */
    static final List<String> STATUSES = Stream.of(
                    SubscriberStatus.ACTIVE,
                    SubscriberStatus.PENDING,
                    SubscriberStatus.UNSUBSCRIBED,
                    SubscriberStatus.BOUNCED,
                    SubscriberStatus.COMPLAINED)
            .map(SubscriberStatus::stored)
            .toList();

    private static final List<String> EXPORT_HEADER =
            List.of("email", "name", "status", "timezone", "send_hour", "frequency", "format", "locale", "created_at");

    private final SubscriberStats stats;
    private final SubscriberSearch search;
    private final SubscriberHistory history;
    private final SubscriberService subscribers;
    private final Signups signups;
    private final AccountChanges accounts;
    private final SubscriberData data;
    private final Categories categories;
    private final AuditLog audit;
    private final AdminPages pages;
    private final Clock clock;

    SubscriberPages(
            SubscriberStats stats,
            SubscriberSearch search,
            SubscriberHistory history,
            SubscriberService subscribers,
            Signups signups,
            AccountChanges accounts,
            SubscriberData data,
            Categories categories,
            AuditLog audit,
            AdminPages pages,
            Clock clock) {
        this.stats = stats;
        this.search = search;
        this.history = history;
        this.subscribers = subscribers;
        this.signups = signups;
        this.accounts = accounts;
        this.data = data;
        this.categories = categories;
        this.audit = audit;
        this.pages = pages;
        this.clock = clock;
    }

    void list(Context ctx) {
        SubscriberSearch.Criteria c = criteria(ctx.queryParamMap());
        Map<String, Object> m = new HashMap<>();
        m.put("counts", stats.countsByStatus());
        m.put("growth", stats.growth(LocalDate.now(clock).minusDays(GROWTH_DAYS)));
        m.put("categories", categoryChoices());
        m.put("statuses", STATUSES);
        m.put("c", form(c));
        m.put("searched", !c.isEmpty());
        if (!c.isEmpty()) {
            List<Map<String, Object>> found = new ArrayList<>();
            for (SubscribersRecord s : search.find(c, SHOWN)) found.add(row(s));
            m.put("found", found);
            m.put("total", search.count(c));
            m.put("query", query(c));
        }
        m.put("shown", SHOWN);
        m.put("bulkLimit", BULK_LIMIT);
        m.put("nav", "subscribers");
        pages.render(ctx, 200, "subscribers.html.ftl", m);
    }

    void export(Context ctx) throws Exception {
        SubscriberSearch.Criteria c = criteria(ctx.queryParamMap());
        Editor me = AdminPages.session(ctx).editor();
        audit.record(me.actor(), "export", "subscribers", null, query(c));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"subscribers.csv\"");
        // streamed: rows go out as the cursor reads them
        try (Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
                CsvExport csv = new CsvExport(w, EXPORT_HEADER)) {
            search.forEach(
                    c,
                    s -> csv.row(List.of(
                            s.getEmail(),
                            s.getName() == null ? "" : s.getName(),
                            s.getStatus().stored(),
                            s.getTimezone(),
                            Integer.toString(s.getSendHour()),
                            s.getFrequency().stored(),
                            s.getFormat().stored(),
                            s.getLocale(),
                            s.getCreatedAt().toString())));
        }
    }

    void bulkUnsubscribe(Context ctx) {
        SubscriberSearch.Criteria c = criteria(ctx.formParamMap());
        if (c.isEmpty()) throw new AdminError(400, "Search first: a bulk unsubscribe needs at least one filter.");
        if (!"yes".equals(ctx.formParam("confirm"))) {
            throw new AdminError(400, "Tick the box to confirm the bulk unsubscribe. Nothing was changed.");
        }
        Editor me = AdminPages.session(ctx).editor();
        List<SubscribersRecord> found = search.find(c, BULK_LIMIT + 1);
        if (found.size() > BULK_LIMIT) {
            throw new AdminError(
                    400,
                    "The search finds more than " + BULK_LIMIT + " subscribers; narrow it down. Nothing was changed.");
        }
        int n = 0;
        for (SubscribersRecord s : found) {
            if (subscribers.unsubscribe(s.getId(), "by " + me.actor() + " (bulk)")) {
                audit.record(me.actor(), "unsubscribe", "subscriber", s.getId(), "bulk");
                n++;
            }
        }
        pages.redirect(ctx, "/admin/subscribers?" + query(c) + "&done=" + n, "bulk-unsubscribed");
    }

    void record(Context ctx) {
        SubscribersRecord s = subscriber(ctx);
        Map<String, Object> m = new HashMap<>();
        m.put("s", profile(s));
        List<String> follows = subscribers.followedCategoryNames(s.getId());
        m.put("follows", follows);
        m.put(
                "followSlugs",
                new ArrayList<>(subscribers.followedSlugs(List.of(s.getId())).get(s.getId())));
        m.put("categories", categoryChoices());
        m.put(
                "events",
                history.events(s.getId(), HISTORY).stream()
                        .map(e -> Map.of(
                                "at", pages.time(e.at()),
                                "type", e.type(),
                                "detail", e.detail(),
                                "edition",
                                        e.edition() == null ? "" : e.edition().toString()))
                        .toList());
        m.put(
                "deliveries",
                history.deliveries(s.getId(), HISTORY).stream()
                        .map(d -> Map.of(
                                "edition", d.edition().toString(),
                                "status", d.status(),
                                "attempts", d.attempts(),
                                "sentAt", pages.time(d.sentAt()),
                                "reply", d.reply(),
                                "picks", d.picks()))
                        .toList());
        m.put("nav", "subscribers");
        pages.render(ctx, 200, "subscriber.html.ftl", m);
    }

    void resendConfirmation(Context ctx) {
        act(ctx, "resend-confirmation", s -> {
            if (!signups.resendConfirmation(s)) {
                throw new AdminError(409, "This subscriber is active: there is nothing to confirm.");
            }
            return "confirmation-sent";
        });
    }

    void sendLinks(Context ctx) {
        act(ctx, "send-links", s -> {
            accounts.signOutAllLinks(s);
            return "links-sent";
        });
    }

    void preferences(Context ctx) {
        act(ctx, "preferences", s -> {
            Integer hour = number(ctx.formParam("sendHour"), "Send hour");
            Integer weekday = number(ctx.formParam("weekday"), "Weekday");
            SubscriberInput in = new SubscriberInput(
                    s.getEmail(),
                    ctx.formParam("name"),
                    ctx.formParam("timezone"),
                    hour,
                    ctx.formParam("frequency"),
                    weekday,
                    ctx.formParam("format"),
                    null,
                    ctx.formParams("categories"));
            if (!subscribers.updatePreferences(s.getId(), in)) throw AdminError.notFound();
            return "saved";
        });
    }

    void pause(Context ctx) {
        act(ctx, "pause", s -> {
            Integer weeks = number(ctx.formParam("weeks"), "Weeks");
            if (weeks == null) throw new InvalidInputException("Choose how many weeks to pause for (0 resumes).");
            return accounts.pause(s, weeks) == null ? "resumed" : "paused";
        });
    }

    void unsubscribe(Context ctx) {
        act(ctx, "unsubscribe", s -> {
            Editor me = AdminPages.session(ctx).editor();
            subscribers.unsubscribe(s.getId(), "by " + me.actor());
            return "unsubscribed";
        });
    }

    void erase(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        if (!me.admin()) throw new AdminError(403, "Only an admin can erase a subscriber.");
        SubscribersRecord s = subscriber(ctx);
        if (!"yes".equals(ctx.formParam("confirm"))) {
            throw new AdminError(400, "Tick the box to confirm the erasure. Nothing was changed.");
        }
        // the address is not written to the audit log: after an erasure only the suppression's hash remains
        if (data.erase(s)) audit.record(me.actor(), "erase", "subscriber", s.getId(), null);
        pages.redirect(ctx, "/admin/subscribers", "erased");
    }

    private interface Action {
        String apply(SubscribersRecord s);
    }

    /** Runs one support action on the path's subscriber, audits it, and goes back to the record with a notice. */
    private void act(Context ctx, String action, Action a) {
        SubscribersRecord s = subscriber(ctx);
        Editor me = AdminPages.session(ctx).editor();
        String notice;
        try {
            notice = a.apply(s);
        } catch (InvalidInputException e) {
            throw new AdminError(400, e.getMessage() + " Nothing was changed.");
        } catch (Signups.Busy e) {
            throw new AdminError(503, "The mail queue is full; try again in a minute. Nothing was changed.");
        }
        audit.record(me.actor(), action, "subscriber", s.getId(), null);
        pages.redirect(ctx, "/admin/subscribers/" + s.getId(), notice);
    }

    private SubscribersRecord subscriber(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw AdminError.notFound();
        }
        SubscribersRecord s = subscribers.find(id);
        if (s == null) throw AdminError.notFound();
        return s;
    }

    private static Integer number(String raw, String field) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field + " must be a whole number.");
        }
    }

    /** The search from query or form fields; a malformed field is a 400 that names it. */
    private SubscriberSearch.Criteria criteria(Map<String, List<String>> p) {
        String status = first(p, "status");
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw new AdminError(400, "Unknown status \"" + status + "\".");
        }
        Integer category = null;
        String cat = first(p, "category");
        if (cat != null && !cat.isBlank()) {
            try {
                category = categories.require(Integer.parseInt(cat.strip())).getId();
            } catch (RuntimeException e) {
                throw new AdminError(400, "Unknown category.");
            }
        }
        return new SubscriberSearch.Criteria(
                limited(first(p, "q")),
                limited(first(p, "name")),
                status == null || status.isBlank() ? null : status,
                category,
                date(first(p, "from"), "From"),
                date(first(p, "to"), "To"));
    }

    private static String first(Map<String, List<String>> p, String k) {
        List<String> v = p.get(k);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String limited(String s) {
        if (s == null) return null;
        s = s.strip();
        return s.length() > 254 ? s.substring(0, 254) : s;
    }

    private static LocalDate date(String raw, String field) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new AdminError(400, field + " must be a date such as 2026-11-25.");
        }
    }

    private static Map<String, Object> form(SubscriberSearch.Criteria c) {
        Map<String, Object> f = new HashMap<>();
        f.put("q", nz(c.address()));
        f.put("name", nz(c.name()));
        f.put("status", nz(c.status()));
        f.put("category", c.categoryId() == null ? "" : c.categoryId().toString());
        f.put("from", c.joinedFrom() == null ? "" : c.joinedFrom().toString());
        f.put("to", c.joinedTo() == null ? "" : c.joinedTo().toString());
        return f;
    }

    /** The search as a query string, for the export link and the way back after a bulk action. */
    private static String query(SubscriberSearch.Criteria c) {
        StringBuilder q = new StringBuilder();
        form(c).forEach((k, v) -> {
            if (!v.toString().isEmpty()) {
                if (q.length() > 0) q.append('&');
                q.append(k).append('=').append(java.net.URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    private List<Map<String, Object>> categoryChoices() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CategoriesRecord r : categories.active())
            out.add(Map.of("id", r.getId().toString(), "name", r.getName(), "slug", r.getSlug()));
        return out;
    }

    private Map<String, Object> row(SubscribersRecord s) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", s.getId().toString());
        r.put("email", s.getEmail());
        r.put("name", nz(s.getName()));
        r.put("status", s.getStatus().stored());
        r.put("schedule", s.getFrequency() + " " + String.format("%02d:00", s.getSendHour()) + " " + s.getTimezone());
        r.put("since", pages.time(s.getCreatedAt()));
        r.put("lastDigest", pages.time(s.getWatermark()));
        return r;
    }

    private Map<String, Object> profile(SubscribersRecord s) {
        Map<String, Object> p = row(s);
        p.put("timezone", s.getTimezone());
        p.put("sendHour", s.getSendHour().intValue());
        p.put("frequency", s.getFrequency().stored());
        p.put("weekday", s.getWeekday() == null ? "" : s.getWeekday().toString());
        p.put("format", s.getFormat().stored());
        p.put("locale", s.getLocale());
        p.put(
                "pausedUntil",
                s.getPausedUntil() == null ? "" : s.getPausedUntil().toString());
        p.put("confirmedAt", pages.time(s.getConfirmedAt()));
        p.put("unsubscribedAt", pages.time(s.getUnsubscribedAt()));
        p.put("softBounces", s.getSoftBounces());
        return p;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
