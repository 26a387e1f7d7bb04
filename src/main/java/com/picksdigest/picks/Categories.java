package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.CATEGORIES;

import com.picksdigest.common.Conflict;
import com.picksdigest.common.Fields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.common.NotFound;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;

/** The categories editors file picks under and subscribers follow. */
public final class Categories {
    private final DSLContext db;

    public Categories(DSLContext db) {
        this.db = db;
    }

    public CategoriesRecord add(String name) {
        String n = Fields.line("Category name", name, 100, true);
        String slug = slug(n);
        if (db.fetchExists(CATEGORIES, CATEGORIES.NAME.eq(n).or(CATEGORIES.SLUG.eq(slug)))) {
            throw new Conflict("A category named \"" + n + "\" already exists.");
        }
        CategoriesRecord r = db.newRecord(CATEGORIES);
        r.setName(n);
        r.setSlug(slug);
        r.store();
        return r;
    }

    /** Returns the category with this name (or slug), creating it when absent; for seeding and feeds. */
    public CategoriesRecord ensure(String name) {
        CategoriesRecord r = find(name);
        return r != null ? r : add(name);
    }

    public CategoriesRecord find(String nameOrSlug) {
        if (nameOrSlug == null) return null;
        String n = nameOrSlug.strip();
        return db.selectFrom(CATEGORIES)
                .where(CATEGORIES.NAME.eq(n).or(CATEGORIES.SLUG.eq(n)))
                .fetchAny();
    }

    public CategoriesRecord require(String nameOrSlug) {
        CategoriesRecord r = find(nameOrSlug);
        if (r == null || r.getRetired()) {
            throw new InvalidInputException("Unknown category \"" + nameOrSlug + "\"; known: "
                    + String.join(
                            ", ",
                            active().stream().map(CategoriesRecord::getName).toList()) + ".");
        }
        return r;
    }

    public List<CategoriesRecord> active() {
        return db.selectFrom(CATEGORIES)
                .where(CATEGORIES.RETIRED.isFalse())
                .orderBy(CATEGORIES.NAME)
                .fetch();
    }

    /** Every category, retired ones too (they keep their picks and history). */
    public List<CategoriesRecord> all() {
        return db.selectFrom(CATEGORIES)
                .orderBy(CATEGORIES.RETIRED, CATEGORIES.NAME)
                .fetch();
    }

    public CategoriesRecord require(int id) {
        CategoriesRecord r =
                db.selectFrom(CATEGORIES).where(CATEGORIES.ID.eq(id)).fetchAny();
        if (r == null) throw new NotFound("There is no category #" + id + ".");
        return r;
    }

    /** A new name; the slug stays, so links and imports that use it keep working. */
    public CategoriesRecord rename(int id, String name) {
        CategoriesRecord r = require(id);
        String n = Fields.line("Category name", name, 100, true);
        slug(n);
        if (db.fetchExists(CATEGORIES, CATEGORIES.NAME.eq(n).and(CATEGORIES.ID.ne(id)))) {
            throw new Conflict("A category named \"" + n + "\" already exists.");
        }
        r.setName(n);
        r.store();
        return r;
    }

    /** A retired category disappears from sign-up and preference forms; its picks and followers stay. */
    public CategoriesRecord setRetired(int id, boolean retired) {
        CategoriesRecord r = require(id);
        r.setRetired(retired);
        r.store();
        return r;
    }

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (s.isEmpty()) throw new InvalidInputException("Category name needs at least one letter or digit.");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
