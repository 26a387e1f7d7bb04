package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.FeedsRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.outbound.GuardedHttp;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/** The RSS/Atom feeds editors registered; {@link FeedImport} polls them. */
public final class Feeds {
    private final DSLContext db;
    private final Categories categories;
    private final Clock clock;
    private final GuardedHttp http;

    /** @param http the client feeds are fetched with: a URL it would refuse is refused at registration already */
    public Feeds(DSLContext db, Categories categories, Clock clock, GuardedHttp http) {
        this.db = db;
        this.categories = categories;
        this.clock = clock;
        this.http = http;
    }

    /**
     * Due at once, so the first poll brings its candidates without waiting for the schedule. A URL whose host
     * resolves to an address the guard refuses (loopback, private, link-local...) or that names a refused scheme or
     * port is refused here; every poll checks again, since a name can resolve elsewhere later.
     */
    public FeedsRecord register(String url, String category, String actor) {
        InvalidFields.Collector c = new InvalidFields.Collector();
        URI u = c.check("url", () -> UrlKey.parseHttp("Feed URL", url));
        Integer categoryId =
                c.check("category", () -> categories.require(category).getId());
        if (u != null && db.fetchExists(FEEDS, FEEDS.URL_KEY.eq(UrlKey.key(u)))) {
            c.add("url", "This feed is already registered.");
        }
        if (u != null && !c.has("url")) http.refusal(u).ifPresent(r -> c.add("url", "Feed URL " + r + "."));
        c.throwIfAny();
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        FeedsRecord r = db.newRecord(FEEDS);
        r.setUrl(u.toString());
        r.setUrlKey(UrlKey.key(u));
        r.setCategoryId(categoryId);
        r.setNextFetchAt(now);
        r.setCreatedBy(actor);
        r.setCreatedAt(now);
        r.store();
        return r;
    }

    public FeedsRecord require(long id) {
        FeedsRecord r = db.selectFrom(FEEDS).where(FEEDS.ID.eq(id)).fetchAny();
        if (r == null) throw new InvalidInputException("There is no feed #" + id + ".");
        return r;
    }

    /** Feeds with their category name and how many candidates from each wait for a decision. */
    public List<? extends Record> list() {
        var waiting = db.selectCount()
                .from(PICKS)
                .where(PICKS.FEED_ID.eq(FEEDS.ID))
                .and(PICKS.STATUS.eq(PickStatus.CANDIDATE))
                .asField("waiting");
        return db.select(FEEDS.asterisk(), CATEGORIES.NAME, waiting)
                .from(FEEDS)
                .join(CATEGORIES)
                .on(CATEGORIES.ID.eq(FEEDS.CATEGORY_ID))
                .orderBy(FEEDS.ID)
                .fetch();
    }

    /** Its accepted picks stay; candidates still waiting from it go (they were only ever suggestions). */
    public void remove(long id) {
        require(id);
        db.transaction(tx -> {
            tx.dsl()
                    .deleteFrom(PICKS)
                    .where(PICKS.FEED_ID.eq(id))
                    .and(PICKS.STATUS.eq(PickStatus.CANDIDATE))
                    .execute();
            tx.dsl().deleteFrom(FEEDS).where(FEEDS.ID.eq(id)).execute();
        });
    }
}
