package com.picksdigest.web.admin;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.editors.EditorAccounts;
import com.picksdigest.editors.Passwords;
import com.picksdigest.editors.Role;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import com.picksdigest.web.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole product for workspace tests: a migrated schema, the mailer (workers not started) pointed at the test's
 * SMTP server, and the web server with the workspace on a real port, its public URL being that port.
 */
final class AdminStack implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    /** bcrypt's lowest cost: the tests check behaviour, not hashing speed. */
    static final Passwords PASSWORDS = new Passwords(4);

    final TestDatabase db;
    final MailerHarness harness;
    final WebServer web;
    final Seed seed;
    final EditorAccounts editors;
    final String baseUrl;

    AdminStack(Class<?> owner, int smtpPort, Clock clock, Map<String, String> extra) {
        this(owner, smtpPort, clock, extra, false);
    }

    /** @param httpsBaseUrl the public URL says https (cookies must then be Secure); tests still talk plain HTTP */
    AdminStack(Class<?> owner, int smtpPort, Clock clock, Map<String, String> extra, boolean httpsBaseUrl) {
        db = TestDatabase.migrated(owner);
        int port = freePort();
        baseUrl = (httpsBaseUrl ? "https" : "http") + "://127.0.0.1:" + port;
        Map<String, String> s = new HashMap<>(Map.of("PICKS_BASE_URL", baseUrl, "PICKS_SITE_NAME", "Picks <&> Test"));
        s.putAll(extra);
        harness = new MailerHarness(db, smtpPort, clock, s);
        MailConfig mail = MailConfig.from(harness.app.settings());
        SmtpConfig smtp = SmtpConfig.from(harness.app.settings());
        AdminRoutes admin = new AdminRoutes(harness.app, harness.mailer, smtp, PASSWORDS);
        web = new WebServer(
                        harness.app.database(),
                        harness.app.subscribers(),
                        harness.app.categories(),
                        new LinkTokens(mail.secret()),
                        mail,
                        clock,
                        null)
                .with(admin::register)
                .measuredBy(harness.app.metrics())
                .start("127.0.0.1", port);
        seed = new Seed(harness.app.database().dsl(), clock);
        editors = new EditorAccounts(harness.app.database().dsl(), PASSWORDS, clock);
    }

    String url(String path) {
        return "http://127.0.0.1:" + web.port() + path;
    }

    void editor(String email, Role role) {
        editors.add(email, null, PASSWORD, role);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        web.close();
        harness.close();
        db.close();
    }
}
