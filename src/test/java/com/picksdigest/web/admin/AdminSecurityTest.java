package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static com.picksdigest.db.generated.Tables.EDITORS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.editors.Role;
import com.picksdigest.support.Mails;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminSecurityTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static AdminStack stack;
    static DSLContext db;

    @BeforeAll
    static void start() {
        stack = new AdminStack(AdminSecurityTest.class, smtp.getSmtp().getPort(), Clock.systemUTC(), Map.of());
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.editor("admin@example.org", Role.ADMIN);
        stack.editor("editor@example.org", Role.EDITOR);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void withoutASessionEveryWorkspacePageRedirectsToSignIn() {
        AdminHttp anonymous = new AdminHttp(stack);
        for (String path : List.of(
                "/admin",
                "/admin/picks",
                "/admin/picks/new",
                "/admin/picks/1",
                "/admin/candidates",
                "/admin/categories",
                "/admin/feeds",
                "/admin/preview",
                "/admin/preview/html",
                "/admin/reports",
                "/admin/subscribers",
                "/admin/editors",
                "/admin/settings",
                "/admin/audit",
                "/admin/account",
                "/admin/no-such-page")) {
            HttpResponse<String> r = anonymous.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location").orElseThrow())
                    .as(path)
                    .startsWith("/admin/login?next=");
        }
        assertThat(anonymous.get("/admin/picks?q=x").headers().firstValue("Location"))
                .hasValue("/admin/login?next=%2Fadmin%2Fpicks%3Fq%3Dx");

        int before = db.fetchCount(PICKS);
        HttpResponse<String> post =
                anonymous.post("/admin/picks", "title", "T", "url", "https://e.example/x", "category", "ai");
        assertThat(post.statusCode()).isEqualTo(303);
        assertThat(db.fetchCount(PICKS)).isEqualTo(before);
    }

    @Test
    void signInSetsAHardenedCookieAndSignOutEndsTheSession() {
        AdminHttp ed = new AdminHttp(stack);
        HttpResponse<String> r = ed.signIn("Editor@Example.org", AdminStack.PASSWORD);

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/admin/picks");
        String cookie = AdminHttp.setCookies(r).stream()
                .filter(c -> c.startsWith("picks_admin="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .contains("Path=/admin")
                .doesNotContainIgnoringCase("Secure");
        assertThat(ed.get("/admin/picks").statusCode()).isEqualTo(200);

        assertThat(ed.submit("/admin/logout").statusCode()).isEqualTo(303);
        assertThat(ed.get("/admin/picks").statusCode()).isEqualTo(303);
    }

    @Test
    void behindHttpsTheCookieIsSecure() {
        try (AdminStack https =
                new AdminStack(AdminSecurityTest.class, smtp.getSmtp().getPort(), Clock.systemUTC(), Map.of(), true)) {
            https.editor("admin@example.org", Role.ADMIN);
            HttpResponse<String> r = new AdminHttp(https).signIn("admin@example.org", AdminStack.PASSWORD);
            assertThat(AdminHttp.setCookies(r))
                    .anySatisfy(c -> assertThat(c).startsWith("picks_admin=").contains("Secure"));
        }
    }

    @Test
    void fiveWrongPasswordsThrottleEvenTheRightOne() {
        stack.editor("target@example.org", Role.EDITOR);
        AdminHttp attacker = new AdminHttp(stack);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = attacker.signIn("target@example.org", "wrong password " + i);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("Wrong e-mail address or password.");
        }
        HttpResponse<String> sixth = attacker.signIn("target@example.org", AdminStack.PASSWORD);

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.body()).contains("Too many failed sign-ins. Try again in 15 minutes.");
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
        assertThat(attacker.cookies).doesNotContainKey("picks_admin");
        // another address is not locked out by it
        assertThat(new AdminHttp(stack)
                        .signIn("admin@example.org", AdminStack.PASSWORD)
                        .statusCode())
                .isEqualTo(303);
    }

    @Test
    void anEditorCannotReachAdminPages() {
        AdminHttp ed = new AdminHttp(stack);
        ed.signIn("editor@example.org", AdminStack.PASSWORD);
        for (String path : List.of("/admin/editors", "/admin/settings", "/admin/audit")) {
            assertThat(ed.get(path).statusCode()).as(path).isEqualTo(403);
        }
        int editors = db.fetchCount(EDITORS);
        HttpResponse<String> r =
                ed.submit("/admin/editors", "email", "mole@example.org", "password", "long enough pw", "role", "admin");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(db.fetchCount(EDITORS)).isEqualTo(editors);
        assertThat(ed.get("/admin/picks").body()).doesNotContain("/admin/editors");

        AdminHttp admin = new AdminHttp(stack);
        admin.signIn("admin@example.org", AdminStack.PASSWORD);
        for (String path : List.of("/admin/editors", "/admin/settings", "/admin/audit")) {
            assertThat(admin.get(path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(admin.get("/admin/settings").body())
                .contains("PICKS_SECRET")
                .doesNotContain(com.picksdigest.support.MailerHarness.SECRET);
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIs403AndChangesNothing() {
        AdminHttp ed = new AdminHttp(stack);
        ed.signIn("editor@example.org", AdminStack.PASSWORD);
        AdminHttp other = new AdminHttp(stack);
        other.signIn("admin@example.org", AdminStack.PASSWORD);
        int before = db.fetchCount(PICKS);
        String[] pick = {"title", "CSRF test", "url", "https://csrf.example/a", "category", "ai", "publish", "now"};

        HttpResponse<String> none = ed.post("/admin/picks", pick);
        String[] withForeign = concat(new String[] {"csrf", other.csrf()}, pick);
        HttpResponse<String> foreign = ed.post("/admin/picks", withForeign);
        HttpResponse<String> signInWithout = new AdminHttp(stack)
                .post("/admin/login", "email", "editor@example.org", "password", AdminStack.PASSWORD);

        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(signInWithout.statusCode()).isEqualTo(403);
        assertThat(db.fetchCount(PICKS)).isEqualTo(before);
        assertThat(ed.submit("/admin/picks", pick).statusCode()).isEqualTo(303); // the same form with its token works
        assertThat(db.fetchCount(PICKS)).isEqualTo(before + 1);
    }

    @Test
    void storedHtmlIsEscapedOnEveryPageAndInTheEmail() throws Exception {
        String title = "<script>alert('t')</script> & <b>bold</b>";
        String summary = "<img src=x onerror=alert(1)> \"quoted\"";
        AdminHttp ed = new AdminHttp(stack);
        ed.signIn("editor@example.org", AdminStack.PASSWORD);
        HttpResponse<String> created = ed.submit(
                "/admin/picks",
                "title",
                title,
                "url",
                "https://evil.example/p?a=1&b=2",
                "summary",
                summary,
                "source",
                "<i>Src</i>",
                "category",
                "ai",
                "publish",
                "now");
        assertThat(created.statusCode()).isEqualTo(303);
        long id = db.select(PICKS.ID).from(PICKS).where(PICKS.TITLE.eq(title)).fetchOne(PICKS.ID);
        stack.seed.subscriber("reader-escape@example.com", "<Reader>", "UTC", "html");
        String asReader = ed.get("/admin/preview?email=reader-escape%40example.com&show=1")
                .body();
        assertThat(asReader).contains("&lt;script&gt;", "&lt;Reader&gt;").doesNotContain("<script>alert", "<Reader>");
        stack.harness.sendNow();
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        for (String path : List.of(
                "/admin/picks",
                "/admin/picks?q=script",
                "/admin/picks/" + id,
                "/admin/preview?category=ai&show=1",
                "/admin/reports/" + today,
                "/admin/subscribers?q=reader",
                "/archive/" + today)) {
            HttpResponse<String> page = ed.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            String body = page.body();
            assertThat(body)
                    .as(path)
                    .contains(path.startsWith("/admin/subscribers") ? "&lt;Reader&gt;" : "&lt;script&gt;");
            assertThat(body).as(path).doesNotContain("<script>alert", "<img src=x", "<b>bold", "<i>Src", "<Reader>");
        }
        assertThat(ed.get("/admin/picks/" + id).body())
                .contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
        // the preview frame is the e-mail's own HTML: escaped by the digest template
        String frame = ed.get("/admin/preview/html?category=ai").body();
        assertThat(frame).contains("&lt;script&gt;").doesNotContain("<script>alert", "<img src=x");
        AdminHttp admin = new AdminHttp(stack);
        admin.signIn("admin@example.org", AdminStack.PASSWORD);
        assertThat(admin.get("/admin/audit").body()).contains("&lt;script&gt;").doesNotContain("<script>alert");

        MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> uncheckedTo(m).equals("reader-escape@example.com"))
                .findFirst()
                .orElseThrow();
        assertThat(Mails.html(mail))
                .contains("&lt;script&gt;")
                .doesNotContain("<script>alert", "<img src=x", "<b>bold");
        assertThat(Mails.text(mail)).contains(title); // the text part shows it as written, nothing to interpret
        assertThat(db.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("create").and(AUDIT_LOG.SUBJECT_ID.eq(id))))
                .isEqualTo(1);
    }

    private static String uncheckedTo(MimeMessage m) {
        try {
            return Mails.to(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
