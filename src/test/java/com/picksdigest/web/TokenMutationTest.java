package com.picksdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.support.Hostile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant 4 under attack: thousands of tokens made from a genuine one (bit flips, truncations, insertions, swapped
 * ids and versions, other base64 spellings, re-encoded signatures with one bit changed, random ones); the verifier
 * accepts none, and over HTTP none unsubscribes anyone or saves preferences.
 */
class TokenMutationTest {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static WebTestSupport w;
    private static SubscribersRecord victim;
    private static SubscribersRecord other;
    private static String genuine;

    @BeforeAll
    static void start() {
        w = new WebTestSupport(TokenMutationTest.class);
        w.categories.add("AI");
        victim = w.subscriber("Victim", List.of("ai"));
        other = w.subscriber("Other", List.of("ai"));
        genuine = w.token(victim);
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void noMutationOfAGenuineTokenVerifies() {
        List<String> mutations = mutations();
        assertThat(mutations).hasSizeGreaterThan(2000).doesNotContain(genuine);
        for (String m : mutations) {
            assertThat(w.tokens.verify(m)).as(Hostile.printable(m)).isInstanceOf(LinkTokens.Malformed.class);
        }
    }

    @Test
    void mutatedTokensOverHttpAreRefusedAndChangeNothing() {
        String before = w.everyRow();
        List<String> mutations = mutations();
        for (int i = 0; i < mutations.size(); i += 5) {
            String m = mutations.get(i);
            String path = WebTestSupport.segment(m);
            String what = Hostile.printable(m);
            byte[] oneClick = "List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII);
            byte[] prefs = WebTestSupport.form(
                            "csrf",
                            w.csrf.issue(m),
                            "name",
                            "Hijacked",
                            "timezone",
                            "UTC",
                            "hour",
                            "3",
                            "frequency",
                            "daily",
                            "format",
                            "text")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(w.rawStatus("GET /u/" + path + " HTTP/1.1", new byte[0]))
                    .as(what)
                    .isIn(400, 404);
            assertThat(w.rawStatus("POST /u/" + path + " HTTP/1.1", oneClick))
                    .as(what)
                    .isIn(400, 404);
            assertThat(w.rawStatus("GET /prefs/" + path + " HTTP/1.1", new byte[0]))
                    .as(what)
                    .isIn(400, 404);
            assertThat(w.rawStatus("POST /prefs/" + path + " HTTP/1.1", prefs))
                    .as(what)
                    .isIn(400, 404);
        }
        // a genuine signature over a version the subscriber does not have (yet) is revoked, not accepted
        String nextVersion = w.tokens.issue(victim.getId(), victim.getTokenVersion() + 1);
        assertThat(w.rawStatus(
                        "POST /u/" + nextVersion + " HTTP/1.1",
                        "List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(410);
        assertThat(w.everyRow()).as("no row changed").isEqualTo(before);
    }

    private static List<String> mutations() {
        Set<String> out = new LinkedHashSet<>();
        String[] parts = genuine.split("\\.");
        String id = parts[0];
        String version = parts[1];
        String sig = parts[2];
        for (int i = 0; i < genuine.length(); i++) {
            for (int bit = 0; bit < 7; bit++) {
                out.add(genuine.substring(0, i) + (char) (genuine.charAt(i) ^ (1 << bit)) + genuine.substring(i + 1));
            }
            out.add(genuine.substring(0, i));
            out.add(genuine.substring(i + 1));
            out.add(genuine.substring(0, i) + genuine.substring(i + 1));
            for (String insert : List.of(".", "A", "=", "%", " ", "\u0000", "-")) {
                out.add(genuine.substring(0, i) + insert + genuine.substring(i));
            }
            if (i + 1 < genuine.length()) {
                out.add(genuine.substring(0, i) + genuine.charAt(i + 1) + genuine.charAt(i) + genuine.substring(i + 2));
            }
            char c = genuine.charAt(i);
            if (Character.isLetter(c)) {
                char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                out.add(genuine.substring(0, i) + flipped + genuine.substring(i + 1));
            }
        }
        String otherSig = w.token(other).split("\\.")[2];
        for (String badId : List.of(
                String.valueOf(other.getId()),
                "0" + id,
                id + "0",
                "-" + id,
                "+" + id,
                " " + id,
                "\u0661",
                "99999999999999999999",
                "0",
                id + ".0")) {
            out.add(badId + "." + version + "." + sig);
        }
        for (String badVersion : List.of(
                "0",
                "-1",
                "+" + version,
                "0" + version,
                String.valueOf(Integer.parseInt(version) + 1),
                "2147483648",
                "1.1")) {
            out.add(id + "." + badVersion + "." + sig);
        }
        out.add(id + "." + version + "." + otherSig);
        out.add(other.getId() + "." + version + "." + otherSig.substring(1) + sig.charAt(0));
        out.add(id + "." + version + "." + sig.replace('-', '+').replace('_', '/'));
        out.add(id + "." + version + "." + sig + "=");
        out.add(id + "." + version + "."
                + Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(sig)));
        out.add(id + "%2E" + version + "%2E" + sig);
        out.add(id + "." + version);
        out.add(id + "." + version + ".");
        out.add(id + ".." + sig);
        out.add(genuine + "." + sig);
        byte[] mac = Base64.getUrlDecoder().decode(sig);
        for (int bit = 0; bit < mac.length * 8; bit++) {
            byte[] flipped = mac.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            out.add(id + "." + version + "." + URL.encodeToString(flipped));
        }
        out.add(id + "." + version + "." + URL.encodeToString(java.util.Arrays.copyOf(mac, mac.length - 1)));
        out.add(id + "." + version + "." + URL.encodeToString(java.util.Arrays.copyOf(mac, mac.length + 1)));
        Random random = new Random(HostileInputTest.SEED);
        for (int i = 0; i < 1000; i++) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            out.add((1 + random.nextInt(5)) + "." + (1 + random.nextInt(3)) + "." + URL.encodeToString(b));
        }
        out.remove(genuine);
        return new ArrayList<>(out);
    }
}
