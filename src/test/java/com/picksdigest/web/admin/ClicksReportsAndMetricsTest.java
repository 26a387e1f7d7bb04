package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.editors.Role;
import com.picksdigest.support.Await;
import com.picksdigest.support.Mails;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With PICKS_TRACK_CLICKS on: digests link through /c/, clicks are counted per pick, and /metrics tells the sends. */
class ClicksReportsAndMetricsTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static AdminStack stack;
    static DSLContext db;
    static PicksRecord pick;
    static SubscribersRecord reader;
    static MimeMessage digest;

    @BeforeAll
    static void sendOneDigest() throws Exception {
        stack = new AdminStack(
                ClicksReportsAndMetricsTest.class,
                smtp.getSmtp().getPort(),
                Clock.systemUTC(),
                Map.of("PICKS_TRACK_CLICKS", "true"));
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.editor("ed@example.org", Role.EDITOR);
        pick = stack.seed.published("Tracked story", "AI", Instant.now().minusSeconds(60));
        stack.seed.published("Second story", "AI", Instant.now().minusSeconds(120));
        reader = stack.seed.subscriber("clicker@example.com", null, "UTC", "html");
        stack.seed.subscriber("failing@example.com", null, "UTC", "html");
        stack.harness.sendNow();
        digest = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> to(m).equals("clicker@example.com"))
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aClickIsCountedAndRedirectsToThePick() throws Exception {
        String link = clickLink(Mails.html(digest));
        assertThat(Mails.text(digest)).contains(link);
        assertThat(Mails.html(digest)).doesNotContain("href=\"" + pick.getUrl() + "\"");

        HttpResponse<String> r = new AdminHttp(stack).get(link.substring(stack.baseUrl.length()));

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue(pick.getUrl());
        var click = db.selectFrom(EVENTS).where(EVENTS.TYPE.eq("clicked")).fetchOne();
        assertThat(click.getPickId()).isEqualTo(pick.getId());
        assertThat(click.getSubscriberId()).isEqualTo(reader.getId());
        // the public edition page links to the article itself
        assertThat(new AdminHttp(stack).get("/archive/" + today()).body())
                .contains("href=\"" + pick.getUrl() + "\"")
                .doesNotContain("/c/");
    }

    @Test
    void aForgedOrAlteredClickLinkCountsNothing() throws Exception {
        String path = clickLink(Mails.html(digest)).substring(stack.baseUrl.length());
        int before = db.fetchCount(EVENTS, EVENTS.TYPE.eq("clicked"));
        String[] parts = path.substring(3).split("\\.");
        for (String forged : new String[] {
            "/c/" + parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2], // another pick, same MAC
            "/c/" + parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "A",
            "/c/1.1.AAAAAAAAAAAAAAAAAAAAAA",
            "/c/garbage"
        }) {
            HttpResponse<String> r = new AdminHttp(stack).get(forged);
            assertThat(r.statusCode()).as(forged).isEqualTo(404);
        }
        assertThat(db.fetchCount(EVENTS, EVENTS.TYPE.eq("clicked"))).isEqualTo(before);
    }

    @Test
    void theEditionReportCountsOutcomesDeparturesAndClicks() throws Exception {
        long failing = db.select(DELIVERIES.ID)
                .from(DELIVERIES)
                .join(com.picksdigest.db.generated.Tables.SUBSCRIBERS)
                .on(com.picksdigest.db.generated.Tables.SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                .where(com.picksdigest.db.generated.Tables.SUBSCRIBERS.EMAIL.eq("failing@example.com"))
                .fetchOne(DELIVERIES.ID);
        db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.FAILED)
                .set(DELIVERIES.LAST_REPLY, "550 5.1.1 <user> unknown")
                .where(DELIVERIES.ID.eq(failing))
                .execute();
        new AdminHttp(stack).get(clickLink(Mails.html(digest)).substring(stack.baseUrl.length()));
        stack.harness.app.subscribers().unsubscribe(reader.getId(), "too many");
        AdminHttp ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);

        String index = ed.get("/admin/reports").body();
        String report = ed.get("/admin/reports/" + today()).body();

        assertThat(index).contains("<td class=\"num sent\">1</td>", "<td class=\"num failed\">1</td>");
        assertThat(report)
                .contains("<td class=\"num due\">2</td>", "<td class=\"num sent\">1</td>")
                .contains("<tr><th>Unsubscribed since</th><td class=\"num\">1</td></tr>")
                .contains("failing@example.com", "550 5.1.1 &lt;user&gt; unknown")
                .containsPattern("Tracked story</a></td><td class=\"num\">1</td>\\s*<td class=\"num clicks\">[1-9]");
        assertThat(ed.get("/admin/reports/1999-01-01").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.opsUrl("/metrics")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(new AdminHttp(stack).get("/metrics").statusCode())
                .as("not on the public port")
                .isEqualTo(404);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(r.body())
                .contains(
                        "# TYPE picks_digests_sent_total counter\npicks_digests_sent_total 2.0\n",
                        "picks_digests_failed_total 0.0\n",
                        "picks_digests_retries_total 0.0\n",
                        "picks_queue_depth{state=\"queued\"} 0.0\n",
                        "# TYPE picks_send_latency_seconds histogram\n",
                        "picks_send_latency_seconds_bucket{le=\"+Inf\"} 2\n",
                        "picks_send_latency_seconds_count 2\n",
                        "picks_send_latency_seconds_bucket{le=\"30.0\"} 2\n");
        assertThat(r.body().lines())
                .allMatch(l -> l.startsWith("# ")
                        || l.matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? [0-9.eE+-]+"));
    }

    @Test
    void metricsTellTheJvmThePoolAndTheHttpServer() throws Exception {
        String notFound = "jetty_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\"}";
        String body = scrape();

        assertThat(body)
                .contains(
                        "jvm_memory_used_bytes{area=\"heap\",",
                        "# TYPE jvm_gc_memory_allocated_bytes_total counter\n",
                        "# TYPE jvm_threads_live_threads gauge\n",
                        "hikaricp_connections_active{pool=\"picks\"} ",
                        "# TYPE jetty_server_requests_seconds summary\n",
                        "jetty_threads_busy ");
        double before = sample(body, notFound);
        for (int i = 0; i < 3; i++)
            assertThat(new AdminHttp(stack).get("/c/garbage").statusCode()).isEqualTo(404);
        Await.until(
                Duration.ofSeconds(5),
                () -> sample(scrape(), notFound) == before + 3,
                () -> "three more 404s counted, from " + before);
    }

    /** /metrics, from the management port. */
    private String scrape() {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.opsUrl("/metrics")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one series in a scrape, 0 when it is not there yet. */
    private static double sample(String scrape, String series) {
        return scrape.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst()
                .orElse(0);
    }

    private static String clickLink(String html) {
        Matcher m = Pattern.compile("href=\"(" + Pattern.quote(stack.baseUrl) + "/c/" + "[0-9]+\\." + pick.getId()
                        + "\\.[A-Za-z0-9_-]+)\"")
                .matcher(html);
        assertThat(m.find()).as("a tracked link for the pick").isTrue();
        return m.group(1);
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    private static String to(MimeMessage m) {
        try {
            return Mails.to(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
