package com.picksdigest.web.api;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.support.Await;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Subscribers over real HTTP: paging 10,000 rows while others are added, create, preferences, unsubscribe, erase. */
class SubscribersApiTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static ApiStack stack;
    static DSLContext db;
    static String writer;
    static String reader;

    @BeforeAll
    static void start() {
        stack = new ApiStack(
                SubscribersApiTest.class, smtp.getSmtp().getPort(), Map.of("PICKS_API_RATE_LIMIT", "100000"));
        db = stack.app.database().dsl();
        stack.app.categories().add("AI");
        stack.app.categories().add("Security");
        writer = stack.key("CRM", "subscribers:read", "subscribers:write");
        reader = stack.key("Reader", "subscribers:read", "picks:read");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void tenThousandSubscribersPageWithoutGapsOrRepeatsWhileOthersAreAdded() throws Exception {
        // seeded by batch, created over the last days in an order unlike their ids
        LocalDateTime base = LocalDateTime.now().minusDays(3);
        for (int chunk = 0; chunk < 10; chunk++) {
            InsertValuesStep5<?, String, String, SubscriberStatus, LocalDateTime, LocalDateTime> insert = db.insertInto(
                    SUBSCRIBERS,
                    SUBSCRIBERS.EMAIL,
                    SUBSCRIBERS.EMAIL_KEY,
                    SUBSCRIBERS.STATUS,
                    SUBSCRIBERS.CREATED_AT,
                    SUBSCRIBERS.UPDATED_AT);
            for (int i = chunk * 1000; i < (chunk + 1) * 1000; i++) {
                String e = "paged" + i + "@example.org";
                LocalDateTime at = base.plusSeconds((i * 7919L) % 10_000);
                insert = insert.values(
                        e, e, i % 10 == 0 ? SubscriberStatus.UNSUBSCRIBED : SubscriberStatus.ACTIVE, at, at);
            }
            insert.execute();
        }
        List<Long> before = db.select(SUBSCRIBERS.ID)
                .from(SUBSCRIBERS)
                .where(SUBSCRIBERS.EMAIL.like("paged%"))
                .fetch(SUBSCRIBERS.ID);
        assertThat(before).hasSize(10_000);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger added = new AtomicInteger();
        Thread adder = new Thread(() -> {
            while (!stop.get()) {
                int n = added.incrementAndGet();
                HttpResponse<String> r = stack.post(
                        writer,
                        "/api/v1/subscribers",
                        "{\"email\":\"late" + n + "@example.org\",\"status\":\"active\"}");
                if (r.statusCode() != 201) throw new AssertionError(r.body());
            }
        });
        adder.start();
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        try {
            do {
                HttpResponse<String> r = stack.get(
                        reader, "/api/v1/subscribers?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode page = ApiStack.json(r);
                page.get("items").forEach(n -> seen.add(n.get("id").asLong()));
                cursor = page.get("nextCursor").isNull()
                        ? null
                        : page.get("nextCursor").asText();
            } while (cursor != null);
        } finally {
            stop.set(true);
            adder.join();
        }
        assertThat(added.get()).isGreaterThan(1);
        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
        assertThat(seen).containsAll(before);

        // filters: status, and the same walk with a smaller page size agrees
        JsonNode unsub = ApiStack.json(stack.get(reader, "/api/v1/subscribers?status=unsubscribed&limit=500"));
        unsub.get("items").forEach(n -> assertThat(n.get("status").asText()).isEqualTo("unsubscribed"));
        assertThat(stack.get(reader, "/api/v1/subscribers?status=asleep").statusCode())
                .isEqualTo(422);
        assertThat(stack.get(reader, "/api/v1/subscribers?category=nope").statusCode())
                .isEqualTo(422);
        assertThat(stack.get(reader, "/api/v1/subscribers?cursor=bm9wZQox").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aPendingSubscriberGetsTheSignUpsConfirmationMailAnActiveOneDoesNot() throws Exception {
        HttpResponse<String> pending = stack.post(
                writer,
                "/api/v1/subscribers",
                "{\"email\":\"new.reader@example.net\",\"name\":\"New\",\"categories\":[\"ai\"],\"frequency\":\"weekly\",\"weekday\":3}");
        assertThat(pending.statusCode()).isEqualTo(201);
        JsonNode p = ApiStack.json(pending);
        assertThat(p.get("status").asText()).isEqualTo("pending");
        assertThat(p.get("categories").get(0).asText()).isEqualTo("ai");
        assertThat(p.get("weekday").asInt()).isEqualTo(3);
        Await.until(Duration.ofSeconds(20), () -> received("new.reader@example.net") > 0, () -> "no confirmation mail");
        MimeMessage m = messagesTo("new.reader@example.net").get(0);
        assertThat(com.picksdigest.support.Mails.text(m)).contains("https://picks.example.org/confirm/");

        HttpResponse<String> active = stack.post(
                writer, "/api/v1/subscribers", "{\"email\":\"active.reader@example.net\",\"status\":\"active\"}");
        assertThat(ApiStack.json(active).get("status").asText()).isEqualTo("active");
        assertThat(received("active.reader@example.net")).isZero();
        assertThat(stack.post(writer, "/api/v1/subscribers", "{\"email\":\"ACTIVE.reader@example.net\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(db.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTOR.eq("api key CRM").and(AUDIT_LOG.ACTION.eq("create"))))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void badFieldsAreAProblemDetailWithOneMessagePerFieldAndNothingIsStored() {
        int before = db.fetchCount(SUBSCRIBERS);
        HttpResponse<String> r = stack.post(
                writer,
                "/api/v1/subscribers",
                "{\"email\":\"not an address\",\"hour\":25,\"timezone\":\"Mars/Olympus\",\"format\":\"pdf\",\"categories\":[\"nope\"],\"locale\":\"tlh\"}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode e = ApiStack.json(r).get("errors");
        assertThat(e.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("email", "hour", "timezone", "format", "categories", "locale");
        assertThat(e.get("locale").asText())
                .isEqualTo("\"tlh\" is not a supported language; supported: en, de, fr, es, pt-BR, ja, ar.");
        assertThat(e.get("hour").asText()).isEqualTo("Send hour must be from 0 to 23, not 25.");
        assertThat(stack.post(writer, "/api/v1/subscribers", "{\"email\":\"x@example.org\",\"hour\":\"eight\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(db.fetchCount(SUBSCRIBERS)).isEqualTo(before);
        assertThat(stack.post(reader, "/api/v1/subscribers", "{\"email\":\"r@example.org\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRetriedCreateMakesOneSubscriber() {
        String body = "{\"email\":\"retry@example.net\",\"status\":\"active\"}";
        HttpResponse<String> a = create(body, "crm-42");
        HttpResponse<String> b = create(body, "crm-42");
        assertThat(a.statusCode()).isEqualTo(201);
        assertThat(b.statusCode()).isEqualTo(201);
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(db.fetchCount(SUBSCRIBERS, SUBSCRIBERS.EMAIL_KEY.eq("retry@example.net")))
                .isEqualTo(1);
    }

    @Test
    void theCategoryFilterLeavesOutThoseWhoFollowOnlyOtherCategories() {
        stack.post(
                writer,
                "/api/v1/subscribers",
                "{\"email\":\"catfilter-ai@example.net\",\"status\":\"active\",\"categories\":[\"ai\"]}");
        stack.post(writer, "/api/v1/subscribers", "{\"email\":\"catfilter-all@example.net\",\"status\":\"active\"}");

        JsonNode found = ApiStack.json(stack.get(reader, "/api/v1/subscribers?q=catfilter&category=security"));

        assertThat(found.get("items")).hasSize(1);
        assertThat(found.get("items").get(0).get("email").asText()).isEqualTo("catfilter-all@example.net");
    }

    @Test
    void preferencesUnsubscribeAndEraseWithSuppression() {
        long id = ApiStack.json(stack.post(
                        writer, "/api/v1/subscribers", "{\"email\":\"life@example.net\",\"status\":\"active\"}"))
                .get("id")
                .asLong();
        JsonNode prefs = ApiStack.json(
                stack.put(
                        writer,
                        "/api/v1/subscribers/" + id + "/preferences",
                        "{\"name\":\"Life\",\"hour\":6,\"timezone\":\"Europe/Paris\",\"format\":\"text\",\"categories\":[\"security\"]}"));
        assertThat(prefs.get("hour").asInt()).isEqualTo(6);
        assertThat(prefs.get("format").asText()).isEqualTo("text");
        assertThat(prefs.get("categories").get(0).asText()).isEqualTo("security");
        assertThat(stack.put(writer, "/api/v1/subscribers/" + id + "/preferences", "{\"hour\":99}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(ApiStack.json(stack.get(reader, "/api/v1/subscribers/" + id))
                        .get("hour")
                        .asInt())
                .isEqualTo(6);
        JsonNode found = ApiStack.json(stack.get(reader, "/api/v1/subscribers?q=life%40example&category=security"));
        assertThat(found.get("items")).hasSize(1);

        assertThat(ApiStack.json(stack.post(writer, "/api/v1/subscribers/" + id + "/unsubscribe", ""))
                        .get("status")
                        .asText())
                .isEqualTo("unsubscribed");
        assertThat(stack.delete(writer, "/api/v1/subscribers/" + id).statusCode())
                .isEqualTo(204);
        assertThat(stack.get(reader, "/api/v1/subscribers/" + id).statusCode()).isEqualTo(404);
        assertThat(stack.delete(writer, "/api/v1/subscribers/" + id).statusCode())
                .isEqualTo(404);
        HttpResponse<String> again = stack.post(writer, "/api/v1/subscribers", "{\"email\":\"life@example.net\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiStack.json(again).get("detail").asText()).contains("suppressed");
        assertThat(db.select(AUDIT_LOG.ACTION)
                        .from(AUDIT_LOG)
                        .where(AUDIT_LOG.SUBJECT_ID.eq(id))
                        .and(AUDIT_LOG.SUBJECT.eq("subscriber"))
                        .orderBy(AUDIT_LOG.ID)
                        .fetch(AUDIT_LOG.ACTION))
                .containsExactly("create", "preferences", "unsubscribe", "erase");
    }

    private HttpResponse<String> create(String body, String idemKey) {
        return stack.send(stack.request(writer, "/api/v1/subscribers")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idemKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static int received(String to) {
        return messagesTo(to).size();
    }

    private static List<MimeMessage> messagesTo(String to) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().contains(to)) out.add(m);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
