package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.editors.Role;
import com.picksdigest.support.Await;
import com.picksdigest.support.Inbox;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workspace's CSV import over real HTTP: upload, preview, start, progress, refused lines, confirmation mails. */
class WorkspaceImportTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static final Pattern UPLOAD = Pattern.compile("name=\"upload\" value=\"([^\"]+)\"");

    static AdminStack stack;
    static DSLContext db;
    static AdminHttp ed;

    @BeforeAll
    static void start() {
        stack = new AdminStack(WorkspaceImportTest.class, smtp.getSmtp().getPort(), Clock.systemUTC(), Map.of());
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.editor("ed@example.org", Role.EDITOR);
        ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aCliFormatFileImportsActiveWithExactCountsAndRows() throws Exception {
        String csv = "email,name,timezone,send_hour,frequency,categories\n"
                + "cli1@example.com,Ann Able,Europe/Paris,7,daily,AI\n"
                + "cli2@example.com,Bob Baker,UTC,18,weekly,\n"
                + "not-an-address,Bad,UTC,7,daily,\n";
        HttpResponse<String> preview = ed.upload("/admin/subscribers/import", "file", "cli.csv", bytes(csv));
        assertThat(preview.statusCode()).isEqualTo(200);
        Map<String, List<String>> mapping = InsightChartsTest.table(preview.body(), "mapping");
        assertThat(mapping.get("email")).containsExactly("email");
        assertThat(mapping.get("send_hour")).containsExactly("send_hour");
        assertThat(InsightChartsTest.table(preview.body(), "rows")).containsKeys("cli1@example.com", "not-an-address");

        long id = startAndWait(upload(preview), "mode", "active", "attest", "yes");
        String page = ed.get("/admin/subscribers/import/" + id).body();
        Map<String, List<String>> counts = InsightChartsTest.table(page, "counts");
        assertThat(counts.get("Imported")).containsExactly("2");
        assertThat(counts.get("Refused")).containsExactly("1");
        assertThat(page).contains("<progress").doesNotContain("http-equiv=\"refresh\"");

        SubscribersRecord ann = subscriber("cli1@example.com");
        assertThat(ann.getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(ann.getName()).isEqualTo("Ann Able");
        assertThat(ann.getTimezone()).isEqualTo("Europe/Paris");
        assertThat(ann.getSendHour().intValue()).isEqualTo(7);
        assertThat(subscriber("cli2@example.com").getFrequency().stored()).isEqualTo("weekly");
        assertThat(db.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("import").and(AUDIT_LOG.SUBJECT_ID.eq(id))))
                .isEqualTo(1);

        List<CSVRecord> errors = errorsCsv(id);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).values()).containsExactly("line", "email", "message");
        assertThat(errors.get(1).get(0)).isEqualTo("4");
        assertThat(errors.get(1).get(1)).isEqualTo("not-an-address");
        assertThat(errors.get(1).get(2)).contains("is not a valid e-mail address");
    }

    @Test
    void aMailchimpExportMapsItsHeadersAndListsTheColumnsIgnored() throws Exception {
        String csv =
                "\"Email Address\",\"First Name\",\"Last Name\",\"MEMBER_RATING\"\n" + "mia@example.com,Mia,Chimp,2\n";
        HttpResponse<String> preview = ed.upload("/admin/subscribers/import", "file", "members.csv", bytes(csv));
        assertThat(preview.statusCode()).isEqualTo(200);
        Map<String, List<String>> mapping = InsightChartsTest.table(preview.body(), "mapping");
        assertThat(mapping.get("Email Address")).containsExactly("email");
        assertThat(mapping.get("First Name")).containsExactly("first name");
        assertThat(mapping.get("Last Name")).containsExactly("last name");
        assertThat(preview.body()).contains("Ignored columns: MEMBER_RATING.");

        long id = startAndWait(upload(preview), "mode", "active", "attest", "yes");
        assertThat(InsightChartsTest.table(
                                ed.get("/admin/subscribers/import/" + id).body(), "counts")
                        .get("Imported"))
                .containsExactly("1");
        assertThat(subscriber("mia@example.com").getName()).isEqualTo("Mia Chimp");
    }

    @Test
    void activeWithoutTheAttestationIs400AndImportsNothing() throws Exception {
        HttpResponse<String> preview =
                ed.upload("/admin/subscribers/import", "file", "x.csv", bytes("email,name\nnoattest@example.com,No\n"));
        int before = db.fetchCount(SUBSCRIBERS);
        HttpResponse<String> r =
                ed.submit("/admin/subscribers/import/start", "upload", upload(preview), "mode", "active");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("these people asked to receive it").contains("Nothing was imported");
        assertThat(db.fetchCount(SUBSCRIBERS)).isEqualTo(before);
        assertThat(db.fetchCount(SUBSCRIBERS, SUBSCRIBERS.EMAIL.eq("noattest@example.com")))
                .isZero();
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        HttpResponse<String> r = ed.post("/admin/subscribers/import/start", "upload", "x", "mode", "pending");
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void theErrorsCsvKeepsFormulaLikeCellsInert() throws Exception {
        String csv = "email,name\n=HYPERLINK(\"http://127.0.0.1/x\"),Eve\nok-formula@example.com,Fine\n";
        HttpResponse<String> preview = ed.upload("/admin/subscribers/import", "file", "f.csv", bytes(csv));
        long id = startAndWait(upload(preview), "mode", "active", "attest", "yes");
        List<CSVRecord> errors = errorsCsv(id);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(1).get(0)).isEqualTo("2");
        // the address cell would run as a formula in a spreadsheet: it comes back as text
        assertThat(errors.get(1).get(1)).isEqualTo("'=HYPERLINK(\"http://127.0.0.1/x\")");
        for (CSVRecord row : errors) for (String cell : row) assertThat(cell).doesNotStartWith("=");
    }

    @Test
    void aPendingImportSendsEachAConfirmationMail() throws Exception {
        String csv = "email,name\npend1@example.com,P One\npend2@example.com,P Two\n";
        HttpResponse<String> preview = ed.upload("/admin/subscribers/import", "file", "p.csv", bytes(csv));
        long id = startAndWait(upload(preview), "mode", "pending");
        assertThat(InsightChartsTest.table(
                                ed.get("/admin/subscribers/import/" + id).body(), "counts")
                        .get("Imported"))
                .containsExactly("2");
        assertThat(subscriber("pend1@example.com").getStatus()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(subscriber("pend2@example.com").getStatus()).isEqualTo(SubscriberStatus.PENDING);
        new Inbox(smtp).await("pend1@example.com", 1);
        new Inbox(smtp).await("pend2@example.com", 1);
    }

    @Test
    void aFileFarLargerThanAFormIsStreamedAndImported() throws Exception {
        StringBuilder csv = new StringBuilder("email,name,timezone\n");
        for (int i = 0; i < 4000; i++)
            csv.append("bulk")
                    .append(i)
                    .append("@example.com,Reader number ")
                    .append(i)
                    .append(",UTC\n");
        assertThat(csv.length()).isGreaterThan(150_000);
        HttpResponse<String> preview = ed.upload("/admin/subscribers/import", "file", "big.csv", bytes(csv.toString()));
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        long id = startAndWait(upload(preview), "mode", "active", "attest", "yes");
        assertThat(InsightChartsTest.table(
                                ed.get("/admin/subscribers/import/" + id).body(), "counts")
                        .get("Imported"))
                .containsExactly("4000");
        assertThat(db.fetchCount(SUBSCRIBERS, SUBSCRIBERS.EMAIL.like("bulk%@example.com")))
                .isEqualTo(4000);
    }

    @Test
    void anUploadOverTheCapIs413() {
        byte[] big = new byte[(int) ImportPages.MAX_BYTES + 200_000];
        Arrays.fill(big, (byte) 'a');
        HttpResponse<String> r = ed.upload("/admin/subscribers/import", "file", "huge.csv", big);
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void anUnknownJobIs404() {
        assertThat(ed.get("/admin/subscribers/import/999999").statusCode()).isEqualTo(404);
        assertThat(ed.get("/admin/subscribers/import/999999/errors.csv").statusCode())
                .isEqualTo(404);
    }

    private static long startAndWait(String upload, String... pairs) throws InterruptedException {
        String[] all = new String[pairs.length + 2];
        all[0] = "upload";
        all[1] = upload;
        System.arraycopy(pairs, 0, all, 2, pairs.length);
        HttpResponse<String> r = ed.submit("/admin/subscribers/import/start", all);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        Await.until(
                Duration.ofSeconds(20),
                () -> ed.get("/admin/subscribers/import/" + id).body().contains(": done</h1>"),
                () -> "import " + id + " not done");
        return id;
    }

    private static String upload(HttpResponse<String> preview) {
        Matcher m = UPLOAD.matcher(preview.body());
        assertThat(m.find()).as(preview.body()).isTrue();
        return m.group(1);
    }

    private static List<CSVRecord> errorsCsv(long id) throws Exception {
        HttpResponse<String> r = ed.get("/admin/subscribers/import/" + id + "/errors.csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return CSVFormat.RFC4180.parse(new StringReader(r.body())).getRecords();
    }

    private static SubscribersRecord subscriber(String email) {
        return db.fetchOne(SUBSCRIBERS, SUBSCRIBERS.EMAIL.eq(email));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
