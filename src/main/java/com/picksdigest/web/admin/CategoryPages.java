package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBER_CATEGORIES;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.editing.PickEditing;
import com.picksdigest.editors.Editor;
import com.picksdigest.picks.Categories;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Categories: create, rename, retire (gone from sign-up and preference forms, history kept) and restore. */
final class CategoryPages {
    private final Categories categories;
    private final DSLContext db;
    private final PickEditing editing;
    private final AdminPages pages;

    CategoryPages(Categories categories, PickEditing editing, DSLContext db, AdminPages pages) {
        this.categories = categories;
        this.db = db;
        this.editing = editing;
        this.pages = pages;
    }

    void list(Context ctx) {
        show(ctx, 200, "", null, null, null);
    }

    void create(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        String name = ctx.formParam("name");
        try {
            editing.addCategory(name, me.actor());
        } catch (InvalidInputException e) {
            show(ctx, 400, name, e.getMessage(), null, null);
            return;
        }
        pages.redirect(ctx, "/admin/categories", "category-added");
    }

    void rename(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        int id = id(ctx);
        String name = ctx.formParam("name");
        try {
            editing.renameCategory(id, name, me.actor());
        } catch (InvalidInputException e) {
            show(ctx, 400, "", null, id, e.getMessage());
            return;
        }
        pages.redirect(ctx, "/admin/categories", "saved");
    }

    void retire(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        int id = id(ctx);
        boolean retire = !"restore".equals(ctx.formParam("action"));
        editing.retireCategory(id, retire, me.actor());
        pages.redirect(ctx, "/admin/categories", "saved");
    }

    private void show(Context ctx, int status, String newName, String newError, Integer errorId, String rowError) {
        Map<Integer, Integer> picks =
                counts(db.select(PICKS.CATEGORY_ID, DSL.count()).from(PICKS).groupBy(PICKS.CATEGORY_ID));
        Map<Integer, Integer> followers = counts(db.select(SUBSCRIBER_CATEGORIES.CATEGORY_ID, DSL.count())
                .from(SUBSCRIBER_CATEGORIES)
                .groupBy(SUBSCRIBER_CATEGORIES.CATEGORY_ID));
        List<CategoryRow> rows = new ArrayList<>();
        for (CategoriesRecord c : categories.all()) {
            rows.add(new CategoryRow(
                    c.getId(),
                    c.getName(),
                    c.getSlug(),
                    c.getRetired(),
                    picks.getOrDefault(c.getId(), 0),
                    followers.getOrDefault(c.getId(), 0),
                    c.getId().equals(errorId) ? rowError : null));
        }
        pages.render(
                ctx,
                status,
                "categories.html.ftl",
                AdminNav.CATEGORIES,
                new View(rows, newName == null ? "" : newName, newError));
    }

    /** @param newError why the add form's name was refused; null when it was not */
    record View(List<CategoryRow> categories, String newName, String newError) {}

    private static Map<Integer, Integer> counts(org.jooq.ResultQuery<org.jooq.Record2<Integer, Integer>> q) {
        Map<Integer, Integer> out = new HashMap<>();
        q.forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    private int id(Context ctx) {
        try {
            int id = Integer.parseInt(ctx.pathParam("id"));
            categories.require(id);
            return id;
        } catch (NumberFormatException | InvalidInputException e) {
            throw AdminError.notFound();
        }
    }
}
