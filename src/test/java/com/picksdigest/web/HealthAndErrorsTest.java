package com.picksdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.App;
import com.picksdigest.config.SignupConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthAndErrorsTest {
    private static WebTestSupport w;

    @BeforeAll
    static void start() {
        w = new WebTestSupport(HealthAndErrorsTest.class);
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void healthzIs200WhenTheDatabaseAndTheCallbackAreOk() {
        Map<String, String> ok = new LinkedHashMap<>();
        ok.put("scheduler", "ok");
        ok.put("smtp", "ok");
        w.healthChecks.set(ok);

        HttpResponse<String> r = w.opsGet("/healthz");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\",\"database\":\"ok\",\"scheduler\":\"ok\",\"smtp\":\"ok\"}");

        HttpResponse<String> pub = w.get("/healthz");
        assertThat(pub.statusCode()).isEqualTo(200);
        assertThat(pub.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(pub.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(pub.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void healthzIs503WhenTheCallbackReportsAFailure() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("scheduler", "ok");
        bad.put("smtp", "connection refused: \"smtp.example.org\"");
        w.healthChecks.set(bad);
        try {
            HttpResponse<String> r = w.opsGet("/healthz");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body())
                    .isEqualTo("{\"status\":\"unhealthy\",\"database\":\"ok\",\"scheduler\":\"ok\","
                            + "\"smtp\":\"connection refused: \\\"smtp.example.org\\\"\"}");
            // the public port says no more than that
            HttpResponse<String> pub = w.get("/healthz");
            assertThat(pub.statusCode()).isEqualTo(503);
            assertThat(pub.body()).isEqualTo("{\"status\":\"unavailable\"}");
        } finally {
            w.healthChecks.set(Map.of());
        }
    }

    @Test
    void healthzIs503WhenTheCallbackThrows() {
        App.Seams throwing = App.Seams.DEFAULT.withHealthChecks(() -> {
            throw new IllegalStateException("scheduler not started");
        });
        try (App app = WebTestSupport.app(w.testDb, null, new SignupConfig(true, false), throwing)) {
            WebServer ops = app.opsServer().start("127.0.0.1", 0);
            HttpResponse<String> r = get(ops, "/healthz");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body())
                    .contains(
                            "\"status\":\"unhealthy\"",
                            "\"database\":\"ok\"",
                            "\"checks\":\"failed: scheduler not started\"");
            WebServer pub = app.webServer().start("127.0.0.1", 0);
            assertThat(get(pub, "/healthz").body()).isEqualTo("{\"status\":\"unavailable\"}");
        }
    }

    @Test
    void withTheDatabaseDownHealthzIs503AndPagesAre500WithoutDetails() {
        App.Seams schedulerOk = App.Seams.DEFAULT.withHealthChecks(() -> Map.of("scheduler", "ok"));
        try (App app = WebTestSupport.app(w.testDb, null, new SignupConfig(true, false), schedulerOk)) {
            WebServer s = app.webServer().start("127.0.0.1", 0);
            WebServer ops = app.opsServer().start("127.0.0.1", 0);
            app.database().close();
            HttpResponse<String> health = get(ops, "/healthz");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body())
                    .startsWith("{\"status\":\"unhealthy\",\"database\":\"")
                    .doesNotContain("\"database\":\"ok\"");
            HttpResponse<String> pub = get(s, "/healthz");
            assertThat(pub.statusCode()).isEqualTo(503);
            assertThat(pub.body()).isEqualTo("{\"status\":\"unavailable\"}");

            HttpResponse<String> page = get(s, "/archive");
            assertThat(page.statusCode()).isEqualTo(500);
            assertThat(page.body())
                    .contains("Something went wrong")
                    .doesNotContain("Exception", "at com.", "at org.", "SQL", "closed");
            assertSecurityHeaders(page);
        }
    }

    @Test
    void metricsAndTheDetailedReportAreNotOnThePublicPort() {
        assertThat(w.get("/metrics").statusCode()).isEqualTo(404);
        assertThat(w.opsGet("/metrics").statusCode()).isEqualTo(200);
        assertThat(w.opsGet("/metrics").body()).contains("picks_queue_depth");
    }

    @Test
    void unknownPathsAre404Pages() {
        for (String path : new String[] {"/", "/nope", "/u/", "/prefs", "/admin/../etc/passwd", "/healthz/x"}) {
            HttpResponse<String> r = w.get(path);
            assertThat(r.statusCode()).as(path).isIn(404, 400);
            if (r.statusCode() == 404) {
                assertThat(r.body()).as(path).contains("Page not found");
                assertSecurityHeaders(r);
            }
        }
        HttpResponse<String> post = w.postForm("/archive", "a", "b");
        assertThat(post.statusCode()).isIn(404, 405);
        assertSecurityHeaders(post);
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/archive", "/nope", "/u/garbage", "/prefs/1.1.x"}) {
            assertSecurityHeaders(w.get(path));
        }
    }

    static void assertSecurityHeaders(HttpResponse<String> r) {
        String what = r.request().method() + " " + r.uri().getPath() + " " + r.statusCode();
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                .as(what)
                .matches("(?i)text/html; ?charset=utf-8");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .as(what)
                .contains(
                        "default-src 'none'",
                        "style-src 'unsafe-inline'",
                        "form-action 'self'",
                        "img-src https: data:");
        assertThat(r.body()).as(what).doesNotContain("<script");
    }

    private static HttpResponse<String> get(WebServer s, String path) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port() + path))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
