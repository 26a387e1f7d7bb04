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
import java.util.List;
import java.util.Map;
import org.jooq.Record;

/** Registered feeds with their health; register, poll now (in the background), remove. */
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
        show(ctx, 200, new FeedForm("", ""), Map.of());
    }

    void create(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        FeedForm v = new FeedForm(nz(ctx.formParam("url")), nz(ctx.formParam("category")));
        try {
            FeedsRecord f = feeds.register(v.url(), v.category(), me.actor());
            audit.record(me.actor(), "create", "feed", f.getId(), f.getUrl());
        } catch (InvalidFields e) {
            show(ctx, 400, v, e.errors());
            return;
        }
        pages.redirect(ctx, "/admin/feeds", "feed-added");
    }

    /**
     * Starts a poll in the background and goes straight back to the list, which says "polling" until the poll is
     * done (at most the fetch deadline) and then shows what came of it: a web thread never waits for a publisher.
     */
    void poll(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        FeedsRecord f = find(ctx);
        boolean started = importer.pollSoon(f.getId());
        audit.record(me.actor(), "poll", "feed", f.getId(), started ? "started" : "already under way");
        pages.redirect(ctx, "/admin/feeds?polled=" + f.getId(), null);
    }

    void remove(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        FeedsRecord f = find(ctx);
        feeds.remove(f.getId());
        audit.record(me.actor(), "remove", "feed", f.getId(), f.getUrl());
        pages.redirect(ctx, "/admin/feeds", "feed-removed");
    }

    /** The feeds page; notice is the outcome of a "Poll now" (null: none, or the redirect's). */
    record View(
            List<FeedRow> feeds,
            List<CategoryOption> categories,
            FeedForm v,
            Map<String, String> errors,
            String notice) {}

    private void show(Context ctx, int status, FeedForm v, Map<String, String> errors) {
        String polled = ctx.queryParam("polled");
        String outcome = null;
        List<FeedRow> rows = new ArrayList<>();
        for (Record r : feeds.list()) {
            boolean polling = importer.pollUnderWay(r.get(FEEDS.POLLING_SINCE));
            rows.add(new FeedRow(
                    r.get(FEEDS.ID),
                    r.get(FEEDS.URL),
                    nz(r.get(FEEDS.TITLE)),
                    r.get(CATEGORIES.NAME),
                    pages.time(r.get(FEEDS.LAST_FETCHED_AT)),
                    pages.time(r.get(FEEDS.NEXT_FETCH_AT)),
                    nz(r.get(FEEDS.LAST_ERROR)),
                    r.get(FEEDS.FAILURES),
                    r.get(FEEDS.ITEMS_IMPORTED),
                    r.get("waiting", Integer.class),
                    polling));
            if (String.valueOf(r.get(FEEDS.ID)).equals(polled)) outcome = outcome(r, polling);
        }
        List<CategoryOption> cats = new ArrayList<>();
        for (CategoriesRecord c : categories.active()) cats.add(new CategoryOption(c.getSlug(), c.getName()));
        pages.render(ctx, status, "feeds.html.ftl", AdminNav.FEEDS, new View(rows, cats, v, errors, outcome));
    }

    /** After "Poll now": under way, or the outcome of the feed's last poll (its error, or what it brought). */
    private static String outcome(Record r, boolean polling) {
        String name = r.get(FEEDS.TITLE) == null ? r.get(FEEDS.URL) : r.get(FEEDS.TITLE);
        if (polling) return "Polling " + name + "… reload the page to see what it brings.";
        if (r.get(FEEDS.LAST_ERROR) != null) return "Polling failed: " + r.get(FEEDS.LAST_ERROR);
        return r.get(FEEDS.LAST_RESULT);
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
