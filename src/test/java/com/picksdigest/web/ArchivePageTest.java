package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.web.WebTestSupport.escaped;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.delivery.DigestIds;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchivePageTest {
    private static final String EVIL_TITLE = "Ship <script>alert(1)</script> & win";
    private static WebTestSupport w;
    private static int category;
    private static int seq;

    @BeforeAll
    static void start() {
        w = new WebTestSupport(ArchivePageTest.class);
        category = w.categories.add("Security & <Privacy>").getId();
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void anEditionListsTheDistinctPicksThatWereSentInOrder() {
        LocalDate date = LocalDate.of(2026, 11, 25);
        long edition = edition(date);
        long first = pick(
                EVIL_TITLE,
                "https://example.com/a?x=1&y=2",
                "Said \"quotes\" & <b>tags</b>.",
                "Tom & Jerry's",
                "https://news.example/",
                "published",
                LocalDateTime.of(2026, 11, 25, 6, 0));
        long second = pick(
                "Second story",
                "https://example.com/b",
                null,
                null,
                null,
                "published",
                LocalDateTime.of(2026, 11, 25, 7, 0));
        long sneaky = pick(
                "Sneaky link",
                "javascript:alert(1)",
                "s",
                "Src",
                "javascript:alert(2)",
                "published",
                LocalDateTime.of(2026, 11, 25, 5, 0));
        long retracted = pick(
                "Retracted story",
                "https://example.com/r",
                null,
                null,
                null,
                "retracted",
                LocalDateTime.of(2026, 11, 25, 5, 0));
        long unsent = pick(
                "Only in a queued delivery",
                "https://example.com/q",
                null,
                null,
                null,
                "published",
                LocalDateTime.of(2026, 11, 25, 5, 0));
        // two readers got overlapping digests; a third one's is still queued, a fourth one's failed
        delivery(edition, "sent", first, second, sneaky, retracted);
        delivery(edition, "sent", second, first);
        delivery(edition, "queued", unsent);
        delivery(edition, "failed", unsent);

        HttpResponse<String> r = w.get("/archive/2026-11-25");

        assertThat(r.statusCode()).isEqualTo(200);
        // The page's own content; the head repeats the titles in its link-preview description.
        String body = r.body().substring(r.body().indexOf("<main>"));
        assertThat(body)
                .contains("Wednesday, November 25, 2026")
                .contains(
                        "<a class=\"title\" href=\"https://example.com/a?x=1&amp;y=2\" rel=\"noopener noreferrer\" dir=\"auto\">"
                                + escaped(EVIL_TITLE) + "</a>")
                .contains(escaped("Said \"quotes\" & <b>tags</b>."), escaped("Security & <Privacy>"))
                .contains("<a href=\"https://news.example/\" rel=\"noopener noreferrer\">Tom &amp; Jerry&#39;s</a>")
                .contains("Second story", "Sneaky link", "Src")
                .doesNotContain("<script>", "<b>tags", "javascript:", "Retracted story", "Only in a queued delivery");
        assertThat(countOf(body, "Second story")).isEqualTo(1);
        // by the best position a pick had in any digest (both first at 1 here), then newest first
        assertThat(body.indexOf("Second story")).isLessThan(body.indexOf(escaped(EVIL_TITLE)));
        assertThat(body.indexOf(escaped(EVIL_TITLE))).isLessThan(body.indexOf("Sneaky link"));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.body()).doesNotContain("<script>", "<b>tags", "javascript:");
        writeSample("archive.html", r.body());
    }

    @Test
    void theIndexListsEditionsWithASentDeliveryNewestFirst() {
        long older = edition(LocalDate.of(2026, 10, 1));
        long newer = edition(LocalDate.of(2026, 10, 3));
        long notSent = edition(LocalDate.of(2026, 10, 2));
        long p = pick(
                "Index pick",
                "https://example.com/i",
                null,
                null,
                null,
                "published",
                LocalDateTime.of(2026, 10, 1, 1, 0));
        delivery(older, "sent", p);
        delivery(newer, "sent", p);
        delivery(notSent, "skipped");

        HttpResponse<String> r = w.get("/archive");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<a href=\"/archive/2026-10-03\">Saturday, October 3, 2026</a>",
                        "<a href=\"/archive/2026-10-01\">Thursday, October 1, 2026</a>")
                .doesNotContain("2026-10-02");
        assertThat(r.body().indexOf("2026-10-03")).isLessThan(r.body().indexOf("2026-10-01"));
    }

    @Test
    void unknownOrInvalidDatesAre404() {
        edition(LocalDate.of(2026, 9, 9)); // an edition nobody was sent
        for (String path : List.of(
                "/archive/2026-09-09",
                "/archive/1999-01-01",
                "/archive/2026-02-30",
                "/archive/not-a-date",
                "/archive/+12026-01-01",
                "/archive/2026-1-1")) {
            HttpResponse<String> r = w.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("Page not found").doesNotContain("Exception");
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).matches("(?i)text/html; ?charset=utf-8");
        }
    }

    private static long edition(LocalDate date) {
        return w.db.insertInto(EDITIONS)
                .set(EDITIONS.EDITION_DATE, date)
                .returning(EDITIONS.ID)
                .fetchOne()
                .getId();
    }

    private static long pick(
            String title,
            String url,
            String summary,
            String source,
            String sourceUrl,
            String status,
            LocalDateTime published) {
        int n = ++seq;
        return w.db.insertInto(PICKS)
                .set(PICKS.URL, url)
                .set(PICKS.URL_KEY, String.format("%064d", n))
                .set(PICKS.TITLE, title)
                .set(PICKS.SUMMARY, summary)
                .set(PICKS.SOURCE_NAME, source)
                .set(PICKS.SOURCE_URL, sourceUrl)
                .set(PICKS.CATEGORY_ID, category)
                .set(PICKS.STATUS, PickStatus.parse(status))
                .set(PICKS.PUBLISHED_AT, published)
                .set(PICKS.CREATED_BY, "editor@example.org")
                .set(PICKS.UPDATED_BY, "editor@example.org")
                .returning(PICKS.ID)
                .fetchOne()
                .getId();
    }

    private static void delivery(long edition, String status, long... picks) {
        SubscribersRecord s = w.subscriber(null, List.of());
        long digest =
                new DigestIds(w.db).idFor(java.util.Arrays.stream(picks).boxed().toList());
        w.db.insertInto(DELIVERIES)
                .set(DELIVERIES.EDITION_ID, edition)
                .set(DELIVERIES.SUBSCRIBER_ID, s.getId())
                .set(DELIVERIES.STATUS, DeliveryStatus.parse(status))
                .set(DELIVERIES.DIGEST_ID, digest)
                .execute();
    }

    private static void writeSample(String name, String html) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "web-samples");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(name), html);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int countOf(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }
}
