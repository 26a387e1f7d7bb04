package com.picksdigest.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.AppProcess;
import com.picksdigest.support.Await;
import com.picksdigest.support.Edition;
import com.picksdigest.support.Figures;
import com.picksdigest.support.ScriptedSmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while a slow relay is taking one message a second: `serve` finishes the messages on the wire, hands back
 * the rest of what it claimed and exits 0 within a deadline that does not grow with the batch size; a restart
 * sends the rest, and nobody gets two.
 */
class GracefulStopTest extends RelayAndSchemaTest {
    private static final Duration RELAY_PER_MESSAGE = Duration.ofSeconds(1);

    @Test
    void sigtermFinishesTheSendsInFlightHandsBackTheRestAndExitsZero() throws Exception {
        Edition edition = Edition.seed(db, 60);
        for (int i = 0; i < 60; i++) relay.stallOnData(RELAY_PER_MESSAGE);
        Map<String, String> env =
                edition.serveEnv(relay.port(), Map.of("PICKS_SEND_THREADS", "2", "PICKS_SEND_BATCH", "30"));
        Duration stopping;
        try (AppProcess node = AppProcess.start(env, "serve")) {
            Await.until(Duration.ofSeconds(60), () -> relay.acceptedCount() >= 3, () -> Edition.logs(node));
            long t0 = System.nanoTime();
            assertThat(node.terminate(60)).as(node.output()).isZero();
            stopping = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(node.output()).contains("Stopped").doesNotContain("Exception");
        }
        // Two sends on the wire at most, a second each at this relay, plus the JVM's own shutdown.
        assertThat(stopping).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(8));
        assertThat(edition.sending()).as("claims left behind").isZero();
        assertThat(edition.statuses().get("sent"))
                .as("every message the relay accepted is recorded")
                .isEqualTo(relay.acceptedCount());
        assertThat(edition.outstanding()).isPositive();

        List<ScriptedSmtpServer.Accepted> accepted = new ArrayList<>(relay.accepted());
        relay.close();
        relay = ScriptedSmtpServer.start(Integer.parseInt(env.get("PICKS_SMTP_PORT")))
                .countingOnly();
        try (AppProcess node = AppProcess.start(env, "serve")) {
            edition.awaitFinished(Duration.ofSeconds(60), node);
            assertThat(node.terminate(60)).isZero();
        }
        accepted.addAll(relay.accepted());
        Edition.Tally t = edition.tally(accepted);
        Figures.record(
                "SIGTERM with a slow relay (1 s/message), restart",
                1,
                t.messages(),
                t.lost(),
                t.duplicated(),
                stopping);
        assertThat(t.lost()).isZero();
        assertThat(t.duplicated()).isZero();
        assertThat(t.subscribersNotSentOnce()).isZero();
    }
}
