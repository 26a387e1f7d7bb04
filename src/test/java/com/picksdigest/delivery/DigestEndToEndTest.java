package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.schedule.Scheduling;
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
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed, fire the Quartz dispatch, receive and parse the digests, dispatch again a day later. */
class DigestEndToEndTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static TestDatabase db;
    static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.migrated(DigestEndToEndTest.class);
        try (ServerSocket s = new ServerSocket(0)) {
            webPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static int webPort;

    static Settings settings() {
        return Settings.of(Map.of(
                "PICKS_DB_URL",
                db.url(),
                "PICKS_SECRET",
                "e2e-secret-e2e-secret-e2e-secret-42",
                "PICKS_FROM",
                "Picks Digest <digest@picks.example.org>",
                "PICKS_BASE_URL",
                base(),
                "PICKS_SEND_THREADS",
                "2",
                "PICKS_SITE_NAME",
                "Picks"));
    }

    static String base() {
        return "http://127.0.0.1:" + webPort;
    }

    static HttpResponse<String> http(String method, String url, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        b = form == null
                ? b.GET()
                : b.header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString(form));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everySubscriberGetsTheirPicksOnceAndOnlyNewOnesNextTime() throws Exception {
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("AI Whole Tech");
        seed.categories.add("Security");
        seed.categories.add("Science");
        Instant now = clock.instant();
        seed.published(
                "Microsoft & Mayo Clinic Team Up to Build a Healthcare-Specific AI Model",
                "AI Whole Tech",
                0,
                now.minus(Duration.ofHours(3)));
        seed.published("Ship <script>alert(1)</script> & win", "Security", 1, now.minus(Duration.ofHours(2)));
        seed.published("Comet seen twice", "Science", 2, now.minus(Duration.ofMinutes(30)));
        seed.published("Old AI news", "AI Whole Tech", now.minus(Duration.ofDays(3)));
        seed.published("Future AI news", "AI Whole Tech", now.plus(Duration.ofHours(5)));
        long retracted = seed.published("Retracted security story", "Security", now.minus(Duration.ofHours(1)))
                .getId();
        seed.picks.retract(retracted, "test");

        SubscribersRecord ada = seed.subscriber("ada@example.org", "Ada Lovelace", "Europe/Paris", "html");
        SubscribersRecord bob = seed.subscriber("bob@example.org", null, "America/New_York", "text", "Security");
        SubscribersRecord cyd =
                seed.subscriber("cyd@example.org", "Cyd", "Asia/Tokyo", "html", "AI Whole Tech", "Science");
        seed.watermark(cyd.getId(), now.minus(Duration.ofHours(1)));

        Settings withRelay = settings()
                .with(Map.of(
                        "PICKS_SMTP_HOST",
                        "127.0.0.1",
                        "PICKS_SMTP_PORT",
                        String.valueOf(smtp.getSmtp().getPort())));
        try (App app = App.boot(withRelay, clock).withoutMigrating().open()) {
            app.webServer().start("127.0.0.1", webPort);
            app.checkTemplates();
            app.sending().workers().start();
            Scheduling scheduling =
                    app.startScheduling("node-a", List.of(app.sending().dispatchTask()), false);
            scheduling.runNow(Sending.DISPATCH_TASK);
            assertThat(smtp.waitForIncomingEmail(20_000, 3)).isTrue();
            awaitNothingOutstanding(app);

            MimeMessage[] got = smtp.getReceivedMessages();
            assertThat(got).hasSize(3);
            MimeMessage toAda = byRecipient(got, "ada@example.org");
            MimeMessage toBob = byRecipient(got, "bob@example.org");
            MimeMessage toCyd = byRecipient(got, "cyd@example.org");

            // Headers
            assertThat(toAda.getFrom()[0].toString()).isEqualTo("Picks Digest <digest@picks.example.org>");
            assertThat(Mails.header(toAda, "To")).contains("Ada Lovelace").contains("<ada@example.org>");
            assertThat(toAda.getSentDate()).isNotNull();
            assertThat(toAda.getMessageID()).matches("<[^@<>]+@picks\\.example\\.org>");
            assertThat(Arrays.stream(got).map(m -> uncheckedId(m)).distinct()).hasSize(3);
            assertThat(Mails.header(toAda, "List-Id")).contains("<digest.picks.example.org>");
            assertThat(Mails.header(toAda, "List-Unsubscribe"))
                    .matches(
                            "<http://127\\.0\\.0\\.1:\\d+/u/[^>]+>, <mailto:unsubscribe@picks\\.example\\.org\\?subject=[^>]+>");
            assertThat(Mails.header(toAda, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(toAda.getSubject()).startsWith("Picks · ").contains("Microsoft & Mayo Clinic");

            // Structure: text first, then HTML; text-only subscribers get text only
            assertThat(toAda.isMimeType("multipart/alternative")).isTrue();
            assertThat(Mails.html(toAda)).isNotNull();
            assertThat(toBob.isMimeType("text/plain")).isTrue();
            assertThat(toBob.getContentType()).containsIgnoringCase("charset=UTF-8");

            // The right picks for each subscriber; escaped in HTML, intact in text
            String adaText = Mails.text(toAda);
            String adaHtml = Mails.html(toAda);
            assertThat(adaText)
                    .contains("Microsoft & Mayo Clinic", "Ship <script>alert(1)</script> & win", "Comet seen twice")
                    .doesNotContain("Old AI news", "Future AI news", "Retracted security story");
            assertThat(adaText.indexOf("Microsoft")).isLessThan(adaText.indexOf("Ship <script>"));
            assertThat(adaHtml)
                    .doesNotContain("<script>alert(1)</script>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; win");
            assertThat(adaHtml).contains("Microsoft &amp; Mayo Clinic");
            assertThat(Mails.text(toBob)).contains("Ship <script>").doesNotContain("Microsoft", "Comet");
            assertThat(Mails.text(toCyd)).contains("Comet seen twice").doesNotContain("Microsoft", "Ship");
            for (MimeMessage m : got) {
                String token = Mails.unsubscribeUrl(m)
                        .substring(Mails.unsubscribeUrl(m).lastIndexOf('/') + 1);
                assertThat(Mails.text(m)).contains(base() + "/u/" + token).contains(base() + "/prefs/" + token);
            }
            assertThat(adaHtml).contains(base() + "/prefs/");

            // The footer links work when followed
            String adaPrefs = linkIn(Mails.text(toAda), "/prefs/");
            HttpResponse<String> prefs = http("GET", adaPrefs, null);
            assertThat(prefs.statusCode()).isEqualTo(200);
            assertThat(prefs.body()).contains("ada@example.org");
            HttpResponse<String> archive = http("GET", linkIn(Mails.text(toAda), "/archive/"), null);
            assertThat(archive.statusCode()).isEqualTo(200);
            assertThat(archive.body()).contains("Microsoft &amp; Mayo Clinic");

            // Ledger: sent, with the picks recorded
            assertThat(db.database().dsl().fetchCount(DELIVERIES, DELIVERIES.STATUS.eq(DeliveryStatus.SENT)))
                    .isEqualTo(3);
            assertThat(db.database()
                            .dsl()
                            .fetchCount(DSL.selectOne()
                                    .from(DELIVERIES)
                                    .join(DIGEST_PICKS)
                                    .on(DIGEST_PICKS.DIGEST_ID.eq(DELIVERIES.DIGEST_ID))))
                    .isEqualTo(3 + 1 + 1);

            // Bob leaves with his mail client's RFC 8058 one-click POST; a day later two new picks, dispatch again
            HttpResponse<String> oneClick = http("POST", Mails.unsubscribeUrl(toBob), "List-Unsubscribe=One-Click");
            assertThat(oneClick.statusCode()).isEqualTo(200);
            assertThat(app.subscribers().find(bob.getId()).getStatus()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
            clock.advance(Duration.ofDays(1));
            seed.published("Day two AI", "AI Whole Tech", clock.instant().minus(Duration.ofHours(1)));
            seed.published("Day two security", "Security", clock.instant().minus(Duration.ofHours(1)));
            smtp.purgeEmailFromAllMailboxes();
            scheduling.runNow(Sending.DISPATCH_TASK);
            assertThat(smtp.waitForIncomingEmail(20_000, 2)).isTrue();
            awaitNothingOutstanding(app);
            MimeMessage[] second = smtp.getReceivedMessages();
            assertThat(Arrays.stream(second).map(DigestEndToEndTest::recipient))
                    .containsExactlyInAnyOrder("ada@example.org", "cyd@example.org");
            String ada2 = Mails.text(byRecipient(second, "ada@example.org"));
            assertThat(ada2)
                    .contains("Day two AI", "Day two security", "Future AI news")
                    .doesNotContain("Microsoft", "Comet", "Ship <script>");
            assertThat(Mails.text(byRecipient(second, "cyd@example.org")))
                    .contains("Day two AI", "Future AI news")
                    .doesNotContain("Day two security", "Comet");
        }
    }

    static String linkIn(String text, String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+" + path + "\\S+)")
                .matcher(text);
        assertThat(m.find()).as("a link to " + path).isTrue();
        return m.group(1);
    }

    static void awaitNothingOutstanding(App app) throws InterruptedException {
        DeliveryLedger ledger = new DeliveryLedger(app.database().dsl());
        Await.until(
                Duration.ofSeconds(20),
                () -> ledger.outstanding() == 0,
                () -> ledger.outstanding() + " deliveries still outstanding");
    }

    static MimeMessage byRecipient(MimeMessage[] msgs, String email) {
        List<MimeMessage> l =
                Arrays.stream(msgs).filter(m -> recipient(m).equals(email)).toList();
        assertThat(l).as("messages to " + email).hasSize(1);
        return l.get(0);
    }

    static String recipient(MimeMessage m) {
        try {
            return Mails.to(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String uncheckedId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
