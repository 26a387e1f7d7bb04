package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.web.WebTestSupport.escaped;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.EventsRecord;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UnsubscribePageTest {
    private static WebTestSupport w;

    @BeforeAll
    static void start() {
        w = new WebTestSupport(UnsubscribePageTest.class);
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void getAsksWithTheEscapedAddressAndAFormAndChangesNothing() {
        SubscribersRecord s = w.subscriber("Ana", List.of());
        String before = w.snapshot(s.getId());

        HttpResponse<String> r = w.get("/u/" + w.token(s));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).matches("(?i)text/html; ?charset=utf-8");
        assertThat(r.body())
                .contains("Unsubscribe <bdi class=\"addr\">" + escaped(s.getEmail()) + "</bdi> from <bdi>"
                        + escaped(WebTestSupport.SITE) + "</bdi>?")
                .contains("<form method=\"post\">", "name=\"reason\"", "maxlength=\"500\"", "<button type=\"submit\"")
                .contains("href=\"/prefs/" + w.token(s) + "\"")
                .doesNotContain(s.getEmail(), WebTestSupport.SITE, "<script");
        assertThat(w.snapshot(s.getId()))
                .as("a GET (mail scanners prefetch) changes nothing")
                .isEqualTo(before);
    }

    @Test
    void readersAskedOneAfterAnotherEachSeeOnlyTheirOwnAddressAndLink() {
        // the page is kept rendered per language with placeholders: each request must fill in its own reader
        List<SubscribersRecord> readers =
                List.of(w.subscriber("Ida", List.of()), w.subscriber("Jo", List.of()), w.subscriber("Kai", List.of()));
        for (int round = 0; round < 2; round++) {
            for (SubscribersRecord s : readers) {
                String body = w.get("/u/" + w.token(s)).body();
                assertThat(body)
                        .contains("<bdi class=\"addr\">" + escaped(s.getEmail()) + "</bdi>")
                        .contains("href=\"/prefs/" + w.token(s) + "\"")
                        .doesNotContain("\uE010");
                for (SubscribersRecord other : readers) {
                    if (other != s) assertThat(body).doesNotContain(escaped(other.getEmail()), w.token(other));
                }
            }
        }
    }

    @Test
    void postFromTheButtonUnsubscribesAndRecordsTheReason() {
        SubscribersRecord s = w.subscriber("Bo", List.of());

        HttpResponse<String> r = w.postForm("/u/" + w.token(s), "reason", "Too much <mail> & more");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("You are unsubscribed", escaped(s.getEmail()));
        assertThat(status(s)).isEqualTo("unsubscribed");
        assertThat(w.db.fetchValue(SUBSCRIBERS.UNSUBSCRIBED_AT, SUBSCRIBERS.ID.eq(s.getId())))
                .isNotNull();
        List<EventsRecord> events = unsubscribeEvents(s);
        assertThat(events)
                .singleElement()
                .satisfies(e -> assertThat(e.getDetail()).isEqualTo("Too much <mail> & more"));
    }

    @Test
    void oneClickPostFromAMailClientUnsubscribes() {
        SubscribersRecord s = w.subscriber("Cy", List.of());

        HttpResponse<String> r = w.postForm("/u/" + w.token(s), "List-Unsubscribe", "One-Click");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(status(s)).isEqualTo("unsubscribed");
        assertThat(unsubscribeEvents(s))
                .singleElement()
                .satisfies(e -> assertThat(e.getDetail()).isNull());
    }

    @Test
    void oneClickAsMultipartFormDataAlsoUnsubscribes() {
        SubscribersRecord s = w.subscriber("Di", List.of());
        String body =
                "--xyz\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--xyz--\r\n";

        HttpResponse<String> r = w.post("/u/" + w.token(s), "multipart/form-data; boundary=xyz", body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(status(s)).isEqualTo("unsubscribed");
    }

    @Test
    void aBodyThatIsNotAFormIs400AndChangesNothing() {
        SubscribersRecord s = w.subscriber("Dee", List.of());
        String before = w.snapshot(s.getId());

        HttpResponse<String> r = w.post("/u/" + w.token(s), "multipart/form-data; boundary=xyz", "garbage");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("The form could not be read").doesNotContain("Exception", "PREAMBLE");
        assertThat(w.snapshot(s.getId())).isEqualTo(before);
    }

    @Test
    void repeatingThePostIsHarmless() {
        SubscribersRecord s = w.subscriber("Ed", List.of());
        assertThat(w.postForm("/u/" + w.token(s), "List-Unsubscribe", "One-Click")
                        .statusCode())
                .isEqualTo(200);
        String after = w.snapshot(s.getId());

        HttpResponse<String> again = w.postForm("/u/" + w.token(s), "reason", "twice");
        HttpResponse<String> page = w.get("/u/" + w.token(s));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("You are unsubscribed");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("You are unsubscribed");
        assertThat(w.snapshot(s.getId())).isEqualTo(after);
        assertThat(unsubscribeEvents(s)).hasSize(1);
    }

    @Test
    void anOversizedOrMultiLineReasonIsRefusedAndNothingChanges() {
        SubscribersRecord s = w.subscriber("Fay", List.of());
        String before = w.snapshot(s.getId());

        HttpResponse<String> tooLong = w.postForm("/u/" + w.token(s), "reason", "x".repeat(501));
        HttpResponse<String> crlf = w.postForm("/u/" + w.token(s), "reason", "a\r\nBcc: someone@example.com");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("Reason is longer than 500 characters", "<form method=\"post\">");
        assertThat(crlf.statusCode()).isEqualTo(400);
        assertThat(crlf.body()).contains("Reason must be a single line");
        assertThat(w.snapshot(s.getId())).isEqualTo(before);
    }

    @Test
    void anUnsubscribeFromAnotherSubscribersLinkLeavesThisOneAlone() {
        SubscribersRecord a = w.subscriber("Gil", List.of());
        SubscribersRecord b = w.subscriber("Hal", List.of());
        String beforeA = w.snapshot(a.getId());

        w.postForm("/u/" + w.token(b), "List-Unsubscribe", "One-Click");

        assertThat(status(b)).isEqualTo("unsubscribed");
        assertThat(w.snapshot(a.getId())).isEqualTo(beforeA);
    }

    @Test
    void tokenPagesAreNotCachedAndCarryTheSecurityHeaders() {
        SubscribersRecord s = w.subscriber("Ivy", List.of());
        HttpResponse<String> r =
                w.send(HttpRequest.newBuilder(w.uri("/u/" + w.token(s))).GET());
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src https: data:");
    }

    private static String status(SubscribersRecord s) {
        return w.db.fetchValue(SUBSCRIBERS.STATUS, SUBSCRIBERS.ID.eq(s.getId())).stored();
    }

    private static List<EventsRecord> unsubscribeEvents(SubscribersRecord s) {
        return w.db.selectFrom(EVENTS)
                .where(EVENTS.SUBSCRIBER_ID.eq(s.getId()))
                .and(EVENTS.TYPE.eq("unsubscribed"))
                .fetch();
    }
}
