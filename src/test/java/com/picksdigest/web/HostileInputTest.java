package com.picksdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.support.Hostile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The public routes (the subscriber links, self-service included, the archive, health; sign-up has its own test)
 * against random and malicious input from {@link Hostile} (same seed, same inputs; another seed with
 * -Dpicks.hostile.seed=N): never a 500, and a request either is refused with a 4xx and changes nothing, or is accepted
 * and stores exactly what was sent.
 */
class HostileInputTest {
    static final long SEED = Long.getLong("picks.hostile.seed", 20261125L);
    static final Set<Integer> REFUSALS = Set.of(400, 403, 404, 405, 410, 413, 414, 431);

    private static WebTestSupport w;

    @BeforeAll
    static void start() {
        w = new WebTestSupport(HostileInputTest.class);
        w.categories.add("AI");
        w.categories.add("Security");
        w.subscriber("Bystander", List.of("ai"));
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void hostilePathsQueriesAndBodiesAreRefusedWithoutChangingAnything() {
        hostilePaths(SEED, 250);
    }

    @Test
    void hostilePreferencesAreRefusedWholeOrStoredExactlyAsTyped() {
        hostilePreferences(SEED, 250);
    }

    @Test
    void invalidUtf8InAPreferencesFormIsRefusedAndChangesNothing() {
        SubscribersRecord s = w.subscriber("Before", List.of("ai"));
        String token = w.token(s);
        String before = w.snapshot(s.getId());
        String valid = "csrf=" + w.csrf.issue(token) + "&timezone=UTC&hour=7&frequency=daily&format=html&category=ai";
        // percent-encoded invalid UTF-8, and the same bytes raw in the body
        for (byte[] body : List.of(
                (valid + "&name=%FF%FEx%C0%AF%ED%A0%80").getBytes(StandardCharsets.US_ASCII),
                concat((valid + "&name=").getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3, '(', (byte) 0x80
                }))) {
            int status = w.rawStatus("POST /prefs/" + token + " HTTP/1.1", body);
            assertThat(status).isIn(REFUSALS);
            assertThat(w.snapshot(s.getId())).isEqualTo(before);
        }
    }

    @Test
    @Tag("chaos")
    void manyMoreHostileRequests() {
        for (long seed = SEED + 1; seed <= SEED + 5; seed++) {
            hostilePaths(seed, 1000);
            hostilePreferences(seed, 1000);
        }
    }

    private void hostilePaths(long seed, int cases) {
        Hostile h = new Hostile(seed);
        String before = w.everyRow();
        for (int i = 0; i < cases; i++) {
            String s = i % 50 == 0 ? h.megabyte() : h.string(2000);
            if (s.isEmpty()) continue; // "/archive/" is the index, another route
            String seg = WebTestSupport.segment(s);
            String what = "seed " + seed + " case " + i + ": " + Hostile.printable(s);
            assertRefused(get("/u/" + seg), what);
            assertRefused(post("/u/" + seg, "reason", s, "List-Unsubscribe", "One-Click"), what);
            assertRefused(get("/prefs/" + seg), what);
            assertRefused(post("/prefs/" + seg, "csrf", s, "name", s, "timezone", s), what);
            assertRefused(get("/archive/" + seg), what);
            assertRefused(get("/confirm/" + seg), what);
            assertRefused(post("/confirm/" + seg, "csrf", s), what);
            assertRefused(post("/u/" + seg + "/resubscribe", "csrf", s), what);
            for (String action : List.of("pause", "email", "rotate", "erase")) {
                assertRefused(
                        post("/prefs/" + seg + "/" + action, "csrf", s, "email", s, "until", s), what + " " + action);
            }
            assertRefused(get("/prefs/" + seg + "/export"), what);
            assertRefused(get("/prefs/" + seg + "/erase"), what);
            // the query is ignored, but a long one is too long for the server (414 or 431)
            assertThat(get("/healthz?check=" + seg)).as(what).isIn(200, 414, 431);
            assertThat(get("/archive?page=" + seg)).as(what).isIn(200, 414, 431);
        }
        for (String raw : List.of(
                "%FF",
                "%C0%AF",
                "%ED%A0%80",
                "%",
                "%zz",
                "%00",
                "..%2F..%2Fetc%2Fpasswd",
                "%0D%0ABcc:%20v@example.org",
                "a%20b",
                "%E2%80%AE")) {
            for (String route : List.of("/u/", "/prefs/", "/archive/", "/confirm/")) {
                assertThat(w.rawStatus("GET " + route + raw + " HTTP/1.1", new byte[0]))
                        .as(route + raw)
                        .isIn(REFUSALS);
                assertThat(w.rawStatus("POST " + route + raw + " HTTP/1.1", invalidUtf8Form()))
                        .as(route + raw)
                        .isIn(REFUSALS);
            }
        }
        assertThat(w.everyRow()).as("no row changed").isEqualTo(before);
    }

    private void hostilePreferences(long seed, int cases) {
        Hostile h = new Hostile(seed);
        List<String> fields = List.of("name", "timezone", "hour", "frequency", "weekday", "format", "category", "csrf");
        for (int i = 0; i < cases; i++) {
            SubscribersRecord s = w.subscriber("Before", List.of("ai"));
            String token = w.token(s);
            String field = fields.get(i % fields.size());
            String value = i % 40 == 0 ? h.megabyte() : h.string(300);
            String what = "seed " + seed + " case " + i + ", " + field + ": " + Hostile.printable(value);
            List<String> form = new ArrayList<>(List.of(
                    "csrf",
                    w.csrf.issue(token),
                    "name",
                    "Before",
                    "timezone",
                    "Europe/Paris",
                    "hour",
                    "7",
                    "frequency",
                    "daily",
                    "weekday",
                    "1",
                    "format",
                    "html",
                    "category",
                    "ai"));
            form.set(form.indexOf(field) + 1, value);
            String before = w.snapshot(s.getId());
            int status = post("/prefs/" + token, form.toArray(String[]::new));
            SubscribersRecord after = w.subscribers.find(s.getId());
            if (status == 303) {
                if (field.equals("name")) {
                    // what the client could send: an unpaired surrogate has no UTF-8 and goes out as '?'
                    String sent = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                    assertThat(after.getName()).as(what).isEqualTo(sent.isBlank() ? null : sent.strip());
                }
                assertThat(after.getEmail()).as(what).isEqualTo(s.getEmail());
                assertThat(after.getStatus()).as(what).isEqualTo(s.getStatus());
            } else {
                assertRefused(status, what);
                assertThat(w.snapshot(s.getId())).as(what).isEqualTo(before);
            }
        }
    }

    private static void assertRefused(int status, String what) {
        assertThat(status).as(what).isIn(REFUSALS);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** A form body with invalid UTF-8 (a lone continuation byte, an overlong slash, a CESU-8 surrogate). */
    private static byte[] invalidUtf8Form() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("csrf=x&reason=".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {(byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'a'});
        b.writeBytes("&name=%FF%FE".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /**
     * Every request on a connection of its own: the server closes a connection after some refusals (a NUL in the
     * path, a body it will not read), and an HTTP client reusing it would report that as its own failure.
     */
    private static int get(String path) {
        return w.rawStatus("GET " + path + " HTTP/1.1", new byte[0]);
    }

    private static int post(String path, String... pairs) {
        return w.rawStatus(
                "POST " + path + " HTTP/1.1", WebTestSupport.form(pairs).getBytes(StandardCharsets.US_ASCII));
    }
}
