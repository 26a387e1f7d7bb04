package com.picksdigest.bounces;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.Mails;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Digests sent through the real pipeline to GreenMail, then the bounce and the complaint a receiving server would
 * write about them, built from the headers as received, read from the bounce mailbox over IMAP.
 */
class BounceRoundTripTest {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.migrated(BounceRoundTripTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void reportsAboutRealDigestsActOnTheirReaders() throws Exception {
        GreenMailUser bounces = mail.setUser("bounces@picks.example.org", "bounces", "mailbox-password");
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("Tech");
        seed.published("A pick worth reading", "Tech", clock.instant().minus(Duration.ofHours(1)));
        long gone = seed.subscriber("gone@example.com", null, "UTC", "html").getId();
        long angry = seed.subscriber("angry@example.com", null, "UTC", "text").getId();

        try (MailerHarness h = new MailerHarness(
                db,
                mail.getSmtp().getPort(),
                clock,
                Map.of(
                        "PICKS_BOUNCE_ADDRESS",
                        "bounces@picks.example.org",
                        "PICKS_BOUNCE_IMAP_HOST",
                        "127.0.0.1",
                        "PICKS_BOUNCE_IMAP_PORT",
                        String.valueOf(mail.getImap().getPort()),
                        "PICKS_BOUNCE_IMAP_USER",
                        "bounces",
                        "PICKS_BOUNCE_IMAP_PASSWORD",
                        "mailbox-password"))) {
            assertThat(h.sendNow().sent.sum()).isEqualTo(2);
            String goneHeaders = headersAsReceived("gone@example.com");
            String angryHeaders = headersAsReceived("angry@example.com");
            String returnPath = returnPath(goneHeaders);
            long goneDelivery = deliveryOf(gone);
            assertThat(returnPath).matches("bounces\\+" + goneDelivery + "\\.[0-9a-z]{16}@picks\\.example\\.org");

            bounces.deliver(Mails.parse(BounceMessages.postfixBounce(
                            "real-hard",
                            returnPath,
                            "gone@example.com",
                            "failed",
                            "5.1.1",
                            "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown",
                            goneHeaders)
                    .getBytes(StandardCharsets.UTF_8)));
            bounces.deliver(Mails.parse(
                    BounceMessages.arfComplaint("real-complaint", returnPath(angryHeaders), "abuse", angryHeaders)
                            .getBytes(StandardCharsets.UTF_8)));

            BounceMailbox.Result result = h.app.bounceMailbox().orElseThrow().poll();

            assertThat(result).isEqualTo(new BounceMailbox.Result(2, 0));
            assertThat(events(gone)).containsExactly("subscribed", "bounced@" + goneDelivery);
            assertThat(events(angry)).containsExactly("subscribed", "complained@" + deliveryOf(angry));
        }
    }

    /** The header block of the digest GreenMail received for {@code to}, Return-Path (added on delivery) first. */
    private static String headersAsReceived(String to) throws Exception {
        MimeMessage m = Arrays.stream(mail.getReceivedMessages())
                .filter(r -> {
                    try {
                        return Mails.to(r).equals(to);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        String text = raw.toString(StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\r\n\r\n") + 2).replace("\r\n", "\n");
    }

    private static String returnPath(String headers) {
        String line = headers.lines()
                .filter(l -> l.startsWith("Return-Path:"))
                .findFirst()
                .orElseThrow();
        return line.substring(line.indexOf('<') + 1, line.indexOf('>'));
    }

    private static long deliveryOf(long subscriberId) {
        return db.database()
                .dsl()
                .select(DELIVERIES.ID)
                .from(DELIVERIES)
                .where(DELIVERIES.SUBSCRIBER_ID.eq(subscriberId))
                .fetchSingle(DELIVERIES.ID);
    }

    private static List<String> events(long subscriberId) {
        return db.database()
                .dsl()
                .select(EVENTS.TYPE, EVENTS.DELIVERY_ID)
                .from(EVENTS)
                .where(EVENTS.SUBSCRIBER_ID.eq(subscriberId))
                .orderBy(EVENTS.ID)
                .fetch(e -> e.value1() + (e.value2() == null ? "" : "@" + e.value2()));
    }
}
