package com.picksdigest.webhooks;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.db.generated.Tables.WEBHOOK_DELIVERIES;
import static com.picksdigest.db.generated.Tables.WEBHOOK_ENDPOINTS;
import static com.picksdigest.db.generated.Tables.WEBHOOK_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.picksdigest.App;
import com.picksdigest.common.InvalidFields;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.outbox.Outbox;
import com.picksdigest.picks.PickInput;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.support.Await;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.TestDatabase;
import com.picksdigest.support.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.tools.json.JSONObject;
import org.jooq.tools.json.JSONParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end in one process: changes made through the feature services, the relay sending them to a
 * loopback receiver through the guarded client, the receiver checking every signature with its own implementation
 * of the Standard Webhooks scheme. Time is a {@link MutableClock}: retries and pauses happen without waiting.
 */
class WebhookDeliveryTest {
    private static TestDatabase db;
    private MutableClock clock;
    private WebhookReceiver receiver;
    private MailerHarness harness;
    private App app;
    private DSLContext dsl;

    @BeforeAll
    static void schema() {
        db = TestDatabase.migrated(WebhookDeliveryTest.class);
    }

    @AfterAll
    static void dropSchema() {
        db.close();
    }

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        receiver = new WebhookReceiver(clock);
        open("2");
    }

    /** The relay is driven by hand (runOnce), so every step is deterministic. */
    private void open(String pauseAfterHours) {
        if (harness != null) harness.close();
        harness = new MailerHarness(
                db,
                2525,
                clock,
                Map.of("PICKS_WEBHOOK_PAUSE_AFTER_HOURS", pauseAfterHours),
                App.Seams.DEFAULT.withWebhookHttp(receiver.client()));
        app = harness.app;
        dsl = app.database().dsl();
        if (app.categories().active().isEmpty()) app.categories().add("News");
    }

    @AfterEach
    void stop() {
        dsl.deleteFrom(WEBHOOK_ENDPOINTS).execute();
        dsl.deleteFrom(WEBHOOK_EVENTS).execute();
        dsl.deleteFrom(DELIVERIES).execute();
        dsl.deleteFrom(EDITIONS).execute();
        dsl.deleteFrom(SUBSCRIBERS).execute();
        dsl.deleteFrom(PICKS).execute();
        harness.close();
        harness = null;
        receiver.close();
    }

    private String register(String... types) {
        var e = app.webhooks().register(receiver.url("/hook"), List.of(types), "admin@example.org");
        receiver.secret(e.getSecret());
        return e.getSecret();
    }

    private SubscribersRecord subscriber(String email) {
        return app.subscribers()
                .add(
                        new SubscriberInput(email, "Ann", null, null, null, null, null, null, List.of()),
                        SubscriberStatus.ACTIVE);
    }

    /** Runs the relay until nothing is due now. */
    private void drain() {
        while (app.webhookRelay().runOnce() > 0) {
            // keep going
        }
    }

    private static Map<String, Object> json(String body) throws Exception {
        return (JSONObject) new JSONParser().parse(body);
    }

    @Test
    void everyEventArrivesSignedWithTheDocumentedPayload() throws Exception {
        String secret = register(Outbox.TYPES.toArray(String[]::new));
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        SubscribersRecord ann = subscriber("ann@example.org");
        app.subscribers().unsubscribe(ann.getId(), "too much mail");
        var pick = app.picks()
                .add(
                        new PickInput(
                                "A pick", "https://example.org/a", "Why", null, null, null, "News", null, true, null),
                        "ed@example.org");
        app.subscriberData().erase(app.subscribers().find(ann.getId()));
        drain();

        assertThat(receiver.requests).allSatisfy(r -> assertThat(r.problem()).isNull());
        List<Map<String, Object>> got = new ArrayList<>();
        for (var r : receiver.accepted()) got.add(json(r.body()));
        assertThat(got)
                .extracting(m -> m.get("type"))
                .containsExactlyInAnyOrder(
                        "subscriber.created", "subscriber.unsubscribed", "pick.published", "subscriber.erased");
        // one subscriber's events in the order they happened; other subjects may go in between
        assertThat(got.stream().map(m -> (String) m.get("type")).filter(t -> t.startsWith("subscriber.")))
                .containsExactly("subscriber.created", "subscriber.unsubscribed", "subscriber.erased");
        Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
        for (Map<String, Object> m : got) byType.put((String) m.get("type"), m);
        @SuppressWarnings("unchecked")
        Map<String, Object> created =
                (Map<String, Object>) byType.get("subscriber.created").get("data");
        assertThat(created)
                .containsEntry("id", ann.getId())
                .containsEntry("email", "ann@example.org")
                .containsEntry("name", "Ann")
                .containsEntry("status", "active");
        assertThat(byType.get("subscriber.created")).containsEntry("timestamp", "2026-12-01T09:00:00Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> unsub =
                (Map<String, Object>) byType.get("subscriber.unsubscribed").get("data");
        assertThat(unsub).containsEntry("status", "unsubscribed").containsEntry("reason", "too much mail");
        @SuppressWarnings("unchecked")
        Map<String, Object> picked =
                (Map<String, Object>) byType.get("pick.published").get("data");
        assertThat(picked)
                .containsEntry("id", pick.getId())
                .containsEntry("title", "A pick")
                .containsEntry("url", "https://example.org/a")
                .containsEntry("category", "News");
        @SuppressWarnings("unchecked")
        Map<String, Object> erased =
                (Map<String, Object>) byType.get("subscriber.erased").get("data");
        assertThat(erased).containsEntry("email", "ann@example.org").containsEntry("status", "erased");
        // the webhook-id is the stored event's, one per event
        assertThat(receiver.accepted().stream().map(WebhookReceiver.Request::id))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(dsl.select(WEBHOOK_EVENTS.MESSAGE_ID)
                        .from(WEBHOOK_EVENTS)
                        .fetch(WEBHOOK_EVENTS.MESSAGE_ID));

        // a tampered body or another secret does not verify with the receiver's own check
        var first = receiver.accepted().get(0);
        assertThat(com.picksdigest.support.StandardWebhooks.problem(
                        secret,
                        first.id(),
                        first.timestamp(),
                        Signatures.sign(
                                secret,
                                first.id(),
                                Long.parseLong(first.timestamp()),
                                first.body().getBytes()),
                        (first.body() + " ").getBytes(),
                        clock.instant()))
                .isEqualTo("no v1 signature matches");
    }

    @Test
    void onlyTheChosenEventsAreQueuedAndNothingWhenNoEndpointWantsThem() {
        subscriber("before@example.org");
        assertThat(dsl.fetchCount(WEBHOOK_EVENTS))
                .as("no endpoint: no outbox rows")
                .isZero();
        register(Outbox.SUBSCRIBER_UNSUBSCRIBED);
        SubscribersRecord bob = subscriber("bob@example.org");
        app.subscribers().unsubscribe(bob.getId(), null);
        drain();
        assertThat(receiver.accepted()).hasSize(1);
        assertThat(receiver.accepted().get(0).body()).contains("\"subscriber.unsubscribed\"");
    }

    @Test
    void aChangeRolledBackQueuesNothing() {
        register(Outbox.SUBSCRIBER_CREATED);
        subscriber("dup@example.org");
        assertThatThrownBy(() -> subscriber("DUP@example.org")).hasMessageContaining("already on the list");
        assertThat(dsl.fetchCount(WEBHOOK_EVENTS)).isEqualTo(1);
    }

    @Test
    void registrationRefusesWhatTheGuardRefusesAndUnknownEvents() {
        assertThatThrownBy(() -> app.webhooks().register("http://127.0.0.1:8080/x", List.of("pick.published"), "a"))
                .isInstanceOf(InvalidFields.class)
                .satisfies(
                        e -> assertThat(((InvalidFields) e).errors().get("url")).contains("loopback"));
        assertThatThrownBy(() -> app.webhooks().register(receiver.url("/x"), List.of("pick.deleted"), "a"))
                .isInstanceOf(InvalidFields.class)
                .satisfies(e -> assertThat(((InvalidFields) e).errors().get("events"))
                        .contains("\"pick.deleted\" is not an event"));
        assertThatThrownBy(() -> app.webhooks().register("ftp://example.org/", List.of(), "a"))
                .isInstanceOf(InvalidFields.class)
                .satisfies(e -> assertThat(((InvalidFields) e).errors()).containsKeys("url", "events"));
        assertThat(dsl.fetchCount(WEBHOOK_ENDPOINTS)).isZero();
    }

    /**
     * The receiver answers 503 for ten minutes while three subscribers each go through several changes; afterwards
     * every event arrives, each subscriber's in the order they happened, and none of a subscriber's later events
     * was even tried while an earlier one was still waiting.
     */
    @Test
    void aReceiverDownForTenMinutesGetsEveryEventAfterwardsInOrderPerSubscriber() throws Exception {
        register(Outbox.TYPES.toArray(String[]::new));
        receiver.answer(503);
        Instant downSince = clock.instant();
        Map<Long, List<String>> expected = new LinkedHashMap<>();
        List<SubscribersRecord> subs = new ArrayList<>();
        for (String who : List.of("a", "b", "c")) {
            SubscribersRecord s = subscriber(who + "@example.org");
            subs.add(s);
            expected.computeIfAbsent(s.getId(), k -> new ArrayList<>()).add("subscriber.created");
        }
        while (Duration.between(downSince, clock.instant()).compareTo(Duration.ofMinutes(10)) < 0) {
            drain();
            clock.advance(Duration.ofSeconds(20));
            // changes keep coming while the receiver is down
            long minute = Duration.between(downSince, clock.instant()).toSeconds();
            if (minute == 120) {
                for (SubscribersRecord s : subs) {
                    app.subscribers().unsubscribe(s.getId(), "first");
                    expected.get(s.getId()).add("subscriber.unsubscribed");
                }
            }
            if (minute == 300) {
                app.subscriberData().erase(app.subscribers().find(subs.get(1).getId()));
                expected.get(subs.get(1).getId()).add("subscriber.erased");
            }
        }
        assertThat(receiver.accepted()).isEmpty();
        assertThat(receiver.requests).as("attempts while down").isNotEmpty();
        assertThat(receiver.requests)
                .as("while a subscriber's first event failed, their later ones were never tried")
                .allSatisfy(r -> assertThat(r.body()).contains("subscriber.created"));
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.STATE.eq("failed")))
                .isZero();

        receiver.answer(200);
        Await.until(
                Duration.ofSeconds(30),
                () -> {
                    drain();
                    clock.advance(Duration.ofSeconds(30));
                    return dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.STATE.ne("delivered")) == 0;
                },
                () -> dsl.selectFrom(WEBHOOK_DELIVERIES).fetch().toString());

        Map<Long, List<String>> got = new LinkedHashMap<>();
        for (var r : receiver.accepted()) {
            Map<String, Object> m = json(r.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) m.get("data");
            got.computeIfAbsent(((Number) data.get("id")).longValue(), k -> new ArrayList<>())
                    .add((String) m.get("type"));
        }
        assertThat(got).isEqualTo(expected);
        assertThat(receiver.requests).allSatisfy(r -> assertThat(r.problem()).isNull());
        // the delivery log keeps the attempts and the last answer
        var log = app.webhooks().log(app.webhooks().list().get(0).get(WEBHOOK_ENDPOINTS.ID), 50);
        assertThat(log)
                .allSatisfy(
                        r -> assertThat(r.get(WEBHOOK_DELIVERIES.LAST_STATUS)).isEqualTo(200));
        assertThat(log.stream()
                        .mapToInt(r -> r.get(WEBHOOK_DELIVERIES.ATTEMPTS))
                        .max()
                        .getAsInt())
                .isGreaterThan(3);
    }

    @Test
    void anEndpointFailingForTheConfiguredTimeIsPausedAndResumingSendsWhatWaited() throws Exception {
        register(Outbox.SUBSCRIBER_CREATED);
        receiver.answer(500);
        subscriber("p@example.org");
        for (int i = 0; i < 60 && app.webhooks().list().get(0).get(WEBHOOK_ENDPOINTS.PAUSED_AT) == null; i++) {
            drain();
            clock.advance(Duration.ofMinutes(5));
        }
        var e = app.webhooks().list().get(0).into(WEBHOOK_ENDPOINTS);
        assertThat(e.getPausedAt()).as("paused after 2 h of failures").isNotNull();
        assertThat(Duration.between(LocalDateTime.of(2026, 12, 1, 9, 0), e.getPausedAt()))
                .isBetween(Duration.ofHours(2), Duration.ofHours(3));
        assertThat(e.getPausedReason()).contains("failures in a row").contains("answered 500");
        int tried = receiver.requests.size();
        subscriber("while-paused@example.org");
        clock.advance(Duration.ofHours(2));
        drain();
        assertThat(receiver.requests).as("nothing is sent to a paused endpoint").hasSize(tried);

        receiver.answer(200);
        app.webhooks().setEnabled(e.getId(), true);
        Await.until(
                Duration.ofSeconds(30),
                () -> {
                    drain();
                    clock.advance(Duration.ofSeconds(10));
                    return dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.STATE.ne("delivered")) == 0;
                },
                () -> dsl.selectFrom(WEBHOOK_DELIVERIES).fetch().toString());
        Set<String> ids =
                receiver.accepted().stream().map(WebhookReceiver.Request::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(dsl.fetchCount(WEBHOOK_EVENTS));
    }

    @Test
    void aDeliveryFailingForADayIsGivenUp() {
        open("48");
        register(Outbox.SUBSCRIBER_CREATED);
        receiver.answer(404);
        subscriber("gone@example.org");
        for (int i = 0; i < 30; i++) {
            drain();
            clock.advance(Duration.ofHours(1));
        }
        drain();
        var d = dsl.selectFrom(WEBHOOK_DELIVERIES).fetchOne();
        assertThat(d.getState()).isEqualTo("failed");
        assertThat(d.getLastStatus()).isEqualTo(404);
        assertThat(d.getLastError()).isEqualTo("answered 404");
    }

    @Test
    void anEditionIsCompletedOnceItsDateHasEndedEverywhereAndNothingIsLeftToSend() throws Exception {
        register(Outbox.EDITION_COMPLETED);
        SubscribersRecord s = subscriber("reader@example.org");
        LocalDate date = LocalDate.parse("2026-12-01");
        long edition = dsl.insertInto(EDITIONS, EDITIONS.EDITION_DATE)
                .values(date)
                .returning(EDITIONS.ID)
                .fetchOne()
                .getId();
        dsl.insertInto(DELIVERIES, DELIVERIES.EDITION_ID, DELIVERIES.SUBSCRIBER_ID, DELIVERIES.STATUS)
                .values(edition, s.getId(), DeliveryStatus.QUEUED)
                .execute();
        var completion = new com.picksdigest.delivery.EditionCompletion(dsl);
        LocalDateTime after = LocalDateTime.of(2026, 12, 2, 14, 0);
        assertThat(completion.run(after.minusMinutes(1)))
                .as("still a day somewhere")
                .isEmpty();
        assertThat(completion.run(after)).as("a delivery is still queued").isEmpty();
        dsl.update(DELIVERIES).set(DELIVERIES.STATUS, DeliveryStatus.SENT).execute();
        assertThat(completion.run(after)).containsExactly(date);
        assertThat(completion.run(after.plusHours(1))).as("once").isEmpty();
        clock.advance(Duration.between(clock.instant(), after.toInstant(ZoneOffset.UTC)));
        drain();
        assertThat(receiver.accepted()).hasSize(1);
        Map<String, Object> m = json(receiver.accepted().get(0).body());
        assertThat(m).containsEntry("type", "edition.completed");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) m.get("data");
        assertThat(data)
                .containsEntry("date", "2026-12-01")
                .containsEntry("deliveries", 1L)
                .containsEntry("sent", 1L)
                .containsEntry("failed", 0L);
    }
}
