package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.schedule.Scheduling;
import com.picksdigest.support.Await;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.Mails;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invariant 1: re-runs, catch-ups and a second node never send a subscriber two digests of one edition. */
class ExactlyOnceTest {
    static final int SUBSCRIBERS = 60;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static TestDatabase db;
    static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeAll
    static void setUp() {
        db = TestDatabase.migrated(ExactlyOnceTest.class);
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("News");
        seed.published("One story", "News", clock.instant().minus(Duration.ofHours(1)));
        String[] zones = {"UTC", "Europe/Paris", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Auckland"};
        for (int i = 0; i < SUBSCRIBERS; i++)
            seed.subscriber("s" + i + "@example.org", null, zones[i % zones.length], "html");
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void twoSchedulersAndRepeatedDispatchesSendEachSubscriberOneMessage() throws Exception {
        int port = smtp.getSmtp().getPort();
        try (MailerHarness a = new MailerHarness(
                        db, port, clock, Map.of("PICKS_NODE_ID", "node-a", "PICKS_SEND_THREADS", "3"));
                MailerHarness b = new MailerHarness(
                        db, port, clock, Map.of("PICKS_NODE_ID", "node-b", "PICKS_SEND_THREADS", "3"))) {
            Scheduling sa = a.startScheduled("node-a", true);
            Scheduling sb = b.startScheduled("node-b", true);
            sa.runNow(Sending.DISPATCH_TASK);
            sb.runNow(Sending.DISPATCH_TASK);
            // the same edition dispatched directly as well, as a re-run or a misfire catch-up would
            a.mailer.dispatch();
            b.mailer.dispatch();
            smtp.waitForIncomingEmail(30_000, SUBSCRIBERS);
            DigestEndToEndTest.awaitNothingOutstanding(a.app);
            Optional<Sending.Dispatch> beforeA = a.mailer.lastDispatch();
            sa.runNow(Sending.DISPATCH_TASK);
            b.mailer.dispatch();
            Optional<Sending.Dispatch> directB = b.mailer.lastDispatch();
            // the triggered dispatch ran on one of the nodes (the cluster picks which): a new last dispatch there
            Await.until(
                    Duration.ofSeconds(30),
                    () -> a.mailer.lastDispatch().get() != beforeA.get()
                            || b.mailer.lastDispatch().get() != directB.get(),
                    () -> "the dispatch triggered again did not run");
            DigestEndToEndTest.awaitNothingOutstanding(a.app);

            assertThat(db.database()
                            .dsl()
                            .fetch("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE")
                            .getValues(0, String.class))
                    .as("both nodes checked in to one cluster")
                    .hasSize(2)
                    .anyMatch(instance -> instance.startsWith("node-a#"))
                    .anyMatch(instance -> instance.startsWith("node-b#"));
            long sentByA = db.database().dsl().fetchCount(DELIVERIES, DELIVERIES.CLAIMED_BY.eq("node-a"));
            long sentByB = db.database().dsl().fetchCount(DELIVERIES, DELIVERIES.CLAIMED_BY.eq("node-b"));
            assertThat(sentByA + sentByB).isEqualTo(SUBSCRIBERS);
        }
        MimeMessage[] got = smtp.getReceivedMessages();
        Map<String, Long> perRecipient = Arrays.stream(got)
                .map(DigestEndToEndTest::recipient)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perRecipient).hasSize(SUBSCRIBERS);
        assertThat(perRecipient.values()).containsOnly(1L);
        assertThat(db.database().dsl().fetchCount(DELIVERIES)).isEqualTo(SUBSCRIBERS);
        assertThat(db.database().dsl().fetchCount(DELIVERIES, DELIVERIES.STATUS.eq(DeliveryStatus.SENT)))
                .isEqualTo(SUBSCRIBERS);
        assertThat(Mails.header(got[0], "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
    }
}
