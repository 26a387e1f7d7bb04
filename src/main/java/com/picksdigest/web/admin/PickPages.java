package com.picksdigest.web.admin;

import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.editing.PickEditing;
import com.picksdigest.editors.Editor;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.PickInput;
import com.picksdigest.picks.PickService;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Picks and candidates: the filtered list, the create/edit form, publish, retract, reorder within a day, and
 * accepting or dismissing what feeds brought in. A refused form comes back (400) with each message next to its
 * field and nothing saved.
 */
final class PickPages {
    static final int LIST_LIMIT = 300;
    private static final String[] FIELDS = {
        "title", "url", "summary", "source", "sourceUrl", "imageUrl", "category", "publish", "publishAt"
    };

    private final PickService picks;
    private final Categories categories;
    private final PickEditing editing;
    private final AdminPages pages;
    private final Clock clock;

    PickPages(PickService picks, Categories categories, PickEditing editing, AdminPages pages, Clock clock) {
        this.picks = picks;
        this.categories = categories;
        this.editing = editing;
        this.pages = pages;
        this.clock = clock;
    }

    void list(Context ctx) {
        PickStatus status = status(ctx.queryParam("status"));
        String category = blankToNull(ctx.queryParam("category"));
        LocalDate day = day(ctx.queryParam("date"));
        String q = blankToNull(ctx.queryParam("q"));
        if (q != null && q.length() > 200) q = q.substring(0, 200);
        Integer categoryId = category == null
                ? null
                : categories.all().stream()
                        .filter(c -> c.getSlug().equals(category))
                        .map(CategoriesRecord::getId)
                        .findFirst()
                        .orElse(-1);
        Map<Integer, String> names = categoryNames();
        List<PickRow> rows = new ArrayList<>();
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        for (PicksRecord p : picks.search(status, categoryId, day, pages.zone(), q, LIST_LIMIT)) {
            rows.add(new PickRow(
                    p.getId(),
                    p.getTitle(),
                    nz(p.getSourceName()),
                    p.getStatus().stored(),
                    names.getOrDefault(p.getCategoryId(), "?"),
                    pages.time(p.getPublishedAt()),
                    p.getPublishedAt() != null && p.getPublishedAt().isAfter(now),
                    day != null && PickStatus.PUBLISHED == p.getStatus()));
        }
        pages.render(
                ctx,
                200,
                "picks.html.ftl",
                AdminNav.PICKS,
                new ListView(
                        rows,
                        status == null ? "" : status.stored(),
                        category == null ? "" : category,
                        day == null ? "" : day.toString(),
                        q == null ? "" : q,
                        LocalDate.now(clock.withZone(pages.zone())).toString(),
                        categoryOptions(true),
                        Stream.of(PickStatus.DRAFT, PickStatus.PUBLISHED, PickStatus.RETRACTED, PickStatus.CANDIDATE)
                                .map(PickStatus::stored)
                                .toList(),
                        ctx.queryString() == null ? "/admin/picks" : "/admin/picks?" + ctx.queryString()));
    }

    /** The picks list with its filters as given (empty when not), and where its buttons return to. */
    record ListView(
            List<PickRow> picks,
            String status,
            String category,
            String date,
            String q,
            String today,
            List<CategoryOption> categories,
            List<String> statuses,
            String back) {}

    record CandidatesView(List<CandidateRow> candidates, List<CategoryOption> categories) {}

    /**
     * The new/edit/accept form.
     *
     * @param v      the fields' values as typed or stored, by field name
     * @param errors messages by field name
     * @param id     the pick's, with pickStatus, publishedAt and updated; null for a new pick
     */
    record FormView(
            String mode,
            Map<String, String> v,
            Map<String, String> errors,
            List<CategoryOption> categories,
            Long id,
            String pickStatus,
            String publishedAt,
            String updated,
            String zone) {}

    void newForm(Context ctx) {
        Map<String, String> v = new HashMap<>();
        v.put("publish", "");
        form(ctx, 200, "new", null, v, Map.of());
    }

    void create(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        Map<String, String> v = values(ctx);
        PickInput in;
        try {
            in = input(v, null);
        } catch (InvalidFields e) {
            form(ctx, 400, "new", null, v, e.errors());
            return;
        }
        PicksRecord r = editing.create(in, me.actor());
        pages.redirect(ctx, "/admin/picks/" + r.getId(), "created");
    }

    void edit(Context ctx) {
        PicksRecord p = find(ctx);
        form(ctx, 200, PickStatus.CANDIDATE == p.getStatus() ? "accept" : "edit", p, values(p), Map.of());
    }

    void update(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        PicksRecord p = find(ctx);
        Map<String, String> v = values(ctx);
        PickInput in;
        try {
            in = input(v, p.getId());
        } catch (InvalidFields e) {
            form(ctx, 400, "edit", p, v, e.errors());
            return;
        }
        PicksRecord r = editing.update(p.getId(), in, me.actor());
        pages.redirect(ctx, "/admin/picks/" + r.getId(), "saved");
    }

    void publish(Context ctx) {
        changeStatus(ctx, editing::publish, "published");
    }

    void retract(Context ctx) {
        changeStatus(ctx, editing::retract, "retracted");
    }

    private void changeStatus(Context ctx, java.util.function.BiConsumer<Long, String> change, String notice) {
        Editor me = AdminPages.session(ctx).editor();
        PicksRecord p = find(ctx);
        change.accept(p.getId(), me.actor());
        pages.redirect(ctx, back(ctx), notice);
    }

