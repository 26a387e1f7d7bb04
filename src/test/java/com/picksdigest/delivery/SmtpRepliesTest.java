package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.DeliveriesRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the ledger answers the relay: 4xx retries with backoff, 5xx fails at once with the reply kept. */
class SmtpRepliesTest {
    static TestDatabase db;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    ScriptedSmtpServer server;
    Seed seed;

    @BeforeAll
    static void setUpDb() {
        db = TestDatabase.migrated(SmtpRepliesTest.class);
    }

    @AfterAll
    static void tearDownDb() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        db.database().dsl().execute("DELETE FROM deliveries");
        db.database().dsl().execute("DELETE FROM digests");
        db.database().dsl().execute("DELETE FROM events");
        db.database().dsl().execute("DELETE FROM subscriber_categories");
        db.database().dsl().execute("DELETE FROM subscribers");
        server = ScriptedSmtpServer.start();
        seed = new Seed(db.database().dsl(), clock);
        if (seed.categories.find("News") == null) {
            seed.categories.add("News");
            seed.published("Something happened", "News", clock.instant().minus(Duration.ofHours(1)));
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void fourHundredFiftyOneThenTwoFiftyIsDeliveredOnceOnTheSecondAttempt() throws Exception {
        seed.subscriber("later@example.org", "Later", "UTC", "html");
        server.onRcpt("later@example.org", "451 4.3.0 Try again later");
        try (MailerHarness h = new MailerHarness(db, server.port(), clock, Map.of("PICKS_RETRY_BASE_SECONDS", "0"))) {
            RunStats stats = h.sendNow();
            assertThat(stats.sent.sum()).isEqualTo(1);
            assertThat(stats.retried.sum()).isEqualTo(1);
        }
        assertThat(server.received()).hasSize(1);
        DeliveriesRecord d = db.database().dsl().selectFrom(DELIVERIES).fetchSingle();
        assertThat(d.getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(d.getAttempts()).isEqualTo(2);
        assertThat(d.getLastReply()).startsWith("250");
        assertThat(db.database()
                        .dsl()
                        .select(SUBSCRIBERS.WATERMARK)
                        .from(SUBSCRIBERS)
                        .fetchOne()
                        .value1())
                .isNotNull();
    }

    @Test
    void retriesWaitWithExponentialBackoff() throws Exception {
        var sub = seed.subscriber("slow@example.org", null, "UTC", "text");
        server.onRcpt("slow@example.org", "451 4.3.0 Try again later");
        try (MailerHarness h = new MailerHarness(
                db, server.port(), clock, Map.of("PICKS_RETRY_BASE_SECONDS", "600", "PICKS_SEND_MAX_ATTEMPTS", "3"))) {
            h.mailer.enqueueAll(java.util.Optional.empty());
            h.mailer.workers().drain(Duration.ofSeconds(2));
        }
        DeliveriesRecord d = db.database().dsl().selectFrom(DELIVERIES).fetchSingle();
        assertThat(d.getStatus()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(d.getAttempts()).isEqualTo(1);
        assertThat(d.getLastReply()).contains("451");
        // the first backoff is the base, 10 minutes, with "equal jitter": between half of it and all of it
        assertThat(Duration.between(clock.instant(), d.getNextAttemptAt().toInstant(java.time.ZoneOffset.UTC)))
                .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(10));
        assertThat(server.received()).isEmpty();
        assertThat(sub.getId()).isPositive();
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        seed.subscriber("never@example.org", null, "UTC", "html");
        for (int i = 0; i < 5; i++) server.onRcpt("never@example.org", "452 4.2.2 Mailbox full");
        try (MailerHarness h = new MailerHarness(
                db, server.port(), clock, Map.of("PICKS_RETRY_BASE_SECONDS", "0", "PICKS_SEND_MAX_ATTEMPTS", "3"))) {
            RunStats stats = h.sendNow();
            assertThat(stats.failed.sum()).isEqualTo(1);
        }
        DeliveriesRecord d = db.database().dsl().selectFrom(DELIVERIES).fetchSingle();
        assertThat(d.getStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.getAttempts()).isEqualTo(3);
        assertThat(d.getLastReply()).contains("gave up after 3 attempts").contains("452");
    }

    @Test
    void fiveFiftyFailsAtOnceWithTheReplyStoredAndNoRetry() throws Exception {
        seed.subscriber("gone@example.org", null, "UTC", "html");
        seed.subscriber("fine@example.org", null, "UTC", "html");
        server.onRcpt("gone@example.org", "550 5.1.1 No such user here");
        try (MailerHarness h = new MailerHarness(db, server.port(), clock, Map.of("PICKS_RETRY_BASE_SECONDS", "0"))) {
            RunStats stats = h.sendNow();
            assertThat(stats.failed.sum()).isEqualTo(1);
            assertThat(stats.sent.sum()).isEqualTo(1);
            assertThat(stats.retried.sum()).isZero();
        }
        var rows = db.database()
                .dsl()
                .select(SUBSCRIBERS.EMAIL, DELIVERIES.STATUS, DELIVERIES.ATTEMPTS, DELIVERIES.LAST_REPLY)
                .from(DELIVERIES)
                .join(SUBSCRIBERS)
                .on(SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                .fetchMap(SUBSCRIBERS.EMAIL);
        assertThat(rows.get("gone@example.org").value2()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(rows.get("gone@example.org").value3()).isEqualTo(1);
        assertThat(rows.get("gone@example.org").value4()).contains("550 5.1.1 No such user here");
        assertThat(rows.get("fine@example.org").value2()).isEqualTo(DeliveryStatus.SENT);
        assertThat(server.received()).extracting(r -> r.recipients().get(0)).containsExactly("fine@example.org");
    }

    @Test
    void aDroppedConnectionMidDataIsRetriedOnAFreshConnection() throws Exception {
        seed.subscriber("drop@example.org", null, "UTC", "html");
        server.onDataDrop("drop@example.org");
        try (MailerHarness h = new MailerHarness(db, server.port(), clock, Map.of("PICKS_RETRY_BASE_SECONDS", "0"))) {
            RunStats stats = h.sendNow();
            assertThat(stats.sent.sum()).isEqualTo(1);
        }
        assertThat(server.received()).hasSize(1);
        assertThat(server.connectionCount()).isGreaterThanOrEqualTo(2);
        assertThat(db.database().dsl().selectFrom(DELIVERIES).fetchSingle().getAttempts())
                .isEqualTo(2);
    }

    @Test
    void subscribersWithNothingNewAreSkippedAndGetNoMail() throws Exception {
        var sub = seed.subscriber("uptodate@example.org", null, "UTC", "html");
        seed.watermark(sub.getId(), clock.instant());
        try (MailerHarness h = new MailerHarness(db, server.port(), clock, Map.of())) {
            RunStats stats = h.sendNow();
            assertThat(stats.skipped.sum()).isEqualTo(1);
        }
        assertThat(server.received()).isEmpty();
        assertThat(db.database().dsl().selectFrom(DELIVERIES).fetchSingle().getStatus())
                .isEqualTo(DeliveryStatus.SKIPPED);
    }

    @Test
    void oneConnectionCarriesManyMessages() throws Exception {
        for (int i = 0; i < 20; i++) seed.subscriber("many" + i + "@example.org", null, "UTC", "html");
        try (MailerHarness h = new MailerHarness(db, server.port(), clock, Map.of("PICKS_SEND_THREADS", "2"))) {
            assertThat(h.sendNow().sent.sum()).isEqualTo(20);
        }
        assertThat(server.received()).hasSize(20);
        assertThat(server.connectionCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void bouncesGoToAVerpAddressNamingTheDelivery() throws Exception {
        seed.subscriber("verp@example.org", null, "UTC", "html");
        try (MailerHarness h = new MailerHarness(
                db, server.port(), clock, Map.of("PICKS_BOUNCE_ADDRESS", "bounces@picks.example.org"))) {
            assertThat(h.sendNow().sent.sum()).isEqualTo(1);
        }
        long id = db.database().dsl().selectFrom(DELIVERIES).fetchSingle().getId();
        // the delivery id and its MAC (VerpAddresses): bounces+ID.MAC@
        assertThat(server.received().get(0).sender())
                .matches("bounces\\+" + id + "\\.[0-9a-f]{16}@picks\\.example\\.org");
    }
}
