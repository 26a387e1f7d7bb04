package com.picksdigest.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.AppProcess;
import com.picksdigest.support.Await;
import com.picksdigest.support.Edition;
import com.picksdigest.support.Figures;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.TcpProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /healthz of a running `serve` answers 503 while the relay or the database is unreachable, and 200 once it is back. */
class HealthRecoveryTest extends RelayAndSchemaTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void healthzTurnsUnhealthyWhileTheRelayOrTheDatabaseIsAwayAndHealthyWhenTheyReturn() throws Exception {
        Edition edition = Edition.seed(db, 10);
        try (TcpProxy proxy = TcpProxy.forJdbc(db.url())) {
            Map<String, String> env = edition.serveEnv(relay.port(), Map.of("PICKS_DB_URL", proxy.jdbcUrl(db.url())));
            // the whole report is on the management port; the public one says up or down and no more
            String healthz = "http://127.0.0.1:" + env.get("PICKS_MANAGEMENT_PORT") + "/healthz";
            String publicHealthz = env.get("PICKS_BASE_URL") + "/healthz";
            try (AppProcess node = AppProcess.start(env, "serve")) {
                awaitHealth(healthz, 200, "\"status\":\"ok\"", node);

                relay.close();
                awaitHealth(healthz, 503, "\"smtp\":\"unreachable", node);
                awaitHealth(publicHealthz, 503, "{\"status\":\"unavailable\"}", node);
                relay = ScriptedSmtpServer.start(Integer.parseInt(env.get("PICKS_SMTP_PORT")))
                        .countingOnly();
                Duration relayBack = awaitHealth(healthz, 200, "\"smtp\":\"ok\"", node);

                proxy.cut();
                awaitHealth(healthz, 503, "\"status\":\"unhealthy\",\"database\":\"", node);
                awaitHealth(publicHealthz, 503, "{\"status\":\"unavailable\"}", node);
                proxy.restore();
                Duration databaseBack = awaitHealth(healthz, 200, "\"database\":\"ok\"", node);

                edition.awaitFinished(Duration.ofSeconds(60), node);
                assertThat(node.terminate(60)).as(node.output()).isZero();
                Figures.record("/healthz 200 again after the relay returns", 1, 0, 0, 0, relayBack);
                Figures.record("/healthz 200 again after the database returns", 1, 0, 0, 0, databaseBack);
            }
        }
        assertThat(edition.statuses()).as("every digest went out in the end").containsExactly(Map.entry("sent", 10));
    }

    /** Polls until /healthz answers {@code status} with a body containing {@code text}; returns how long it took. */
    private Duration awaitHealth(String url, int status, String text, AppProcess node) throws InterruptedException {
        String[] last = {"no answer yet"};
        return Await.until(
                Duration.ofSeconds(60),
                () -> {
                    try {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        last[0] = r.statusCode() + " " + r.body();
                        return r.statusCode() == status && r.body().contains(text);
                    } catch (IOException notListening) {
                        last[0] = notListening.toString();
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                },
                () -> "healthz " + status + " with " + text + "; last: " + last[0] + "\n" + Edition.logs(node));
    }
}
