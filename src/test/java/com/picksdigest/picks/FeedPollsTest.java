package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.FeedsRecord;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundRules;
import com.picksdigest.outbound.Ports;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.RawServer;
import com.picksdigest.support.TestDatabase;
import com.picksdigest.support.TestOutbound;
import com.picksdigest.support.TestResolver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feed polls are independent: a feed that trickles its answer a byte a second is abandoned at the deadline while a
 * healthy feed polled in the same run imports normally, and is not kept waiting for it; a feed already being
 * polled is not polled again until that poll ends (or its claim lapses). Before: the feeds task polled one feed
 * after the other with no deadline on the body, so a trickling feed held it (and every feed after it) for good:
 * measured, {@code pollDue} still running after 45 s with the healthy feed never asked.
 */
class FeedPollsTest {
    private static final byte[] RSS = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Good</title>"
                    + "<link>https://good.example</link><description>d</description><item><title>Fresh news</title>"
                    + "<link>https://good.example/fresh</link></item></channel></rss>")
            .getBytes(StandardCharsets.UTF_8);

    static TestDatabase testDb;
    static DSLContext db;
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    static final AtomicLong healthyAskedAt = new AtomicLong();
    static final AtomicLong slowAskedAt = new AtomicLong();
    static final AtomicInteger slowBytesSent = new AtomicInteger();
    static RawServer slow;
    static RawServer healthy;
    static Feeds feeds;
    static FeedImport importer;

    @BeforeAll
    static void setUp() {
        testDb = TestDatabase.migrated(FeedPollsTest.class);
        db = testDb.database().dsl();
        slow = RawServer.http((head, out, s) -> {
            slowAskedAt.set(System.nanoTime());
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 600\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 600; i++) {
                out.write('<');
                out.flush();
                slowBytesSent.incrementAndGet();
                Thread.sleep(1000);
            }
        });
        healthy = RawServer.http((head, out, s) -> {
            healthyAskedAt.set(System.nanoTime());
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: " + RSS.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(RSS);
        });
        TestResolver resolver = new TestResolver().map("slow.test", "127.0.0.1").map("good.test", "127.0.0.1");
        GuardedHttp http = TestOutbound.client(
                new OutboundRules(Ports.DEFAULT, Duration.ofSeconds(2), FeedImport.MAX_BYTES, 5),
                resolver,
                TestOutbound.publicExcept(slow.address(), healthy.address()));
        Categories categories = new Categories(db);
        categories.add("AI");
        feeds = new Feeds(db, categories, clock, http);
        importer = new FeedImport(db, http, "PicksDigest-test", Duration.ofMinutes(30), clock);
    }

    @AfterAll
    static void tearDown() {
        slow.close();
        healthy.close();
        testDb.close();
    }

    @BeforeEach
    void clean() {
        db.deleteFrom(PICKS).execute();
        db.deleteFrom(FEEDS).execute();
    }

    @Test
    void aTricklingFeedIsAbandonedAtTheDeadlineWhileAHealthyOnePolledWithItImports() {
        // registered first, so a one-after-the-other poll would start with it
        FeedsRecord trickling = feeds.register("http://slow.test:" + slow.port() + "/feed", "AI", "ed");
        FeedsRecord good = feeds.register("http://good.test:" + healthy.port() + "/feed", "AI", "ed");

        importer.pollDue();

        assertThat(feeds.require(good.getId()).getLastError()).isNull();
        assertThat(feeds.require(good.getId()).getLastResult())
                .isEqualTo("1 new candidate(s), 0 already known, 0 without a usable link.");
        assertThat(db.fetchCount(PICKS, PICKS.FEED_ID.eq(good.getId()))).isEqualTo(1);
        FeedsRecord t = feeds.require(trickling.getId());
        assertThat(t.getLastError()).isEqualTo("no complete answer within 2 s");
        assertThat(t.getFailures()).isEqualTo(1);
        assertThat(t.getPollingSince()).isNull();
        // the healthy feed was asked while the trickling one was still being read: one after the other, it could
        // only have been asked once the trickling one was abandoned, the deadline (2 s) after that one was asked
        assertThat(Duration.ofNanos(healthyAskedAt.get() - slowAskedAt.get())).isLessThan(Duration.ofSeconds(2));
        // and the trickling one was dropped long before it could have finished (600 bytes at one a second)
        assertThat(slowBytesSent.get()).isLessThan(60);
    }

    @Test
    void aFeedBeingPolledIsNotPolledAgainUntilItsClaimLapses() {
        FeedsRecord good = feeds.register("http://good.test:" + healthy.port() + "/feed", "AI", "ed");
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        db.update(FEEDS)
                .set(FEEDS.POLLING_SINCE, now)
                .where(FEEDS.ID.eq(good.getId()))
                .execute();
        int asked = healthy.connections.get();

        importer.pollDue();
        FeedImport.Report direct = importer.poll(good.getId());

        assertThat(direct.error()).isEqualTo("a poll of this feed is already under way");
        assertThat(importer.pollSoon(good.getId())).isFalse();
        assertThat(healthy.connections.get()).isEqualTo(asked);
        assertThat(db.fetchCount(PICKS)).isZero();

        clock.advance(FeedImport.STALE_CLAIM.plusSeconds(1)); // the node that claimed it died
        importer.pollDue();

        assertThat(healthy.connections.get()).isEqualTo(asked + 1);
        assertThat(db.fetchCount(PICKS)).isEqualTo(1);
        assertThat(feeds.require(good.getId()).getPollingSince()).isNull();
    }
}
