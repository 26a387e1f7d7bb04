package com.picksdigest.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.AppProcess;
import com.picksdigest.support.Await;
import com.picksdigest.support.Edition;
import com.picksdigest.support.Figures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `serve` as a real process, stopped part-way through an edition and started again. A SIGKILL may duplicate only
 * the messages the relay had accepted but the ledger had not yet recorded: a worker records its outcomes every
 * PICKS_SEND_RECORD_EVERY sends, so at most that many per send thread (one each when it is 1). Claimed but unsent
 * deliveries of the dead process come back after the claim timeout. A SIGTERM duplicates nothing.
 */
class CrashRecoveryTest extends RelayAndSchemaTest {
    private static final int THREADS = 4;
    /** The shipped PICKS_SEND_RECORD_EVERY. */
    private static final int DEFAULT_RECORD_EVERY = 125;

    @Test
    void sigkillMidEditionLosesNothingAndDuplicatesAtMostTheSendsInFlight() throws Exception {
        interruptedEdition("SIGKILL mid-edition, restart (record every send)", 2_000, 1, false, 1);
    }

    @Test
    void sigtermMidEditionDuplicatesNothingAndTheRestIsSentAfterRestart() throws Exception {
        interruptedEdition("SIGTERM mid-edition, restart", 2_000, 1, true, DEFAULT_RECORD_EVERY);
    }

    @Test
    @Tag("chaos")
    void repeatedSigkillsThroughALargeEdition() throws Exception {
        interruptedEdition("SIGKILL x5 during one edition, restart each time (record every send)", 20_000, 5, false, 1);
    }

    @Test
    @Tag("chaos")
    void repeatedSigkillsWithTheDefaultRecordingInterval() throws Exception {
        interruptedEdition(
                "SIGKILL x5 during one edition, restart each time (record every 125 sends)",
                20_000,
                5,
                false,
                DEFAULT_RECORD_EVERY);
    }

    @Test
    @Tag("chaos")
    void repeatedSigtermsThroughALargeEdition() throws Exception {
        interruptedEdition("SIGTERM x5 during one edition, restart each time", 20_000, 5, true, DEFAULT_RECORD_EVERY);
    }

    private void interruptedEdition(String scenario, int subscribers, int stops, boolean graceful, int recordEvery)
            throws Exception {
        Edition edition = Edition.seed(db, subscribers);
        Map<String, String> env = edition.serveEnv(
                relay.port(),
                Map.of(
                        "PICKS_SEND_THREADS",
                        String.valueOf(THREADS),
                        "PICKS_SEND_RECORD_EVERY",
                        String.valueOf(recordEvery)));
        for (int k = 1; k <= stops; k++) {
            int stopAt = subscribers * k / (stops + 1);
            try (AppProcess node = AppProcess.start(env, "serve")) {
                Await.until(
                        Duration.ofSeconds(120),
                        () -> relay.acceptedCount() >= stopAt,
                        () -> relay.acceptedCount() + " accepted\n" + Edition.logs(node));
                if (graceful) {
                    long t0 = System.nanoTime();
                    assertThat(node.terminate(60)).as(node.output()).isZero();
                    assertThat(Duration.ofNanos(System.nanoTime() - t0))
                            .as("SIGTERM to exit")
                            .isLessThan(Duration.ofSeconds(20));
                    assertThat(edition.sending())
                            .as("claims handed back on a graceful stop")
                            .isZero();
                } else {
                    node.kill();
                }
            }
            assertThat(edition.outstanding()).as("the stop came mid-edition").isPositive();
        }
        AppProcess last = AppProcess.start(env, "serve");
        Duration recovery;
        try (last) {
            recovery = edition.awaitFinished(Duration.ofSeconds(300), last);
            assertThat(last.terminate(60)).as(last.output()).isZero();
        }
        Edition.Tally t = edition.tally(relay.accepted());
        Figures.record(scenario, stops, t.messages(), t.lost(), t.duplicated(), recovery);
        assertThat(t.statuses()).containsExactly(Map.entry("sent", subscribers));
        assertThat(t.subscribersNotSentOnce())
                .as("subscribers without exactly one sent delivery")
                .isZero();
        assertThat(t.lost()).as("subscribers who received nothing").isZero();
        assertThat(t.duplicated())
                .as("messages received twice")
                .isLessThanOrEqualTo(graceful ? 0 : THREADS * recordEvery * stops);
    }
}
