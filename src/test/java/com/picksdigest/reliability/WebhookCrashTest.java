package com.picksdigest.reliability;

import static com.picksdigest.db.generated.Tables.WEBHOOK_DELIVERIES;
import static com.picksdigest.db.generated.Tables.WEBHOOK_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.outbox.Outbox;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.support.AppProcess;
import com.picksdigest.support.Await;
import com.picksdigest.support.Edition;
import com.picksdigest.support.ServeWithWebhookReceiver;
import com.picksdigest.support.WebhookReceiver;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * `serve` killed with SIGKILL while it holds a webhook request in flight, with more changes made while no node runs:
 * after a restart every event reaches the receiver (at least once, with its stable webhook-id), none is lost.
 */
class WebhookCrashTest extends RelayAndSchemaTest {
    @Test
    void sigkillBetweenAChangeAndItsDeliveryLosesNoEvent() throws Exception {
        Map<String, String> env = new HashMap<>(Edition.seed(db, 0).serveEnv(relay.port(), Map.of()));
        try (WebhookReceiver receiver = new WebhookReceiver(Clock.systemUTC());
                App app = App.boot(
                                Settings.of(Map.of("PICKS_DB_URL", db.url(), "PICKS_SECRET", Edition.SECRET)),
                                Clock.systemUTC())
                        .withoutMigrating()
                        .seams(App.Seams.DEFAULT.withWebhookHttp(receiver.client()))
                        .open()) {
            receiver.secret(app.webhooks()
                    .register(receiver.url("/hook"), List.of(Outbox.SUBSCRIBER_CREATED), "admin")
                    .getSecret());
            env.put("PICKS_NODE_ID", "webhook-node");
            env.put("TEST_WEBHOOK_RECEIVER", "127.0.0.1:" + receiver.address().getPort());
            DSLContext dsl = app.database().dsl();

            receiver.answer(503);
            receiver.holdRequests();
            try (AppProcess node = AppProcess.startMain(ServeWithWebhookReceiver.class.getName(), env, "serve")) {
                for (int i = 0; i < 5; i++) add(app, "before" + i + "@example.org");
                Await.until(
                        Duration.ofSeconds(120),
                        () -> dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.STATE.eq("sending")) > 0,
                        () -> Edition.logs(node));
                node.kill();
            }
            assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.STATE.eq("delivered")))
                    .isZero();
            for (int i = 0; i < 3; i++) add(app, "while-down" + i + "@example.org");
            receiver.answer(200);
            receiver.release();

            try (AppProcess node = AppProcess.startMain(ServeWithWebhookReceiver.class.getName(), env, "serve")) {
                Await.until(
                        Duration.ofSeconds(120),
                        () -> dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.STATE.ne("delivered")) == 0,
                        () -> dsl.selectFrom(WEBHOOK_DELIVERIES).fetch() + Edition.logs(node));
                assertThat(node.terminate(60)).isZero();
            }
            Set<String> events = Set.copyOf(
                    dsl.select(WEBHOOK_EVENTS.MESSAGE_ID).from(WEBHOOK_EVENTS).fetch(WEBHOOK_EVENTS.MESSAGE_ID));
            assertThat(events).hasSize(8);
            Set<String> accepted = receiver.accepted().stream()
                    .map(WebhookReceiver.Request::id)
                    .collect(Collectors.toSet());
            assertThat(accepted).isEqualTo(events);
            assertThat(receiver.requests)
                    .allSatisfy(r -> assertThat(r.problem()).isNull());
        }
    }

    private static void add(App app, String email) {
        app.subscribers()
                .add(
                        new SubscriberInput(email, null, null, null, null, null, null, null, List.of()),
                        SubscriberStatus.ACTIVE);
    }
}
