package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.editors.Role;
import com.picksdigest.outbound.OutboundRules;
import com.picksdigest.picks.FeedImport;
import com.picksdigest.support.Await;
import com.picksdigest.support.RawServer;
import com.picksdigest.support.TestOutbound;
import com.picksdigest.support.TestResolver;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Poll now" answers at once (303 back to the list) while the publisher is still thinking; the list says the feed
 * is being polled, a second click starts no second poll, and the outcome shows once the poll is done. Before: the
 * POST polled on the web thread and did not answer until the feed did (a held feed: no answer within 20 s).
 */
class FeedPollNowTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static final byte[] RSS = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Held feed</title>"
                    + "<link>https://held.example</link><description>d</description><item><title>Worth the wait"
                    + "</title><link>https://held.example/wait</link></item></channel></rss>")
            .getBytes(StandardCharsets.UTF_8);
    static final CountDownLatch publisherDone = new CountDownLatch(1);
    static RawServer held;
    static AdminStack stack;
    static DSLContext db;

    @BeforeAll
    static void start() {
        held = RawServer.http((head, out, s) -> {
            publisherDone.await(30, TimeUnit.SECONDS);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: " + RSS.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(RSS);
        });
        stack = new AdminStack(
                FeedPollNowTest.class,
                smtp.getSmtp().getPort(),
                Clock.systemUTC(),
                Map.of(),
                false,
                TestOutbound.client(
                        OutboundRules.of(FeedImport.MAX_BYTES),
                        new TestResolver().map("held.test", "127.0.0.1"),
                        TestOutbound.publicExcept(held.address())));
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.editor("ed@example.org", Role.EDITOR);
    }

    @AfterAll
    static void stop() {
        publisherDone.countDown();
        stack.close();
        held.close();
    }

    @Test
    void pollNowAnswersAtOnceAndTheOutcomeShowsWhenThePollIsDone() throws Exception {
        AdminHttp ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);
        ed.submit("/admin/feeds", "url", "http://held.test:" + held.port() + "/rss", "category", "ai");
        long id = db.select(FEEDS.ID).from(FEEDS).fetchOne(FEEDS.ID);

        HttpResponse<String> poll = ed.submit("/admin/feeds/" + id + "/poll");

        // answered while the publisher has not answered yet (it waits for the latch below)
        assertThat(publisherDone.getCount()).isEqualTo(1);
        assertThat(poll.statusCode()).isEqualTo(303);
        assertThat(poll.headers().firstValue("Location")).hasValue("/admin/feeds?polled=" + id);
        String page = ed.get("/admin/feeds?polled=" + id).body();
        assertThat(page).contains("Polling http://held.test:" + held.port() + "/rss… reload the page");
        assertThat(page).contains("<p class=\"muted feed-polling\" role=\"status\">Polling…</p>");
        Await.until(Duration.ofSeconds(10), () -> held.requests.size() == 1, () -> "the poll to reach the feed");

        assertThat(ed.submit("/admin/feeds/" + id + "/poll").statusCode()).isEqualTo(303); // impatient second click
        publisherDone.countDown();

        Await.until(
                Duration.ofSeconds(20),
                () -> ed.get("/admin/feeds?polled=" + id)
                        .body()
                        .contains("1 new candidate(s), 0 already known, 0 without a usable link."),
                () -> "the poll's outcome on the page");
        assertThat(ed.get("/admin/feeds").body()).doesNotContain("Polling…");
        assertThat(held.connections).hasValue(1); // the second click started nothing
        assertThat(db.select(AUDIT_LOG.DETAIL)
                        .from(AUDIT_LOG)
                        .where(AUDIT_LOG.ACTION.eq("poll"))
                        .orderBy(AUDIT_LOG.ID)
                        .fetch(AUDIT_LOG.DETAIL))
                .containsExactly("started", "already under way");
    }
}
