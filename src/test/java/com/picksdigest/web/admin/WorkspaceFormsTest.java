package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.EDITORS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.editors.Role;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workspace's forms over real HTTP: filters, scheduling, candidates, categories, editors. */
class WorkspaceFormsTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static AdminStack stack;
    static DSLContext db;
    static AdminHttp ed;
    static AdminHttp admin;

    @BeforeAll
    static void start() {
        stack = new AdminStack(
                WorkspaceFormsTest.class,
                smtp.getSmtp().getPort(),
                Clock.systemUTC(),
                Map.of("PICKS_EDITOR_TIMEZONE", "Europe/Paris"));
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.harness.app.categories().add("Security");
        stack.editor("ed@example.org", Role.EDITOR);
        stack.editor("boss@example.org", Role.ADMIN);
        ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);
        admin = new AdminHttp(stack);
        admin.signIn("boss@example.org", AdminStack.PASSWORD);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Pages whose model is a record: a null component is no name at all, so ?? is false and ?ok's notice shows. */
    @Test
    void aRecordModelLeavesItsNullComponentsOutAndMarksItsMenuItem() {
        String feeds = ed.get("/admin/feeds?ok=feed-removed").body();
        assertThat(feeds).contains("<p class=\"notice ok\" role=\"status\">Feed removed.</p>");
        assertThat(feeds).contains("<a href=\"/admin/feeds\" aria-current=\"page\">");

        String note = ed.get("/admin/notes/2026-03-01").body();
        assertThat(note).contains("<textarea id=\"note\" name=\"note\" rows=\"8\" maxlength=\"2000\">");
        assertThat(note).doesNotContain("note-preview");
        assertThat(note).contains("<a href=\"/admin/notes\" aria-current=\"page\">");
    }

    @Test
    void theListFiltersByStatusCategoryDayAndText() {
        stack.seed.published("Quantum chips ship", "AI", Instant.parse("2026-03-10T09:00:00Z"));
        stack.seed.published("Kernel patch lands", "Security", Instant.parse("2026-03-10T10:00:00Z"));
        stack.seed.published("Older AI news", "AI", Instant.parse("2026-03-09T09:00:00Z"));
        ed.submit(
                "/admin/picks",
                "title",
                "A draft about 100% quantum_ness",
                "url",
                "https://draft.example/q",
                "category",
                "ai");

        assertThat(titles(ed.get("/admin/picks?category=ai&date=2026-03-10").body()))
                .containsExactly("Quantum chips ship");
        assertThat(titles(ed.get("/admin/picks?q=quantum").body()))
                .containsExactlyInAnyOrder("Quantum chips ship", "A draft about 100% quantum_ness");
        assertThat(titles(ed.get("/admin/picks?q=100%25").body())).containsExactly("A draft about 100% quantum_ness");
        assertThat(titles(ed.get("/admin/picks?q=_").body())).containsExactly("A draft about 100% quantum_ness");
        assertThat(titles(ed.get("/admin/picks?status=draft&q=quantum").body()))
                .containsExactly("A draft about 100% quantum_ness");
        assertThat(ed.get("/admin/picks?status=nonsense&date=not-a-date").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPickScheduledInTheEditorsZoneIsStoredInUtcAndBadTimesAreRefusedNextToTheField() {
        HttpResponse<String> bad = ed.submit(
                "/admin/picks",
                "title",
                "Scheduled story",
                "url",
                "https://sched.example/a",
                "category",
                "ai",
                "publish",
                "at",
                "publishAt",
                "tomorrow-ish");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .contains("id=\"publishAt-error\"", "Publish time must be a date and time")
                .contains("value=\"Scheduled story\"");
        HttpResponse<String> both = ed.submit(
                "/admin/picks",
                "title",
                "",
                "url",
                "https://sched.example/a",
                "category",
                "nope",
                "publish",
                "at",
                "publishAt",
                "");
        assertThat(both.body()).contains("id=\"title-error\"", "id=\"category-error\"", "id=\"publishAt-error\"");
        assertThat(db.fetchCount(PICKS, PICKS.URL.like("https://sched.example%")))
                .isZero();

        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1);
        HttpResponse<String> ok = ed.submit(
                "/admin/picks",
                "title",
                "Scheduled story",
                "url",
                "https://sched.example/a",
                "category",
                "ai",
                "publish",
                "at",
                "publishAt",
                tomorrow + "T08:30");

        assertThat(ok.statusCode()).isEqualTo(303);
        PicksRecord p = db.fetchOne(PICKS, PICKS.URL.eq("https://sched.example/a"));
        assertThat(p.getStatus()).isEqualTo(PickStatus.PUBLISHED);
        assertThat(p.getPublishedAt())
                .isEqualTo(LocalDateTime.ofInstant(
                        tomorrow.atTime(8, 30).atZone(ZoneId.of("Europe/Paris")).toInstant(),
                        java.time.ZoneOffset.UTC));
        assertThat(ed.get("/admin/picks?q=Scheduled").body()).contains("published (scheduled)");
        assertThat(ed.get("/admin/picks/" + p.getId()).body()).contains("value=\"" + tomorrow + "T08:30\"");
    }

    @Test
    void aDuplicateLinkIsRefusedAfterNormalisation() {
        ed.submit("/admin/picks", "title", "Original", "url", "https://dup.example/story", "category", "ai");
        HttpResponse<String> r = ed.submit(
                "/admin/picks",
                "title",
                "Copy",
                "url",
                "HTTPS://Dup.Example/story/?utm_source=newsletter",
                "category",
                "ai");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"url-error\"", "A pick with this URL already exists");
        assertThat(db.fetchCount(PICKS, PICKS.TITLE.eq("Copy"))).isZero();
    }

    @Test
    void categoriesAreCreatedRenamedAndRetired() {
        assertThat(ed.submit("/admin/categories", "name", "Hardware").statusCode())
                .isEqualTo(303);
        HttpResponse<String> dup = ed.submit("/admin/categories", "name", "hardware!");
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(dup.body()).contains("id=\"name-error\"", "already exists");
        int id = db.select(CATEGORIES.ID)
                .from(CATEGORIES)
                .where(CATEGORIES.SLUG.eq("hardware"))
                .fetchOne(CATEGORIES.ID);

        assertThat(ed.submit("/admin/categories/" + id, "name", "Hardware & Chips")
                        .statusCode())
                .isEqualTo(303);
        assertThat(ed.submit("/admin/categories/" + id + "/retire", "action", "retire")
                        .statusCode())
                .isEqualTo(303);

        var c = db.fetchOne(CATEGORIES, CATEGORIES.ID.eq(id));
        assertThat(c.getName()).isEqualTo("Hardware & Chips");
        assertThat(c.getSlug()).isEqualTo("hardware");
        assertThat(c.getRetired()).isTrue();
        assertThat(stack.harness.app.categories().active()).noneMatch(k -> k.getId() == id);
        assertThat(ed.get("/admin/picks/new").body()).doesNotContain("Hardware &amp; Chips");
    }

    @Test
    void aRefusedRenameShowsItsReasonOnThatCategorysRow() {
        // an id outside the JVM's small-Integer cache: the row must be matched by value
        db.insertInto(CATEGORIES, CATEGORIES.ID, CATEGORIES.NAME, CATEGORIES.SLUG)
                .values(1000, "Robotics", "robotics")
                .execute();

        HttpResponse<String> r = ed.submit("/admin/categories/1000", "name", "AI");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("aria-label=\"Name of Robotics\" class=\"invalid\"")
                .contains("A category named &quot;AI&quot; already exists.");
        assertThat(db.fetchOne(CATEGORIES, CATEGORIES.ID.eq(1000)).getName()).isEqualTo("Robotics");
    }

    @Test
    void adminsManageEditorsButNeverRemoveTheLastAdmin() {
        HttpResponse<String> weak =
                admin.submit("/admin/editors", "email", "new@example.org", "password", "short", "role", "editor");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("Password must be at least 10 characters long.");
        assertThat(admin.submit(
                                "/admin/editors",
                                "email",
                                "new@example.org",
                                "password",
                                "a good password",
                                "role",
                                "editor")
                        .statusCode())
                .isEqualTo(303);
        long boss = db.select(EDITORS.ID)
                .from(EDITORS)
                .where(EDITORS.EMAIL.eq("boss@example.org"))
                .fetchOne(EDITORS.ID);

        HttpResponse<String> demote = admin.submit("/admin/editors/" + boss, "action", "role", "role", "editor");

        assertThat(demote.statusCode()).isEqualTo(400);
        assertThat(demote.body()).contains("There must be at least one admin");
        assertThat(db.fetchOne(EDITORS, EDITORS.ID.eq(boss)).getRole()).isEqualTo("admin");
        assertThat(new AdminHttp(stack)
                        .signIn("new@example.org", "a good password")
                        .statusCode())
                .isEqualTo(303);
    }

    private static java.util.List<String> titles(String html) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("class=\"pick-title\">([^<]*)<").matcher(html);
        while (m.find()) out.add(m.group(1).replace("&amp;", "&"));
        return out;
    }
}
