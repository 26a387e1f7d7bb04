package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.FeedsRecord;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.support.FeedServer;
import com.picksdigest.support.Hostile;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.TestDatabase;
import com.picksdigest.support.TestOutbound;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Feeds written by an adversary, served over real HTTP: hostile titles, HTML with scripts and character references,
 * links that are not web links, broken XML, DOCTYPEs with entities, invalid bytes, too much of everything. A poll
 * never throws; a feed it cannot read keeps a one-line error and adds nothing; what it does add is stored exactly as
 * the importer meant it (the database hands back the same text); the picks already there never change.
 */
class FeedImportHostileTest {
    private static final long SEED = Long.getLong("picks.hostile.seed", 20261125L);

    private static TestDatabase testDb;
    private static DSLContext db;
    private static FeedServer server;
    private static Feeds feeds;
    private static FeedImport importer;

    @BeforeAll
    static void setUp() {
        testDb = TestDatabase.migrated(FeedImportHostileTest.class);
        db = testDb.database().dsl();
        server = new FeedServer();
        MutableClock clock = new MutableClock(Instant.now());
        Categories categories = new Categories(db);
        categories.add("AI");
        GuardedHttp http = TestOutbound.forFeeds(server);
        feeds = new Feeds(db, categories, clock, http);
        importer = new FeedImport(db, http, "PicksDigest-test", Duration.ofMinutes(30), clock);
        new PickService(db, categories, clock)
                .add(
                        new PickInput(
                                "Already published",
                                "https://news.example.org/kept",
                                "Kept as is",
                                "Source",
                                null,
                                null,
                                "AI",
                                null,
                                true,
                                null),
                        "editor@example.org");
    }

    @AfterAll
    static void tearDown() {
        server.close();
        testDb.close();
    }

    @Test
    void hostileFeedsNeverBreakAPollAndWhatIsImportedIsStoredExactly() throws Exception {
        hostileFeeds(SEED, 40);
    }

    @Test
    @Tag("chaos")
    void manyMoreHostileFeeds() throws Exception {
        for (long seed = SEED + 1; seed <= SEED + 10; seed++) hostileFeeds(seed, 200);
    }

    @Test
    void titlesCutAtTheLimitKeepWholeCharacters() throws Exception {
        String emoji = "\ud83d\ude00";
        StringBuilder b = new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>");
        for (int at = 295; at <= 300; at++) {
            b.append("<item><title>")
                    .append("a".repeat(at))
                    .append(emoji.repeat(20))
                    .append("</title><link>https://cut.example.org/")
                    .append(at)
                    .append("</link><description>")
                    .append("b".repeat(5000 - 300 + at))
                    .append(emoji.repeat(20))
                    .append("</description></item>");
        }
        byte[] body = b.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
        FeedsRecord f = feeds.register(server.serve("/cut", 200, body, "application/rss+xml", null), "AI", "test");

        assertThat(importer.poll(f.getId()).added()).isEqualTo(6);

        for (PicksRecord p :
                db.selectFrom(PICKS).where(PICKS.FEED_ID.eq(f.getId())).fetch()) {
            assertThat(p.getTitle()).doesNotContain("?").endsWith("…").hasSizeLessThanOrEqualTo(300);
            assertThat(p.getSummary()).doesNotContain("?").endsWith("…").hasSizeLessThanOrEqualTo(5000);
        }
    }

