package com.picksdigest.digest;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.PUBLISH_SEQUENCE;
import static com.picksdigest.db.generated.Tables.SUBSCRIBER_CATEGORIES;

import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.PickStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What a subscriber's next digest holds: the one rule, used by sending, the workspace preview and the dry run alike.
 *
 * <p>A digest is cut at a {@link Cut}: the publication number read from the database (every pick numbered up to it
 * is committed: numbers are handed out under a row lock held until the publishing transaction commits) and the time
 * (scheduled picks wait for theirs). A subscriber's next digest holds the published picks inside the cut that were
 * outside the cut of their last sent digest, in the categories they follow, the editor's order first, then newest,
 * at most {@code maxItems}. A pick published while a digest is being cut is therefore in this digest or the next,
 * never in neither: what is new no longer depends on when a transaction commits, and a pick published with a time
 * in the past is new by its number. A subscriber who has had no digest yet gets what was published in the last day
 * (a week for weekly digests). Picks numbered again (published again, their time changed) are left out for readers
 * who already had them.
 */
public final class DigestPlanner {
    private final DSLContext db;
    private final int maxItems;
    private final Clock clock;

    public DigestPlanner(DSLContext db, int maxItems, Clock clock) {
        this.db = db;
        this.maxItems = maxItems;
        this.clock = clock;
    }

    /** How far a digest reaches: picks numbered up to {@code seq} and published (by time) up to {@code time} (UTC). */
    public record Cut(long seq, LocalDateTime time) {
        /** Whether a pick lies inside this cut. */
        boolean covers(SelectedPick p) {
            return p.seq() <= seq && !p.publishedAt().isAfter(time);
        }
    }

    /**
     * A subscriber as far as their digest is concerned.
     *
     * @param seen   the cut of their last sent digest; null before the first
     * @param weekly a weekly subscriber's first digest looks back a week instead of a day
     */
    public record Reader(long subscriberId, Cut seen, boolean weekly) {}

    /** The cut for a digest made now. */
    public Cut cutNow() {
        LocalDateTime time = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        Long seq = db.select(PUBLISH_SEQUENCE.LAST_SEQ)
                .from(PUBLISH_SEQUENCE)
                .where(PUBLISH_SEQUENCE.ID.eq((byte) 1))
                .fetchOne(PUBLISH_SEQUENCE.LAST_SEQ);
        return new Cut(seq == null ? 0 : seq, time);
    }

    /** The last sent digest's cut from its two stored halves; null when there was none. */
    public static Cut seen(Long seq, LocalDateTime time) {
        return time == null ? null : new Cut(seq == null ? 0 : seq, time);
    }

    /** How far back a subscriber's first digest looks. */
    public static Duration firstDigestLookback(boolean weekly) {
        return weekly ? Duration.ofDays(7) : Duration.ofHours(24);
    }

    /**
     * The next digest of each reader, from one read of the picks any of them can get (many readers share a batch):
     * subscriber id to picks in digest order, empty when nothing is new.
     */
    public Map<Long, List<SelectedPick>> plan(Collection<Reader> readers, Cut cut) {
        Map<Long, List<SelectedPick>> out = new HashMap<>();
        if (readers.isEmpty()) return out;
        List<SelectedPick> window = window(readers, cut);
        Map<Long, Set<Integer>> follows =
                follows(readers.stream().map(Reader::subscriberId).toList());
        Map<Long, Set<Long>> alreadyHad = alreadyHad(readers, window);
        for (Reader r : readers) {
            out.put(
                    r.subscriberId(),
                    choose(
                            r,
                            cut,
                            window,
                            follows.getOrDefault(r.subscriberId(), Set.of()),
                            alreadyHad.getOrDefault(r.subscriberId(), Set.of())));
        }
        return out;
    }

    /** One reader's next digest. */
    public List<SelectedPick> next(Reader reader, Cut cut) {
        return plan(List.of(reader), cut).get(reader.subscriberId());
    }

    /** What a new subscriber following {@code categoryIds} (empty: all) would get now (the workspace preview). */
    public List<SelectedPick> forNewReader(Set<Integer> categoryIds, boolean weekly, Cut cut) {
        Reader r = new Reader(0, null, weekly);
        return choose(r, cut, window(List.of(r), cut), categoryIds, Set.of());
    }

