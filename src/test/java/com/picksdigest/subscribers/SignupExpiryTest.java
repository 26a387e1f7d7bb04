package com.picksdigest.subscribers;

import static com.picksdigest.db.generated.Tables.CONFIRMATIONS;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Unconfirmed sign-ups and unused links expire after 7 days; nothing else does. */
class SignupExpiryTest {
    static final String SECRET = "expiry-secret-expiry-secret-expiry-secret";
    static TestDatabase db;
    static DSLContext dsl;
    static final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T10:00:00Z"));
    static SubscriberService subscribers;
    static App app;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.migrated(SignupExpiryTest.class);
        dsl = db.database().dsl();
        app = App.boot(Settings.of(Map.of("PICKS_SECRET", SECRET, "PICKS_DB_URL", db.url())), clock)
                .withoutMigrating()
                .open();
        subscribers = app.subscribers();
    }

    @AfterAll
    static void tearDown() {
        app.close();
        db.close();
    }

    private static SubscribersRecord add(String email, SubscriberStatus status) {
        return subscribers.find(subscribers
                .add(new SubscriberInput(email, null, null, null, null, null, null, null, List.of()), status)
                .getId());
    }

    @Test
    void unconfirmedSignUpsAndTheirLinksGoAfterSevenDays() {
        SubscribersRecord old = add("never.confirmed@example.com", SubscriberStatus.PENDING);
        String oldLink = app.confirmations().create(old, Confirmations.Purpose.SUBSCRIBE, null);
        SubscribersRecord active = add("long.time.reader@example.com", SubscriberStatus.ACTIVE);
        String moveLink = app.confirmations().create(active, Confirmations.Purpose.EMAIL, "new.home@example.com");
        clock.advance(Duration.ofDays(6));
        SubscribersRecord recent = add("signed.up.yesterday@example.com", SubscriberStatus.PENDING);
        String recentLink = app.confirmations().create(recent, Confirmations.Purpose.SUBSCRIBE, null);
        clock.advance(Duration.ofDays(1).plusMinutes(1));

        assertThat(app.confirmations().find(oldLink))
                .as("expired before the task even ran")
                .isInstanceOf(Confirmations.Gone.class);
        app.signups().expire();

        assertThat(subscribers.find(old.getId())).isNull();
        assertThat(dsl.fetchCount(
                        EVENTS, EVENTS.TYPE.eq("expired").and(EVENTS.DETAIL.eq("unconfirmed sign-up #" + old.getId()))))
                .isEqualTo(1);
        assertThat(dsl.fetchCount(EVENTS, EVENTS.DETAIL.contains("never.confirmed")))
                .isZero();
        assertThat(subscribers.find(active.getId()).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(app.confirmations().find(moveLink)).isInstanceOf(Confirmations.Gone.class);
        assertThat(subscribers.find(recent.getId()).getStatus())
                .as("a day old: still waiting")
                .isEqualTo(SubscriberStatus.PENDING);
        assertThat(app.confirmations().find(recentLink)).isInstanceOf(Confirmations.Found.class);
        assertThat(dsl.fetchCount(CONFIRMATIONS)).isEqualTo(1);

        int events = dsl.fetchCount(EVENTS);
        app.signups().expire();
        assertThat(dsl.fetchCount(EVENTS)).as("running again changes nothing").isEqualTo(events);
        assertThat(dsl.fetchCount(SUBSCRIBERS)).isEqualTo(2);
    }

    @Test
    void aConfirmationLinkDiesWithTheSubscribersTokenVersion() {
        SubscribersRecord s = add("rotating@example.com", SubscriberStatus.PENDING);
        String link = app.confirmations().create(s, Confirmations.Purpose.SUBSCRIBE, null);
        assertThat(app.confirmations().find(link)).isInstanceOf(Confirmations.Found.class);
        assertThat(app.confirmations().find(link.substring(0, link.length() - 2)))
                .isInstanceOf(Confirmations.Invalid.class);
        assertThat(app.confirmations().find(new LinkTokens(SECRET).issue(s.getId(), 1)))
                .as("a subscriber link is no confirmation link")
                .isInstanceOf(Confirmations.Invalid.class);

        app.accountChanges().signOutAllLinks(s);

        assertThat(app.confirmations().find(link)).isInstanceOf(Confirmations.Gone.class);
    }
}