    void move(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        PicksRecord p = find(ctx);
        boolean up = "up".equals(ctx.formParam("dir"));
        editing.move(p.getId(), up, pages.zone(), me.actor());
        pages.redirect(ctx, back(ctx), "moved");
    }

    void candidates(Context ctx) {
        Map<Integer, String> names = categoryNames();
        List<CandidateRow> rows = new ArrayList<>();
        for (PicksRecord p : picks.search(PickStatus.CANDIDATE, null, null, pages.zone(), null, LIST_LIMIT)) {
            rows.add(new CandidateRow(
                    p.getId(),
                    p.getTitle(),
                    p.getUrl(),
                    nz(p.getSummary()),
                    nz(p.getSourceName()),
                    names.getOrDefault(p.getCategoryId(), "?"),
                    categories.require(p.getCategoryId()).getSlug()));
        }
        pages.render(
                ctx, 200, "candidates.html.ftl", AdminNav.CANDIDATES, new CandidatesView(rows, categoryOptions(false)));
    }

    /** From the list (summary and category edited in place) or from the candidate's full form. */
    void accept(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        PicksRecord p = find(ctx);
        Map<String, String> v = values(p);
        for (String f : FIELDS) {
            if (ctx.formParam(f) != null) v.put(f, ctx.formParam(f));
        }
        PickInput in;
        try {
            in = input(v, p.getId());
        } catch (InvalidFields e) {
            form(ctx, 400, "accept", p, v, e.errors());
            return;
        }
        PicksRecord r = editing.accept(p.getId(), in, me.actor());
        pages.redirect(ctx, "/admin/candidates", "accepted");
    }

    void dismiss(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        PicksRecord p = find(ctx);
        editing.dismiss(p.getId(), me.actor());
        pages.redirect(ctx, "/admin/candidates", "dismissed");
    }

    /** The service's field checks and the form's own (publish time) together, so every message shows at once. */
    private PickInput input(Map<String, String> v, Long self) {
        InvalidFields.Collector c = new InvalidFields.Collector();
        String publish = v.getOrDefault("publish", "");
        Instant at = null;
        if (publish.equals("at")) {
            at = c.check("publishAt", () -> pages.parseInputTime(v.get("publishAt")));
            if (at == null && !c.has("publishAt")) c.add("publishAt", "Publish time is required to schedule a pick.");
        } else if (!publish.isEmpty() && !publish.equals("now")) {
            c.add("publish", "Choose when to publish.");
        }
        PickInput in = new PickInput(
                v.get("title"),
                v.get("url"),
                v.get("summary"),
                v.get("source"),
                v.get("sourceUrl"),
                v.get("imageUrl"),
                v.get("category"),
                null,
                publish.equals("now"),
                at);
        try {
            picks.check(in, self);
        } catch (InvalidFields e) {
            e.errors().forEach(c::add);
        }
        c.throwIfAny();
        return in;
    }

    private void form(
            Context ctx, int status, String mode, PicksRecord p, Map<String, String> v, Map<String, String> errors) {
        pages.render(
                ctx,
                status,
                "pick-form.html.ftl",
                "candidates".equals(mode) || "accept".equals(mode) ? AdminNav.CANDIDATES : AdminNav.PICKS,
                new FormView(
                        mode,
                        v,
                        errors,
                        categoryOptions(false),
                        p == null ? null : p.getId(),
                        p == null ? null : p.getStatus().stored(),
                        p == null ? null : pages.time(p.getPublishedAt()),
                        p == null ? null : p.getUpdatedBy() + ", " + pages.time(p.getUpdatedAt()),
                        pages.zone().getId()));
    }

    private Map<String, String> values(Context ctx) {
        Map<String, String> v = new HashMap<>();
        for (String f : FIELDS) v.put(f, ctx.formParam(f) == null ? "" : ctx.formParam(f));
        return v;
    }

    private Map<String, String> values(PicksRecord p) {
        Map<String, String> v = new HashMap<>();
        v.put("title", p.getTitle());
        v.put("url", p.getUrl());
        v.put("summary", nz(p.getSummary()));
        v.put("source", nz(p.getSourceName()));
        v.put("sourceUrl", nz(p.getSourceUrl()));
        v.put("imageUrl", nz(p.getImageUrl()));
        v.put("category", categories.require(p.getCategoryId()).getSlug());
        v.put("publish", "");
        v.put("publishAt", pages.inputTime(p.getPublishedAt()));
        return v;
    }

    private Map<Integer, String> categoryNames() {
        Map<Integer, String> names = new HashMap<>();
        for (CategoriesRecord c : categories.all()) names.put(c.getId(), c.getName());
        return names;
    }

    /** Active categories for forms; the list filter also offers retired ones (their picks still exist). */
    private List<CategoryOption> categoryOptions(boolean withRetired) {
        List<CategoryOption> out = new ArrayList<>();
        for (CategoriesRecord c : withRetired ? categories.all() : categories.active()) {
            out.add(new CategoryOption(c.getSlug(), c.getName() + (c.getRetired() ? " (retired)" : "")));
        }
        return out;
    }

    private PicksRecord find(Context ctx) {
        try {
            return picks.require(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException | InvalidInputException e) {
            throw AdminError.notFound();
        }
    }

    /** Where a list button returns to: the list with the same filters; never anywhere else. */
    private static String back(Context ctx) {
        String b = ctx.formParam("back");
        return b != null && b.matches("/admin/picks(\\?[A-Za-z0-9_.=&%+-]*)?") ? b : "/admin/picks";
    }

    private static PickStatus status(String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return PickStatus.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate day(String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
