package com.picksdigest.web.admin;

import com.picksdigest.App;
import com.picksdigest.editors.EditorAccounts;
import com.picksdigest.editors.Passwords;
import com.picksdigest.editors.Role;
import com.picksdigest.outbound.AddressPolicy;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundRules;
import com.picksdigest.picks.FeedImport;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import com.picksdigest.support.TestOutbound;
import com.picksdigest.support.TestResolver;
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
    /** The management port: the whole health report and /metrics. */
    final WebServer ops;

    final Seed seed;
    final EditorAccounts editors;
    final String baseUrl;

    AdminStack(Class<?> owner, int smtpPort, Clock clock, Map<String, String> extra) {
        this(owner, smtpPort, clock, extra, false);
    }

    /** @param httpsBaseUrl the public URL says https (cookies must then be Secure); tests still talk plain HTTP */
    AdminStack(Class<?> owner, int smtpPort, Clock clock, Map<String, String> extra, boolean httpsBaseUrl) {
        this(owner, smtpPort, clock, extra, httpsBaseUrl, PASSWORDS, noFeeds());
    }

    /** @param passwords how the workspace checks passwords (a test may count the checks) */
    AdminStack(
            Class<?> owner,
            int smtpPort,
            Clock clock,
            Map<String, String> extra,
            boolean httpsBaseUrl,
            Passwords passwords) {
        this(owner, smtpPort, clock, extra, httpsBaseUrl, passwords, noFeeds());
    }

    /** @param feedHttp the guarded client for feeds, e.g. {@link TestOutbound#forFeeds} for a test's feed server */
    AdminStack(
            Class<?> owner,
            int smtpPort,
            Clock clock,
            Map<String, String> extra,
            boolean httpsBaseUrl,
            GuardedHttp feedHttp) {
        this(owner, smtpPort, clock, extra, httpsBaseUrl, PASSWORDS, feedHttp);
    }

    AdminStack(
            Class<?> owner,
            int smtpPort,
            Clock clock,
            Map<String, String> extra,
            boolean httpsBaseUrl,
            Passwords passwords,
            GuardedHttp feedHttp) {
        this(
                owner,
                smtpPort,
                clock,
                extra,
                httpsBaseUrl,
                App.Seams.DEFAULT.withPasswords(passwords).withFeedHttp(feedHttp));
    }

    /** @param seams what the App takes from the test, e.g. {@code withWebhookHttp} for a test's webhook receiver */
    AdminStack(
            Class<?> owner,
            int smtpPort,
            Clock clock,
            Map<String, String> extra,
            boolean httpsBaseUrl,
            App.Seams seams) {
        Passwords passwords = seams.passwords() == null ? PASSWORDS : seams.passwords();
        db = TestDatabase.migrated(owner);
        int port = freePort();
        baseUrl = (httpsBaseUrl ? "https" : "http") + "://127.0.0.1:" + port;
        Map<String, String> s = new HashMap<>(Map.of("PICKS_BASE_URL", baseUrl, "PICKS_SITE_NAME", "Picks <&> Test"));
        s.putAll(extra);
        harness = new MailerHarness(
                db,
                smtpPort,
                clock,
                s,
                seams.withPasswords(passwords).withFeedHttp(seams.feedHttp() == null ? noFeeds() : seams.feedHttp()));
        web = harness.app.webServer().start("127.0.0.1", port);
        ops = harness.app.opsServer().start("127.0.0.1", 0);
        seed = new Seed(harness.app.database().dsl(), clock);
        editors = new EditorAccounts(harness.app.database().dsl(), passwords, clock);
    }

    String opsUrl(String path) {
        return "http://127.0.0.1:" + ops.port() + path;
    }

    String url(String path) {
        return "http://127.0.0.1:" + web.port() + path;
    }

    void editor(String email, Role role) {
        editors.add(email, null, PASSWORD, role);
    }

    /** Production's policy, and a resolver that knows no names: a stack without a feed server reaches nothing. */
    private static GuardedHttp noFeeds() {
        return TestOutbound.client(
                OutboundRules.of(FeedImport.MAX_BYTES), new TestResolver(), AddressPolicy.publicOnly());
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
        harness.close();
        db.close();
    }
}
