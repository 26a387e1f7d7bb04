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
import java.util.LinkedHashMap;
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
        List<SubscriberRow> found = null;
        if (!c.isEmpty()) {
            found = new ArrayList<>();
            for (SubscribersRecord s : search.find(c, SHOWN)) found.add(row(s));
        }
        pages.render(
                ctx,
                200,
                "subscribers.html.ftl",
                AdminNav.SUBSCRIBERS,
                new ListView(
                        stats.countsByStatus(),
                        stats.growth(LocalDate.now(clock).minusDays(GROWTH_DAYS)),
                        categoryChoices(),
                        STATUSES,
                        form(c),
                        !c.isEmpty(),
                        found,
                        c.isEmpty() ? null : search.count(c),
                        c.isEmpty() ? null : query(c),
                        SHOWN,
                        BULK_LIMIT));
    }

    /**
     * The subscribers page: counts by status, growth by day, the search form and, once searched, what it found (the
     * first {@code shown} of {@code total}) with the search as a query string; found, total and query are null before.
     */
    record ListView(
            Map<String, Integer> counts,
            List<SubscriberStats.Day> growth,
            List<CategoryChoice> categories,
            List<String> statuses,
            SubscriberSearchForm c,
            boolean searched,
            List<SubscriberRow> found,
            Integer total,
            String query,
            int shown,
            int bulkLimit) {}

    /** One subscriber's record: follows are category names (empty: all), followSlugs tick the preferences form. */
    record RecordView(
            SubscriberProfile s,
            List<String> follows,
            List<String> followSlugs,
            List<CategoryChoice> categories,
            List<SubscriberEventRow> events,
            List<SubscriberDeliveryRow> deliveries) {}

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
        List<SubscriberEventRow> events = history.events(s.getId(), HISTORY).stream()
                .map(e -> new SubscriberEventRow(
                        pages.time(e.at()),
                        e.type(),
                        e.detail(),
                        e.edition() == null ? "" : e.edition().toString()))
                .toList();
        List<SubscriberDeliveryRow> deliveries = history.deliveries(s.getId(), HISTORY).stream()
                .map(d -> new SubscriberDeliveryRow(
                        d.edition().toString(), d.status(), d.attempts(), pages.time(d.sentAt()), d.reply(), d.picks()))
                .toList();
        pages.render(
                ctx,
                200,
                "subscriber.html.ftl",
                AdminNav.SUBSCRIBERS,
                new RecordView(
                        profile(s),
                        subscribers.followedCategoryNames(s.getId()),
                        new ArrayList<>(
                                subscribers.followedSlugs(List.of(s.getId())).get(s.getId())),
                        categoryChoices(),
                        events,
                        deliveries));
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

    private static SubscriberSearchForm form(SubscriberSearch.Criteria c) {
        return new SubscriberSearchForm(
                nz(c.address()),
                nz(c.name()),
                nz(c.status()),
                c.categoryId() == null ? "" : c.categoryId().toString(),
                c.joinedFrom() == null ? "" : c.joinedFrom().toString(),
                c.joinedTo() == null ? "" : c.joinedTo().toString());
    }

    /**
     * The search as a query string, for the export link and the way back after a bulk action; fields in the order
     * these links have always had (a saved export link stays the same).
     */
    private static String query(SubscriberSearch.Criteria c) {
        SubscriberSearchForm f = form(c);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("q", f.q());
        fields.put("name", f.name());
        fields.put("from", f.from());
        fields.put("to", f.to());
        fields.put("category", f.category());
        fields.put("status", f.status());
        StringBuilder q = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!v.isEmpty()) {
                if (q.length() > 0) q.append('&');
                q.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    private List<CategoryChoice> categoryChoices() {
        List<CategoryChoice> out = new ArrayList<>();
        for (CategoriesRecord r : categories.active())
            out.add(new CategoryChoice(r.getId().toString(), r.getName(), r.getSlug()));
        return out;
    }

    private SubscriberRow row(SubscribersRecord s) {
        return new SubscriberRow(
                s.getId().toString(),
                s.getEmail(),
                nz(s.getName()),
                s.getStatus().stored(),
                s.getFrequency() + " " + String.format("%02d:00", s.getSendHour()) + " " + s.getTimezone(),
                pages.time(s.getCreatedAt()),
                pages.time(s.getWatermark()));
    }

    private SubscriberProfile profile(SubscribersRecord s) {
        SubscriberRow r = row(s);
        return new SubscriberProfile(
                r.id(),
                r.email(),
                r.name(),
                r.status(),
                r.schedule(),
                r.since(),
                r.lastDigest(),
                s.getTimezone(),
                s.getSendHour().intValue(),
                s.getFrequency().stored(),
                s.getWeekday() == null ? "" : s.getWeekday().toString(),
                s.getFormat().stored(),
                s.getLocale(),
                s.getPausedUntil() == null ? "" : s.getPausedUntil().toString(),
                pages.time(s.getConfirmedAt()),
                pages.time(s.getUnsubscribedAt()),
                s.getSoftBounces());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
