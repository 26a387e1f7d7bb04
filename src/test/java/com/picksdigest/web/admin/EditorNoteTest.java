package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static com.picksdigest.db.generated.Tables.EDITION_NOTES;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.delivery.Sending;
import com.picksdigest.editors.Role;
import com.picksdigest.schedule.Scheduling;
import com.picksdigest.support.Inbox;
import com.picksdigest.support.Mails;
import com.picksdigest.support.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The editor's note as an editor writes it (workspace pages over HTTP) and as readers receive it (both parts of the
 * digest through the edition path, parsed from GreenMail): Markdown rendered, raw HTML and javascript: links
 * defused, audited, only on its own date.
 */
class EditorNoteTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final String NOTE = """
            **Big news**: we moved to a [new home](https://example.org/home).

            <script>alert("note")</script>

            A [sneaky link](javascript:alert(1)) stays text.""";

    static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static AdminStack stack;
    static DSLContext db;
    AdminHttp ed;

    @BeforeAll
    static void setUp() {
        stack = new AdminStack(EditorNoteTest.class, smtp.getSmtp().getPort(), clock, Map.of());
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("News");
        stack.editor("ed@example.org", Role.EDITOR);
    }

    @BeforeEach
    void signIn() {
        ed = new AdminHttp(stack);
        assertThat(ed.signIn("ed@example.org", AdminStack.PASSWORD).statusCode())
                .isEqualTo(303);
    }

    @AfterAll
    static void tearDown() {
        stack.close();
    }

    static String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    @Test
    void aSavedNoteTopsThatDaysDigestsInBothPartsAndNotTheNextDays() throws Exception {
        String date = today();
        stack.seed.published("First story of the day", "News", clock.instant().minus(Duration.ofHours(1)));
        stack.seed.subscriber("html-reader@example.com", "Hana", "UTC", "html");
        stack.seed.subscriber("text-reader@example.com", "Tex", "UTC", "text");

        // preview: rendered as the digest will show it, nothing stored
        HttpResponse<String> preview = ed.submit("/admin/notes/" + date, "note", NOTE, "action", "preview");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("<strong>Big news</strong>").doesNotContain("<script>alert");
        assertThat(db.fetchCount(EDITION_NOTES)).isZero();

        HttpResponse<String> saved = ed.submit("/admin/notes/" + date, "note", NOTE, "action", "save");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location"))
                .get()
                .asString()
                .endsWith("/admin/notes/" + date + "?ok=saved");
        assertThat(ed.get("/admin/notes").body())
                .contains("/admin/notes/" + date)
                .contains("Big news");
        assertThat(db.selectFrom(AUDIT_LOG)
                        .where(AUDIT_LOG.SUBJECT.eq("note"))
                        .fetch(r -> r.getActor() + " " + r.getAction() + " "
                                + r.getDetail().startsWith(date)))
                .containsExactly("ed@example.org save true");

        // as serve sends: the hourly dispatch, then the workers
        Scheduling scheduling = stack.harness.startScheduled("node-a", false);
        scheduling.runNow(Sending.DISPATCH_TASK);
        assertThat(smtp.waitForIncomingEmail(20_000, 2)).isTrue();
        String html = Mails.html(to("html-reader@example.com"));
        assertThat(html)
                .contains("<strong>Big news</strong>")
                .contains("<a href=\"https://example.org/home\">new home</a>")
                .contains("&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;")
                .contains("<p>A sneaky link stays text.</p>")
                .doesNotContain("<script")
                .doesNotContain("javascript:");
        assertThat(html.indexOf("Big news")).isLessThan(html.lastIndexOf("First story of the day"));
        String text = Mails.text(to("text-reader@example.com")).replace("\r\n", "\n");
        assertThat(text)
                .contains("Big news: we moved to a new home (https://example.org/home).\n\n")
                .contains("\n\nA sneaky link stays text.")
                .doesNotContain("**")
                .doesNotContain("javascript:");
        assertThat(text.indexOf("Big news")).isLessThan(text.lastIndexOf("First story of the day"));
        assertThat(Mails.text(to("html-reader@example.com"))).contains("Big news: we moved to a new home");

        // the next day's digests carry no note
        smtp.purgeEmailFromAllMailboxes();
        clock.advance(Duration.ofDays(1));
        stack.seed.published("Next day's story", "News", clock.instant().minus(Duration.ofMinutes(30)));
        scheduling.runNow(Sending.DISPATCH_TASK);
        assertThat(smtp.waitForIncomingEmail(20_000, 2)).isTrue();
        MimeMessage next = to("html-reader@example.com");
        assertThat(Mails.html(next)).contains("Next day&#39;s story").doesNotContain("Big news");
        assertThat(Mails.text(next)).doesNotContain("Big news");
    }

    @Test
    void aNoteTooLongOrWithoutCsrfChangesNothingAndAnEmptyOneRemovesIt() {
        String date = "2031-01-15";
        HttpResponse<String> tooLong = ed.submit("/admin/notes/" + date, "note", "x".repeat(2_001), "action", "save");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 2000");
        assertThat(ed.post("/admin/notes/" + date, "note", "hello", "action", "save")
                        .statusCode())
                .isEqualTo(403);
        assertThat(db.fetchCount(EDITION_NOTES, EDITION_NOTES.EDITION_DATE.eq(LocalDate.parse(date))))
                .isZero();
        assertThat(ed.get("/admin/notes/not-a-date").statusCode()).isEqualTo(404);

        assertThat(ed.submit("/admin/notes/" + date, "note", "Holiday edition", "action", "save")
                        .statusCode())
                .isEqualTo(303);
        assertThat(ed.get("/admin/notes/" + date).body()).contains("Holiday edition");
        assertThat(ed.submit("/admin/notes/" + date, "note", "  ", "action", "save")
                        .statusCode())
                .isEqualTo(303);
        assertThat(db.fetchCount(EDITION_NOTES, EDITION_NOTES.EDITION_DATE.eq(LocalDate.parse(date))))
                .isZero();
        assertThat(db.fetchCount(AUDIT_LOG, AUDIT_LOG.SUBJECT.eq("note").and(AUDIT_LOG.ACTION.eq("remove"))))
                .isEqualTo(1);
    }

    private static MimeMessage to(String address) {
        List<MimeMessage> got = new Inbox(smtp).to(address);
        assertThat(got).as("received for " + address).hasSize(1);
        return got.get(0);
    }
}
