package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invariant 4: links are capabilities; tampering or a revoked token gets a clear 4xx and changes nothing. */
class TokenLinksTest {
    private static WebTestSupport w;

    @BeforeAll
    static void start() {
        w = new WebTestSupport(TokenLinksTest.class);
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void tamperedTokensGet400OnEveryRouteAndChangeNothing() {
        SubscribersRecord victim = w.subscriber("Victim", List.of());
        SubscribersRecord other = w.subscriber("Other", List.of());
        Map<String, String> bad = w.tamperedTokens(victim, other);
        String beforeVictim = w.snapshot(victim.getId());
        String beforeOther = w.snapshot(other.getId());

        for (var e : bad.entrySet()) {
            String t = e.getValue();
            String csrf = w.csrf.issue(t);
            List<HttpResponse<String>> responses = new ArrayList<>();
            responses.add(w.get("/u/" + t));
            responses.add(w.postForm("/u/" + t, "List-Unsubscribe", "One-Click"));
            responses.add(w.postForm("/u/" + t, "reason", "gone"));
            responses.add(w.get("/prefs/" + t));
            responses.add(w.postForm(
                    "/prefs/" + t,
                    "csrf",
                    csrf,
                    "name",
                    "Mallory",
                    "frequency",
                    "weekly",
                    "weekday",
                    "3",
                    "hour",
                    "5",
                    "timezone",
                    "UTC",
                    "format",
                    "text"));
            // subscriber self-service
            responses.add(w.postForm("/prefs/" + t + "/pause", "csrf", csrf, "weeks", "4"));
            responses.add(w.postForm("/prefs/" + t + "/email", "csrf", csrf, "email", "attacker@example.net"));
            responses.add(w.postForm("/prefs/" + t + "/rotate", "csrf", csrf));
            responses.add(w.get("/prefs/" + t + "/export"));
            responses.add(w.get("/prefs/" + t + "/erase"));
            responses.add(w.postForm("/prefs/" + t + "/erase", "csrf", csrf));
            responses.add(w.postForm("/u/" + t + "/resubscribe", "csrf", csrf));
            responses.add(w.get("/confirm/" + t));
            responses.add(w.postForm("/confirm/" + t, "csrf", csrf));
            for (HttpResponse<String> r : responses) {
                assertThat(r.statusCode())
                        .as(e.getKey() + ": " + r.request().method() + " "
                                + r.uri().getPath())
                        .isEqualTo(400);
                assertThat(r.body())
                        .contains("This link is not valid")
                        .doesNotContain(victim.getEmail(), "Victim", "Exception");
                assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
            }
        }
        assertThat(w.snapshot(victim.getId())).isEqualTo(beforeVictim);
        assertThat(w.snapshot(other.getId())).isEqualTo(beforeOther);
    }

    @Test
    void aRevokedTokenGets410AndChangesNothing() {
        SubscribersRecord s = w.subscriber("Revoked", List.of());
        String old = w.token(s);
        w.db.update(SUBSCRIBERS)
                .set(SUBSCRIBERS.TOKEN_VERSION, SUBSCRIBERS.TOKEN_VERSION.plus(1))
                .where(SUBSCRIBERS.ID.eq(s.getId()))
                .execute();
        String before = w.snapshot(s.getId());

        List<HttpResponse<String>> responses = List.of(
                w.get("/u/" + old),
                w.postForm("/u/" + old, "List-Unsubscribe", "One-Click"),
                w.get("/prefs/" + old),
                w.postForm(
                        "/prefs/" + old,
                        "csrf",
                        w.csrf.issue(old),
                        "name",
                        "Changed",
                        "frequency",
                        "daily",
                        "hour",
                        "5",
                        "timezone",
                        "UTC",
                        "format",
                        "text"));

        for (HttpResponse<String> r : responses) {
            assertThat(r.statusCode())
                    .as(r.request().method() + " " + r.uri().getPath())
                    .isEqualTo(410);
            assertThat(r.body()).contains("This link has expired").doesNotContain(s.getEmail());
        }
        assertThat(w.snapshot(s.getId())).isEqualTo(before);
        // the new link works
        String fresh = w.tokens.issue(s.getId(), s.getTokenVersion() + 1);
        assertThat(w.get("/u/" + fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void aLinkToADeletedSubscriberReadsExactlyLikeARevokedOne() {
        SubscribersRecord gone = w.subscriber("Gone", List.of());
        SubscribersRecord revoked = w.subscriber("Revoked2", List.of());
        String goneToken = w.token(gone);
        String revokedToken = w.token(revoked);
        w.db.deleteFrom(SUBSCRIBERS).where(SUBSCRIBERS.ID.eq(gone.getId())).execute();
        w.db.update(SUBSCRIBERS)
                .set(SUBSCRIBERS.TOKEN_VERSION, 7)
                .where(SUBSCRIBERS.ID.eq(revoked.getId()))
                .execute();

        HttpResponse<String> a = w.get("/u/" + goneToken);
        HttpResponse<String> b = w.get("/u/" + revokedToken);
        HttpResponse<String> never = w.get("/u/" + w.tokens.issue(999_999_999L, 1));

        assertThat(List.of(a.statusCode(), b.statusCode(), never.statusCode())).containsOnly(410);
        assertThat(a.body()).isEqualTo(b.body()).isEqualTo(never.body()); // nothing tells which addresses exist
        assertThat(w.postForm("/u/" + goneToken, "List-Unsubscribe", "One-Click")
                        .statusCode())
                .isEqualTo(410);
    }
}
