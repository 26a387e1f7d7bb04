package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.reports.EditionReports;
import com.picksdigest.support.Await;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transient failures are limited by time, not by a handful of tries: a relay that answers 451 to every RCPT for half
 * an hour (greylisting, a rate limit) delays the edition and fails nobody; one that keeps answering 451 past the
 * budget fails each delivery with its last reply. The clock is simulated, the relay and the database are real.
 */
class RetryBudgetTest {
    /** 06:00 UTC: the readers' next digest (send hour 0, UTC) is due 18 hours later. */
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private TestDatabase db;
    private ScriptedSmtpServer relay;
    private Seed seed;

    @BeforeEach
    void setUp() {
        db = TestDatabase.migrated(RetryBudgetTest.class);
        relay = ScriptedSmtpServer.start();
        seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("News");
        seed.published("Something happened", "News", START.minus(Duration.ofHours(1)));
    }

    @AfterEach
    void tearDown() {
        relay.close();
        db.close();
    }

    @Test
    void halfAnHourOf451AtEveryRcptDelaysTheEditionAndFailsNobody() throws Exception {
        int n = 20;
        for (int i = 0; i < n; i++) seed.subscriber(address(i), null, "UTC", i % 2 == 0 ? "html" : "text");
        relay.onEveryRcpt("451 4.7.1 Greylisted, please try again later");
        try (MailerHarness h = new MailerHarness(db, relay.port(), clock, Map.of("PICKS_SEND_THREADS", "2"))) {
            h.mailer.enqueueAll(Optional.empty());
            h.mailer.workers().start();
            while (clock.instant().isBefore(START.plus(Duration.ofMinutes(30)))) step(h, Duration.ofMinutes(1));

            settle(h);
            assertThat(relay.acceptedCount()).isZero();
            EditionReports.Detail storm = h.app.editionReports().detail(LocalDate.of(2026, 3, 2));
            assertThat(storm.edition().deferred()).isEqualTo(n);
            assertThat(storm.edition().failed()).isZero();
            assertThat(storm.deferrals())
                    .hasSize(n)
                    .allSatisfy(d -> assertThat(d.reply()).contains("451 4.7.1 Greylisted"))
                    .allSatisfy(d -> assertThat(d.attempts()).isGreaterThanOrEqualTo(5));

            relay.onEveryRcpt(null);
            LocalDateTime giveUp = utc(START.plus(Duration.ofHours(2)));
            while (outstanding() > 0 && utc(clock.instant()).isBefore(giveUp)) step(h, Duration.ofMinutes(1));
            settle(h);
            assertThat(h.mailer.workers().stats().failed.sum()).isZero();
            EditionReports.Edition after =
                    h.app.editionReports().detail(LocalDate.of(2026, 3, 2)).edition();
            assertThat(after.sent()).isEqualTo(n);
            assertThat(after.deferred()).isZero();
        }
        Map<String, Long> received = relay.accepted().stream()
                .flatMap(a -> a.recipients().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(received)
                .hasSize(n)
                .allSatisfy((to, count) -> assertThat(count).as(to).isEqualTo(1L));
        assertThat(statuses()).containsExactly(Map.entry("sent", n));
    }

    @Test
    void pastItsBudgetADeliveryFailsWithTheLastReplyKept() throws Exception {
        for (int i = 0; i < 3; i++) seed.subscriber(address(i), null, "UTC", "html");
        relay.onEveryRcpt("452 4.2.2 Mailbox full");
        try (MailerHarness h = new MailerHarness(
                db, relay.port(), clock, Map.of("PICKS_RETRY_BUDGET_HOURS", "1", "PICKS_SEND_THREADS", "1"))) {
            h.mailer.enqueueAll(Optional.empty());
            h.mailer.workers().start();
            LocalDateTime giveUp = utc(START.plus(Duration.ofHours(3)));
            while (outstanding() > 0 && utc(clock.instant()).isBefore(giveUp)) step(h, Duration.ofMinutes(2));
            // the last retry is placed at the end of the budget: not a minute later
            assertThat(clock.instant()).isBefore(START.plus(Duration.ofMinutes(65)));
            EditionReports.Detail d = h.app.editionReports().detail(LocalDate.of(2026, 3, 2));
            assertThat(d.edition().failed()).isEqualTo(3);
            assertThat(d.failures())
                    .hasSize(3)
                    .allSatisfy(f -> assertThat(f.reply())
                            .startsWith("gave up after " + f.attempts() + " attempts over 1 h 0 min")
                            .endsWith("452 4.2.2 Mailbox full"));
        }
        assertThat(relay.acceptedCount()).isZero();
        assertThat(statuses()).containsExactly(Map.entry("failed", 3));
    }

    @Test
    void theBudgetEndsWhenTheReadersNextDigestWouldBeDue() throws Exception {
        // 23:30 in UTC: a reader at hour 0 is due again in half an hour, long before the default 24 h
        clock.advance(Duration.ofHours(17).plusMinutes(30));
        seed.subscriber(address(0), null, "UTC", "html");
        relay.onEveryRcpt("451 4.3.0 Try again later");
        try (MailerHarness h = new MailerHarness(db, relay.port(), clock, Map.of("PICKS_SEND_THREADS", "1"))) {
            h.mailer.enqueueAll(Optional.empty());
            h.mailer.workers().start();
            Instant midnight = Instant.parse("2026-03-03T00:00:00Z");
            while (outstanding() > 0 && clock.instant().isBefore(midnight.plus(Duration.ofHours(1))))
                step(h, Duration.ofMinutes(1));
            assertThat(clock.instant()).isBefore(midnight.plus(Duration.ofMinutes(2)));
        }
        assertThat(statuses()).containsExactly(Map.entry("failed", 1));
        assertThat(db.database().dsl().fetchValue(DELIVERIES.LAST_REPLY)).contains("over 30 min: 451 4.3.0");
    }

    /** Lets the workers finish whatever is due now, then moves the clock on and wakes them. */
    private void step(MailerHarness h, Duration by) throws InterruptedException {
        settle(h);
        clock.advance(by);
        h.mailer.workers().wake();
    }

    private void settle(MailerHarness h) throws InterruptedException {
        DeliveryLedger ledger = h.app.ledger();
        Await.until(Duration.ofSeconds(30), () -> ledger.workable(utc(clock.instant())) == 0, this::describe);
    }

    private int outstanding() {
        return db.database()
                .dsl()
                .fetchCount(DELIVERIES, DELIVERIES.STATUS.in(DeliveryStatus.QUEUED, DeliveryStatus.SENDING));
    }

    private Map<String, Integer> statuses() {
        DSLContext dsl = db.database().dsl();
        return dsl.select(DELIVERIES.STATUS, org.jooq.impl.DSL.count())
                .from(DELIVERIES)
                .groupBy(DELIVERIES.STATUS)
                .fetchMap(r -> r.value1().stored(), r -> r.value2());
    }

    private String describe() {
        return "at " + clock.instant() + ": "
                + db.database()
                        .dsl()
                        .select(SUBSCRIBERS.EMAIL, DELIVERIES.STATUS, DELIVERIES.NEXT_ATTEMPT_AT, DELIVERIES.LAST_REPLY)
                        .from(DELIVERIES)
                        .join(SUBSCRIBERS)
                        .on(SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                        .fetch();
    }

    private static String address(int i) {
        return "reader" + i + "@example.org";
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
