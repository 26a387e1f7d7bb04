package com.picksdigest.digest;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBER_CATEGORIES;

import com.picksdigest.picks.PickStatus;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * Chooses the picks for a digest: published, newer than the subscriber's watermark and no newer than the
 * cut-off, in the categories they follow (none followed = all), the editor's order first, then newest.
 * A batch of subscribers is served from one query: the window of picks any of them can see, filtered in memory.
 */
public final class PickSelector {
    private final DSLContext db;
    private final int maxItems;

    public PickSelector(DSLContext db, int maxItems) {
        this.db = db;
        this.maxItems = maxItems;
    }

    /** Published picks with after < published_at <= through, in digest order. */
    public List<SelectedPick> window(LocalDateTime after, LocalDateTime through) {
        return db.select(
                        PICKS.ID,
                        PICKS.TITLE,
                        PICKS.URL,
                        PICKS.SUMMARY,
                        PICKS.SOURCE_NAME,
                        PICKS.SOURCE_URL,
                        PICKS.IMAGE_URL,
                        CATEGORIES.NAME,
                        PICKS.PUBLISHED_AT,
                        PICKS.CATEGORY_ID,
                        PICKS.POSITION)
                .from(PICKS)
                .join(CATEGORIES)
                .on(CATEGORIES.ID.eq(PICKS.CATEGORY_ID))
                .where(PICKS.STATUS.eq(PickStatus.PUBLISHED.db()))
                .and(PICKS.PUBLISHED_AT.gt(after))
                .and(PICKS.PUBLISHED_AT.le(through))
                .orderBy(PICKS.POSITION, PICKS.PUBLISHED_AT.desc(), PICKS.ID.desc())
                .fetch(r -> new SelectedPick(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        r.value6(),
                        r.value7(),
                        r.value8(),
                        r.value9(),
                        r.value10(),
                        r.value11()));
    }

    /** One subscriber's digest out of a window already in digest order. */
    public List<SelectedPick> choose(List<SelectedPick> window, Set<Integer> categoryIds, LocalDateTime after) {
        return window.stream()
                .filter(p -> p.publishedAt().isAfter(after))
                .filter(p -> categoryIds.isEmpty() || categoryIds.contains(p.categoryId()))
                .limit(maxItems)
                .toList();
    }

    public List<SelectedPick> select(Set<Integer> categoryIds, LocalDateTime after, LocalDateTime through) {
        return choose(window(after, through), categoryIds, after);
    }

    /** The followed category ids of many subscribers in one query; absent or empty set = all categories. */
    public Map<Long, Set<Integer>> follows(Collection<Long> subscriberIds) {
        Map<Long, Set<Integer>> out = new HashMap<>();
        if (subscriberIds.isEmpty()) return out;
        db.select(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID, SUBSCRIBER_CATEGORIES.CATEGORY_ID)
                .from(SUBSCRIBER_CATEGORIES)
                .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.in(subscriberIds))
                .forEach(r ->
                        out.computeIfAbsent(r.value1(), k -> new TreeSet<>()).add(r.value2()));
        return out;
    }
}
