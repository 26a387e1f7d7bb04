package com.picksdigest.bounces;

import static com.picksdigest.bounces.BounceMessages.DOMAIN;
import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.support.Mails;
import com.picksdigest.support.TestDatabase;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A GreenMail IMAP mailbox seeded with real-format reports: one poll updates the subscribers they are about, a
 * second changes nothing; what cannot be used stays in the mailbox, marked, and is not read again.
 */
class BounceMailboxTest {
    @RegisterExtension
    static GreenMailExtension imap = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    static final String SECRET = "bounce-secret-bounce-secret-bounce-secret";
    static TestDatabase db;
    static App app;
    static LinkTokens tokens = new LinkTokens(SECRET);

    @BeforeAll
    static void setUp() {
        db = TestDatabase.migrated(BounceMailboxTest.class);
    }

    @AfterAll
    static void tearDown() {
        if (app != null) app.close();
        db.close();
    }

    private static BounceMailbox mailbox() {
        if (app != null) app.close();
        app = App.boot(
                        Settings.of(Map.of(
                                "PICKS_DB_URL",
                                db.url(),
                                "PICKS_SECRET",
                                SECRET,
                                "PICKS_FROM",
                                "Picks <digest@" + DOMAIN + ">",
                                "PICKS_BOUNCE_ADDRESS",
                                "bounces@" + DOMAIN,
                                "PICKS_BOUNCE_IMAP_HOST",
                                "127.0.0.1",
                                "PICKS_BOUNCE_IMAP_PORT",
                                String.valueOf(imap.getImap().getPort()),
                                "PICKS_BOUNCE_IMAP_USER",
                                "bounces",
                                "PICKS_BOUNCE_IMAP_PASSWORD",
                                "mailbox-password")),
                        Clock.systemUTC())
                .withoutMigrating()
                .open();
        return app.bounceMailbox().orElseThrow();
    }

    private record Reader(SubscribersRecord subscriber, long deliveryId, String token) {}

    private static Reader reader(String email, int softBounces) {
        var subscribers = new com.picksdigest.subscribers.SubscriberService(
                db.database().dsl(),
                new com.picksdigest.picks.Categories(db.database().dsl()),
                new com.picksdigest.i18n.Languages(new com.picksdigest.i18n.Catalogues(java.util.Optional.empty())),
                Clock.systemUTC());
        long id = subscribers
                .add(
                        new SubscriberInput(email, null, "UTC", 8, "daily", null, "html", "en", List.of()),
                        SubscriberStatus.ACTIVE)
                .getId();
        var dsl = db.database().dsl();
        dsl.update(SUBSCRIBERS)
                .set(SUBSCRIBERS.SOFT_BOUNCES, softBounces)
                .where(SUBSCRIBERS.ID.eq(id))
                .execute();
        LocalDate date = LocalDate.of(2026, 1, 1);
        dsl.insertInto(EDITIONS, EDITIONS.EDITION_DATE)
                .values(date)
                .onDuplicateKeyIgnore()
                .execute();
        long edition = dsl.select(EDITIONS.ID)
                .from(EDITIONS)
                .where(EDITIONS.EDITION_DATE.eq(date))
                .fetchOne(EDITIONS.ID);
        dsl.insertInto(DELIVERIES)
                .set(DELIVERIES.EDITION_ID, edition)
                .set(DELIVERIES.SUBSCRIBER_ID, id)
                .set(DELIVERIES.STATUS, DeliveryStatus.SENT)
                .set(DELIVERIES.SENT_AT, LocalDateTime.now(ZoneOffset.UTC))
                .execute();
        long delivery = dsl.select(DELIVERIES.ID)
                .from(DELIVERIES)
                .where(DELIVERIES.SUBSCRIBER_ID.eq(id))
                .fetchOne(DELIVERIES.ID);
        SubscribersRecord s = subscribers.find(id);
        return new Reader(s, delivery, tokens.issue(id, s.getTokenVersion()));
    }

