package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.DISMISSED_URLS;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.FeedsRecord;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.support.FeedServer;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.TestDatabase;
import com.picksdigest.support.TestOutbound;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real feed files over real HTTP into the real database. */
class FeedImportTest {
    static TestDatabase testDb;
    static DSLContext db;
    static FeedServer server;
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    static Feeds feeds;
    static FeedImport importer;
    static PickService picks;

    @BeforeAll
    static void setUp() {
        testDb = TestDatabase.migrated(FeedImportTest.class);
        db = testDb.database().dsl();
        server = new FeedServer();
        Categories categories = new Categories(db);
        categories.add("AI");
        categories.add("Security");
        GuardedHttp http = TestOutbound.forFeeds(server);
        feeds = new Feeds(db, categories, clock, http);
        importer = new FeedImport(db, http, "PicksDigest-test", Duration.ofMinutes(30), clock);
        picks = new PickService(db, categories, clock);
    }

    @AfterAll
    static void tearDown() {
        server.close();
        testDb.close();
    }

    @BeforeEach
    void clean() {
        db.deleteFrom(PICKS).execute();
        db.deleteFrom(FEEDS).execute();
        db.deleteFrom(DISMISSED_URLS).execute();
        server.requests.clear();
    }

    @Test
    void rss2ItemsBecomeCandidatesAsPlainTextAndUnusableLinksAreSkipped() {
        FeedsRecord f = feeds.register(
                server.serveResource("rss2.xml", "application/rss+xml; charset=utf-8", "\"v1\""),
                "AI",
                "ed@example.org");

        FeedImport.Report r = importer.poll(f.getId());

        assertThat(r).isEqualTo(new FeedImport.Report(2, 0, 1, false, null));
        List<PicksRecord> c = candidates();
        assertThat(c)
                .extracting(PicksRecord::getTitle)
                .containsExactlyInAnyOrder(
                        "Chip makers race to ship <faster> accelerators", "Open model beats benchmark");
        PicksRecord chips = c.stream()
                .filter(p -> p.getTitle().startsWith("Chip"))
                .findFirst()
                .orElseThrow();
        assertThat(chips.getSummary()).isEqualTo("Chip makers race The Register"); // tags and the script gone
        assertThat(chips.getSourceName()).isEqualTo("The Register");
        assertThat(chips.getSourceUrl()).isEqualTo("https://www.theregister.com");
        assertThat(chips.getFeedId()).isEqualTo(f.getId());
        assertThat(chips.getPublishedAt()).isNull();
        PicksRecord open = c.stream()
                .filter(p -> p.getTitle().startsWith("Open"))
                .findFirst()
                .orElseThrow();
        assertThat(open.getSourceName()).isEqualTo("AI - Google News"); // no <source>: the feed's own title
        FeedsRecord after = feeds.require(f.getId());
        assertThat(after.getTitle()).isEqualTo("AI - Google News");
        assertThat(after.getEtag()).isEqualTo("\"v1\"");
        assertThat(after.getItemsImported()).isEqualTo(2);
        assertThat(after.getNextFetchAt()).isEqualTo(now().plusMinutes(30));
    }

    @Test
    void atomEntriesAreReadToo() {
        FeedsRecord f = feeds.register(
                server.serveResource("atom.xml", "application/atom+xml", null), "Security", "ed@example.org");

        assertThat(importer.poll(f.getId()).added()).isEqualTo(1);

        PicksRecord p = candidates().get(0);
        assertThat(p.getTitle()).isEqualTo("Patch now: a kernel bug");
        assertThat(p.getUrl()).isEqualTo("https://security.example.net/2026/kernel-bug");
        assertThat(p.getSummary()).isEqualTo("Everyone should update & reboot.");
        assertThat(p.getSourceName()).isEqualTo("Security Weekly");
    }

