package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.DISMISSED_URLS;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.config.OutboundConfig;
import com.picksdigest.db.generated.tables.records.FeedsRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.outbound.AddressPolicy;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundRules;
import com.picksdigest.outbound.Resolver;
import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.schedule.Schedules;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls feeds and turns their new items into candidate picks, de-duplicated by normalised URL against every pick
 * and every dismissed candidate. A feed that fails (refused, unreachable, too slow, HTTP error, not a feed) keeps
 * its error for the editors and is tried again later, backing off. Polls are independent: each is fetched through
 * the guarded client with its own deadline, on a pool of {@link #POLL_THREADS} threads, and a feed is claimed in
 * the database before it is polled ({@code polling_since}), so no two polls of one feed overlap, in this process or
 * another node's.
 */
public final class FeedImport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedImport.class);
    static final Duration MAX_BACKOFF = Duration.ofDays(1);
    /** The most a feed may hold; the guarded client for feeds is built with this cap. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    /** Polls at once in this process: a slow feed takes one of them for at most the fetch deadline. */
    public static final int POLL_THREADS = 4;
    /** A claim this old belongs to a process that died mid-poll (a poll ends within its deadline): it lapses. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(10);

    /** What one poll did; {@code error} is null when it succeeded. */
    public record Report(int added, int known, int skipped, boolean notModified, String error) {
        /** One sentence for the editors. */
        public String summary() {
            if (error != null) return "Polling failed: " + error;
            if (notModified) return "Not modified since the last poll.";
            return added + " new candidate(s), " + known + " already known, " + skipped + " without a usable link.";
        }
    }

    private final DSLContext db;
    private final FeedFetcher fetcher;
    private final Duration interval;
    private final Clock clock;
    private final ThreadPoolExecutor pool;

    /**
     * @param http      the guarded client feeds are fetched with (its rules hold the deadline and the 5 MB cap)
     * @param userAgent sent to publishers with every request
     * @param interval  time between two polls of a healthy feed
     */
    public FeedImport(DSLContext db, GuardedHttp http, String userAgent, Duration interval, Clock clock) {
        this.db = db;
        this.fetcher = new FeedFetcher(http, userAgent);
        this.interval = interval;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                POLL_THREADS, POLL_THREADS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(1000), r -> {
                    Thread t = new Thread(r, "feed-poll-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true); // idle between runs: no threads kept
    }

    /** Feed polling for the cluster's scheduler: every five minutes, each feed when its own time has come. */
    public ScheduledTask task() {
        return new ScheduledTask("feeds", Schedules.EVERY_FIVE_MINUTES, this::pollDue);
    }

    /**
     * The scheduled task: polls every feed whose time has come on the pool, returning when all are done. Each poll
     * claims its feed when it starts and ends within the client's deadline, so a slow or hostile feed holds one of
     * the threads for one deadline at most and delays none of the others.
     */
    public void pollDue() {
        LocalDateTime now = now();
        List<Long> due = db.select(FEEDS.ID)
                .from(FEEDS)
                .where(FEEDS.NEXT_FETCH_AT.le(now))
                .and(unclaimed(now))
                .orderBy(FEEDS.NEXT_FETCH_AT, FEEDS.ID)
                .fetch(FEEDS.ID);
        List<Future<?>> running = new ArrayList<>();
        for (long id : due) {
            try {
                running.add(pool.submit(() -> {
                    if (claim(id)) pollClaimed(id); // else "Poll now" or another node got there first
                }));
            } catch (RejectedExecutionException e) {
                break; // a thousand polls already waiting: the next run takes the rest
            }
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // pollClaimed logged it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the scheduler is stopping; the polls finish on their own
                return;
            }
        }
    }

    /**
     * "Poll now": claims the feed and polls it on the pool, returning at once; the outcome lands in the feed's row.
     *
     * @return false when the feed is already being polled (or is gone, or a thousand polls are waiting)
     */
    public boolean pollSoon(long feedId) {
        if (!claim(feedId)) return false;
        try {
            pool.submit(() -> pollClaimed(feedId));
            return true;
        } catch (RejectedExecutionException e) {
            release(feedId);
            return false;
        }
    }

    /** Whether a poll of the feed is under way (claimed and not lapsed). */
    public boolean pollUnderWay(LocalDateTime pollingSince) {
        return pollingSince != null && pollingSince.isAfter(now().minus(STALE_CLAIM));
    }

    /** Polls one feed on the caller's thread; a feed already being polled is left to that poll. */
    public Report poll(long feedId) {
        if (!claim(feedId)) {
            boolean exists = db.fetchExists(FEEDS, FEEDS.ID.eq(feedId));
            return new Report(0, 0, 0, false, exists ? "a poll of this feed is already under way" : "no such feed");
        }
        return pollClaimed(feedId);
    }

    private boolean claim(long feedId) {
        LocalDateTime now = now();
        return db.update(FEEDS)
                        .set(FEEDS.POLLING_SINCE, now)
                        .where(FEEDS.ID.eq(feedId))
                        .and(unclaimed(now))
                        .execute()
                == 1;
    }

    private void release(long feedId) {
        db.update(FEEDS)
                .set(FEEDS.POLLING_SINCE, (LocalDateTime) null)
                .where(FEEDS.ID.eq(feedId))
                .execute();
    }

    private static Condition unclaimed(LocalDateTime now) {
        return FEEDS.POLLING_SINCE.isNull().or(FEEDS.POLLING_SINCE.le(now.minus(STALE_CLAIM)));
    }

    private Report pollClaimed(long feedId) {
        try {
            return pollOnce(feedId);
        } catch (RuntimeException e) { // e.g. the database went away mid-poll: the next run tries again
            log.warn(
                    "Feed #{} poll stopped: {}",
                    feedId,
                    e.getMessage() == null
                            ? e
                            : e.getMessage().lines().findFirst().orElse(""));
            try {
                release(feedId);
            } catch (RuntimeException again) {
                // still unreachable: the claim lapses after STALE_CLAIM
            }
            throw e;
        }
    }

    private Report pollOnce(long feedId) {
        FeedsRecord f = db.selectFrom(FEEDS).where(FEEDS.ID.eq(feedId)).fetchAny();
        if (f == null) return new Report(0, 0, 0, false, "no such feed");
        FeedFetcher.Answer answer = fetcher.fetch(f.getUrl(), f.getEtag(), f.getLastModified());
        if (answer instanceof FeedFetcher.Failed failed) return failed(f, failed.reason());
        if (answer instanceof FeedFetcher.NotModified) {
            Report r = new Report(0, 0, 0, true, null);
            succeeded(f, f.getEtag(), f.getLastModified(), f.getTitle(), r);
            log.info("Feed #{} not modified", f.getId());
            return r;
        }
        FeedFetcher.Fetched fetched = (FeedFetcher.Fetched) answer;
        FeedContent content;
        try {
            content = FeedParser.parse(fetched.body(), fetched.contentType());
        } catch (FeedParser.Unreadable e) {
            return failed(f, e.getMessage());
        }
        int added = 0, known = 0, skipped = 0;
        for (FeedContent.Item item : content.items()) {
            switch (candidate(f, item)) {
                case ADDED -> added++;
                case KNOWN -> known++;
                case SKIPPED -> skipped++;
            }
        }
        Report r = new Report(added, known, skipped, false, null);
        succeeded(f, fetched.etag(), fetched.lastModified(), content.title(), r);
        log.info("Feed #{} polled: {} new candidate(s), {} known, {} skipped", f.getId(), added, known, skipped);
        return r;
    }

    private enum Outcome {
        ADDED,
        KNOWN,
        SKIPPED
    }

    private Outcome candidate(FeedsRecord f, FeedContent.Item item) {
        String title = FeedText.clip(item.title(), 300);
        URI url;
        try {
            url = UrlKey.parseHttp("Link", item.link());
        } catch (RuntimeException e) {
            return Outcome.SKIPPED; // no link, or not http(s): nothing an editor could pick
        }
        if (title == null) return Outcome.SKIPPED;
        String key = UrlKey.key(url);
        if (db.fetchExists(PICKS, PICKS.URL_KEY.eq(key))
                || db.fetchExists(DISMISSED_URLS, DISMISSED_URLS.URL_KEY.eq(key))) {
            return Outcome.KNOWN;
        }
        String sourceUrl = item.sourceUrl();
        try {
            if (sourceUrl != null)
                sourceUrl = UrlKey.parseHttp("Source URL", sourceUrl).toString();
        } catch (RuntimeException e) {
            sourceUrl = null;
        }
        LocalDateTime now = now();
        int n = db.insertInto(PICKS)
                .set(PICKS.URL, url.toString())
                .set(PICKS.URL_KEY, key)
                .set(PICKS.TITLE, title)
                .set(PICKS.SUMMARY, FeedText.clip(item.summary(), 5000))
                .set(PICKS.SOURCE_NAME, FeedText.clip(item.sourceName(), 200))
                .set(PICKS.SOURCE_URL, sourceUrl)
                .set(PICKS.CATEGORY_ID, f.getCategoryId())
                .set(PICKS.STATUS, PickStatus.CANDIDATE)
                .set(PICKS.FEED_ID, f.getId())
                .set(PICKS.CREATED_BY, "feed #" + f.getId())
                .set(PICKS.UPDATED_BY, "feed #" + f.getId())
                .set(PICKS.CREATED_AT, now)
                .set(PICKS.UPDATED_AT, now)
                .onDuplicateKeyIgnore() // the same item through two feeds polled at once
                .execute();
        return n > 0 ? Outcome.ADDED : Outcome.KNOWN;
    }

    private void succeeded(FeedsRecord f, String etag, String lastModified, String title, Report r) {
        LocalDateTime now = now();
        db.update(FEEDS)
                .set(FEEDS.POLLING_SINCE, (LocalDateTime) null)
                .set(FEEDS.LAST_RESULT, r.summary())
                .set(FEEDS.ETAG, clip(etag, 500))
                .set(FEEDS.LAST_MODIFIED, clip(lastModified, 100))
                .set(FEEDS.TITLE, FeedText.clip(title, 300))
                .set(FEEDS.LAST_FETCHED_AT, now)
                .set(FEEDS.LAST_ERROR, (String) null)
                .set(FEEDS.FAILURES, 0)
                .set(FEEDS.ITEMS_IMPORTED, FEEDS.ITEMS_IMPORTED.plus(r.added()))
                .set(FEEDS.NEXT_FETCH_AT, now.plus(interval))
                .where(FEEDS.ID.eq(f.getId()))
                .execute();
    }

    private Report failed(FeedsRecord f, String reason) {
        int failures = f.getFailures() + 1;
        Duration wait = backoff(failures);
        LocalDateTime now = now();
        db.update(FEEDS)
                .set(FEEDS.POLLING_SINCE, (LocalDateTime) null)
                .set(FEEDS.LAST_FETCHED_AT, now)
                .set(FEEDS.LAST_ERROR, clip(reason, 1000))
                .set(FEEDS.FAILURES, failures)
                .set(FEEDS.NEXT_FETCH_AT, now.plus(wait))
                .where(FEEDS.ID.eq(f.getId()))
                .execute();
        log.warn(
                "Feed #{} failed ({} in a row): {}; next try in {} min", f.getId(), failures, reason, wait.toMinutes());
        return new Report(0, 0, 0, false, reason);
    }

    /** The normal interval after the first failure, then doubling, at most a day. */
    Duration backoff(int failures) {
        Duration d = interval.multipliedBy(1L << Math.min(failures - 1, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private static String clip(String s, int max) {
        if (s == null) return null;
        String one = s.replaceAll("[\\r\\n]+", " ").strip();
        return one.length() > max ? one.substring(0, max) : one;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Production's client for feeds: the system resolver, public addresses only unless PICKS_FEED_ALLOW_PRIVATE. */
    public static GuardedHttp client(OutboundConfig config) {
        return new GuardedHttp(
                OutboundRules.of(MAX_BYTES),
                Resolver.system(),
                config.feedsAllowPrivate() ? AddressPolicy.allowingPrivate() : AddressPolicy.publicOnly());
    }

    /** Stops polling: polls under way are interrupted, their feeds' claims lapse and the next run takes them. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
