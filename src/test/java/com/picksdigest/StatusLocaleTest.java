package com.picksdigest;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.bounces.BounceActions;
import com.picksdigest.bounces.BounceReport;
import com.picksdigest.config.BounceConfig;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.picks.FeedImport;
import com.picksdigest.picks.Feeds;
import com.picksdigest.picks.PickInput;
import com.picksdigest.picks.PickService;
import com.picksdigest.subscribers.NoticeMails;
import com.picksdigest.support.FeedServer;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.Mails;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import com.picksdigest.support.TestOutbound;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A JVM whose default locale is Turkish folds "I" to a dotless "ı": a status written with a default-locale
 * {@code toLowerCase()} would be "publıshed", which the schema's CHECK refuses, and a notice's "already_subscrıbed"
 * would pick the wrong paragraph of its template. Every status of every enum goes from the enum through the real
 * services into MariaDB and back, with the default locale Turkish.
 */
class StatusLocaleTest {
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Locale before;
    TestDatabase db;
    DSLContext dsl;
    ScriptedSmtpServer smtp;
    FeedServer feedServer;

    @BeforeEach
    void turkish() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        assertThat("I".toLowerCase()).as("the JVM folds case the Turkish way").isEqualTo("ı");
        db = TestDatabase.migrated(StatusLocaleTest.class);
        dsl = db.database().dsl();
        smtp = ScriptedSmtpServer.start();
        feedServer = new FeedServer();
    }

    @AfterEach
    void restore() {
        try {
            feedServer.close();
            smtp.close();
            db.close();
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void everyStatusSurvivesTheRoundTripThroughTheDatabase() throws Exception {
        Seed seed = new Seed(dsl, clock);
        seed.categories.add("News");
        seed.published("Something happened", "News", clock.instant().minus(Duration.ofHours(1)));
        PickService picks = seed.picks;
        long draft = picks.add(pick("A draft"), "ed").getId();
        long retracted = picks.add(pick("Said too soon"), "ed").getId();
        picks.publish(retracted, "ed");
        picks.retract(retracted, "ed");
        Feeds feeds = new Feeds(dsl, seed.categories, clock, TestOutbound.forFeeds(feedServer));
        long feed = feeds.register(
                        feedServer.serveResource("rss2.xml", "application/rss+xml; charset=utf-8", "\"v1\""),
                        "News",
                        "ed")
                .getId();
        try (FeedImport importer = new FeedImport(
                dsl, TestOutbound.forFeeds(feedServer), "PicksDigest-test", Duration.ofMinutes(30), clock)) {
            assertThat(importer.poll(feed).added()).isPositive();
        }

        SubscribersRecord sent = seed.subscriber("sent@example.org", null, "UTC", "text");
        SubscribersRecord complains = seed.subscriber("complains@example.org", null, "UTC", "text");
        seed.subscriber("gone@example.org", null, "UTC", "text");
        seed.subscriber("later@example.org", null, "UTC", "text");
        seed.subscriber("later2@example.org", null, "UTC", "text");
        SubscribersRecord upToDate = seed.subscriber("uptodate@example.org", null, "UTC", "text");
        seed.watermark(upToDate.getId(), clock.instant());
        SubscribersRecord leaves = seed.subscriber("leaves@example.org", null, "UTC", "text");
        SubscribersRecord pending = seed.subscribers.add(
                new com.picksdigest.subscribers.SubscriberInput(
                        "pending@example.org", null, "UTC", 0, "daily", null, "text", "en", List.of("News")),
                SubscriberStatus.PENDING);
        smtp.onRcpt("gone@example.org", "550 5.1.1 No such user here");
        smtp.onRcpt("later@example.org", "451 4.3.0 Try again later");
        smtp.onRcpt("later2@example.org", "451 4.3.0 Try again later");

        try (MailerHarness h = new MailerHarness(db, smtp.port(), clock, Map.of("PICKS_RETRY_BASE_SECONDS", "600"))) {
            h.mailer.enqueueAll(Optional.empty());
            h.app.subscribers().unsubscribe(leaves.getId(), "moved on");
            h.mailer.workers().drain(Duration.ofSeconds(60));

            BounceActions bounces = new BounceActions(
                    dsl, h.app.subscribers(), h.app.linkTokens(), BounceConfig.from(h.app.settings()), clock);
            BounceActions.Outcome bounced = bounces.apply(new BounceReport.HardBounce(about(sent), "5.1.1", "gone"));
            assertThat(bounced.done()).as(bounced.summary()).isTrue();
            BounceActions.Outcome complained = bounces.apply(new BounceReport.Complaint(about(complains), "abuse"));
            assertThat(complained.done()).as(complained.summary()).isTrue();

            clock.advance(Duration.ofHours(1));
            assertThat(h.app.ledger().claim("node-tr", 1, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                    .hasSize(1);

            h.app.notices()
                    .manage(NoticeMails.Manage.ALREADY_SUBSCRIBED, sent.getId(), 1, "again@example.org", null, "en");
            h.app.notices()
                    .confirm(NoticeMails.Confirm.RESUBSCRIBE, pending.getId(), "pending@example.org", "tok", "en");
        }

        assertThat(roundTrip(PICKS.STATUS, PickStatus.values())).containsExactlyInAnyOrder(PickStatus.values());
        assertThat(picks.require(draft).getStatus()).isEqualTo(PickStatus.DRAFT);
        assertThat(roundTrip(SUBSCRIBERS.STATUS, SubscriberStatus.values()))
                .containsExactlyInAnyOrder(SubscriberStatus.values());
        assertThat(roundTrip(DELIVERIES.STATUS, DeliveryStatus.values()))
                .containsExactlyInAnyOrder(DeliveryStatus.values());

        List<String> notices = smtp.received().stream()
                .filter(r -> !r.recipients().contains("sent@example.org")
                        && !r.recipients().contains("complains@example.org"))
                .map(r -> {
                    try {
                        return Mails.text(Mails.parse(r.bytes()));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
        assertThat(notices)
                .anySatisfy(t -> assertThat(t).contains("This address is already subscribed, so nothing changed."))
                .anySatisfy(t -> assertThat(t).contains("asked to receive"));
    }

    /** The words stored in a column, read as text past the converter, each matched to the enum value it stands for. */
    private <E extends Enum<E>> Set<E> roundTrip(TableField<?, E> column, E[] values) {
        Field<String> raw = DSL.field(column.getQualifiedName(), String.class);
        return dsl.selectDistinct(raw).from(column.getTable()).fetch(raw).stream()
                .map(stored -> Arrays.stream(values)
                        .filter(v -> v.toString().equals(stored))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("\"" + stored + "\" is no status")))
                .collect(java.util.stream.Collectors.toSet());
    }

    private BounceReport.Reference about(SubscribersRecord s) {
        long delivery = dsl.select(DELIVERIES.ID)
                .from(DELIVERIES)
                .where(DELIVERIES.SUBSCRIBER_ID.eq(s.getId()))
                .fetchSingle(DELIVERIES.ID);
        return new BounceReport.Reference(
                Optional.empty(), Optional.of(delivery), Set.of(s.getEmail()), Optional.empty(), false);
    }

    private static PickInput pick(String title) {
        return new PickInput(
                title,
                "https://news.example.org/" + title.replace(' ', '-'),
                "Summary of " + title,
                "Example Source",
                "https://source.example.org",
                null,
                "News",
                null,
                false,
                null);
    }
}
