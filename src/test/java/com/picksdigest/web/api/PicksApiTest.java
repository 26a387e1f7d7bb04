package com.picksdigest.web.api;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static com.picksdigest.db.generated.Tables.PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.picksdigest.db.types.PickStatus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Picks, candidates and categories over real HTTP: auth, scopes, problem details, idempotency, limits, paging. */
class PicksApiTest {
    static ApiStack stack;
    static DSLContext db;
    static String writer;
    static String reader;

    @BeforeAll
    static void start() {
        stack = new ApiStack(PicksApiTest.class, 0, Map.of("PICKS_API_RATE_LIMIT", "100000"));
        db = stack.app.database().dsl();
        stack.app.categories().add("AI");
        stack.app.categories().add("Security");
        writer = stack.key("CMS", "picks:read", "picks:write");
        reader = stack.key("Reader", "picks:read", "subscribers:read");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void missingWrongRevokedKeysAre401AndAMissingScopeIs403() {
        HttpResponse<String> none = stack.get(null, "/api/v1/picks");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(ApiStack.json(none).get("status").asInt()).isEqualTo(401);
        assertThat(stack.get("pdk_" + "A".repeat(43), "/api/v1/picks").statusCode())
                .isEqualTo(401);
        assertThat(stack.send(stack.request(null, "/api/v1/picks").header("Authorization", "Basic dXNlcjpwdw=="))
                        .statusCode())
                .isEqualTo(401);

        String doomed = stack.key("Doomed", "picks:read");
        assertThat(stack.get(doomed, "/api/v1/picks").statusCode()).isEqualTo(200);
        long id = stack.app.apiKeys().all().stream()
                .filter(k -> k.getName().equals("Doomed"))
                .findFirst()
                .orElseThrow()
                .getId();
        stack.app.apiKeys().revoke(id);
        HttpResponse<String> revoked = stack.get(doomed, "/api/v1/picks");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(ApiStack.json(revoked).get("detail").asText()).contains("revoked");

        int before = db.fetchCount(PICKS);
        HttpResponse<String> scope = stack.post(reader, "/api/v1/picks", pick("No scope", "https://scope.example/a"));
        assertThat(scope.statusCode()).isEqualTo(403);
        assertThat(ApiStack.json(scope).get("detail").asText()).contains("picks:write");
        assertThat(db.fetchCount(PICKS)).isEqualTo(before);
    }

    @Test
    void fieldErrorsComeAsAProblemDetailWithTheWorkspacesMessagesAndNothingIsSaved() throws Exception {
        int before = db.fetchCount(PICKS);
        HttpResponse<String> r = stack.post(
                writer,
                "/api/v1/picks",
                "{\"title\":\"\",\"url\":\"javascript:alert(1)\",\"category\":\"nope\",\"publishAt\":\"soon\"}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = ApiStack.json(r);
        assertThat(p.get("type").asText()).isEqualTo("urn:picks-digest:problem:validation");
        assertThat(p.get("status").asInt()).isEqualTo(422);
        assertThat(p.get("errors").get("title").asText()).isEqualTo("Title is required.");
        assertThat(p.get("errors").get("category").asText()).startsWith("Unknown category \"nope\"");
        assertThat(p.get("errors").has("url")).isTrue();
        assertThat(p.get("errors").get("publishAt").asText()).contains("ISO 8601");
        assertThat(db.fetchCount(PICKS)).isEqualTo(before);

        assertThat(stack.post(writer, "/api/v1/picks", "{not json").statusCode())
                .isEqualTo(400);
        assertThat(stack.post(writer, "/api/v1/picks", "[]").statusCode()).isEqualTo(400);
        assertThat(stack.send(stack.request(writer, "/api/v1/picks")
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("x")))
                        .statusCode())
                .isEqualTo(415);
        // refused from its declared length before any of the body is read: headers alone get the answer (a client
        // still writing a refused body can see the connection reset instead, so the body is not sent at all)
        assertThat(rawStatusLine(writer, ApiCall.MAX_BODY_BYTES + 2)).startsWith("HTTP/1.1 413");
        assertThat(stack.get(writer, "/api/v1/picks/999999").statusCode()).isEqualTo(404);
        assertThat(stack.get(writer, "/api/v1/nothing-here").statusCode()).isEqualTo(404);
        assertThat(db.fetchCount(PICKS)).isEqualTo(before);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyGetsTheSameAnswerAndMakesOnePick() {
        String body = pick("Retried story", "https://retry.example/a");
        HttpResponse<String> first = create(body, "retry-1");
        assertThat(first.statusCode()).isEqualTo(201);
        HttpResponse<String> again = create(body, "retry-1");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(db.fetchCount(PICKS, PICKS.URL.eq("https://retry.example/a")))
                .isEqualTo(1);

        // the same key with another body is refused; a new key for the same link meets the duplicate check
        assertThat(create(pick("Other", "https://retry.example/b"), "retry-1").statusCode())
                .isEqualTo(422);
        HttpResponse<String> dup = create(body, "retry-2");
        assertThat(dup.statusCode()).isEqualTo(422);
        assertThat(ApiStack.json(dup).get("errors").get("url").asText()).contains("already exists");
        assertThat(db.fetchCount(PICKS, PICKS.URL.like("https://retry.example/%")))
                .isEqualTo(1);
    }

    @Test
    void publishRetractMoveAndCategoriesGoThroughTheWorkspacesRulesAndAreAuditedWithTheKeysName() {
        JsonNode a = ApiStack.json(stack.post(writer, "/api/v1/picks", pick("First", "https://flow.example/1")));
        long id = a.get("id").asLong();
        assertThat(a.get("status").asText()).isEqualTo("draft");
        JsonNode pub = ApiStack.json(stack.post(writer, "/api/v1/picks/" + id + "/publish", ""));
        assertThat(pub.get("status").asText()).isEqualTo("published");
        JsonNode edited = ApiStack.json(stack.put(
                writer,
                "/api/v1/picks/" + id,
                "{\"title\":\"First, edited\",\"url\":\"https://flow.example/1\",\"category\":\"security\"}"));
        assertThat(edited.get("title").asText()).isEqualTo("First, edited");
        assertThat(edited.get("category").asText()).isEqualTo("security");
        assertThat(stack.post(writer, "/api/v1/picks/" + id + "/move", "{\"direction\":\"sideways\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(stack.post(writer, "/api/v1/picks/" + id + "/move", "{\"direction\":\"up\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(ApiStack.json(stack.post(writer, "/api/v1/picks/" + id + "/retract", ""))
                        .get("status")
                        .asText())
                .isEqualTo("retracted");

        HttpResponse<String> cat = stack.post(writer, "/api/v1/categories", "{\"name\":\"Robots\"}");
        assertThat(cat.statusCode()).isEqualTo(201);
        assertThat(stack.post(writer, "/api/v1/categories", "{\"name\":\"Robots\"}")
                        .statusCode())
                .isEqualTo(409);
        long catId = ApiStack.json(cat).get("id").asLong();
        assertThat(ApiStack.json(stack.put(writer, "/api/v1/categories/" + catId, "{\"name\":\"Robotics\"}"))
                        .get("name")
                        .asText())
                .isEqualTo("Robotics");
        assertThat(ApiStack.json(stack.post(writer, "/api/v1/categories/" + catId + "/retire", ""))
                        .get("retired")
                        .asBoolean())
                .isTrue();

        assertThat(db.select(AUDIT_LOG.ACTION)
                        .from(AUDIT_LOG)
                        .where(AUDIT_LOG.ACTOR.eq("api key CMS"))
                        .and(AUDIT_LOG.SUBJECT_ID.eq(id))
                        .and(AUDIT_LOG.SUBJECT.eq("pick"))
                        .orderBy(AUDIT_LOG.ID)
                        .fetch(AUDIT_LOG.ACTION))
                .containsExactly("create", "publish", "edit", "retract");
        assertThat(db.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTOR.eq("api key CMS").and(AUDIT_LOG.SUBJECT.eq("category"))))
                .isEqualTo(3);
    }

    @Test
    void candidatesAreListedAcceptedWithEditsOrDismissed() {
        long c1 = candidate("Feed item one", "https://feed.example/1");
        long c2 = candidate("Feed item two", "https://feed.example/2");
        JsonNode list = ApiStack.json(stack.get(reader, "/api/v1/candidates"));
        List<Long> ids = new ArrayList<>();
        list.get("items").forEach(n -> ids.add(n.get("id").asLong()));
        assertThat(ids).contains(c1, c2);
        JsonNode accepted = ApiStack.json(
                stack.post(writer, "/api/v1/candidates/" + c1 + "/accept", "{\"summary\":\"Edited summary\"}"));
        assertThat(accepted.get("status").asText()).isEqualTo("draft");
        assertThat(accepted.get("summary").asText()).isEqualTo("Edited summary");
        assertThat(stack.post(writer, "/api/v1/candidates/" + c1 + "/accept", "{}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(stack.post(writer, "/api/v1/picks/" + c2 + "/publish", "").statusCode())
                .isEqualTo(409);
        assertThat(stack.post(writer, "/api/v1/candidates/" + c2 + "/dismiss", "")
                        .statusCode())
                .isEqualTo(204);
        assertThat(db.fetchCount(PICKS, PICKS.ID.eq(c2))).isZero();
    }

    @Test
    void thePickListPagesWithoutGapsOrRepeatsWhilePicksAreAdded() {
        for (int i = 0; i < 25; i++)
            stack.post(writer, "/api/v1/picks", pick("Paged " + i, "https://paged.example/" + i));
        Set<Long> seen = new HashSet<>();
        List<Long> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ApiStack.json(stack.get(
                    reader, "/api/v1/picks?status=draft&limit=7" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("items").forEach(n -> order.add(n.get("id").asLong()));
            // a pick added between pages is newer than every page boundary: it never shifts what is left
            stack.post(writer, "/api/v1/picks", pick("Added " + pages, "https://paged.example/added" + pages));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);
        seen.addAll(order);
        assertThat(seen).hasSameSizeAs(order);
        List<Long> expected = db.select(PICKS.ID)
                .from(PICKS)
                .where(PICKS.STATUS.eq(PickStatus.DRAFT))
                .and(PICKS.TITLE.notLike("Added %"))
                .orderBy(PICKS.CREATED_AT.desc(), PICKS.ID.desc())
                .fetch(PICKS.ID);
        assertThat(order).containsExactlyElementsOf(expected);
        assertThat(stack.get(reader, "/api/v1/picks?cursor=bm9wZQ").statusCode())
                .isEqualTo(400);
        // well-formed, but its key ("nope") is no creation time
        assertThat(stack.get(reader, "/api/v1/picks?cursor=bm9wZQox").statusCode())
                .isEqualTo(400);
        HttpResponse<String> unknown = stack.get(reader, "/api/v1/picks?category=nope");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(ApiStack.json(unknown).get("errors").get("category").asText())
                .isEqualTo("Unknown category.");
        assertThat(stack.get(reader, "/api/v1/picks?limit=100000").statusCode()).isEqualTo(422);
    }

    @Test
    void aKeyOverItsRateLimitGets429WithRetryAfterAndTheRateLimitHeaders() {
        try (ApiStack small = new ApiStack(RateLimitOwner.class, 0, Map.of("PICKS_API_RATE_LIMIT", "3"))) {
            String k = small.key("Small", "picks:read");
            for (int i = 3; i > 0; i--) {
                HttpResponse<String> ok = small.get(k, "/api/v1/picks");
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.headers().firstValue("RateLimit-Limit")).hasValue("3");
                assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(String.valueOf(i - 1));
                assertThat(ok.headers().firstValueAsLong("RateLimit-Reset").orElseThrow())
                        .isBetween(1L, 60L);
            }
            HttpResponse<String> limited = small.get(k, "/api/v1/picks");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValueAsLong("Retry-After").orElseThrow())
                    .isBetween(1L, 60L);
            assertThat(ApiStack.json(limited).get("status").asInt()).isEqualTo(429);
            // another key has its own allowance
            assertThat(small.get(small.key("Other", "picks:read"), "/api/v1/picks")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    /** Names the second schema of the rate-limit test. */
    private static final class RateLimitOwner {}

    private long candidate(String title, String url) {
        long id = stack.app
                .pickEditing()
                .create(
                        new com.picksdigest.picks.PickInput(
                                title, url, "from a feed", null, null, null, "ai", null, false, null),
                        "test")
                .getId();
        db.update(PICKS)
                .set(PICKS.STATUS, PickStatus.CANDIDATE)
                .where(PICKS.ID.eq(id))
                .execute();
        return id;
    }

    private HttpResponse<String> create(String body, String idemKey) {
        return stack.send(stack.request(writer, "/api/v1/picks")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idemKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String pick(String title, String url) {
        return "{\"title\":\"" + title + "\",\"url\":\"" + url
                + "\",\"category\":\"ai\",\"summary\":\"Why it matters.\"}";
    }

    private static String rawStatusLine(String key, int contentLength) throws java.io.IOException {
        java.net.URI u = java.net.URI.create(stack.url("/api/v1/picks"));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", u.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream()
                    .write(("POST /api/v1/picks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                                    + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