    private List<SelectedPick> choose(
            Reader r, Cut cut, List<SelectedPick> window, Set<Integer> categoryIds, Set<Long> had) {
        LocalDateTime firstSince = cut.time().minus(firstDigestLookback(r.weekly()));
        List<SelectedPick> picks = new ArrayList<>();
        for (SelectedPick p : window) {
            if (picks.size() == maxItems) break;
            boolean fresh = r.seen() == null
                    ? p.publishedAt().isAfter(firstSince)
                    : !r.seen().covers(p);
            if (fresh
                    && (categoryIds.isEmpty() || categoryIds.contains(p.categoryId()))
                    && !(p.relisted() && had.contains(p.id()))) {
                picks.add(p);
            }
        }
        return picks;
    }

    /**
     * Published picks inside the cut and outside the oldest reader's last cut, in digest order: one query for a
     * batch, filtered per reader in memory.
     */
    private List<SelectedPick> window(Collection<Reader> readers, Cut cut) {
        Condition outside = DSL.falseCondition();
        Long minSeq = null;
        LocalDateTime minTime = null;
        boolean anyFirst = false;
        for (Reader r : readers) {
            if (r.seen() == null) {
                anyFirst = true;
                continue;
            }
            if (minSeq == null || r.seen().seq() < minSeq) minSeq = r.seen().seq();
            if (minTime == null || r.seen().time().isBefore(minTime))
                minTime = r.seen().time();
        }
        if (minSeq != null) outside = outside.or(PICKS.PUBLISH_SEQ.gt(minSeq)).or(PICKS.PUBLISHED_AT.gt(minTime));
        if (anyFirst) outside = outside.or(PICKS.PUBLISHED_AT.gt(cut.time().minus(firstDigestLookback(true))));
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
                        PICKS.POSITION,
                        PICKS.PUBLISH_SEQ,
                        PICKS.RELISTED)
                .from(PICKS)
                .join(CATEGORIES)
                .on(CATEGORIES.ID.eq(PICKS.CATEGORY_ID))
                .where(PICKS.STATUS.eq(PickStatus.PUBLISHED))
                .and(PICKS.PUBLISH_SEQ.le(cut.seq()))
                .and(PICKS.PUBLISHED_AT.le(cut.time()))
                .and(outside)
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
                        r.value11(),
                        r.value12(),
                        Boolean.TRUE.equals(r.value13())));
    }

    /** The followed category ids of many subscribers in one query; absent or empty set = all categories. */
    private Map<Long, Set<Integer>> follows(Collection<Long> subscriberIds) {
        Map<Long, Set<Integer>> out = new HashMap<>();
        db.select(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID, SUBSCRIBER_CATEGORIES.CATEGORY_ID)
                .from(SUBSCRIBER_CATEGORIES)
                .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.in(subscriberIds))
                .forEach(r ->
                        out.computeIfAbsent(r.value1(), k -> new TreeSet<>()).add(r.value2()));
        return out;
    }

    /**
     * Which of the window's numbered-again picks each reader already had in a sent digest. Only those picks are
     * looked up, so on most days this costs nothing.
     */
    private Map<Long, Set<Long>> alreadyHad(Collection<Reader> readers, List<SelectedPick> window) {
        List<Long> relisted = window.stream()
                .filter(SelectedPick::relisted)
                .map(SelectedPick::id)
                .toList();
        Map<Long, Set<Long>> out = new HashMap<>();
        if (relisted.isEmpty()) return out;
        db.select(DELIVERIES.SUBSCRIBER_ID, DIGEST_PICKS.PICK_ID)
                .from(DELIVERIES)
                .join(DIGEST_PICKS)
                .on(DIGEST_PICKS.DIGEST_ID.eq(DELIVERIES.DIGEST_ID))
                .where(DELIVERIES.SUBSCRIBER_ID.in(
                        readers.stream().map(Reader::subscriberId).toList()))
                .and(DIGEST_PICKS.PICK_ID.in(relisted))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENT))
                .forEach(r ->
                        out.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        return out;
    }
}
