package com.picksdigest.metrics;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.Database;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.delivery.DueDeliveries;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster gauges of /metrics: what the database holds, read with one statement per scrape. */
class ClusterGaugesTest {
    static TestDatabase testDb;

    @BeforeAll
    static void setUp() {
        testDb = TestDatabase.migrated(ClusterGaugesTest.class);
    }

    @AfterAll
    static void tearDown() {
        testDb.close();
    }

    @Test
    void aScrapeReadsTheFourGaugesWithOneStatement() {
        Database database = testDb.database();
        DSLContext db = database.dsl();
        Seed seed = new Seed(db, Clock.systemUTC());
        int ai = seed.categories.add("AI").getId();
        seed.published("Story", "AI", Instant.now().minusSeconds(60));
        long candidate = seed.published("Feed item", "AI", Instant.now().minusSeconds(60))
                .getId();
        db.update(PICKS)
                .set(PICKS.STATUS, PickStatus.CANDIDATE)
                .where(PICKS.ID.eq(candidate))
                .execute();
        for (String who : new String[] {"a", "b", "c"}) seed.subscriber(who + "@example.com", null, "UTC", "html");
        assertThat(new DueDeliveries(db).enqueue(Instant.now(), DueDeliveries.Mode.ANY_HOUR, Optional.empty()))
                .isEqualTo(3);
        long first =
                db.select(DSL.min(DELIVERIES.ID)).from(DELIVERIES).fetchSingle().value1();
        db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.SENDING)
                .where(DELIVERIES.ID.eq(first))
                .execute();
        db.insertInto(FEEDS)
                .set(FEEDS.URL, "https://feeds.example.org/rss")
                .set(FEEDS.URL_KEY, "0".repeat(64))
                .set(FEEDS.CATEGORY_ID, ai)
                .set(FEEDS.NEXT_FETCH_AT, LocalDateTime.now())
                .set(FEEDS.LAST_ERROR, "503 from the feed")
                .set(FEEDS.CREATED_BY, "test")
                .set(FEEDS.CREATED_AT, LocalDateTime.now())
                .execute();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClusterGauges(db).bindTo(registry);

        long before = database.statementCount();
        String scrape = registry.scrape();

        assertThat(database.statementCount() - before).isEqualTo(1);
        assertThat(scrape)
                .contains(
                        "picks_queue_depth{state=\"queued\"} 2.0\n",
                        "picks_queue_depth{state=\"sending\"} 1.0\n",
                        "picks_candidates_waiting 1.0\n",
                        "picks_feeds_failing 1.0\n");
    }

    @Test
    void withTheDatabaseDownTheGaugesReadNaNAndTheScrapeStillAnswers() {
        Database closed = Database.connect(testDb.url(), null, null, 2);
        closed.close();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClusterGauges(closed.dsl()).bindTo(registry);

        assertThat(registry.scrape())
                .contains(
                        "picks_queue_depth{state=\"queued\"} NaN\n",
                        "picks_queue_depth{state=\"sending\"} NaN\n",
                        "picks_candidates_waiting NaN\n",
                        "picks_feeds_failing NaN\n");
    }
}
