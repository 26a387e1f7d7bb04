package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.WEBHOOK_ENDPOINTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.App;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.editors.Role;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.support.Await;
import com.picksdigest.support.WebhookReceiver;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /admin/webhooks over HTTP: register an endpoint, see its secret, see the delivery log fill as the relay sends. */
class WebhookPagesTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static WebhookReceiver receiver;
    static AdminStack stack;
    static DSLContext db;
    static AdminHttp admin;
    static AdminHttp ed;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver(Clock.systemUTC());
        stack = new AdminStack(
                WebhookPagesTest.class,
                smtp.getSmtp().getPort(),
                Clock.systemUTC(),
                Map.of(),
                false,
                App.Seams.DEFAULT.withWebhookHttp(receiver.client()));
        db = stack.harness.app.database().dsl();
        stack.editor("chief@example.org", Role.ADMIN);
        stack.editor("ed@example.org", Role.EDITOR);
        admin = new AdminHttp(stack);
        admin.signIn("chief@example.org", AdminStack.PASSWORD);
        ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);
    }

    @AfterAll
    static void stop() {
        stack.close();
        receiver.close();
    }

    @Test
    void anAdminRegistersAnEndpointAndSeesItsDeliveries() throws Exception {
        assertThat(admin.get("/admin/webhooks").statusCode()).isEqualTo(200);

        HttpResponse<String> refused =
                admin.submit("/admin/webhooks", "url", "http://127.0.0.1:8080/hook", "event", "subscriber.created");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Endpoint URL refused: 127.0.0.1 is a loopback address.");
        HttpResponse<String> noEvents = admin.submit("/admin/webhooks", "url", receiver.url("/hook"));
        assertThat(noEvents.statusCode()).isEqualTo(400);
        assertThat(noEvents.body()).contains("Choose at least one event.");
        assertThat(db.fetchCount(WEBHOOK_ENDPOINTS)).isZero();

        HttpResponse<String> created = admin.submit(
                "/admin/webhooks",
                "url",
                receiver.url("/hook"),
                "event",
                "subscriber.created",
                "event",
                "subscriber.unsubscribed");
        assertThat(created.statusCode()).isEqualTo(303);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/admin/webhooks/\\d+\\?ok=webhook-added");
        String page = admin.get(location.replaceAll("^https?://[^/]+", "")).body();
        Matcher secret =
                Pattern.compile("<code id=\"secret\">(whsec_[^<]+)</code>").matcher(page);
        assertThat(secret.find()).as(page).isTrue();
        receiver.secret(secret.group(1));
        String path = location.replaceAll("^https?://[^/]+", "").replaceAll("\\?.*", "");

        var app = stack.harness.app;
        var s = app.subscribers()
                .add(
                        new SubscriberInput("reader@example.org", null, null, null, null, null, null, null, List.of()),
                        SubscriberStatus.ACTIVE);
        app.subscribers().unsubscribe(s.getId(), null);
        app.webhookRelay().start();
        Await.until(Duration.ofSeconds(30), () -> receiver.accepted().size() == 2, () -> receiver.requests.toString());
        assertThat(receiver.requests).allSatisfy(r -> assertThat(r.problem()).isNull());

        Await.until(
                Duration.ofSeconds(10),
                () -> admin.get(path).body().split("<td class=\"state\">delivered</td>", -1).length == 3,
                () -> admin.get(path).body());
        String log = admin.get(path).body();
        assertThat(log).contains("subscriber.created").contains("subscriber.unsubscribed");
        assertThat(log).contains("<td class=\"status\">200");
        assertThat(log).containsPattern("<span id=\"last-answer\">200 at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");

        // the list shows the endpoint with its counts; an editor who is not an admin sees nothing of it
        String list = admin.get("/admin/webhooks").body();
        assertThat(list).contains(receiver.url("/hook")).contains("subscriber.created, subscriber.unsubscribed");
        assertThat(ed.get("/admin/webhooks").statusCode()).isEqualTo(403);
        assertThat(ed.get(path).statusCode()).isEqualTo(403);

        // disabling: a change queues nothing for it
        assertThat(admin.submit(path + "/disable").statusCode()).isEqualTo(303);
        assertThat(admin.get(path).body()).contains("<span id=\"state\">disabled</span>");
    }
}
