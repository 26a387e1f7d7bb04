package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.FEEDS;

import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.db.generated.tables.records.FeedsRecord;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.Editor;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.FeedImport;
import com.picksdigest.picks.Feeds;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;

/** Registered feeds with their health; register, poll now, remove. */
final class FeedPages {
    private final Feeds feeds;
    private final FeedImport importer;
    private final Categories categories;
    private final AuditLog audit;
    private final AdminPages pages;

    FeedPages(Feeds feeds, FeedImport importer, Categories categories, AuditLog audit, AdminPages pages) {
        this.feeds = feeds;
        this.importer = importer;
        this.categories = categories;
        this.audit = audit;
        this.pages = pages;
    }

    void list(Context ctx) {
        show(ctx, 200, Map.of("url", "", "category", ""), Map.of(), null);
    }

    void create(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        Map<String, String> v = Map.of("url", nz(ctx.formParam("url")), "category", nz(ctx.formParam("category")));
        try {
            FeedsRecord f = feeds.register(v.get("url"), v.get("category"), me.actor());
            audit.record(me.actor(), "create", "feed", f.getId(), f.getUrl());
        } catch (InvalidFields e) {
            show(ctx, 400, v, e.errors(), null);
            return;
        }
        pages.redirect(ctx, "/admin/feeds", "feed-added");
    }

    /** Polls at once and shows what came of it, so an editor sees a broken URL immediately. */
    void poll(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        FeedsRecord f = find(ctx);
        FeedImport.Report r = importer.poll(f.getId());
        audit.record(me.actor(), "poll", "feed", f.getId(), r.error() == null ? r.added() + " new" : r.error());
        String outcome = r.error() != null
                ? "Polling failed: " + r.error()
                : r.notModified()
                        ? "Not modified since the last poll."
                        : r.added() + " new candidate(s), " + r.known() + " already known, " + r.skipped()
                                + " without a usable link.";
        show(ctx, 200, Map.of("url", "", "category", ""), Map.of(), outcome);
    }

    void remove(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        FeedsRecord f = find(ctx);
        feeds.remove(f.getId());
        audit.record(me.actor(), "remove", "feed", f.getId(), f.getUrl());
        pages.redirect(ctx, "/admin/feeds", "feed-removed");
    }

    private void show(Context ctx, int status, Map<String, String> v, Map<String, String> errors, String outcome) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Record r : feeds.list()) {
            Map<String, Object> f = new HashMap<>();
            f.put("id", r.get(FEEDS.ID));
            f.put("url", r.get(FEEDS.URL));
            f.put("title", r.get(FEEDS.TITLE) == null ? "" : r.get(FEEDS.TITLE));
            f.put("category", r.get(CATEGORIES.NAME));
            f.put("lastFetched", pages.time(r.get(FEEDS.LAST_FETCHED_AT)));
            f.put("nextFetch", pages.time(r.get(FEEDS.NEXT_FETCH_AT)));
            f.put("error", r.get(FEEDS.LAST_ERROR) == null ? "" : r.get(FEEDS.LAST_ERROR));
            f.put("failures", r.get(FEEDS.FAILURES));
            f.put("imported", r.get(FEEDS.ITEMS_IMPORTED));
            f.put("waiting", r.get("waiting", Integer.class));
            rows.add(f);
        }
        List<Map<String, Object>> cats = new ArrayList<>();
        for (CategoriesRecord c : categories.active()) cats.add(Map.of("slug", c.getSlug(), "name", c.getName()));
        Map<String, Object> m = new HashMap<>();
        m.put("feeds", rows);
        m.put("categories", cats);
        m.put("v", v);
        m.put("errors", errors);
        if (outcome != null) m.put("notice", outcome);
        m.put("nav", "feeds");
        pages.render(ctx, status, "feeds.html.ftl", m);
    }

    private FeedsRecord find(Context ctx) {
        try {
            return feeds.require(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException | InvalidInputException e) {
            throw AdminError.notFound();
        }
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
