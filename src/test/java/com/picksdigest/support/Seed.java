package com.picksdigest.support;

import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.PickInput;
import com.picksdigest.picks.PickService;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.subscribers.SubscriberService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/** Test data through the real services, with times relative to the test clock. */
public final class Seed {
    private final DSLContext db;
    private final Clock clock;
    public final Categories categories;
    public final PickService picks;
    public final SubscriberService subscribers;

    public Seed(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.categories = new Categories(db);
        this.picks = new PickService(db, categories, clock);
        this.subscribers = new SubscriberService(
                db,
                categories,
                new com.picksdigest.i18n.Languages(new com.picksdigest.i18n.Catalogues(java.util.Optional.empty())),
                clock);
    }

    public PicksRecord published(String title, String category, Instant at) {
        return picks.add(
                new PickInput(
                        title,
                        "https://news.example.org/" + Math.abs((title + at).hashCode()) + "/"
                                + title.replaceAll("[^A-Za-z0-9]+", "-"),
                        "Summary of " + title,
                        "Example Source",
                        "https://source.example.org",
                        null,
                        category,
                        null,
                        false,
                        at),
                "test");
    }

    public PicksRecord published(String title, String category, int position, Instant at) {
        PicksRecord r = published(title, category, at);
        db.update(PICKS)
                .set(PICKS.POSITION, position)
                .where(PICKS.ID.eq(r.getId()))
                .execute();
        return r;
    }

    /** Active, send hour 0 so they are due at any dispatch. */
    public SubscribersRecord subscriber(
            String email, String name, String timezone, String format, String... categories) {
        return subscribers.add(
                new SubscriberInput(email, name, timezone, 0, "daily", null, format, "en", List.of(categories)),
                SubscriberStatus.ACTIVE);
    }

    /** As if their last digest had been cut at {@code at}: every pick published by then counts as sent. */
    public void watermark(long subscriberId, Instant at) {
        LocalDateTime time = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        Long seq = db.select(org.jooq.impl.DSL.max(PICKS.PUBLISH_SEQ))
                .from(PICKS)
                .where(PICKS.PUBLISHED_AT.le(time))
                .fetchOne(0, Long.class);
        db.update(SUBSCRIBERS)
                .set(SUBSCRIBERS.WATERMARK, time)
                .set(SUBSCRIBERS.WATERMARK_SEQ, seq == null ? 0L : seq)
                .where(SUBSCRIBERS.ID.eq(subscriberId))
                .execute();
    }

    public Instant now() {
        return clock.instant();
    }
}
