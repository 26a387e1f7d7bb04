package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.API_KEYS;
import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.editors.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /admin/api-keys over real HTTP: admins only, the key shown once and stored hashed, last use shown, revocation. */
class ApiKeysPageTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static final Pattern KEY = Pattern.compile("<code id=\"new-key\">([^<]+)</code>");
    static AdminStack stack;
    static DSLContext db;
    static AdminHttp admin;
    static AdminHttp ed;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = new AdminStack(ApiKeysPageTest.class, smtp.getSmtp().getPort(), Clock.systemUTC(), Map.of());
        db = stack.harness.app.database().dsl();
        stack.editor("boss@example.org", Role.ADMIN);
        stack.editor("ed@example.org", Role.EDITOR);
        admin = new AdminHttp(stack);
        admin.signIn("boss@example.org", AdminStack.PASSWORD);
        ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anAdminMakesAKeyThatIsShownOnceStoredHashedUsableAndRevocable() throws Exception {
        HttpResponse<String> made =
                admin.submit("/admin/api-keys", "name", "CMS <sync>", "scopes", "picks:read", "scopes", "reports:read");
        assertThat(made.statusCode()).isEqualTo(200);
        assertThat(made.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher m = KEY.matcher(made.body());
        assertThat(m.find()).isTrue();
        String secret = m.group(1);
        assertThat(made.body()).contains("CMS &lt;sync&gt;");

        // only a hash is stored, and the list never shows the key again
        var row = db.selectFrom(API_KEYS).fetchOne();
        assertThat(row.getKeyHash()).hasSize(64).doesNotContain(secret);
        assertThat(row.getScopes()).isEqualTo("picks:read reports:read");
        assertThat(admin.get("/admin/api-keys").body()).doesNotContain(secret).contains("never");

        assertThat(api(secret).statusCode()).isEqualTo(200);
        assertThat(db.selectFrom(API_KEYS).fetchOne().getLastUsedAt()).isNotNull();
        assertThat(admin.get("/admin/api-keys").body()).doesNotContain(">never<");

        assertThat(admin.submit("/admin/api-keys/" + row.getId() + "/revoke").statusCode())
                .isEqualTo(303);
        HttpResponse<String> revoked = api(secret);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("revoked");
        assertThat(db.select(AUDIT_LOG.ACTION)
                        .from(AUDIT_LOG)
                        .where(AUDIT_LOG.SUBJECT.eq("api-key"))
                        .fetch(AUDIT_LOG.ACTION))
                .containsExactly("create", "revoke");
    }

    @Test
    void aKeyWithoutNameOrScopeIsRefusedNextToItsFieldsAndNothingIsMade() {
        int before = db.fetchCount(API_KEYS);
        HttpResponse<String> bad = admin.submit("/admin/api-keys", "name", "", "scopes", "everything:write");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"name-error\"", "Name is required.", "is not a scope");
        assertThat(db.fetchCount(API_KEYS)).isEqualTo(before);
    }

    @Test
    void editorsMayNotSeeOrMakeKeys() {
        assertThat(ed.get("/admin/api-keys").statusCode()).isEqualTo(403);
        int before = db.fetchCount(API_KEYS);
        assertThat(ed.submit("/admin/api-keys", "name", "x", "scopes", "picks:read")
                        .statusCode())
                .isEqualTo(403);
        assertThat(db.fetchCount(API_KEYS)).isEqualTo(before);
    }

    private HttpResponse<String> api(String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(stack.url("/api/v1/picks")))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
