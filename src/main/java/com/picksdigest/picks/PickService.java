package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.DISMISSED_URLS;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.common.Conflict;
import com.picksdigest.common.Fields;
import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.NotFound;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.outbox.Outbox;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Editor operations on picks: add, edit, list, publish, retract, reorder; accepting or dismissing candidates. */
public final class PickService {
    private final DSLContext db;
    private final Categories categories;
    private final Clock clock;

    public PickService(DSLContext db, Categories categories, Clock clock) {
        this.db = db;
        this.categories = categories;
        this.clock = clock;
    }

    /** A pick's fields once every one of them has passed its check. */
    private record Valid(
            String title,
            URI url,
            String key,
            String summary,
            String source,
            String sourceUrl,
            String imageUrl,
            int categoryId) {}

    /** Checks every field (not only up to the first problem) and throws {@link InvalidFields} naming each. */
    private Valid validate(PickInput in, Long self) {
        InvalidFields.Collector c = new InvalidFields.Collector();
        String title = c.check("title", () -> Fields.line("Title", in.title(), 300, true));
        URI url = c.check("url", () -> UrlKey.parseHttp("URL", in.url()));
        String summary = c.check("summary", () -> Fields.text("Summary", in.summary(), 5000));
        String source = c.check("source", () -> Fields.line("Source", in.sourceName(), 200, false));
        String sourceUrl = c.check("sourceUrl", () -> optionalUrl("Source URL", in.sourceUrl()));
        String imageUrl = c.check("imageUrl", () -> optionalUrl("Image URL", in.imageUrl()));
        Integer categoryId =
                c.check("category", () -> categories.require(in.category()).getId());
        String key = null;
        if (url != null) {
            key = UrlKey.key(url);
            Condition same = PICKS.URL_KEY.eq(key);
            if (self != null) same = same.and(PICKS.ID.ne(self));
            PicksRecord existing = db.selectFrom(PICKS).where(same).fetchAny();
            if (existing != null) {
                c.add(
                        "url",
                        "A pick with this URL already exists (#" + existing.getId() + ": \"" + existing.getTitle()
                                + "\", " + existing.getStatus() + ").");
            }
        }
        c.throwIfAny();
        return new Valid(title, url, key, summary, source, sourceUrl, imageUrl, categoryId);
    }

    private static String optionalUrl(String field, String raw) {
        return raw == null || raw.isBlank()
                ? null
                : UrlKey.parseHttp(field, raw).toString();
    }

    /** Runs every check {@link #add} or {@link #update} would, and saves nothing. */
    public void check(PickInput in, Long self) {
        validate(in, self);
    }

    public PicksRecord add(PickInput in, String actor) {
        Valid v = validate(in, null);
        PicksRecord r = db.newRecord(PICKS);
        apply(r, v);
        r.setPosition(in.position() == null ? 0 : in.position());
        r.setCreatedBy(actor);
        r.setCreatedAt(now());
        r.setStatus(PickStatus.DRAFT);
        touch(r, actor, schedule(r, in));
        return r;
    }

    /**
     * Saves an edit. The status changes only when asked: {@code publish} publishes now (an already published pick
     * keeps its time), {@code publishAt} publishes at that instant (scheduling or rescheduling).
     */
    public PicksRecord update(long id, PickInput in, String actor) {
        PicksRecord r = require(id);
        Valid v = validate(in, id);
        apply(r, v);
        if (in.position() != null) r.setPosition(in.position());
        touch(r, actor, schedule(r, in));
        return r;
    }

    /** A candidate becomes a draft, or a published pick when asked, with the editor's version of its fields. */
    public PicksRecord accept(long id, PickInput in, String actor) {
        PicksRecord r = require(id);
        requireCandidate(r);
        Valid v = validate(in, id);
        apply(r, v);
        r.setStatus(PickStatus.DRAFT);
        touch(r, actor, schedule(r, in));
        return r;
    }

    /** Removes a candidate; its URL is remembered so that feeds never offer it again. */
    public void dismiss(long id, String actor) {
        PicksRecord r = require(id);
        requireCandidate(r);
        db.transaction(tx -> {
            tx.dsl()
                    .insertInto(DISMISSED_URLS)
                    .set(DISMISSED_URLS.URL_KEY, r.getUrlKey())
                    .set(DISMISSED_URLS.DISMISSED_BY, actor)
                    .set(DISMISSED_URLS.DISMISSED_AT, now())
                    .onDuplicateKeyIgnore()
                    .execute();
            tx.dsl()
                    .deleteFrom(PICKS)
                    .where(PICKS.ID.eq(id))
                    .and(PICKS.STATUS.eq(PickStatus.CANDIDATE))
                    .execute();
        });
    }