    @Test
    void aSecondPollSendsTheEtagAndA304ChangesNothing() {
        FeedsRecord f = feeds.register(
                server.serveResource("rss2.xml", "application/rss+xml", "\"v1\""), "AI", "ed@example.org");
        importer.poll(f.getId());
        clock.advance(Duration.ofMinutes(31));

        FeedImport.Report second = importer.poll(f.getId());

        assertThat(second.notModified()).isTrue();
        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.get(0).ifNoneMatch()).isNull();
        assertThat(server.requests.get(1).ifNoneMatch()).isEqualTo("\"v1\"");
        assertThat(server.requests.get(1).ifModifiedSince()).isEqualTo("Tue, 24 Nov 2026 08:00:00 GMT");
        assertThat(candidates()).hasSize(2);
        assertThat(feeds.require(f.getId()).getLastError()).isNull();
    }

    @Test
    void anItemAlreadyPickedUnderATrackingUrlIsNotImportedAgain() {
        picks.add(
                new PickInput(
                        "Chips, by hand",
                        "https://EXAMPLE.com/chips/race",
                        null,
                        null,
                        null,
                        null,
                        "AI",
                        null,
                        true,
                        null),
                "ed@example.org");
        String body = """
                <?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://t.example</link><description>d</description>
                <item><title>Same story again</title><link>https://example.com/chips/race?utm_source=google&amp;utm_campaign=x</link></item>
                <item><title>Same story, new param</title><link>https://example.com/chips/race?page=2&amp;utm_source=x</link></item>
                </channel></rss>""";
        FeedsRecord f = feeds.register(
                server.serve("/dup.xml", 200, body.getBytes(StandardCharsets.UTF_8), "text/xml", null),
                "AI",
                "ed@example.org");

        FeedImport.Report r = importer.poll(f.getId());

        assertThat(r.known()).isEqualTo(1);
        assertThat(r.added()).isEqualTo(1);
        assertThat(candidates()).extracting(PicksRecord::getTitle).containsExactly("Same story, new param");
        // polled again (no ETag here): still only one
        clock.advance(Duration.ofHours(1));
        assertThat(importer.poll(f.getId()).added()).isZero();
    }

    @Test
    void aDismissedCandidateNeverComesBack() {
        FeedsRecord f = feeds.register(
                server.serveResource("atom.xml", "application/atom+xml", null), "Security", "ed@example.org");
        importer.poll(f.getId());
        picks.dismiss(candidates().get(0).getId(), "ed@example.org");

        assertThat(importer.poll(f.getId()).known()).isEqualTo(1);
        assertThat(candidates()).isEmpty();
    }

    @Test
    void aMalformedFeedKeepsItsErrorBacksOffAndDoesNotStopTheOthers() {
        FeedsRecord broken = feeds.register(
                server.serveResource("malformed.xml", "application/rss+xml", null), "AI", "ed@example.org");
        FeedsRecord missing = feeds.register(server.url("/gone.xml"), "AI", "ed@example.org");
        FeedsRecord good = feeds.register(
                server.serveResource("atom.xml", "application/atom+xml", null), "Security", "ed@example.org");

        importer.pollDue();

        FeedsRecord b = feeds.require(broken.getId());
        assertThat(b.getLastError()).startsWith("not a readable RSS or Atom feed");
        assertThat(b.getFailures()).isEqualTo(1);
        assertThat(b.getNextFetchAt()).isEqualTo(now().plusMinutes(30));
        assertThat(feeds.require(missing.getId()).getLastError()).isEqualTo("HTTP 404");
        assertThat(feeds.require(good.getId()).getLastError()).isNull();
        assertThat(candidates()).hasSize(1);

        clock.advance(Duration.ofMinutes(31));
        importer.pollDue();
        b = feeds.require(broken.getId());
        assertThat(b.getFailures()).isEqualTo(2);
        assertThat(b.getNextFetchAt()).isEqualTo(now().plusMinutes(60)); // doubled

        // fixed at the source: the next poll clears the error
        server.serve("/malformed.xml", 200, rss(), "application/rss+xml", null);
        clock.advance(Duration.ofHours(2));
        importer.pollDue();
        assertThat(feeds.require(broken.getId()).getLastError()).isNull();
        assertThat(feeds.require(broken.getId()).getFailures()).isZero();
    }

    @Test
    void registeringChecksTheUrlTheCategoryAndDuplicates() {
        feeds.register("https://feeds.example.com/ai.xml", "AI", "ed@example.org");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> feeds.register("ftp://x", "Nope", "ed"))
                .isInstanceOfSatisfying(
                        com.picksdigest.common.InvalidFields.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("url", "category"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> feeds.register("https://FEEDS.example.com/ai.xml/", "AI", "ed"))
                .hasMessage("This feed is already registered.");
        assertThat(db.fetchCount(FEEDS)).isEqualTo(1);
    }

    private static byte[] rss() {
        return """
                <?xml version="1.0"?><rss version="2.0"><channel><title>Fixed</title><link>https://f.example</link><description>d</description>
                <item><title>Back again</title><link>https://fixed.example/back</link></item></channel></rss>""".getBytes(StandardCharsets.UTF_8);
    }

    private static List<PicksRecord> candidates() {
        return db.selectFrom(PICKS)
                .where(PICKS.STATUS.eq(PickStatus.CANDIDATE))
                .orderBy(PICKS.ID)
                .fetch();
    }

    private static LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
