package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.App;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.delivery.DigestIds;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An edition page is kept five minutes by the server's clock; a date with nothing sent yet is never kept. */
class ArchiveCacheTest {
    private static final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private static TestDatabase testDb;
    private static DSLContext db;
    private static Seed seed;
    private static App app;
    private static WebServer server;

    @BeforeAll
    static void start() {
        testDb = TestDatabase.migrated(ArchiveCacheTest.class);
        db = testDb.database().dsl();
        seed = new Seed(db, clock);
        seed.categories.add("AI");
        app = WebTestSupport.app(
                testDb, null, new SignupConfig(true, false), App.Seams.DEFAULT.withHealthChecks(Map::of), clock);
        server = app.webServer().start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.close();
        testDb.close();
    }

    @Test
    void anEditionShowsWhatWasSentSinceOnceItsFiveMinutesArePast() throws Exception {
        long edition = edition(LocalDate.of(2026, 11, 24));
        sent(edition, "First story");
        assertThat(get("/archive/2026-11-24").body()).contains("First story");

        sent(edition, "Later story");
        clock.advance(Duration.ofMinutes(4));
        assertThat(get("/archive/2026-11-24").body()).contains("First story").doesNotContain("Later story");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(get("/archive/2026-11-24").body()).contains("First story", "Later story");
    }

    @Test
    void aDateWithNothingSentIsAskedAgainEachTime() throws Exception {
        long edition = edition(LocalDate.of(2026, 11, 23));
        assertThat(get("/archive/2026-11-23").statusCode()).isEqualTo(404);

        sent(edition, "Just sent");

        HttpResponse<String> r = get("/archive/2026-11-23");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Just sent");
    }

    private static long edition(LocalDate date) {
        return db.insertInto(EDITIONS)
                .set(EDITIONS.EDITION_DATE, date)
                .returning(EDITIONS.ID)
                .fetchOne()
                .getId();
    }

    private static void sent(long edition, String title) {
        long pick =
                seed.published(title, "AI", clock.instant().minusSeconds(3600)).getId();
        long reader = seed.subscriber(title.replace(' ', '-') + "@example.org", null, "UTC", "html")
                .getId();
        db.insertInto(DELIVERIES)
                .set(DELIVERIES.EDITION_ID, edition)
                .set(DELIVERIES.SUBSCRIBER_ID, reader)
                .set(DELIVERIES.STATUS, DeliveryStatus.SENT)
                .set(DELIVERIES.DIGEST_ID, new DigestIds(db).idFor(List.of(pick)))
                .execute();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