    private static void requireCandidate(PicksRecord r) {
        if (PickStatus.CANDIDATE != r.getStatus()) {
            throw new Conflict("Pick #" + r.getId() + " is not a candidate any more (it is " + r.getStatus() + ").");
        }
    }

    private static void apply(PicksRecord r, Valid v) {
        r.setTitle(v.title());
        r.setUrl(v.url().toString());
        r.setUrlKey(v.key());
        r.setSummary(v.summary());
        r.setSourceName(v.source());
        r.setSourceUrl(v.sourceUrl());
        r.setImageUrl(v.imageUrl());
        r.setCategoryId(v.categoryId());
    }

    /**
     * Publishes now or at the asked time when the input says so; true when the pick needs a new publication number:
     * it became published, or its publish time changed (readers whose digests were cut before the new time must
     * still get it).
     */
    private boolean schedule(PicksRecord r, PickInput in) {
        boolean wasPublished = PickStatus.PUBLISHED == r.getStatus();
        if (in.publishAt() != null) {
            LocalDateTime at = LocalDateTime.ofInstant(in.publishAt(), ZoneOffset.UTC);
            boolean moved = !at.equals(r.getPublishedAt());
            r.setStatus(PickStatus.PUBLISHED);
            r.setPublishedAt(at);
            return !wasPublished || moved;
        } else if (in.publish() && !wasPublished) {
            r.setStatus(PickStatus.PUBLISHED);
            r.setPublishedAt(now());
            return true;
        }
        return false;
    }

    public PicksRecord publish(long id, String actor) {
        PicksRecord r = require(id);
        if (PickStatus.PUBLISHED == r.getStatus()) return r;
        r.setStatus(PickStatus.PUBLISHED);
        r.setPublishedAt(now());
        touch(r, actor, true);
        return r;
    }

    public PicksRecord retract(long id, String actor) {
        PicksRecord r = require(id);
        r.setStatus(PickStatus.RETRACTED);
        touch(r, actor, false);
        return r;
    }

