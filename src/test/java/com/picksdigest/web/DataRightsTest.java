package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUPPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.delivery.DigestIds;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.support.Cli;
import com.picksdigest.support.Seed;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.tools.json.JSONParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and erasure, from the subscriber's link and from the command line. */
class DataRightsTest {
    private static WebTestSupport w;
    private static Seed seed;
    private static Cli cli;

    @BeforeAll
    static void start() {
        w = new WebTestSupport(DataRightsTest.class);
        seed = new Seed(w.db, Clock.systemUTC());
        w.categories.add("AI");
        cli = new Cli(Map.of("PICKS_DB_URL", w.testDb.url()));
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    private static SubscribersRecord subscriberWithHistory(String email) {
        SubscribersRecord s = w.subscribers.add(
                new SubscriberInput(email, "Dana", "UTC", 9, "daily", null, "html", "en", List.of("ai")),
                SubscriberStatus.ACTIVE);
        long pick = seed.published(
                        "Story for subscriber " + s.getId(), "AI", Instant.now().minusSeconds(3600))
                .getId();
        LocalDate date = LocalDate.of(2026, 3, 1).plusDays(s.getId());
        w.db.insertInto(EDITIONS, EDITIONS.EDITION_DATE).values(date).execute();
        long edition = w.db.select(EDITIONS.ID)
                .from(EDITIONS)
                .where(EDITIONS.EDITION_DATE.eq(date))
                .fetchOne(EDITIONS.ID);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        w.db.insertInto(DELIVERIES)
                .set(DELIVERIES.EDITION_ID, edition)
                .set(DELIVERIES.SUBSCRIBER_ID, s.getId())
                .set(DELIVERIES.STATUS, DeliveryStatus.SENT)
                .set(DELIVERIES.ATTEMPTS, 1)
                .set(DELIVERIES.SENT_AT, now)
                .set(DELIVERIES.MESSAGE_ID, "<m" + s.getId() + "@picks.example.org>")
                .set(DELIVERIES.LAST_REPLY, "250 2.0.0 Ok")
                .set(DELIVERIES.DIGEST_ID, new DigestIds(w.db).idFor(List.of(pick)))
                .execute();
        w.subscribers.updatePreferences(
                s.getId(), new SubscriberInput(null, "Dana", "UTC", 9, "weekly", 2, "html", null, List.of("ai")));
        return w.subscribers.find(s.getId());
    }

    @Test
    void theExportIsValidJsonWithProfileFollowsDeliveriesAndEvents() throws Exception {
        SubscribersRecord s = subscriberWithHistory("export.me@example.com");

        HttpResponse<String> r = w.get("/prefs/" + w.token(s) + "/export");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(r.headers().firstValue("Content-Disposition"))
                .get()
                .asString()
                .startsWith("attachment");
        Map<?, ?> doc = (Map<?, ?>) new JSONParser().parse(r.body());
        Map<?, ?> profile = (Map<?, ?>) doc.get("profile");
        assertThat(profile.get("email")).isEqualTo("export.me@example.com");
        assertThat(profile.get("frequency")).isEqualTo("weekly");
        assertThat(profile.get("send_hour")).isEqualTo(9L);
        assertThat(doc.get("follows")).isEqualTo(List.of("AI"));
        List<?> deliveries = (List<?>) doc.get("deliveries");
        assertThat(deliveries).hasSize(1);
        Map<?, ?> d = (Map<?, ?>) deliveries.get(0);
        assertThat(d.get("status")).isEqualTo("sent");
        assertThat(d.get("message_id")).isEqualTo("<m" + s.getId() + "@picks.example.org>");
        assertThat(d.get("edition_date"))
                .isEqualTo(LocalDate.of(2026, 3, 1).plusDays(s.getId()).toString());
        assertThat(((Map<?, ?>) ((List<?>) d.get("picks")).get(0)).get("title"))
                .isEqualTo("Story for subscriber " + s.getId());
        assertThat(((List<?>) doc.get("events"))
                        .stream().map(e -> ((Map<?, ?>) e).get("type")).toList())
                .isEqualTo(List.of("subscribed", "preferences"));

        Cli.Result twin = cli.run("subscribers", "export", "EXPORT.me@example.com");
        assertThat(twin.exitCode()).isZero();
        Map<?, ?> fromCli = (Map<?, ?>) new JSONParser().parse(twin.out());
        assertThat(fromCli.get("profile")).isEqualTo(profile);
        assertThat(fromCli.get("deliveries")).isEqualTo(deliveries);
        Cli.Result unknown = cli.run("subscribers", "export", "nobody@example.com");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("No subscriber has the address nobody@example.com.");
    }

    @Test
    void erasureLeavesNoRowWithTheAddressAndImportsRefuseIt(@TempDir Path dir) throws Exception {
        String email = "Erase.Me@example.com";
        SubscribersRecord s = subscriberWithHistory(email);
        SubscribersRecord other = w.subscriber("Other", List.of());
        // Another subscriber once moved away from this address: their history named it.
        w.db.insertInto(EVENTS)
                .set(EVENTS.SUBSCRIBER_ID, other.getId())
                .set(EVENTS.TYPE, "email_changed")
                .set(EVENTS.DETAIL, "from erase.me@example.com to " + other.getEmail())
                .execute();
        String token = w.token(s);

        HttpResponse<String> ask = w.get("/prefs/" + token + "/erase");
        assertThat(ask.statusCode()).isEqualTo(200);
        assertThat(ask.body()).contains("Erase everything about", ">Erase my data</button>");
        assertThat(w.postForm("/prefs/" + token + "/erase").statusCode()).isEqualTo(403);
        assertThat(w.snapshot(s.getId())).contains(email);
        assertThat(rowsMentioning("erase.me"))
                .as("the search finds the address while it is there")
                .contains(
                        "subscribers.email: " + email,
                        "subscribers.email_key: erase.me@example.com",
                        "events.detail: from erase.me@example.com to " + other.getEmail());

        HttpResponse<String> done = w.postForm("/prefs/" + token + "/erase", "csrf", w.csrf.issue(token));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Your data is erased").doesNotContain("Erase.Me");
        assertThat(rowsMentioning("erase.me"))
                .as("rows anywhere that hold the address")
                .isEmpty();
        assertThat(w.db.fetchCount(DELIVERIES, DELIVERIES.SUBSCRIBER_ID.eq(s.getId())))
                .isZero();
        assertThat(w.db.fetchCount(EVENTS, EVENTS.SUBSCRIBER_ID.eq(s.getId()))).isZero();
        assertThat(w.db.fetchCount(EVENTS, EVENTS.TYPE.eq("erased").and(EVENTS.DETAIL.eq("subscriber #" + s.getId()))))
                .isEqualTo(1);
        assertThat(w.db.fetchCount(SUPPRESSIONS)).isEqualTo(1);
        assertThat(w.get("/prefs/" + token).statusCode())
                .as("the link is revoked")
                .isEqualTo(410);
        assertThat(w.postForm("/prefs/" + token + "/erase", "csrf", w.csrf.issue(token))
                        .statusCode())
                .isEqualTo(410);

        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "email,name\nerase.me@EXAMPLE.com,Back Again\nfresh.import@example.com,Fresh\n");
        Cli.Result imported = cli.run("subscribers", "import", csv.toString());
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err()).contains("line 2: erase.me@EXAMPLE.com is suppressed");
        assertThat(imported.out()).contains("Imported 1 subscriber(s); 1 line(s) refused.");
        Cli.Result added = cli.run("subscribers", "add", "ERASE.ME@example.com");
        assertThat(added.exitCode()).isEqualTo(1);
        assertThat(added.err()).contains("is suppressed");
        assertThat(rowsMentioning("erase.me")).isEmpty();
    }

    @Test
    void theCliEraseTwinErasesAndSuppressesEvenAnUnknownAddress() {
        SubscribersRecord s = subscriberWithHistory("cli.erase@example.com");

        Cli.Result r = cli.run("subscribers", "erase", "cli.erase@example.com");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Erased subscriber #" + s.getId());
        assertThat(rowsMentioning("cli.erase")).isEmpty();
        assertThat(cli.run("subscribers", "erase", "never.here@example.com").out())
                .contains("suppressed now");
        assertThat(cli.run("subscribers", "add", "never.here@example.com").exitCode())
                .isEqualTo(1);
        Cli.Result bad = cli.run("subscribers", "erase", "not an address");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("\"not an address\" is not a valid e-mail address.");
    }

    /** Every text column of every table in the schema, searched for {@code needle}: "table.column: value". */
    private static List<String> rowsMentioning(String needle) {
        List<String> hits = new java.util.ArrayList<>();
        for (var col : w.db.resultQuery("SELECT table_name, column_name FROM information_schema.columns "
                        + "WHERE table_schema = DATABASE() AND data_type IN ('char', 'varchar', 'text', 'mediumtext', 'longtext', "
                        + "'tinytext')")
                .fetch()) {
            String table = col.get(0, String.class);
            String column = col.get(1, String.class);
            for (var v : w.db.resultQuery(
                            "SELECT `" + column + "` FROM `" + table + "` WHERE LOWER(`" + column + "`) LIKE ?",
                            "%" + needle + "%")
                    .fetch()) {
                hits.add(table + "." + column + ": " + v.get(0));
            }
        }
        return hits;
    }
}
