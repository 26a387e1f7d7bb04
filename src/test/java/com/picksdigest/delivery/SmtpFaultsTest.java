package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.support.Edition;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults of the relay beyond single replies (those are in SmtpRepliesTest): refused greetings, rejected credentials,
 * an unreachable or stalled relay, a slow one, a mix of everything under load, and a stored address the relay
 * would receive mangled. Whatever happens: permanent
 * refusals fail with the reply kept, everything else is sent exactly once in the end, and no worker hangs.
 */
class SmtpFaultsTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private TestDatabase db;
    private ScriptedSmtpServer relay;

    @BeforeEach
    void setUp() {
        db = TestDatabase.migrated(SmtpFaultsTest.class);
        relay = ScriptedSmtpServer.start();
    }

    @AfterEach
    void tearDown() {
        relay.close();
        db.close();
    }

    @Test
    void aFourTwentyOneGreetingIsRetriedOnANewConnectionAndFailsNobody() throws Exception {
        Edition edition = Edition.seed(db, 3);
        relay.onConnect("421 4.3.2 Service not available, closing channel").onConnect("421 4.3.2 Still busy");
        sendAndExpectEachOnce(edition, Map.of());
        assertThat(relay.connectionCount()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void fiveFiftyFourAtTheEndOfDataFailsThatMessageOnlyWithTheReplyKept() throws Exception {
        Edition.seed(db, 3);
        relay.onData(Edition.address(1), "554 5.7.1 Message rejected as spam");
        try (MailerHarness h = harness(Map.of())) {
            h.sendNow();
        }
        Map<String, Record3<DeliveryStatus, Integer, String>> rows = outcomes();
        assertThat(rows.get(Edition.address(1)).value1()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(rows.get(Edition.address(1)).value2()).isEqualTo(1);
        assertThat(rows.get(Edition.address(1)).value3()).contains("554 5.7.1 Message rejected as spam");
        assertThat(rows.get(Edition.address(0)).value1()).isEqualTo(DeliveryStatus.SENT);
        assertThat(rows.get(Edition.address(2)).value1()).isEqualTo(DeliveryStatus.SENT);
        assertThat(perRecipient()).containsOnlyKeys(Edition.address(0), Edition.address(2));
    }

    @Test
    void aRelayStalledPastTheTimeoutNeverHangsAWorkerAndTheMessageGoesOnTheNextAttempt() throws Exception {
        Edition edition = Edition.seed(db, 4);
        // The first connection hangs before its greeting (the first reader's attempt); the next message hangs after
        // its data and is not accepted in the end (the second reader's): one worker, messages in id order.
        relay.stallOnConnect(Duration.ofSeconds(4));
        relay.stallOnData(Duration.ofSeconds(4)).onData(ScriptedSmtpServer.ANY, "451 4.4.2 Timeout in DATA");
        long t0 = System.nanoTime();
        sendAndExpectEachOnce(edition, Map.of("PICKS_SMTP_TIMEOUT_SECONDS", "1", "PICKS_SEND_THREADS", "1"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertThat(outcomes().get(Edition.address(1)).value2())
                .as("attempts after a stalled DATA")
                .isEqualTo(2);
    }

    @Test
    void rejectedCredentialsFailNobodyAndEveryoneIsSentOnceTheyAreFixed() throws Exception {
        Edition edition = Edition.seed(db, 5);
        relay.requireAuth("digest", "right-password");
        sendForThreeSeconds(Map.of("PICKS_SMTP_USER", "digest", "PICKS_SMTP_PASSWORD", "wrong-password"));
        assertThat(edition.statuses())
                .as("after 3 s of 535 replies, retried at once")
                .containsExactly(Map.entry("queued", 5));
        assertThat(outcomes().values()).allSatisfy(r -> assertThat(r.value3()).contains("535"));
        assertThat(relay.received()).isEmpty();

        sendAndExpectEachOnce(edition, Map.of("PICKS_SMTP_USER", "digest", "PICKS_SMTP_PASSWORD", "right-password"));
    }

    @Test
    void anUnreachableRelayFailsNobodyAndTheEditionGoesOutWhenItIsBack() throws Exception {
        Edition edition = Edition.seed(db, 5);
        int port = relay.port();
        relay.close();
        sendForThreeSeconds(Map.of());
        assertThat(edition.statuses()).containsExactly(Map.entry("queued", 5));

        relay = ScriptedSmtpServer.start(port);
        sendAndExpectEachOnce(edition, Map.of());
    }

    @Test
    void aSlowRelayNeverLetsABatchOutliveItsClaim() throws Exception {
        // 12 readers, 2 workers claiming 10 at a time, 1.2 s per message at the relay: the first batch takes 12 s,
        // longer than the 10 s claim timeout, while the second worker, done with its 2, checks for stale claims (a
        // real clock: claims age only with time).
        Edition edition = Edition.seed(db, 12);
        for (int i = 0; i < 24; i++) relay.stallOnData(Duration.ofMillis(1200));
        try (MailerHarness h = new MailerHarness(
                db,
                relay.port(),
                Clock.systemUTC(),
                Map.of(
                        "PICKS_SEND_THREADS",
                        "2",
                        "PICKS_SEND_BATCH",
                        "10",
                        "PICKS_CLAIM_TIMEOUT_SECONDS",
                        "10",
                        "PICKS_SMTP_TIMEOUT_SECONDS",
                        "5"))) {
            h.sendNow();
        }
        assertThat(edition.statuses()).containsExactly(Map.entry("sent", 12));
        assertThat(perRecipient())
                .hasSize(12)
                .allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1));
    }

    @Test
    void aStoredAddressThatIsNotAsciiFailsInsteadOfReachingTheRelayMangled() throws Exception {
        Edition edition = Edition.seed(db, 2);
        // stored before addresses had to be ASCII; U+0140 and U+013E go out as '@' and '>' when written byte for byte
        db.database()
                .dsl()
                .update(SUBSCRIBERS)
                .set(SUBSCRIBERS.EMAIL, "v\u0140vic.tim\u013e@example.org")
                .where(SUBSCRIBERS.EMAIL.eq(Edition.address(1)))
                .execute();
        try (MailerHarness h = harness(Map.of())) {
            h.sendNow();
        }
        assertThat(perRecipient()).containsOnlyKeys(Edition.address(0));
        assertThat(edition.statuses()).containsOnly(Map.entry("sent", 1), Map.entry("failed", 1));
        assertThat(outcomes().get("v\u0140vic.tim\u013e@example.org").value3()).contains("does not offer SMTPUTF8");
    }

    @Test
    void everyFaultAtOnceUnderLoad() throws Exception {
        int n = 300;
        Edition edition = Edition.seed(db, n);
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String to = Edition.address(i);
            switch (i % 10) {
                case 1 -> relay.onRcpt(to, "451 4.3.0 Try again later");
                case 2 -> {
                    relay.onRcpt(to, "550 5.1.1 No such user");
                    expected.put(to, "550 5.1.1 No such user");
                }
                case 3 -> {
                    relay.onData(to, "554 5.7.1 Rejected");
                    expected.put(to, "554 5.7.1 Rejected");
                }
                case 4 -> relay.onDataDrop(to);
                case 5 -> relay.onRcpt(to, "452 4.2.2 Mailbox full").onRcpt(to, "452 4.2.2 Mailbox full");
                default -> {}
            }
        }
        relay.onConnect("421 4.3.2 Busy").onConnect("421 4.3.2 Busy").onConnect("421 4.3.2 Busy");
        try (MailerHarness h = harness(Map.of("PICKS_SEND_THREADS", "4", "PICKS_SEND_BATCH", "20"))) {
            h.sendNow();
        }
        Map<String, Record3<DeliveryStatus, Integer, String>> rows = outcomes();
        Map<String, Long> got = perRecipient();
        for (int i = 0; i < n; i++) {
            String to = Edition.address(i);
            if (expected.containsKey(to)) {
                assertThat(rows.get(to).value1()).as(to).isEqualTo(DeliveryStatus.FAILED);
                assertThat(rows.get(to).value3()).as(to).contains(expected.get(to));
                assertThat(got).as(to).doesNotContainKey(to);
            } else {
                assertThat(rows.get(to).value1()).as(to).isEqualTo(DeliveryStatus.SENT);
                assertThat(got.get(to)).as(to).isEqualTo(1L);
            }
        }
        assertThat(rows.get(Edition.address(5)).value2())
                .as("attempts after two 452s")
                .isEqualTo(3);
        assertThat(edition.statuses())
                .containsOnly(Map.entry("sent", n - expected.size()), Map.entry("failed", expected.size()));
    }

    /** Three seconds of sending, retries due at once: several rounds of whatever the relay does. */
    private void sendForThreeSeconds(Map<String, String> env) throws InterruptedException {
        try (MailerHarness h = harness(env)) {
            h.mailer.enqueueAll(Optional.empty());
            h.mailer.workers().drain(Duration.ofSeconds(3));
        }
    }

    private void sendAndExpectEachOnce(Edition edition, Map<String, String> env) throws InterruptedException {
        try (MailerHarness h = harness(env)) {
            h.sendNow();
        }
        assertThat(edition.statuses()).containsExactly(Map.entry("sent", edition.subscribers()));
        assertThat(perRecipient())
                .hasSize(edition.subscribers())
                .allSatisfy((to, n) -> assertThat(n).isEqualTo(1));
    }

    private MailerHarness harness(Map<String, String> extra) {
        Map<String, String> env =
                new HashMap<>(Map.of("PICKS_RETRY_BASE_SECONDS", "0", "PICKS_SEND_MAX_ATTEMPTS", "3"));
        env.putAll(extra);
        return new MailerHarness(db, relay.port(), clock, env);
    }

    private Map<String, Long> perRecipient() {
        return relay.received().stream()
                .flatMap(r -> r.recipients().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Per address: status, attempts, last reply. */
    private Map<String, Record3<DeliveryStatus, Integer, String>> outcomes() {
        DSLContext dsl = db.database().dsl();
        return dsl.select(SUBSCRIBERS.EMAIL, DELIVERIES.STATUS, DELIVERIES.ATTEMPTS, DELIVERIES.LAST_REPLY)
                .from(DELIVERIES)
                .join(SUBSCRIBERS)
                .on(SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                .fetchMap(
                        SUBSCRIBERS.EMAIL, r -> r.into(DELIVERIES.STATUS, DELIVERIES.ATTEMPTS, DELIVERIES.LAST_REPLY));
    }
}
