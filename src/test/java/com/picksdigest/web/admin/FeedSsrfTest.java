package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.FEEDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.generated.tables.records.FeedsRecord;
import com.picksdigest.editors.Role;
import com.picksdigest.outbound.OutboundRules;
import com.picksdigest.picks.FeedImport;
import com.picksdigest.support.Await;
import com.picksdigest.support.FeedServer;
import com.picksdigest.support.RawServer;
import com.picksdigest.support.TestOutbound;
import com.picksdigest.support.TestResolver;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server-side request forgery through feeds, tried the way an editor would: loopback in every spelling, names that
 * resolve to private, link-local (cloud metadata) or shared addresses, a redirect from an allowed server to
 * loopback, a name that later resolves elsewhere, a port of another protocol. Each is refused, at registration and
 * at every poll, and nothing of what a target would have answered ever shows: the loopback "targets" here greet
 * like a database and count connections, and must count none. The test resolver stands in for DNS; the sockets
 * refuse anything but loopback, so the private, link-local and shared addresses are never connected to.
 * (Before the guard: http://127.0.0.1:PORT/ registered, and "Poll now" showed the target's greeting,
 * {@code cannot fetch: Invalid status line: "SECRET-HANDSHAKE d"}.)
 */
class FeedSsrfTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static final String SECRET = "SECRET-HANDSHAKE 5.5.5-10.11.6-MariaDB mysql_native_password\n";
    static RawServer secretV4;
    static RawServer secretV6;
    static RawServer redirector;
    static FeedServer feedServer;
    static TestResolver resolver = new TestResolver();
    static AdminStack stack;
    static DSLContext db;
    static AdminHttp ed;

    @BeforeAll
    static void start() {
        secretV4 = RawServer.banner("127.0.0.1", SECRET);
        secretV6 = RawServer.banner("::1", SECRET);
        redirector = RawServer.answering("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + secretV4.port()
                + "/\r\nContent-Length: 0\r\n\r\n");
        feedServer = new FeedServer();
        resolver.map("feeds.test", "127.0.0.1")
                .map("redirect.test", "127.0.0.1")
                .map("rebind.test", "127.0.0.1")
                // glibc's resolver reads 0x7f000001 as 127.0.0.1 (inet_aton), and the JDK hands such names to it
                .map("0x7f000001", "127.0.0.1")
                .map("intranet.test", "10.1.2.3")
                .map("metadata.test", "169.254.169.254")
                .map("cgnat.test", "100.64.0.1");
        stack = new AdminStack(
                FeedSsrfTest.class,
                smtp.getSmtp().getPort(),
                Clock.systemUTC(),
                Map.of(),
                false,
                TestOutbound.client(
                        OutboundRules.of(FeedImport.MAX_BYTES),
                        resolver,
                        TestOutbound.publicExcept(feedServer.address(), redirector.address())));
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.editor("ed@example.org", Role.EDITOR);
        ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);
    }

    @AfterAll
    static void stop() {
        stack.close();
        feedServer.close();
        redirector.close();
        secretV4.close();
        secretV6.close();
    }

    @BeforeEach
    void clean() {
        db.deleteFrom(FEEDS).execute();
    }

    @Test
    void everySpellingOfLoopbackAndEveryRefusedAddressIsRefusedAtRegistration() {
        int p = secretV4.port();
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("http://127.0.0.1:" + p + "/", "Feed URL refused: 127.0.0.1 is a loopback address.");
        refusals.put("http://127.1:" + p + "/", "Feed URL must be an http(s) link, not &quot;http://127.1:" + p);
        refusals.put("http://2130706433:" + p + "/", "Feed URL refused: 2130706433 is a loopback address.");
        refusals.put(
                "http://0x7f000001:" + p + "/",
                "Feed URL refused: 0x7f000001 resolves to 127.0.0.1, a loopback address.");
        refusals.put("http://0.0.0.0:" + p + "/", "Feed URL refused: 0.0.0.0 is an unspecified address.");
        refusals.put(
                "http://[::ffff:127.0.0.1]:" + p + "/", "Feed URL refused: ::ffff:127.0.0.1 is a loopback address.");
        refusals.put("http://localhost:" + p + "/", "Feed URL refused: localhost resolves to ");
        refusals.put("http://[::1]:" + secretV6.port() + "/", "Feed URL refused: ::1 is a loopback address.");
        refusals.put(
                "http://intranet.test/feed.xml",
                "Feed URL refused: intranet.test resolves to 10.1.2.3, a private address.");
        refusals.put(
                "http://metadata.test/latest/meta-data/",
                "Feed URL refused: metadata.test resolves to 169.254.169.254, a link-local address.");
        refusals.put(
                "https://cgnat.test/rss",
                "Feed URL refused: cgnat.test resolves to 100.64.0.1, a shared (carrier-grade NAT) address.");
        refusals.put(
                "http://feeds.test:22/", "Feed URL refused: port 22 is not allowed (only 80, 443 and 1024-65535).");

        refusals.forEach((url, message) -> {
            HttpResponse<String> r = ed.submit("/admin/feeds", "url", url, "category", "ai");
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.body())
                    .as(url)
                    .contains("<p class=\"field-error\" id=\"url-error\" role=\"alert\">" + message)
                    .doesNotContain("SECRET", "MariaDB");
        });
        assertThat(ed.submit("/admin/feeds", "url", "http://localhost:" + p + "/", "category", "ai")
                        .body())
                .contains("a loopback address.");
        assertThat(db.fetchCount(FEEDS)).isZero();
        assertThat(secretV4.connections).hasValue(0);
        assertThat(secretV6.connections).hasValue(0);
    }

    @Test
    void feedsStoredBeforeTheGuardAreRefusedAtEveryPollAndTheTargetNeverAnswers() throws Exception {
        int p = secretV4.port();
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("http://127.0.0.1:" + p + "/", "refused: 127.0.0.1 is a loopback address");
        stored.put("http://2130706433:" + p + "/", "refused: 2130706433 is a loopback address");
        stored.put("http://0x7f000001:" + p + "/", "refused: 0x7f000001 resolves to 127.0.0.1, a loopback address");
        stored.put("http://0.0.0.0:" + p + "/", "refused: 0.0.0.0 is an unspecified address");
        stored.put("http://[::ffff:127.0.0.1]:" + p + "/", "refused: ::ffff:127.0.0.1 is a loopback address");
        stored.put("http://[::1]:" + secretV6.port() + "/", "refused: ::1 is a loopback address");
        stored.put(
                "http://metadata.test/latest/meta-data/",
                "refused: metadata.test resolves to 169.254.169.254, a link-local address");
        stored.put("http://feeds.test:22/", "refused: port 22 is not allowed (only 80, 443 and 1024-65535)");
        Map<Long, String> expected = new LinkedHashMap<>();
        stored.forEach((url, refusal) -> expected.put(insertFeed(url), refusal));

        stack.harness.app.feedImport().task().work().run(); // the scheduled poll, as Quartz runs it

        String page = ed.get("/admin/feeds").body();
        expected.forEach((id, refusal) -> {
            FeedsRecord f = db.fetchOne(FEEDS, FEEDS.ID.eq(id));
            assertThat(f.getLastError()).as(f.getUrl()).isEqualTo(refusal);
            assertThat(page).contains("Failing (1 in a row): " + refusal + ".");
        });
        assertThat(page).doesNotContain("SECRET", "MariaDB");
        assertThat(secretV4.connections).hasValue(0);
        assertThat(secretV6.connections).hasValue(0);
    }

    @Test
    void aRedirectFromAnAllowedServerToLoopbackIsRefusedAtThatHop() throws Exception {
        HttpResponse<String> created = ed.submit(
                "/admin/feeds", "url", "http://redirect.test:" + redirector.port() + "/rss", "category", "ai");
        assertThat(created.statusCode()).isEqualTo(303);
        long id = db.select(FEEDS.ID).from(FEEDS).fetchOne(FEEDS.ID);

        HttpResponse<String> poll = ed.submit("/admin/feeds/" + id + "/poll");

        assertThat(poll.statusCode()).isEqualTo(303);
        String page = outcome(id);
        assertThat(page)
                .contains("Polling failed: refused after redirect 1: 127.0.0.1 is a loopback address")
                .doesNotContain("SECRET", "MariaDB");
        assertThat(redirector.connections.get()).isPositive();
        assertThat(secretV4.connections).hasValue(0);
    }

    @Test
    void aNameThatResolvesElsewhereAfterRegistrationIsRefusedAtThePoll() throws Exception {
        String url = feedServer
                .serveResource("rss2.xml", "application/rss+xml", null)
                .replace("feeds.test", "rebind.test");
        resolver.map("rebind.test", "127.0.0.1");
        assertThat(ed.submit("/admin/feeds", "url", url, "category", "ai").statusCode())
                .isEqualTo(303);
        long id = db.select(FEEDS.ID).from(FEEDS).fetchOne(FEEDS.ID);
        resolver.map("rebind.test", "169.254.169.254"); // the name's owner points it at the metadata service

        ed.submit("/admin/feeds/" + id + "/poll");

        assertThat(outcome(id))
                .contains("Polling failed: refused: rebind.test resolves to 169.254.169.254, a link-local address");
        assertThat(feedServer.requests).isEmpty();
        resolver.map("rebind.test", "127.0.0.1");
    }

    /** The feeds page once the background poll of {@code id} is done. */
    private static String outcome(long id) throws InterruptedException {
        String[] page = new String[1];
        Await.until(
                Duration.ofSeconds(20),
                () -> !(page[0] = ed.get("/admin/feeds?polled=" + id).body()).contains("Polling…"),
                () -> "the poll of feed #" + id + " to end");
        return page[0];
    }

    /** A feed row as an older version, without the guard, would have stored it. */
    private static long insertFeed(String url) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        FeedsRecord r = db.newRecord(FEEDS);
        r.setUrl(url);
        r.setUrlKey(Long.toHexString(Double.doubleToLongBits(Math.random())) + "x".repeat(48));
        r.setCategoryId(stack.harness.app.categories().require("AI").getId());
        r.setNextFetchAt(now);
        r.setCreatedBy("older version");
        r.setCreatedAt(now);
        r.store();
        return r.getId();
    }
}
