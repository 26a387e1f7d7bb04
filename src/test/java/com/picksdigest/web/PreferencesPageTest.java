package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.web.WebTestSupport.escaped;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.db.types.SubscriberStatus;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PreferencesPageTest {
    private static WebTestSupport w;
    private static int ai;
    private static int security;

    @BeforeAll
    static void start() {
        w = new WebTestSupport(PreferencesPageTest.class);
        ai = w.categories.add("AI").getId();
        security = w.categories.add("Security").getId();
        w.categories.add("Hardware & <Chips>");
        w.categories.add("Old news").setRetired(true);
        w.db.execute("UPDATE categories SET retired = TRUE WHERE slug = 'old-news'");
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void getShowsTheCurrentValues() {
        SubscribersRecord s = w.subscriber("Ana & <Bo>", List.of("ai"));

        HttpResponse<String> r = w.get("/prefs/" + w.token(s));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.body())
                .contains(escaped(s.getEmail()))
                .contains("name=\"name\" maxlength=\"200\" value=\"Ana &amp; &lt;Bo&gt;\"")
                .contains("value=\"ai\" checked>", "value=\"security\">", "Hardware &amp; &lt;Chips&gt;")
                .doesNotContain("Old news")
                .contains("value=\"daily\" checked>", "value=\"weekly\">")
                .contains("<option value=\"7\" selected>07:00</option>")
                .contains("name=\"timezone\" list=\"zones\" maxlength=\"64\" value=\"Europe/Paris\"")
                .contains("<option value=\"America/New_York\">")
                .contains("value=\"html\" checked>")
                .contains("name=\"csrf\" value=\"" + w.csrf.issue(w.token(s)) + "\"")
                .contains("href=\"/u/" + w.token(s) + "\">Unsubscribe</a>")
                .doesNotContain("Saved.");
        assertThat(r.body().length()).as("page weight").isLessThan(40_000);
    }

    @Test
    void postWithTheCsrfFieldSavesEverythingAndRedirectsToTheSavedNotice() {
        SubscribersRecord s = w.subscriber("Old name", List.of("ai"));
        String token = w.token(s);

        HttpResponse<String> r = w.postForm(
                "/prefs/" + token,
                "csrf",
                w.csrf.issue(token),
                "name",
                "New <name>",
                "category",
                "security",
                "category",
                "hardware-chips",
                "frequency",
                "weekly",
                "weekday",
                "3",
                "hour",
                "21",
                "timezone",
                "America/New_York",
                "format",
                "text");

        assertThat(r.statusCode()).isEqualTo(303);
        URI location = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
        assertThat(location.getPath()).isEqualTo("/prefs/" + token);
        assertThat(location.getQuery()).isEqualTo("saved=1");
        SubscribersRecord after = w.subscribers.find(s.getId());
        assertThat(after.getName()).isEqualTo("New <name>");
        assertThat(after.getFrequency()).isEqualTo(Frequency.WEEKLY);
        assertThat(after.getWeekday()).isEqualTo((byte) 3);
        assertThat(after.getSendHour()).isEqualTo((byte) 21);
        assertThat(after.getTimezone()).isEqualTo("America/New_York");
        assertThat(after.getFormat()).isEqualTo(DigestFormat.TEXT);
        assertThat(after.getLocale()).isEqualTo("en");
        assertThat(after.getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(w.subscribers.followedCategoryNames(s.getId()))
                .containsExactlyInAnyOrder("Security", "Hardware & <Chips>");
        assertThat(w.db.fetchCount(EVENTS, EVENTS.SUBSCRIBER_ID.eq(s.getId()).and(EVENTS.TYPE.eq("preferences"))))
                .isEqualTo(1);

        HttpResponse<String> page = w.get(location.getPath() + "?" + location.getQuery());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "Saved.",
                        "value=\"New &lt;name&gt;\"",
                        "value=\"weekly\" checked>",
                        "<option value=\"3\" selected>Wednesday</option>",
                        "<option value=\"21\" selected>21:00</option>",
                        "value=\"America/New_York\"",
                        "value=\"text\" checked>",
                        "value=\"security\" checked>")
                .doesNotContain("<name>");
    }

    @Test
    void noCategoryTickedMeansAllAndDailyClearsTheWeekday() {
        SubscribersRecord s = w.subscriber("Cy", List.of("ai", "security"));
        String token = w.token(s);

        HttpResponse<String> r = w.postForm(
                "/prefs/" + token,
                "csrf",
                w.csrf.issue(token),
                "name",
                "",
                "frequency",
                "daily",
                "weekday",
                "5",
                "hour",
                "0",
                "timezone",
                "UTC",
                "format",
                "html");

        assertThat(r.statusCode()).isEqualTo(303);
        SubscribersRecord after = w.subscribers.find(s.getId());
        assertThat(after.getName()).isNull();
        assertThat(after.getWeekday()).isNull();
        assertThat(after.getSendHour()).isEqualTo((byte) 0);
        assertThat(w.subscribers.followedCategoryIds(s.getId())).isEmpty();
    }

    @Test
    void aMissingOrWrongCsrfFieldIs403AndChangesNothing() {
        SubscribersRecord s = w.subscriber("Di", List.of());
        SubscribersRecord other = w.subscriber("Other", List.of());
        String token = w.token(s);
        String before = w.snapshot(s.getId());
        String[] fields = {
            "name", "Changed", "frequency", "weekly", "weekday", "2", "hour", "3", "timezone", "UTC", "format", "text"
        };

        List<HttpResponse<String>> responses = List.of(
                w.postForm("/prefs/" + token, fields),
                w.postForm("/prefs/" + token, concat(new String[] {"csrf", ""}, fields)),
                w.postForm("/prefs/" + token, concat(new String[] {"csrf", w.csrf.issue(w.token(other))}, fields)),
                w.postForm("/prefs/" + token, concat(new String[] {"csrf", w.csrf.issue(token) + "x"}, fields)),
                w.postForm("/prefs/" + token, concat(new String[] {"csrf", token}, fields)));

        for (HttpResponse<String> r : responses) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("The form could not be accepted", "Nothing was changed");
        }
        assertThat(w.snapshot(s.getId())).isEqualTo(before);
    }

    @Test
    void badInputIs400WithTheMessageAndChangesNothing() {
        SubscribersRecord s = w.subscriber("Ed", List.of("ai"));
        String token = w.token(s);
        String before = w.snapshot(s.getId());
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("Name is longer than 200 characters", valid("name", "n".repeat(10_000)));
        cases.put("Name must be a single line", valid("name", "Ed\r\nBcc: victim@example.com"));
        cases.put("Name must be a single line ", valid("name", "Ed\nX"));
        cases.put("Send hour must be from 0 to 23, not 99.", valid("hour", "99"));
        cases.put("Send hour must be a whole number", valid("hour", "eight"));
        cases.put("\"Mars/Base\" is not an IANA time zone", valid("timezone", "Mars/Base"));
        cases.put("Time zone is required", valid("timezone", ""));
        cases.put("Unknown category \"no-such-category\"", valid("category", "no-such-category"));
        cases.put("Unknown category \"old-news\"", valid("category", "old-news"));
        cases.put("Unknown category \"999\"", valid("category", "999"));
        cases.put("Frequency must be daily or weekly", valid("frequency", "hourly"));
        cases.put("Weekday must be from 1 (Monday) to 7 (Sunday).", valid("weekday", "9"));
        cases.put("Format must be html or text", valid("format", "pdf"));

        for (var c : cases.entrySet()) {
            HttpResponse<String> r =
                    w.postForm("/prefs/" + token, concat(new String[] {"csrf", w.csrf.issue(token)}, c.getValue()));
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(r.body())
                    .as(c.getKey())
                    .contains(
                            escaped(c.getKey().strip()),
                            "Nothing was saved.",
                            "<form method=\"post\">",
                            "name=\"csrf\"");
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).matches("(?i)text/html; ?charset=utf-8");
        }
        assertThat(w.snapshot(s.getId())).isEqualTo(before);
    }

    @Test
    void aRefusedFormAlwaysTicksOneChoiceOfEachGroupAsTheSignUpFormDoes() {
        SubscribersRecord s = w.subscriber("Gil", List.of());
        String token = w.token(s);

        HttpResponse<String> r = w.postForm(
                "/prefs/" + token,
                concat(new String[] {"csrf", w.csrf.issue(token)}, valid("frequency", "hourly", "format", "pdf")));

        assertThat(r.statusCode()).isEqualTo(400);
        // the same form as /subscribe (one macro): anything but weekly shows Daily, anything but text shows HTML
        assertThat(r.body())
                .contains("value=\"daily\" checked>", "value=\"weekly\">", "value=\"html\" checked>", "value=\"text\">")
                .doesNotContain("value=\"hourly\"", "value=\"pdf\"");
    }

    @Test
    void htmlInTheNameIsEscapedWhenTheFormIsShownAgain() {
        SubscribersRecord s = w.subscriber("Fay", List.of());
        String token = w.token(s);
        String evil = "<script>alert(1)</script>\" onfocus=\"x";

        HttpResponse<String> refused = w.postForm(
                "/prefs/" + token,
                concat(new String[] {"csrf", w.csrf.issue(token)}, valid("name", evil, "hour", "99")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .doesNotContain("<script>alert", "\" onfocus=\"")
                .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot; onfocus=&quot;x\"");

        assertThat(w.postForm(
                                "/prefs/" + token,
                                concat(new String[] {"csrf", w.csrf.issue(token)}, valid("name", evil)))
                        .statusCode())
                .isEqualTo(303);
        assertThat(w.subscribers.find(s.getId()).getName()).isEqualTo(evil);
        HttpResponse<String> page = w.get("/prefs/" + token);
        assertThat(page.body())
                .doesNotContain("<script>alert", "\" onfocus=\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void anOversizedRequestIsRefusedBeforeItIsRead() {
        SubscribersRecord s = w.subscriber("Gus", List.of());
        String token = w.token(s);
        String before = w.snapshot(s.getId());

        HttpResponse<String> r = w.postForm(
                "/prefs/" + token,
                concat(new String[] {"csrf", w.csrf.issue(token)}, valid("name", "n".repeat(100_000))));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("Nothing was changed").doesNotContain("Exception");
        assertThat(w.snapshot(s.getId())).isEqualTo(before);
    }

    @Test
    void anUnsubscribedReaderSeesThatNoDigestsAreSent() {
        SubscribersRecord s = w.subscriber("Hal", List.of());
        w.subscribers.unsubscribe(s.getId(), null);
        assertThat(w.get("/prefs/" + w.token(s)).body()).contains("No digests are being sent to this address");
        assertThat(w.db.fetchValue(SUBSCRIBERS.STATUS, SUBSCRIBERS.ID.eq(s.getId())))
                .isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void writesSamplePagesForVisualChecks() throws Exception {
        SubscribersRecord s = w.subscriber("Ana", List.of("ai"));
        String token = w.token(s);
        java.nio.file.Path dir = java.nio.file.Path.of("target", "web-samples");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(
                dir.resolve("preferences.html"),
                w.get("/prefs/" + token + "?saved=1").body());
        java.nio.file.Files.writeString(
                dir.resolve("preferences-error.html"),
                w.postForm(
                                "/prefs/" + token,
                                concat(new String[] {"csrf", w.csrf.issue(token)}, valid("timezone", "Mars/Base")))
                        .body());
        java.nio.file.Files.writeString(
                dir.resolve("unsubscribe.html"), w.get("/u/" + token).body());
        java.nio.file.Files.writeString(
                dir.resolve("unsubscribed.html"),
                w.postForm("/u/" + token, "List-Unsubscribe", "One-Click").body());
        java.nio.file.Files.writeString(
                dir.resolve("invalid-link.html"), w.get("/u/" + token + "x").body());
        assertThat(dir.resolve("preferences.html"))
                .content()
                .contains("name=\"name\" maxlength=\"200\" value=\"Ana\"", "value=\"ai\" checked>");
        assertThat(dir.resolve("preferences-error.html"))
                .content()
                .contains("&quot;Mars/Base&quot; is not an IANA time zone", "Nothing was saved.");
        assertThat(dir.resolve("unsubscribe.html")).content().contains("<form method=\"post\">", "name=\"reason\"");
        assertThat(dir.resolve("unsubscribed.html")).content().contains("You are unsubscribed");
        assertThat(dir.resolve("invalid-link.html"))
                .content()
                .contains("This link is not valid")
                .doesNotContain("<form");
    }

    /** A complete, valid form with some fields replaced. */
    private static String[] valid(String... overrides) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", "Valid Name");
        f.put("category", "security");
        f.put("frequency", "weekly");
        f.put("weekday", "2");
        f.put("hour", "6");
        f.put("timezone", "Asia/Tokyo");
        f.put("format", "text");
        for (int i = 0; i < overrides.length; i += 2) f.put(overrides[i], overrides[i + 1]);
        List<String> out = new ArrayList<>();
        f.forEach((k, v) -> {
            out.add(k);
            out.add(v);
        });
        return out.toArray(String[]::new);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
