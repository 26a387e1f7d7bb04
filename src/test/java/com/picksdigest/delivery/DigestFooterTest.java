package com.picksdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.schedule.Scheduling;
import com.picksdigest.support.Mails;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The footer of digests as received: the sender's postal address, in both parts, through the shared fast path. */
class DigestFooterTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final String POSTAL = "Picks & Co, 1 <Main> Street, Springfield, IL 62701, USA";
    static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static TestDatabase db;
    static int webPort;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.migrated(DigestFooterTest.class);
        try (ServerSocket s = new ServerSocket(0)) {
            webPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static Settings settings(Map<String, String> extra) {
        return Settings.of(Map.of(
                        "PICKS_DB_URL",
                        db.url(),
                        "PICKS_SECRET",
                        "footer-secret-footer-secret-footer-secret",
                        "PICKS_FROM",
                        "Picks Digest <digest@picks.example.org>",
                        "PICKS_BASE_URL",
                        "http://127.0.0.1:" + webPort,
                        "PICKS_SEND_THREADS",
                        "2",
                        "PICKS_SITE_NAME",
                        "Picks",
                        "PICKS_SMTP_HOST",
                        "127.0.0.1",
                        "PICKS_SMTP_PORT",
                        String.valueOf(smtp.getSmtp().getPort())))
                .with(extra);
    }

    /** Runs the hourly dispatch once and waits until every delivery has ended; returns what arrived. */
    static MimeMessage[] dispatch(App app, int expected) throws Exception {
        Scheduling scheduling =
                app.startScheduling("node-a", List.of(app.sending().dispatchTask()), false);
        try {
            app.sending().workers().start();
            scheduling.runNow(Sending.DISPATCH_TASK);
            assertThat(smtp.waitForIncomingEmail(20_000, expected)).isTrue();
            DigestEndToEndTest.awaitNothingOutstanding(app);
        } finally {
            app.stopSending();
        }
        return smtp.getReceivedMessages();
    }

    @Test
    void everyDigestCarriesThePostalAddressInBothParts() throws Exception {
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("News");
        seed.categories.add("Security");
        seed.published("Footer news", "News", clock.instant().minus(Duration.ofHours(1)));
        seed.published("Footer security", "Security", clock.instant().minus(Duration.ofHours(1)));
        // Three distinct digests: HTML with all picks, HTML with one category, text only.
        seed.subscriber("html@example.org", "Hana", "Europe/Paris", "html");
        seed.subscriber("one@example.org", null, "UTC", "html", "Security");
        seed.subscriber("text@example.org", "Tex", "UTC", "text");

        try (App app = App.boot(settings(Map.of("PICKS_POSTAL_ADDRESS", POSTAL)), clock)
                .withoutMigrating()
                .open()) {
            app.checkTemplates();
            MimeMessage[] got = dispatch(app, 3);
            assertThat(got).hasSize(3);
            for (MimeMessage m : got) {
                assertThat(Mails.text(m)).as(Mails.to(m)).contains("Picks, " + POSTAL);
            }
            for (String to : List.of("html@example.org", "one@example.org")) {
                String html = Mails.html(DigestEndToEndTest.byRecipient(got, to));
                assertThat(html)
                        .as(to)
                        .contains("Picks &middot; Picks &amp; Co, 1 &lt;Main&gt; Street, Springfield, IL 62701, USA")
                        .doesNotContain("<Main>");
            }
            assertThat(DigestEndToEndTest.byRecipient(got, "text@example.org").isMimeType("text/plain"))
                    .isTrue();
        }
    }
}
