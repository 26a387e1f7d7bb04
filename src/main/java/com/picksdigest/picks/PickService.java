package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.Fields;
import com.picksdigest.InvalidInputException;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Editor operations on picks: add, list, publish, retract. */
public final class PickService {
    private final DSLContext db;
    private final Categories categories;
    private final Clock clock;

    public PickService(DSLContext db, Categories categories, Clock clock) {
        this.db = db;
        this.categories = categories;
        this.clock = clock;
    }

    public PicksRecord add(PickInput in, String actor) {
        String title = Fields.line("Title", in.title(), 300, true);
        URI url = UrlKey.parseHttp("URL", in.url());
        String summary = Fields.text("Summary", in.summary(), 5000);
        String source = Fields.line("Source", in.sourceName(), 200, false);
        String sourceUrl = in.sourceUrl() == null || in.sourceUrl().isBlank() ? null
                : UrlKey.parseHttp("Source URL", in.sourceUrl()).toString();
        String imageUrl = in.imageUrl() == null || in.imageUrl().isBlank() ? null
                : UrlKey.parseHttp("Image URL", in.imageUrl()).toString();
        int categoryId = categories.require(in.category()).getId();
        String key = UrlKey.key(url);
        PicksRecord existing = db.selectFrom(PICKS).where(PICKS.URL_KEY.eq(key)).fetchAny();
        if (existing != null) {
            throw new InvalidInputException("A pick with this URL already exists (#" + existing.getId() + ": \""
                    + existing.getTitle() + "\").");
        }
        PicksRecord r = db.newRecord(PICKS);
        r.setTitle(title);
        r.setUrl(url.toString());
        r.setUrlKey(key);
        r.setSummary(summary);
        r.setSourceName(source);
        r.setSourceUrl(sourceUrl);
        r.setImageUrl(imageUrl);
        r.setCategoryId(categoryId);
        r.setPosition(in.position() == null ? 0 : in.position());
        r.setCreatedBy(actor);
        r.setUpdatedBy(actor);
        LocalDateTime now = now();
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        if (in.publish() || in.publishAt() != null) {
            r.setStatus(PickStatus.PUBLISHED.db());
            r.setPublishedAt(in.publishAt() == null ? now : LocalDateTime.ofInstant(in.publishAt(), ZoneOffset.UTC));
        } else {
            r.setStatus(PickStatus.DRAFT.db());
        }
        r.store();
        return r;
    }

    public PicksRecord publish(long id, String actor) {
        PicksRecord r = require(id);
        if (PickStatus.PUBLISHED.db().equals(r.getStatus())) return r;
        r.setStatus(PickStatus.PUBLISHED.db());
        // A pick published again after a retraction gets a new time so it reaches the next digests.
        r.setPublishedAt(now());
        touch(r, actor);
        return r;
    }

    public PicksRecord retract(long id, String actor) {
        PicksRecord r = require(id);
        r.setStatus(PickStatus.RETRACTED.db());
        touch(r, actor);
        return r;
    }

    private void touch(PicksRecord r, String actor) {
        r.setUpdatedBy(actor);
        r.setUpdatedAt(now());
        r.store();
    }

    public PicksRecord require(long id) {
        PicksRecord r = db.selectFrom(PICKS).where(PICKS.ID.eq(id)).fetchAny();
        if (r == null) throw new InvalidInputException("There is no pick #" + id + ".");
        return r;
    }

    /** Newest first; status and category optional. */
    public List<? extends Record> list(PickStatus status, String category, int limit) {
        Condition c = DSL.trueCondition();
        if (status != null) c = c.and(PICKS.STATUS.eq(status.db()));
        if (category != null) c = c.and(PICKS.CATEGORY_ID.eq(categories.require(category).getId()));
        return db.select(PICKS.ID, PICKS.STATUS, PICKS.PUBLISHED_AT, PICKS.POSITION, CATEGORIES.NAME, PICKS.TITLE,
                        PICKS.URL)
                .from(PICKS).join(CATEGORIES).on(CATEGORIES.ID.eq(PICKS.CATEGORY_ID))
                .where(c)
                .orderBy(PICKS.PUBLISHED_AT.desc().nullsFirst(), PICKS.ID.desc())
                .limit(limit)
                .fetch();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
