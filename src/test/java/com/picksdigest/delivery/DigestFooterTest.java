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

/**
 * The footer of digests as received (the sender's postal address and "Forwarded this? Subscribe", in both parts,
 * through the shared fast path) and what a forwarded reader finds: the archive's pages and its Atom feed.
 */
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

    @Test
    void theArchiveFeedHasOneEntryPerSentEditionAndPagesInviteToSubscribe() throws Exception {
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("Feeds");
        seed.subscriber("feed@example.org", "Fay", "UTC", "html", "Feeds");
        try (App app = App.boot(settings(Map.of()), clock).withoutMigrating().open()) {
            app.webServer().start("127.0.0.1", webPort);
            Scheduling scheduling =
                    app.startScheduling("node-f", List.of(app.sending().dispatchTask()), false);
            app.sending().workers().start();
            List<String> dates = new java.util.ArrayList<>();
            for (int day = 0; day < 2; day++) {
                smtp.purgeEmailFromAllMailboxes();
                seed.published(
                        "Feed story <" + day + "> & co",
                        "Feeds",
                        clock.instant().minus(Duration.ofMinutes(30)));
                scheduling.runNow(Sending.DISPATCH_TASK);
                assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();
                DigestEndToEndTest.awaitNothingOutstanding(app);
                dates.add(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
                        .toString());
                if (day == 0) clock.advance(Duration.ofDays(1));
            }
            MimeMessage digest = DigestEndToEndTest.byRecipient(smtp.getReceivedMessages(), "feed@example.org");
            String base = "http://127.0.0.1:" + webPort;
            assertThat(Mails.text(digest)).contains("Forwarded this? Subscribe: " + base + "/subscribe");
            assertThat(Mails.html(digest)).contains("Forwarded this? <a href=\"" + base + "/subscribe\"");
            assertThat(DigestEndToEndTest.http("GET", base + "/subscribe", null).statusCode())
                    .isEqualTo(200);

            java.net.http.HttpResponse<String> atom = DigestEndToEndTest.http("GET", base + "/archive.atom", null);
            assertThat(atom.statusCode()).isEqualTo(200);
            assertThat(atom.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("application/atom+xml");
            List<String> sentDates = db.database()
                    .dsl()
                    .fetch("SELECT DISTINCT e.edition_date FROM editions e JOIN deliveries d ON d.edition_id = e.id"
                            + " WHERE d.status = 'sent' ORDER BY 1 DESC")
                    .map(r -> r.get(0).toString());
            assertThat(sentDates).containsAll(dates);

            // Rome reads it back as Atom 1.0.
            com.rometools.rome.feed.atom.Feed feed = (com.rometools.rome.feed.atom.Feed)
                    new com.rometools.rome.io.WireFeedInput().build(new java.io.StringReader(atom.body()));
            assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
            assertThat(feed.getTitle()).isEqualTo("Picks");
            assertThat(feed.getEntries()).hasSize(sentDates.size());
            assertThat(feed.getEntries().stream()
                            .map(e -> e.getAlternateLinks().get(0).getHref()))
                    .containsExactlyElementsOf(
                            sentDates.stream().map(d -> base + "/archive/" + d).toList());
            assertThat(feed.getOtherLinks())
                    .anySatisfy(l ->
                            assertThat(l.getRel() + " " + l.getHref()).isEqualTo("self " + base + "/archive.atom"));
            assertThat(feed.getEntries().get(0).getSummary().getValue()).contains("Feed story <1> & co");

            // Structure, read as plain XML: required elements, unique tag: ids, RFC 3339 dates.
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            org.w3c.dom.Document doc = factory.newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(
                            atom.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            String ns = "http://www.w3.org/2005/Atom";
            org.w3c.dom.Element root = doc.getDocumentElement();
            assertThat(root.getNamespaceURI() + " " + root.getLocalName()).isEqualTo(ns + " feed");
            java.util.Set<String> ids = new java.util.HashSet<>();
            java.util.function.BiFunction<org.w3c.dom.Element, String, List<String>> children = (el, name) -> {
                List<String> out = new java.util.ArrayList<>();
                for (org.w3c.dom.Node n = el.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof org.w3c.dom.Element c
                            && ns.equals(c.getNamespaceURI())
                            && name.equals(c.getLocalName())) {
                        out.add(c.getTextContent().strip());
                    }
                }
                return out;
            };
            String rfc3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";
            for (String required : List.of("id", "title", "updated")) {
                assertThat(children.apply(root, required))
                        .as("feed " + required)
                        .hasSize(1);
            }
            assertThat(children.apply(root, "updated").get(0)).matches(rfc3339);
            assertThat(children.apply(root, "author")).hasSize(1);
            ids.add(children.apply(root, "id").get(0));
            var entries = doc.getElementsByTagNameNS(ns, "entry");
            assertThat(entries.getLength()).isEqualTo(sentDates.size());
            for (int i = 0; i < entries.getLength(); i++) {
                org.w3c.dom.Element e = (org.w3c.dom.Element) entries.item(i);
                for (String required : List.of("id", "title", "updated")) {
                    assertThat(children.apply(e, required))
                            .as("entry " + i + " " + required)
                            .hasSize(1);
                }
                String id = children.apply(e, "id").get(0);
                assertThat(id).startsWith("tag:127.0.0.1,");
                assertThat(ids.add(id)).as("unique id " + id).isTrue();
                for (String date : List.of("updated", "published")) {
                    String v = children.apply(e, date).get(0);
                    assertThat(v).matches(rfc3339);
                    java.time.OffsetDateTime.parse(v);
                }
            }

            // The archive page: canonical URL, link previews, the feed, and a way to subscribe.
            java.net.http.HttpResponse<String> page =
                    DigestEndToEndTest.http("GET", base + "/archive/" + dates.get(1), null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains(
                            "<link rel=\"canonical\" href=\"" + base + "/archive/" + dates.get(1) + "\">",
                            "<meta property=\"og:url\" content=\"" + base + "/archive/" + dates.get(1) + "\">",
                            "<meta property=\"og:title\"",
                            "<meta name=\"twitter:card\" content=\"summary\">",
                            "<meta property=\"og:description\" content=\"Feed story &lt;1&gt; &amp; co",
                            "type=\"application/atom+xml\"",
                            "<a href=\"/subscribe\">Subscribe</a> and get each edition by e-mail");
            assertThat(DigestEndToEndTest.http("GET", base + "/archive", null).body())
                    .contains("<link rel=\"canonical\" href=\"" + base + "/archive\">", "Subscribe</a> and get");
            app.stopSending();
        }
    }
}
