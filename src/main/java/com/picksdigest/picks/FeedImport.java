package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.DISMISSED_URLS;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.db.generated.tables.records.FeedsRecord;
import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.schedule.Schedules;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls feeds and turns their new items into candidate picks, de-duplicated by normalised URL against every pick
 * and every dismissed candidate. A feed that fails (unreachable, HTTP error, not a feed) keeps its error for the
 * editors and is tried again later, backing off; it never stops the others.
 */
public final class FeedImport {
    private static final Logger log = LoggerFactory.getLogger(FeedImport.class);
    static final Duration MAX_BACKOFF = Duration.ofDays(1);

    /** What one poll did; {@code error} is null when it succeeded. */
    public record Report(int added, int known, int skipped, boolean notModified, String error) {}

    private final DSLContext db;
    private final FeedFetcher fetcher;
    private final Duration interval;
    private final Clock clock;

    /**
     * @param userAgent sent to publishers with every request
     * @param interval  time between two polls of a healthy feed
     */
    public FeedImport(DSLContext db, String userAgent, Duration interval, Clock clock) {
        this.db = db;
        this.fetcher = new FeedFetcher(userAgent);
        this.interval = interval;
        this.clock = clock;
    }

    /** The scheduled task: every feed whose time has come, one after the other. */
    /** Feed polling for the cluster's scheduler: every five minutes, each feed when its own time has come. */
    public ScheduledTask task() {
        return new ScheduledTask("feeds", Schedules.EVERY_FIVE_MINUTES, this::pollDue);
    }

    public void pollDue() {
        List<Long> due = db.select(FEEDS.ID)
                .from(FEEDS)
                .where(FEEDS.NEXT_FETCH_AT.le(now()))
                .orderBy(FEEDS.NEXT_FETCH_AT)
                .fetch(FEEDS.ID);
        for (long id : due) {
            try {
                poll(id);
            } catch (RuntimeException e) { // e.g. the database went away mid-poll: the next run tries again
                log.warn(
                        "Feed #{} poll stopped: {}",
                        id,
                        e.getMessage() == null
                                ? e
                                : e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    public Report poll(long feedId) {
        FeedsRecord f = db.selectFrom(FEEDS).where(FEEDS.ID.eq(feedId)).fetchAny();
        if (f == null) return new Report(0, 0, 0, false, "no such feed");
        FeedFetcher.Answer answer = fetcher.fetch(f.getUrl(), f.getEtag(), f.getLastModified());
        if (answer instanceof FeedFetcher.Failed failed) return failed(f, failed.reason());
        if (answer instanceof FeedFetcher.NotModified) {
            succeeded(f, f.getEtag(), f.getLastModified(), f.getTitle(), 0);
            log.info("Feed #{} not modified", f.getId());
            return new Report(0, 0, 0, true, null);
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
        succeeded(f, fetched.etag(), fetched.lastModified(), content.title(), added);
        log.info("Feed #{} polled: {} new candidate(s), {} known, {} skipped", f.getId(), added, known, skipped);
        return new Report(added, known, skipped, false, null);
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
                .set(PICKS.STATUS, PickStatus.CANDIDATE.db())
                .set(PICKS.FEED_ID, f.getId())
                .set(PICKS.CREATED_BY, "feed #" + f.getId())
                .set(PICKS.UPDATED_BY, "feed #" + f.getId())
                .set(PICKS.CREATED_AT, now)
                .set(PICKS.UPDATED_AT, now)
                .onDuplicateKeyIgnore() // the same item through two feeds polled at once
                .execute();
        return n > 0 ? Outcome.ADDED : Outcome.KNOWN;
    }

    private void succeeded(FeedsRecord f, String etag, String lastModified, String title, int added) {
        LocalDateTime now = now();
        db.update(FEEDS)
                .set(FEEDS.ETAG, clip(etag, 500))
                .set(FEEDS.LAST_MODIFIED, clip(lastModified, 100))
                .set(FEEDS.TITLE, FeedText.clip(title, 300))
                .set(FEEDS.LAST_FETCHED_AT, now)
                .set(FEEDS.LAST_ERROR, (String) null)
                .set(FEEDS.FAILURES, 0)
                .set(FEEDS.ITEMS_IMPORTED, FEEDS.ITEMS_IMPORTED.plus(added))
                .set(FEEDS.NEXT_FETCH_AT, now.plus(interval))
                .where(FEEDS.ID.eq(f.getId()))
                .execute();
    }

    private Report failed(FeedsRecord f, String reason) {
        int failures = f.getFailures() + 1;
        Duration wait = backoff(failures);
        LocalDateTime now = now();
        db.update(FEEDS)
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
}