    private static void deliver(GreenMailUser user, String raw) {
        user.deliver(Mails.parse(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static SubscribersRecord now(Reader r) {
        return db.database()
                .dsl()
                .selectFrom(SUBSCRIBERS)
                .where(SUBSCRIBERS.ID.eq(r.subscriber().getId()))
                .fetchOne();
    }

    private static List<String> events(Reader r) {
        return db.database()
                .dsl()
                .select(EVENTS.TYPE, EVENTS.DELIVERY_ID)
                .from(EVENTS)
                .where(EVENTS.SUBSCRIBER_ID.eq(r.subscriber().getId()))
                .orderBy(EVENTS.ID)
                .fetch(e -> e.value1() + (e.value2() == null ? "" : "@" + e.value2()));
    }

    /** Everything a poll could change, as one comparable string. */
    private static String state() {
        var dsl = db.database().dsl();
        return dsl.select(SUBSCRIBERS.ID, SUBSCRIBERS.STATUS, SUBSCRIBERS.SOFT_BOUNCES, SUBSCRIBERS.UPDATED_AT)
                        .from(SUBSCRIBERS)
                        .orderBy(SUBSCRIBERS.ID)
                        .fetch()
                        .formatCSV()
                + dsl.selectFrom(EVENTS).orderBy(EVENTS.ID).fetch().formatCSV();
    }

    @Test
    void onePollActsOnEveryReportAndTheNextChangesNothing() throws Exception {
        GreenMailUser user = imap.setUser("bounces@" + DOMAIN, "bounces", "mailbox-password");
        Reader hard = reader("gone@example.com", 0);
        Reader soft = reader("full@example.com", 0);
        Reader complainer = reader("angry@example.com", 0);
        Reader leaver = reader("leaving@example.com", 0);
        Reader third = reader("always.full@example.com", 2);
        Reader bystander = reader("bystander@example.com", 0);
        Reader signedOut = reader("signed.out@example.com", 0);
        db.database()
                .dsl()
                .update(SUBSCRIBERS)
                .set(SUBSCRIBERS.TOKEN_VERSION, 2)
                .where(SUBSCRIBERS.ID.eq(signedOut.subscriber().getId()))
                .execute();

        deliver(
                user,
                BounceMessages.postfixBounce(
                        "hard",
                        hard.deliveryId(),
                        "gone@example.com",
                        "failed",
                        "5.1.1",
                        "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown in local recipient table",
                        BounceMessages.digestHeaders("gone@example.com", hard.deliveryId(), null)));
        String softReport = BounceMessages.eximSoftBounce(
                "soft",
                "full@example.com",
                BounceMessages.digestHeaders("full@example.com", soft.deliveryId(), soft.token()));
        deliver(user, softReport);
        deliver(user, softReport.replace("<soft@", "<soft-again@")); // the same report twice counts once
        deliver(
                user,
                BounceMessages.arfComplaint(
                        "arf",
                        complainer.deliveryId(),
                        "abuse",
                        BounceMessages.digestHeaders("redacted", complainer.deliveryId(), complainer.token())));
        deliver(user, BounceMessages.mailtoUnsubscribe("mailto", "leaving@example.com", leaver.token()));
        deliver(
                user,
                BounceMessages.eximSoftBounce(
                        "third",
                        "always.full@example.com",
                        BounceMessages.digestHeaders("always.full@example.com", third.deliveryId(), third.token())));
        deliver(
                user,
                BounceMessages.postfixBounce(
                        "delayed",
                        bystander.deliveryId(),
                        "bystander@example.com",
                        "delayed",
                        "4.4.1",
                        "connect to mx.example.com: Connection timed out",
                        BounceMessages.digestHeaders("bystander@example.com", bystander.deliveryId(), null)));
        // Left for a person: not a report, an unsubscribe by a link that was signed out, and a report whose VERP
        // address names someone it is not about.
        deliver(user, BounceMessages.spam("spam"));
        deliver(user, BounceMessages.mailtoUnsubscribe("old-link", "signed.out@example.com", signedOut.token()));
        deliver(
                user,
                BounceMessages.postfixBounce(
                        "forged",
                        bystander.deliveryId(),
                        "someone.else@example.com",
                        "failed",
                        "5.1.1",
                        "550 5.1.1 User unknown",
                        BounceMessages.digestHeaders("someone.else@example.com", bystander.deliveryId(), null)));

        BounceMailbox mailbox = mailbox();
        BounceMailbox.Result first = mailbox.poll();

        assertThat(first).isEqualTo(new BounceMailbox.Result(7, 3));
        assertThat(now(hard).getStatus()).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(events(hard)).containsExactly("subscribed", "bounced@" + hard.deliveryId());
        assertThat(now(soft).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(now(soft).getSoftBounces()).isEqualTo(1);
        assertThat(events(soft)).containsExactly("subscribed", "soft_bounce@" + soft.deliveryId());
        assertThat(now(complainer).getStatus()).isEqualTo(SubscriberStatus.COMPLAINED);
        assertThat(events(complainer)).containsExactly("subscribed", "complained@" + complainer.deliveryId());
        assertThat(now(leaver).getStatus()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(events(leaver)).containsExactly("subscribed", "unsubscribed");
        assertThat(now(third).getStatus()).as("the third soft bounce in a row").isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(now(third).getSoftBounces()).isEqualTo(3);
        assertThat(events(third))
                .containsExactly("subscribed", "soft_bounce@" + third.deliveryId(), "bounced@" + third.deliveryId());
        assertThat(now(bystander).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(events(bystander)).containsExactly("subscribed");
        assertThat(now(signedOut).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(leftInMailbox())
                .containsExactlyInAnyOrder(
                        "<spam@spam.example.biz>", "<forged@mx.example.com>", "<old-link@mail.example.com>");

        String after = state();
        BounceMailbox.Result second = mailbox.poll();

        assertThat(second).isEqualTo(new BounceMailbox.Result(0, 0));
        assertThat(state()).isEqualTo(after);
        assertThat(leftInMailbox()).hasSize(3);
    }

    @Test
    void forgedReportsQuotingASignedOutLinkChangeNothing() throws Exception {
        GreenMailUser user = imap.setUser("bounces@" + DOMAIN, "bounces", "mailbox-password");
        Reader victim = reader("signed.out.again@example.com", 0);
        // "sign out all links": every link of the old digest, its List-Unsubscribe included, is revoked
        db.database()
                .dsl()
                .update(SUBSCRIBERS)
                .set(SUBSCRIBERS.TOKEN_VERSION, 2)
                .where(SUBSCRIBERS.ID.eq(victim.subscriber().getId()))
                .execute();
        String plain = "bounces@" + DOMAIN;
        String oldDigest =
                BounceMessages.digestHeaders("signed.out.again@example.com", null, victim.deliveryId(), victim.token());
        String oldDigestAsReceived =
                BounceMessages.digestHeaders("signed.out.again@example.com", victim.deliveryId(), victim.token());
        deliver(user, BounceMessages.arfComplaint("arf-old-link", plain, "abuse", oldDigest));
        // the whole old digest, its return path included (a copy forwarded to someone else, say)
        deliver(
                user,
                BounceMessages.arfComplaint(
                        "arf-old-copy", BounceMessages.verp(victim.deliveryId()), "abuse", oldDigestAsReceived));
        deliver(
                user,
                BounceMessages.postfixBounce(
                        "dsn-old-link",
                        plain,
                        "signed.out.again@example.com",
                        "failed",
                        "5.1.1",
                        "550 5.1.1 User unknown",
                        oldDigest));
        deliver(user, BounceMessages.eximSoftBounce("soft-old-link", "signed.out.again@example.com", oldDigest));
        String before = state();

        BounceMailbox.Result result = mailbox().poll();

        assertThat(result).isEqualTo(new BounceMailbox.Result(0, 4));
        assertThat(state()).isEqualTo(before);
        assertThat(now(victim).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(leftInMailbox()).hasSize(4);
    }

    @Test
    void reportsToGuessedReturnPathsChangeNothing() throws Exception {
        GreenMailUser user = imap.setUser("bounces@" + DOMAIN, "bounces", "mailbox-password");
        Reader attacker = reader("attacker@example.com", 0);
        Reader victim = reader("victim@example.com", 0);
        String own = BounceMessages.verp(attacker.deliveryId());
        String neighbour = own.replaceFirst("\\+" + attacker.deliveryId() + "(?=[.@])", "+" + victim.deliveryId());
        assertThat(neighbour).isNotEqualTo(own);
        List<String> guesses = List.of(
                neighbour, // the attacker's own return path, with the neighbour's delivery id
                BounceMessages.oldVerp(victim.deliveryId()), // the id alone, as return paths were before
                "bounces+" + victim.deliveryId() + ".0123456789abcdef@" + DOMAIN); // a made-up signature
        for (int i = 0; i < guesses.size(); i++) {
            deliver(
                    user,
                    BounceMessages.postfixBounce(
                            "guess" + i,
                            guesses.get(i),
                            "victim@example.com",
                            "failed",
                            "5.1.1",
                            "550 5.1.1 User unknown",
                            BounceMessages.digestHeaders(
                                    "victim@example.com", guesses.get(i), victim.deliveryId(), null)));
        }
        String before = state();

        BounceMailbox.Result result = mailbox().poll();

        assertThat(result).isEqualTo(new BounceMailbox.Result(0, 3));
        assertThat(state()).isEqualTo(before);
        assertThat(now(victim).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void reportsAboutDeliveriesNotSentOrOutsideTheWindowChangeNothing() throws Exception {
        GreenMailUser user = imap.setUser("bounces@" + DOMAIN, "bounces", "mailbox-password");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        Reader longAgo = reader("long.ago@example.com", 0);
        delivered(longAgo.deliveryId(), "sent", now.minusDays(31));
        Reader failed = reader("failed@example.com", 0);
        delivered(failed.deliveryId(), "failed", null);
        Reader queued = reader("queued@example.com", 0);
        delivered(queued.deliveryId(), "queued", null);
        // an old-format return path of a digest sent before the upgrade, but longer ago than the window
        Reader oldFormat = reader("old.format@example.com", 0);
        delivered(oldFormat.deliveryId(), "sent", now.minusDays(31));
        for (Reader r : List.of(longAgo, failed, queued, oldFormat)) {
            String address = r.subscriber().getEmail();
            String returnPath =
                    r == oldFormat ? BounceMessages.oldVerp(r.deliveryId()) : BounceMessages.verp(r.deliveryId());
            deliver(
                    user,
                    BounceMessages.postfixBounce(
                            "window-" + r.deliveryId(),
                            returnPath,
                            address,
                            "failed",
                            "5.1.1",
                            "550 5.1.1 User unknown",
                            BounceMessages.digestHeaders(address, returnPath, r.deliveryId(), null)));
        }
        String before = state();

        BounceMailbox.Result result = mailbox().poll();

        assertThat(result).isEqualTo(new BounceMailbox.Result(0, 4));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void softBouncesCountOncePerDeliveryOnEveryPath() throws Exception {
        GreenMailUser user = imap.setUser("bounces@" + DOMAIN, "bounces", "mailbox-password");
        Reader byToken = reader("by.token@example.com", 0);
        Reader byReturnPath = reader("by.return.path@example.com", 0);
        String quoted =
                BounceMessages.digestHeaders("by.token@example.com", null, byToken.deliveryId(), byToken.token());
        db.database()
                .dsl()
                .update(DELIVERIES)
                .set(DELIVERIES.MESSAGE_ID, messageIdIn(quoted))
                .where(DELIVERIES.ID.eq(byToken.deliveryId()))
                .execute();
        for (int i = 1; i <= 3; i++) {
            // the same report three times over, as a forger would send it: no return path, the reader's link
            deliver(user, BounceMessages.eximSoftBounce("token-" + i, "by.token@example.com", quoted));
            deliver(
                    user,
                    BounceMessages.eximSoftBounce(
                            "verp-" + i,
                            "by.return.path@example.com",
                            BounceMessages.digestHeaders(
                                    "by.return.path@example.com", byReturnPath.deliveryId(), null)));
        }

        BounceMailbox.Result result = mailbox().poll();

        assertThat(result).isEqualTo(new BounceMailbox.Result(6, 0));
        for (Reader r : List.of(byToken, byReturnPath)) {
            assertThat(now(r).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
            assertThat(now(r).getSoftBounces()).isEqualTo(1);
            assertThat(events(r)).containsExactly("subscribed", "soft_bounce@" + r.deliveryId());
        }
    }

    @Test
    void oldFormatReturnPathsOfDigestsSentBeforeTheUpgradeStillWork() throws Exception {
        GreenMailUser user = imap.setUser("bounces@" + DOMAIN, "bounces", "mailbox-password");
        // the schema was migrated when this class started: two days ago is before the upgrade
        Reader before = reader("before.upgrade@example.com", 0);
        delivered(before.deliveryId(), "sent", LocalDateTime.now(ZoneOffset.UTC).minusDays(2));
        String returnPath = BounceMessages.oldVerp(before.deliveryId());
        deliver(
                user,
                BounceMessages.postfixBounce(
                        "old-format",
                        returnPath,
                        "before.upgrade@example.com",
                        "failed",
                        "5.1.1",
                        "550 5.1.1 User unknown",
                        BounceMessages.digestHeaders(
                                "before.upgrade@example.com", returnPath, before.deliveryId(), null)));

        BounceMailbox.Result result = mailbox().poll();

        assertThat(result).isEqualTo(new BounceMailbox.Result(1, 0));
        assertThat(now(before).getStatus()).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(events(before)).containsExactly("subscribed", "bounced@" + before.deliveryId());
    }

    private static void delivered(long deliveryId, String status, LocalDateTime sentAt) {
        db.database()
                .dsl()
                .update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.parse(status))
                .set(DELIVERIES.SENT_AT, sentAt)
                .where(DELIVERIES.ID.eq(deliveryId))
                .execute();
    }

    private static String messageIdIn(String headers) {
        return headers.lines()
                .filter(l -> l.startsWith("Message-ID: "))
                .findFirst()
                .orElseThrow()
                .substring("Message-ID: ".length());
    }

    /** Message-IDs of the messages still in the INBOX, each checked to carry the "left" keyword. */
    private static List<String> leftInMailbox() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap.getImap().getPort(), "bounces", "mailbox-password");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> ids = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                assertThat(m.getFlags().contains(BounceMailbox.LEFT_KEYWORD)).isTrue();
                assertThat(m.isSet(Flags.Flag.DELETED)).isFalse();
                ids.add(m.getHeader("Message-ID")[0]);
            }
            inbox.close(false);
            return ids;
        } finally {
            store.close();
        }
    }
}
