package com.picksdigest.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.picksdigest.editors.Role;
import com.picksdigest.support.ScriptedSmtpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-relay figures of an edition sent through two relays (PICKS_SMTP_RELAYS): each delivery is counted once, by the
 * relay that answered it, in the reports page and the API's edition report alike, and they add up to what each
 * relay's own log says it took, refused and deferred.
 */
class RelayFiguresTest {
    private static final int READERS = 60;
    private static final String REFUSED = "refused@example.com";
    private static final String GREYLISTED = "greylisted@example.com";

    private ScriptedSmtpServer north;
    private ScriptedSmtpServer south;
    private AdminStack stack;

    @BeforeEach
    void start() {
        north = ScriptedSmtpServer.start();
        south = ScriptedSmtpServer.start();
        // a recipient goes to one relay or the other: both are told how to answer it
        for (ScriptedSmtpServer relay : List.of(north, south)) {
            relay.onRcpt(REFUSED, "550 5.1.1 No such user here");
            relay.onRcpt(GREYLISTED, "451 4.7.1 Greylisted, try again later");
        }
        String relays =
                "smtp://127.0.0.1:" + north.port() + "?name=north,smtp://127.0.0.1:" + south.port() + "?name=south";
        stack = new AdminStack(
                RelayFiguresTest.class,
                north.port(),
                Clock.systemUTC(),
                Map.of(
                        "PICKS_SMTP_HOST", "",
                        "PICKS_SMTP_PORT", "",
                        "PICKS_SMTP_RELAYS", relays,
                        "PICKS_SEND_THREADS", "2"));
    }

    @AfterEach
    void stop() {
        stack.close();
        north.close();
        south.close();
    }

    @Test
    void theEditionReportCountsSentDeferredAndFailedPerRelayAsTheRelaysSawThem() throws Exception {
        stack.harness.app.categories().add("AI");
        stack.seed.published("Relayed story", "AI", Instant.now().minusSeconds(60));
        for (int i = 0; i < READERS - 2; i++) stack.seed.subscriber("reader" + i + "@example.com", null, "UTC", "html");
        stack.seed.subscriber(REFUSED, null, "UTC", "html");
        stack.seed.subscriber(GREYLISTED, null, "UTC", "html");
        stack.harness.sendNow();

        Map<String, int[]> expected = new HashMap<>();
        expected.put("north", seen(north));
        expected.put("south", seen(south));
        assertThat(expected.get("north")[0]).as("north took some").isPositive();
        assertThat(expected.get("south")[0]).as("south took some").isPositive();
        assertThat(expected.get("north")[0] + expected.get("south")[0]).isEqualTo(READERS - 2);

        String key = stack.harness
                .app
                .apiKeys()
                .create("Ops", List.of("reports:read"), "test")
                .secret();
        HttpResponse<String> api = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/editions/" + today()))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        JsonNode report = new ObjectMapper().readTree(api.body());
        Map<String, int[]> reported = new HashMap<>();
        for (JsonNode r : report.get("relays")) {
            reported.put(r.get("relay").asText(), new int[] {
                r.get("sent").asInt(),
                r.get("deferred").asInt(),
                r.get("failed").asInt()
            });
        }
        assertThat(reported).containsOnlyKeys("north", "south");
        for (String relay : expected.keySet()) {
            assertThat(reported.get(relay))
                    .as(relay + ": sent, deferred, failed")
                    .containsExactly(expected.get(relay));
        }
        assertThat(report.get("sent").asInt()).isEqualTo(READERS - 2);
        assertThat(report.get("deferred").asInt()).isEqualTo(1);
        assertThat(report.get("failed").asInt()).isEqualTo(1);

        stack.editor("ed@example.org", Role.EDITOR);
        AdminHttp ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);
        String page = ed.get("/admin/reports/" + today()).body();
        // the deferred reader is listed with its attempts and the relay's words, the refused one among the failures
        assertThat(page)
                .containsPattern(
                        "(?s)<table id=\"deferred\">.*" + GREYLISTED
                                + "</a></td><td class=\"num\">1</td><td>[^<]+</td><td>451 4.7.1 Greylisted, try again later</td>")
                .containsPattern("(?s)<table id=\"failures\">.*" + REFUSED + ".*550 5.1.1 No such user here");
        for (String relay : expected.keySet()) {
            int[] f = expected.get(relay);
            assertThat(page)
                    .contains("<tr><td><code>" + relay + "</code></td><td class=\"num sent\">" + f[0]
                            + "</td><td class=\"num deferred\">" + f[1] + "</td><td class=\"num failed\">" + f[2]
                            + "</td></tr>");
        }
    }

    /** What the relay's own log says: messages it took, recipients it deferred (451) and refused (550). */
    private static int[] seen(ScriptedSmtpServer relay) {
        List<String> rcpts = relay.commands().stream()
                .filter(c -> c.verb().equals("RCPT"))
                .map(ScriptedSmtpServer.Command::line)
                .toList();
        int deferred = (int) rcpts.stream().filter(l -> l.contains(GREYLISTED)).count();
        int refused = (int) rcpts.stream().filter(l -> l.contains(REFUSED)).count();
        return new int[] {relay.received().size(), deferred, refused};
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }
}