    /**
     * Moves a published pick one place up (earlier) or down in the digest order of its day (the date of its publish
     * time in {@code zone}). The day's picks are numbered 1..n in their current order first, so the move is always
     * visible even when all positions were equal.
     *
     * @return false when it is already first (or last)
     */
    public boolean move(long id, boolean up, ZoneId zone, String actor) {
        PicksRecord r = require(id);
        if (PickStatus.PUBLISHED != r.getStatus() || r.getPublishedAt() == null) {
            throw new Conflict("Only published picks have a place in a day's digest order.");
        }
        LocalDate day = r.getPublishedAt()
                .atOffset(ZoneOffset.UTC)
                .atZoneSameInstant(zone)
                .toLocalDate();
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            List<Long> order = t.select(PICKS.ID)
                    .from(PICKS)
                    .where(dayCondition(day, zone))
                    .and(PICKS.STATUS.eq(PickStatus.PUBLISHED))
                    .orderBy(PICKS.POSITION, PICKS.PUBLISHED_AT.desc(), PICKS.ID.desc())
                    .forUpdate()
                    .fetch(PICKS.ID);
            int i = order.indexOf(id);
            int j = up ? i - 1 : i + 1;
            if (i < 0 || j < 0 || j >= order.size()) return false;
            order.set(i, order.get(j));
            order.set(j, id);
            for (int k = 0; k < order.size(); k++) {
                t.update(PICKS)
                        .set(PICKS.POSITION, k + 1)
                        .where(PICKS.ID.eq(order.get(k)))
                        .execute();
            }
            t.update(PICKS)
                    .set(PICKS.UPDATED_BY, actor)
                    .set(PICKS.UPDATED_AT, now())
                    .where(PICKS.ID.eq(id))
                    .execute();
            return true;
        });
    }

    private static Condition dayCondition(LocalDate day, ZoneId zone) {
        LocalDateTime from = LocalDateTime.ofInstant(day.atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
        LocalDateTime to =
                LocalDateTime.ofInstant(day.plusDays(1).atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
        return PICKS.PUBLISHED_AT.ge(from).and(PICKS.PUBLISHED_AT.lt(to));
    }

    /**
     * Saves the pick; with {@code number}, in one transaction with a new publication number (a pick numbered before
     * is marked relisted, so digests leave it out for readers who already had it).
     */
    private void touch(PicksRecord r, String actor, boolean number) {
        r.setUpdatedBy(actor);
        r.setUpdatedAt(now());
        if (!number) {
            r.store();
            return;
        }
        db.transaction(tx -> {
            if (r.getPublishSeq() != null) r.setRelisted(true);
            r.setPublishSeq(PublishSequence.next(tx.dsl()));
            r.attach(tx);
            r.store();
            if (PickStatus.PUBLISHED == r.getStatus()) published(tx.dsl(), r);
        });
        r.attach(db.configuration());
    }

    /** The pick.published webhook event (also when a published pick's time moves: it is listed anew). */
    private void published(DSLContext tx, PicksRecord r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", r.getId());
        d.put("title", r.getTitle());
        d.put("url", r.getUrl());
        d.put("summary", r.getSummary());
        d.put("source", r.getSourceName());
        d.put(
                "category",
                tx.select(CATEGORIES.NAME)
                        .from(CATEGORIES)
                        .where(CATEGORIES.ID.eq(r.getCategoryId()))
                        .fetchOne(CATEGORIES.NAME));
        d.put("published_at", r.getPublishedAt().toInstant(ZoneOffset.UTC).toString());
        Outbox.record(tx, Outbox.PICK_PUBLISHED, "pick:" + r.getId(), d, now());
    }

    public PicksRecord require(long id) {
        PicksRecord r = db.selectFrom(PICKS).where(PICKS.ID.eq(id)).fetchAny();
        if (r == null) throw new NotFound("There is no pick #" + id + ".");
        return r;
    }

    /** Newest first; status and category optional. */
    public List<? extends Record> list(PickStatus status, String category, int limit) {
        Condition c = DSL.trueCondition();
        if (status != null) c = c.and(PICKS.STATUS.eq(status));
        if (category != null)
            c = c.and(PICKS.CATEGORY_ID.eq(categories.require(category).getId()));
        return db.select(
                        PICKS.ID,
                        PICKS.STATUS,
                        PICKS.PUBLISHED_AT,
                        PICKS.POSITION,
                        CATEGORIES.NAME,
                        PICKS.TITLE,
                        PICKS.URL)
                .from(PICKS)
                .join(CATEGORIES)
                .on(CATEGORIES.ID.eq(PICKS.CATEGORY_ID))
                .where(c)
                .orderBy(PICKS.PUBLISHED_AT.desc().nullsFirst(), PICKS.ID.desc())
                .limit(limit)
                .fetch();
    }

    /**
     * What the workspace's list shows. With a day, the picks published that day in digest order (the order
     * {@link #move} changes); otherwise newest first, unpublished ones on top.
     *
     * @param text matched anywhere in title, summary, source or URL; null for any
     */
    public List<PicksRecord> search(
            PickStatus status, Integer categoryId, LocalDate day, ZoneId zone, String text, int limit) {
        Condition c = DSL.trueCondition();
        if (status != null) c = c.and(PICKS.STATUS.eq(status));
        if (categoryId != null) c = c.and(PICKS.CATEGORY_ID.eq(categoryId));
        if (day != null) c = c.and(dayCondition(day, zone));
        if (text != null && !text.isBlank()) {
            String like =
                    "%" + text.strip().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            c = c.and(PICKS.TITLE
                    .like(like, '!')
                    .or(PICKS.SUMMARY.like(like, '!'))
                    .or(PICKS.SOURCE_NAME.like(like, '!'))
                    .or(PICKS.URL.like(like, '!')));
        }
        var q = db.selectFrom(PICKS).where(c);
        return (day != null
                        ? q.orderBy(PICKS.POSITION, PICKS.PUBLISHED_AT.desc(), PICKS.ID.desc())
                        : q.orderBy(PICKS.PUBLISHED_AT.desc().nullsFirst(), PICKS.ID.desc()))
                .limit(limit)
                .fetch();
    }

    /**
     * One page of picks, newest first by creation (then id), strictly after the given row: a page boundary that rows
     * inserted meanwhile cannot move.
     *
     * @param afterCreated with {@code afterId}, the last row of the previous page; both null for the first page
     */
    public List<PicksRecord> page(
            PickStatus status, Integer categoryId, LocalDateTime afterCreated, Long afterId, int limit) {
        Condition c = DSL.trueCondition();
        if (status != null) c = c.and(PICKS.STATUS.eq(status));
        if (categoryId != null) c = c.and(PICKS.CATEGORY_ID.eq(categoryId));
        if (afterCreated != null && afterId != null) {
            c = c.and(PICKS.CREATED_AT
                    .lt(afterCreated)
                    .or(PICKS.CREATED_AT.eq(afterCreated).and(PICKS.ID.lt(afterId))));
        }
        return db.selectFrom(PICKS)
                .where(c)
                .orderBy(PICKS.CREATED_AT.desc(), PICKS.ID.desc())
                .limit(limit)
                .fetch();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
