package com.picksdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.support.AppProcess;
import com.picksdigest.support.Await;
import com.picksdigest.support.Mails;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** serve as a real process: catches up the missed dispatch at start, answers HTTP, exits 0 on SIGTERM. */
class ServeProcessTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.migrated(ServeProcessTest.class);
        Seed seed = new Seed(db.database().dsl(), new MutableClock(Instant.now()));
        seed.categories.add("News");
        seed.published("Served fresh", "News", Instant.now().minus(Duration.ofHours(1)));
        seed.subscriber("reader@example.org", "Reader", "UTC", "html");
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void servesSendsAndStopsCleanly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int management;
        try (ServerSocket s = new ServerSocket(0)) {
            management = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        try (AppProcess app = AppProcess.start(
                Map.of(
                        "PICKS_DB_URL",
                        db.url(),
                        "PICKS_SMTP_HOST",
                        "127.0.0.1",
                        "PICKS_SMTP_PORT",
                        String.valueOf(smtp.getSmtp().getPort()),
                        "PICKS_HTTP_PORT",
                        String.valueOf(port),
                        "PICKS_BASE_URL",
                        base,
                        "PICKS_SECRET",
                        "serve-secret-serve-secret-serve-secret",
                        "PICKS_MANAGEMENT_PORT",
                        String.valueOf(management)),
                "serve")) {
            HttpRequest healthz =
                    HttpRequest.newBuilder(URI.create(base + "/healthz")).build();
            Await.until(
                    Duration.ofSeconds(60),
                    () -> {
                        if (!app.alive()) throw new AssertionError("serve exited: " + app.output());
                        try {
                            return http.send(healthz, HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200;
                        } catch (java.io.IOException notYet) {
                            return false; // still starting
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        }
                    },
                    app::output);
            HttpResponse<String> health = http.send(healthz, HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            HttpResponse<String> report = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/healthz"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(report.body()).contains("\"scheduler\"").contains("\"smtp\"");

            assertThat(smtp.waitForIncomingEmail(30_000, 1)).as(app.output()).isTrue();
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertThat(Mails.text(m)).contains("Served fresh");
            HttpResponse<String> oneClick = http.send(
                    HttpRequest.newBuilder(URI.create(Mails.unsubscribeUrl(m)))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(oneClick.statusCode()).isEqualTo(200);

            int exit = app.terminate(60);
            assertThat(exit).as(app.output()).isZero();
            assertThat(app.output())
                    .contains("Serving on port " + port)
                    .contains("Stopped")
                    .doesNotContain("Exception");
            assertThat(app.output().split("PICKS_POSTAL_ADDRESS is not set", -1))
                    .as("one warning at start about the missing postal address")
                    .hasSize(2);
        }
        assertThat(db.database()
                        .dsl()
                        .fetchValue("SELECT status FROM subscribers WHERE email_key = 'reader@example.org'"))
                .isEqualTo("unsubscribed");
    }
}
