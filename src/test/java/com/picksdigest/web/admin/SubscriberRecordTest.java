package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBER_CATEGORIES;
import static com.picksdigest.db.generated.Tables.SUPPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.editors.Role;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.support.Inbox;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The subscriber record, its support actions, the search, bulk unsubscribe and export, over real HTTP. */
class SubscriberRecordTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static AdminStack stack;
    static DSLContext db;
    static AdminHttp ed;
    static AdminHttp admin;
    static SubscribersRecord reader;
    static SubscribersRecord failing;

    @BeforeAll
    static void sendOneEdition() throws Exception {
        stack = new AdminStack(SubscriberRecordTest.class, smtp.getSmtp().getPort(), Clock.systemUTC(), Map.of());
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.harness.app.categories().add("Science");
        stack.editor("ed@example.org", Role.EDITOR);
        stack.editor("boss@example.org", Role.ADMIN);
        stack.seed.published("The story it held", "AI", Instant.now().minusSeconds(600));
        reader = stack.seed.subscriber("reader@example.com", "Rita Reader", "UTC", "html");
        failing = stack.seed.subscriber("failing@example.com", null, "UTC", "html");
        stack.harness.sendNow();
        db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.FAILED)
                .set(DELIVERIES.LAST_REPLY, "550 5.1.1 <failing@example.com> no such user")
                .where(DELIVERIES.SUBSCRIBER_ID.eq(failing.getId()))
                .execute();
        ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);
        admin = new AdminHttp(stack);
        admin.signIn("boss@example.org", AdminStack.PASSWORD);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theRecordShowsProfileHistoryDeliveriesRepliesAndPicksHeld() {
        String page = ed.get("/admin/subscribers/" + reader.getId()).body();

        assertThat(page)
                .contains("Rita Reader", "<td id=\"follows\">all categories</td>")
                .contains("<td class=\"event-type\">subscribed</td>")
                .contains("<td class=\"delivery-status\">sent</td>")
                .contains("The story it held</a>");
        assertThat(ed.get("/admin/subscribers/" + failing.getId()).body())
                .contains("<td class=\"delivery-status\">failed</td>")
                .contains("<td class=\"reply\">550 5.1.1 &lt;failing@example.com&gt; no such user</td>");
        // the edition's report leads from a failure to the record
        assertThat(ed.get("/admin/reports/" + java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                        .body())
                .contains("<a href=\"/admin/subscribers/" + failing.getId() + "\">failing@example.com</a>");
        assertThat(ed.get("/admin/subscribers/999999").statusCode()).isEqualTo(404);
        assertThat(ed.get("/admin/subscribers/abc").statusCode()).isEqualTo(404);
    }

    @Test
    void eachSupportActionChangesTheRecordAndIsAudited() throws Exception {
        SubscribersRecord s = add("support@example.com", "Sam", SubscriberStatus.ACTIVE);
        String path = "/admin/subscribers/" + s.getId();

        assertThat(ed.submit(path + "/pause", "weeks", "2").statusCode()).isEqualTo(303);
        assertThat(fresh(s).getPausedUntil()).isNotNull();

        assertThat(ed.submit(
                                path + "/preferences",
                                "name",
                                "Samuel",
                                "timezone",
                                "Europe/Paris",
                                "sendHour",
                                "7",
                                "frequency",
                                "daily",
                                "format",
                                "text",
                                "categories",
                                "science")
                        .statusCode())
                .isEqualTo(303);
        assertThat(fresh(s).getName()).isEqualTo("Samuel");
        assertThat(fresh(s).getFormat()).isEqualTo(DigestFormat.TEXT);
        assertThat(db.fetchCount(SUBSCRIBER_CATEGORIES, SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(s.getId())))
                .isEqualTo(1);
        assertThat(ed.get(path).body()).contains("<td id=\"follows\">Science</td>");

        int version = fresh(s).getTokenVersion();
        assertThat(ed.submit(path + "/links").statusCode()).isEqualTo(303);
        assertThat(fresh(s).getTokenVersion()).isEqualTo(version + 1);
        new Inbox(smtp).await("support@example.com", 1);

        assertThat(ed.submit(path + "/confirmation").statusCode())
                .as("active: nothing to confirm")
                .isEqualTo(409);
        assertThat(ed.submit(path + "/unsubscribe").statusCode()).isEqualTo(303);
        assertThat(fresh(s).getStatus()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);

        assertThat(audited(s.getId())).containsExactly("pause", "preferences", "send-links", "unsubscribe");
        assertThat(db.select(AUDIT_LOG.ACTOR)
                        .from(AUDIT_LOG)
                        .where(AUDIT_LOG.SUBJECT_ID.eq(s.getId()))
                        .fetch(AUDIT_LOG.ACTOR))
                .allMatch(a -> a.contains("ed@example.org"));
        assertThat(ed.get(path).body()).contains(">paused</td>", ">preferences</td>", ">unsubscribed</td>");
    }

    @Test
    void aPendingSubscriberGetsTheirConfirmationAgain() throws Exception {
        SubscribersRecord s = add("pending@example.com", null, SubscriberStatus.PENDING);

        assertThat(ed.submit("/admin/subscribers/" + s.getId() + "/confirmation")
                        .statusCode())
                .isEqualTo(303);

        new Inbox(smtp).await("pending@example.com", 1);
        assertThat(audited(s.getId())).containsExactly("resend-confirmation");
    }

    @Test
    void withoutASessionTheRecordTheExportAndTheChartsAreClosed() {
        AdminHttp anonymous = new AdminHttp(stack);
        for (String path : List.of(
                "/admin/subscribers/" + reader.getId(),
                "/admin/subscribers/export?q=example",
                "/admin/charts/growth",
                "/admin")) {
            assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(303);
        }
        assertThat(anonymous
                        .post("/admin/subscribers/" + reader.getId() + "/erase", "confirm", "yes")
                        .statusCode())
                .isEqualTo(303);
        assertThat(fresh(reader)).isNotNull();
    }

    @Test
    void withoutTheFormTokenNothingChanges() {
        SubscribersRecord s = add("csrf@example.com", null, SubscriberStatus.ACTIVE);

        HttpResponse<String> r = ed.post("/admin/subscribers/" + s.getId() + "/unsubscribe", "csrf", "forged");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(fresh(s).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(audited(s.getId())).isEmpty();
    }

    @Test
    void onlyAnAdminErasesAndTheAddressIsSuppressed() {
        SubscribersRecord s = add("erase-me@example.com", null, SubscriberStatus.ACTIVE);
        String path = "/admin/subscribers/" + s.getId();
        assertThat(ed.get(path).body()).doesNotContain("/erase\"");
        int suppressed = db.fetchCount(SUPPRESSIONS);

        assertThat(ed.submit(path + "/erase", "confirm", "yes").statusCode()).isEqualTo(403);
        assertThat(fresh(s)).isNotNull();
        assertThat(admin.submit(path + "/erase").statusCode())
                .as("not confirmed")
                .isEqualTo(400);
        assertThat(fresh(s)).isNotNull();

        assertThat(admin.submit(path + "/erase", "confirm", "yes").statusCode()).isEqualTo(303);

        assertThat(fresh(s)).isNull();
        assertThat(db.fetchCount(SUPPRESSIONS)).isEqualTo(suppressed + 1);
        assertThat(audited(s.getId())).containsExactly("erase");
        assertThat(admin.get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void searchFiltersByAddressNameStatusCategoryAndJoinDates() {
        SubscribersRecord old = add("find-old@example.com", "Olga Old", SubscriberStatus.ACTIVE);
        add("find-pending@example.com", "Pete", SubscriberStatus.PENDING);
        SubscribersRecord sci = stack.seed.subscriber("find-sci@example.com", null, "UTC", "html", "science");
        stack.seed.subscriber("find-ai@example.com", null, "UTC", "html", "ai");
        db.update(SUBSCRIBERS)
                .set(SUBSCRIBERS.CREATED_AT, LocalDateTime.parse("2026-01-15T10:00:00"))
                .where(SUBSCRIBERS.ID.eq(old.getId()))
                .execute();
        String science =
                stack.harness.app.categories().require("science").getId().toString();

        assertThat(found("q=find-")).hasSize(4);
        assertThat(found("q=find-&status=pending")).containsExactly("find-pending@example.com");
        assertThat(found("name=olga")).containsExactly("find-old@example.com");
        assertThat(found("q=find-&from=2026-01-01&to=2026-01-31")).containsExactly("find-old@example.com");
        // receives Science: its follower and those who follow nothing (all categories)
        assertThat(found("q=find-&category=" + science))
                .contains(sci.getEmail(), "find-old@example.com")
                .doesNotContain("find-ai@example.com");
        assertThat(ed.get("/admin/subscribers?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(ed.get("/admin/subscribers?status=nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void exportOfASearchIsCsvWithFormulasNeutralised() throws Exception {
        add("csv1@example.com", "=cmd|' /C calc'!A0", SubscriberStatus.ACTIVE);
        add("csv2@example.com", "+SUM(1,2)", SubscriberStatus.ACTIVE);
        add("csv3@example.com", "@attack", SubscriberStatus.ACTIVE);
        add("csv4@example.com", "-5, plain \"quoted\"", SubscriberStatus.ACTIVE);

        HttpResponse<String> r = ed.get("/admin/subscribers/export?q=csv");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new StringReader(r.body()))
                .getRecords();
        assertThat(rows)
                .extracting(x -> x.get("email"))
                .containsExactly("csv1@example.com", "csv2@example.com", "csv3@example.com", "csv4@example.com");
        assertThat(rows)
                .extracting(x -> x.get("name"))
                .containsExactly("'=cmd|' /C calc'!A0", "'+SUM(1,2)", "'@attack", "'-5, plain \"quoted\"");
        for (CSVRecord row : rows) {
            for (String cell : row) assertThat(cell).doesNotMatch("(?s)^[=+\\-@\t\r].*");
        }
        assertThat(db.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("export"))).isPositive();
    }

    @Test
    void bulkUnsubscribeActsOnTheSearchResultOnly() {
        SubscribersRecord a = add("bulk-a@example.com", null, SubscriberStatus.ACTIVE);
        SubscribersRecord b = add("bulk-b@example.com", null, SubscriberStatus.ACTIVE);
        SubscribersRecord other = add("other@example.com", null, SubscriberStatus.ACTIVE);

        assertThat(ed.submit("/admin/subscribers/unsubscribe", "q", "bulk-").statusCode())
                .as("not confirmed")
                .isEqualTo(400);
        assertThat(ed.submit("/admin/subscribers/unsubscribe", "confirm", "yes").statusCode())
                .as("no filter")
                .isEqualTo(400);
        assertThat(fresh(a).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);

        assertThat(ed.submit("/admin/subscribers/unsubscribe", "q", "bulk-", "confirm", "yes")
                        .statusCode())
                .isEqualTo(303);

        assertThat(fresh(a).getStatus()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(fresh(b).getStatus()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(fresh(other).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(audited(a.getId())).containsExactly("unsubscribe");
    }

    // --- helpers

    private static SubscribersRecord add(String email, String name, SubscriberStatus status) {
        return stack.harness
                .app
                .subscribers()
                .add(new SubscriberInput(email, name, "UTC", 8, "daily", null, "html", "en", List.of()), status);
    }

    private static SubscribersRecord fresh(SubscribersRecord s) {
        return db.selectFrom(SUBSCRIBERS).where(SUBSCRIBERS.ID.eq(s.getId())).fetchOne();
    }

    private static List<String> audited(long id) {
        return db.select(AUDIT_LOG.ACTION)
                .from(AUDIT_LOG)
                .where(AUDIT_LOG.SUBJECT.eq("subscriber"))
                .and(AUDIT_LOG.SUBJECT_ID.eq(id))
                .orderBy(AUDIT_LOG.ID)
                .fetch(AUDIT_LOG.ACTION);
    }

    private static List<String> found(String query) {
        HttpResponse<String> r = ed.get("/admin/subscribers?" + query);
        assertThat(r.statusCode()).as(query).isEqualTo(200);
        return InsightChartsTest.table(r.body(), "found").keySet().stream()
                .map(cell -> cell.replaceAll("<[^>]+>", " ").strip().split("\\s+")[0])
                .toList();
    }
}