    private void hostileFeeds(long seed, int count) throws Exception {
        Hostile h = new Hostile(seed);
        String kept = db.selectFrom(PICKS)
                .where(PICKS.STATUS.eq(PickStatus.PUBLISHED))
                .fetch()
                .formatJSON();
        for (int i = 0; i < count; i++) {
            byte[] body = feed(h, i);
            String contentType = h.pick(List.of(
                    "application/rss+xml; charset=utf-8",
                    "text/xml",
                    "text/html",
                    "application/octet-stream",
                    "application/rss+xml; charset=bogus"));
            FeedsRecord f =
                    feeds.register(server.serve("/s" + seed + "/f" + i, 200, body, contentType, null), "AI", "test");
            String what = "seed " + seed + " feed " + i;

            FeedImport.Report r = importer.poll(f.getId());

            List<PicksRecord> added =
                    db.selectFrom(PICKS).where(PICKS.FEED_ID.eq(f.getId())).fetch();
            assertThat(added).as(what).hasSize(r.added());
            if (r.error() != null) {
                assertThat(feeds.require(f.getId()).getLastError())
                        .as(what)
                        .doesNotContain("\n", "\r")
                        .hasSizeLessThanOrEqualTo(1000);
                continue;
            }
            // title -> the summaries of the items with that title, as the importer computes them
            Map<String, Set<String>> meant = new HashMap<>();
            for (FeedContent.Item item : FeedParser.parse(body, contentType).items()) {
                meant.computeIfAbsent(FeedText.clip(item.title(), 300), t -> new HashSet<>())
                        .add(String.valueOf(FeedText.clip(item.summary(), 5000)));
            }
            for (PicksRecord p : added) {
                String stored =
                        Hostile.printable(p.getTitle()) + " / " + Hostile.printable(String.valueOf(p.getSummary()));
                assertThat(meant)
                        .as(what + ": title stored as meant: " + stored)
                        .containsKey(p.getTitle());
                assertThat(meant.get(p.getTitle()))
                        .as(what + ": summary stored as meant: " + stored)
                        .contains(String.valueOf(p.getSummary()));
                assertThat(p.getUrl()).as(what).matches("(?i)https?://\\S+");
                assertThat(p.getTitle()).as(what).doesNotContainPattern("[\\p{Cntrl}]");
            }
        }
        assertThat(db.selectFrom(PICKS)
                        .where(PICKS.STATUS.eq(PickStatus.PUBLISHED))
                        .fetch()
                        .formatJSON())
                .isEqualTo(kept);
        assertThat(db.fetchCount(FEEDS)).isPositive();
    }

    /** An RSS 2.0 document, usually well-formed around hostile text, sometimes broken or malicious as a whole. */
    private static byte[] feed(Hostile h, int i) {
        return switch (i % 8) {
            case 5 ->
                ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">"
                                + "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                                + "<rss version=\"2.0\"><channel><title>&x;&b;</title><item><title>&x;</title>"
                                + "<link>https://evil.example.org/x</link></item></channel></rss>")
                        .getBytes(StandardCharsets.UTF_8);
            case 6 ->
                concat(
                        rss(h, 3).substring(0, 200).getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0xAF, '<', '/'});
            case 7 ->
                h.nextInt(4) == 0 ? new byte[6 * 1024 * 1024] : h.string(500).getBytes(StandardCharsets.UTF_8);
            default -> rss(h, 1 + h.nextInt(10)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String rss(Hostile h, int items) {
        StringBuilder b = new StringBuilder(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>")
                .append(xml(h.string(400)))
                .append("</title><link>https://feeds.example.org/</link>");
        for (int n = 0; n < items; n++) {
            String link = h.nextInt(3) == 0
                    ? h.pick(List.of(
                            "javascript:alert(1)",
                            "data:text/html,<b>x</b>",
                            "https://ex ample.org/",
                            "ftp://example.org/x",
                            "//example.org/x",
                            "http://bücher.de/x",
                            "https://example.org/" + "a".repeat(2100),
                            "https://example.org/x\r\nSet-Cookie: a=b",
                            ""))
                    : "https://news.example.org/" + n + "/"
                            + Math.abs(h.string(20).hashCode());
            b.append("<item><title>")
                    .append(xml(h.string(h.nextInt(10) == 0 ? 5000 : 200)))
                    .append("</title>")
                    .append("<link>")
                    .append(xml(link))
                    .append("</link>")
                    .append("<description><![CDATA[")
                    .append(h.pick(List.of(
                                    "<script>alert(1)</script>x",
                                    "<p>a</p><p>b&#xD800;c&#0;d&#x110000;e&#x1F600;</p>",
                                    "<img src=x onerror=alert(1)>",
                                    "&amp;lt;b&amp;gt;",
                                    "<a href=\"javascript:x\">t</a>",
                                    ""))
                            .replace("]]>", ""))
                    .append(h.string(300).replace("]]>", ""))
                    .append("]]></description></item>");
        }
        return b.append("</channel></rss>").toString();
    }

    /** Escaped for XML text, leaving out what XML 1.0 cannot hold at all (most controls, lone surrogates). */
    private static String xml(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '<') b.append("&lt;");
            else if (c == '&') b.append("&amp;");
            else if (c == '>') b.append("&gt;");
            else if (c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000) b.appendCodePoint(c);
        });
        return b.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
