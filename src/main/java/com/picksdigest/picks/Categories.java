package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.CATEGORIES;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.picksdigest.common.Conflict;
import com.picksdigest.common.Fields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.common.NotFound;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;

/** The categories editors file picks under and subscribers follow. */
public final class Categories {
    /** How long the public sign-up form may show the active categories as read before (another node's change). */
    static final Duration FORM_LIFE = Duration.ofSeconds(1);

    private final DSLContext db;
    /** The active categories for the public form: one entry, dropped at once by a change made in this process. */
    private final LoadingCache<Boolean, List<CategoriesRecord>> forForms;

    public Categories(DSLContext db) {
        this.db = db;
        this.forForms = Caffeine.newBuilder().expireAfterWrite(FORM_LIFE).build(k -> List.copyOf(active()));
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
        forForms.invalidateAll();
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

    /**
     * {@link #active()} as the public sign-up form shows it: read at most once a {@link #FORM_LIFE} (it was one
     * query per GET /subscribe, the whole of that page's database work), at once again after a change made here.
     * The records are shared: read them, never change them.
     */
    public List<CategoriesRecord> activeForForms() {
        return forForms.get(Boolean.TRUE);
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
        forForms.invalidateAll();
        return r;
    }

    /** A retired category disappears from sign-up and preference forms; its picks and followers stay. */
    public CategoriesRecord setRetired(int id, boolean retired) {
        CategoriesRecord r = require(id);
        r.setRetired(retired);
        r.store();
        forForms.invalidateAll();
        return r;
    }

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (s.isEmpty()) throw new InvalidInputException("Category name needs at least one letter or digit.");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
