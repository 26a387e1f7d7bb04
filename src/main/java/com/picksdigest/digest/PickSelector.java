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
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Chooses the picks for a digest: published, newer than the subscriber's watermark and no newer than the
 * cut-off, in the categories they follow (none followed = all), the editor's order first, then newest.
 */
public final class PickSelector {
    private final DSLContext db;
    private final int maxItems;

    public PickSelector(DSLContext db, int maxItems) {
        this.db = db;
        this.maxItems = maxItems;
    }

    public List<SelectedPick> select(Set<Integer> categoryIds, LocalDateTime after, LocalDateTime through) {
        Condition c = PICKS.STATUS.eq(PickStatus.PUBLISHED.db())
                .and(PICKS.PUBLISHED_AT.gt(after))
                .and(PICKS.PUBLISHED_AT.le(through));
        if (!categoryIds.isEmpty()) c = c.and(PICKS.CATEGORY_ID.in(categoryIds));
        return db.select(PICKS.ID, PICKS.TITLE, PICKS.URL, PICKS.SUMMARY, PICKS.SOURCE_NAME, PICKS.SOURCE_URL,
                        PICKS.IMAGE_URL, CATEGORIES.NAME, PICKS.PUBLISHED_AT)
                .from(PICKS).join(CATEGORIES).on(CATEGORIES.ID.eq(PICKS.CATEGORY_ID))
                .where(c)
                .orderBy(PICKS.POSITION, PICKS.PUBLISHED_AT.desc(), PICKS.ID.desc())
                .limit(maxItems)
                .fetch(r -> new SelectedPick(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9()));
    }

    /** The followed category ids of many subscribers in one query; absent or empty set = all categories. */
    public Map<Long, Set<Integer>> follows(Collection<Long> subscriberIds) {
        Map<Long, Set<Integer>> out = new HashMap<>();
        if (subscriberIds.isEmpty()) return out;
        db.select(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID, SUBSCRIBER_CATEGORIES.CATEGORY_ID)
                .from(SUBSCRIBER_CATEGORIES)
                .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.in(subscriberIds))
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new TreeSet<>()).add(r.value2()));
        return out;
    }
}
