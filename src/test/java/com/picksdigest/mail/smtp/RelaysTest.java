package com.picksdigest.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.Edition;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several relays (PICKS_SMTP_RELAYS) through the real send path: one refusing every connection with 421, one slow,
 * one healthy. The edition goes out once to everyone, spread by weight over the relays that were up, and the
 * refusing one is tried again only after its back-off.
 */
class RelaysTest {
    private TestDatabase db;
    private ScriptedSmtpServer refusing;
    private ScriptedSmtpServer slow;
    private ScriptedSmtpServer healthy;

    @BeforeEach
    void setUp() {
        db = TestDatabase.migrated(RelaysTest.class);
        refusing = ScriptedSmtpServer.start().countingOnly().onEveryConnect("421 4.3.2 Service not available");
        slow = ScriptedSmtpServer.start().countingOnly().slowEveryData(Duration.ofMillis(3));
        healthy = ScriptedSmtpServer.start().countingOnly();
    }

    @AfterEach
    void tearDown() {
        refusing.close();
        slow.close();
        healthy.close();
        db.close();
    }

    @Test
    void anEditionOf5000GoesOutOnceSpreadByWeightAroundARefusingRelay() throws Exception {
        Edition edition = Edition.seed(db, 5000);
        String relays = "smtp://127.0.0.1:" + refusing.port() + "?weight=2&name=refusing,"
                + "smtp://127.0.0.1:" + slow.port() + "?weight=1&name=slow,"
                + "smtp://user:secret@127.0.0.1:" + healthy.port() + "?weight=3&name=healthy";
        healthy.requireAuth("user", "secret");
        try (MailerHarness h = new MailerHarness(
                db,
                0,
                Clock.systemUTC(),
                Map.of(
                        "PICKS_SMTP_HOST", "",
                        "PICKS_SMTP_PORT", "",
                        "PICKS_SMTP_RELAYS", relays,
                        "PICKS_RELAY_BACKOFF_SECONDS", "1",
                        "PICKS_SEND_THREADS", "4"))) {
            h.mailer.enqueueAll(Optional.empty());
            h.mailer.workers().drain(Duration.ofMinutes(3));
            long sent = healthy.acceptedCount() + slow.acceptedCount();
            MeterRegistry registry = h.app.metrics().registry();
            assertThat(counter(registry, "healthy", "accepted")).isEqualTo(healthy.acceptedCount());
            assertThat(counter(registry, "slow", "accepted")).isEqualTo(slow.acceptedCount());
            assertThat(counter(registry, "refusing", "accepted")).isZero();
            assertThat(registry.get("picks.relay.takeouts")
                            .tag("relay", "refusing")
                            .functionCounter()
                            .count())
                    .isGreaterThanOrEqualTo(2);
            assertThat(sent).isEqualTo(5000);
        }

        Edition.Tally tally = edition.tally(concat(healthy.accepted(), slow.accepted()));
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicated()).isZero();
        assertThat(tally.subscribersNotSentOnce()).isZero();
        assertThat(tally.statuses()).containsExactly(Map.entry("sent", 5000));
        assertThat(refusing.acceptedCount()).isZero();

        // weights 1 and 3 among the relays that were up: a quarter and three quarters, each within 10 %
        double slowShare = slow.acceptedCount() / 5000.0;
        assertThat(slowShare).as("slow relay's share").isBetween(0.25 * 0.9, 0.25 * 1.1);
        assertThat(1 - slowShare).as("healthy relay's share").isBetween(0.75 * 0.9, 0.75 * 1.1);

        // the refusing relay: tried at the start, then again only after each back-off (1 s, then 2 s, 4 s ...)
        List<Long> times = refusing.connectionTimes();
        assertThat(times.size()).as("connections to the refusing relay").isGreaterThanOrEqualTo(2);
        int bursts = 1;
        for (int i = 1; i < times.size(); i++) {
            long gapMs = TimeUnit.NANOSECONDS.toMillis(times.get(i) - times.get(i - 1));
            if (gapMs < 300) continue; // workers that chose it at the same moment, before it was taken out
            assertThat(gapMs).as("gap before retrying the refusing relay").isGreaterThanOrEqualTo(900);
            bursts++;
        }
        assertThat(bursts).as("tries of the refusing relay").isGreaterThanOrEqualTo(2);
    }

    private static long counter(MeterRegistry registry, String relay, String outcome) {
        return (long) registry.get("picks.relay.messages")
                .tag("relay", relay)
                .tag("outcome", outcome)
                .functionCounter()
                .count();
    }

    private static List<ScriptedSmtpServer.Accepted> concat(
            List<ScriptedSmtpServer.Accepted> a, List<ScriptedSmtpServer.Accepted> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
