package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.config.SignupConfig;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.support.Await;
import com.picksdigest.support.Hostile;
import com.picksdigest.support.Mails;
import com.picksdigest.support.ScriptedSmtpServer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * POST /subscribe, as a form and as JSON, with hostile values: refused with 400 and nothing stored, or accepted, in
 * which case the pending subscriber holds exactly what was sent and the confirmation mail goes to that one address
 * with the headers of any other confirmation mail. Each request comes from its own client address (a trusted proxy
 * header) so that the per-client limit does not hide the validation behind 429s.
 */
class SignupHostileTest {
    private static ScriptedSmtpServer relay;
    private static WebTestSupport w;
    /** Email key to the name of its first accepted sign-up (a later one for a pending address changes nothing). */
    private static final Map<String, String> accepted = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        relay = ScriptedSmtpServer.start();
        w = new WebTestSupport(SignupHostileTest.class, relay.port(), new SignupConfig(true, true));
        w.categories.add("AI");
        w.categories.add("Security");
    }

    @AfterAll
    static void stop() {
        w.close();
        relay.close();
    }

    @Test
    void hostileSignUpsAreRefusedOrStoredExactlyAndTheirConfirmationsCarryNoForeignHeader() throws Exception {
        hostileSignUps(HostileInputTest.SEED, 200);
    }

    @Test
    @Tag("chaos")
    void manyMoreHostileSignUps() throws Exception {
        for (long seed = HostileInputTest.SEED + 1; seed <= HostileInputTest.SEED + 5; seed++)
            hostileSignUps(seed, 1000);
    }

    @Test
    void anAddressThatWouldReachTheRelayAsSmtpCommandsIsRefused() throws Exception {
        // Written to the relay byte for byte (no SMTPUTF8), U+0140, U+012E, U+013E, U+0120, U+013D, U+013B are '@',
        // '.', '>', space, '=', ';': the RCPT for this "address" reads RCPT TO:<v@vic.tim> ORCPT=rfc822;a@example.org>
        String smuggler = lowBytes("v@vic.tim> ORCPT=rfc822;a") + "@example.org";
        int status = signUp(0, 9999, smuggler, "Smuggler", "UTC", "ai");

        // sign-ups are mailed in the background, one at a time in order: once the next one's mail is in, whatever
        // the smuggler's sign-up could have sent has been sent
        String marker = "after-smuggler@example.org";
        assertThat(signUp(0, 9998, marker, "Marker", "UTC", "ai")).isEqualTo(200);
        Await.until(
                Duration.ofSeconds(30),
                () -> mailsByRecipient().containsKey(marker),
                () -> relay.received().size() + " mails");
        assertThat(relay.received())
                .flatMap(ScriptedSmtpServer.Received::recipients)
                .doesNotContain("v@vic.tim");
        assertThat(status).isEqualTo(400);
        assertThat(w.db.fetchCount(SUBSCRIBERS, SUBSCRIBERS.NAME.eq("Smuggler")))
                .isZero();
    }

    /** Every character SMTP gives a meaning to, replaced by the letter whose low byte it is. */
    private static String lowBytes(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(" <>@.=;".indexOf(c) >= 0 ? (char) (0x100 + c) : c);
        return b.toString();
    }

    @Test
    void hostileJsonIsRefusedWithA400() {
        List<String> bodies = List.of(
                "",
                "{",
                "[]",
                "null",
                "\"x\"",
                "{\"email\": [\"a@example.org\"]}",
                "{\"email\": {\"$ne\": null}}",
                "{\"email\": 1e999999}",
                "{\"email\": \"a@example.org\", \"hour\": 1e309}",
                "{\"email\": \"a\\u0000@example.org\"}",
                "{\"email\": \"x@example.org\\r\\nBcc: v@example.org\"}",
                "[".repeat(100_000),
                "{\"a\":".repeat(50_000),
                "{\"email\": \"" + "a".repeat(60_000) + "@example.org\"}",
                "{\"email\": \"ok@example.org\", \"categories\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        int i = 0;
        for (String body : bodies) {
            int status = w.rawStatus(
                    "POST /subscribe HTTP/1.1",
                    "Content-Type: application/json\r\nX-Forwarded-For: 10.9.0." + (i++) + "\r\n",
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(status).as(Hostile.printable(body)).isIn(400, 413);
        }
    }

    private void hostileSignUps(long seed, int cases) throws Exception {
        Hostile h = new Hostile(seed);
        List<String> refused = new ArrayList<>();
        String plain = "plain" + seed + "@example.org";
        assertThat(signUp(seed, -1, plain, "Plain Reader", "UTC", "ai")).isEqualTo(200);
        accepted.put(plain, "Plain Reader");
        for (int i = 0; i < cases; i++) {
            String email = asSent(i % 2 == 0 ? "signup" + seed + "x" + i + "@example.org" : h.email());
            String name = asSent(h.string(200));
            String timezone = i % 5 == 0 ? h.string(40) : "Europe/Paris";
            String category = i % 7 == 0 ? h.string(20) : "security";
            int status = signUp(seed, i, email, name, timezone, category);
            String what =
                    "seed " + seed + " case " + i + ": " + Hostile.printable(email) + " / " + Hostile.printable(name);
            assertThat(status).as(what).isIn(200, 400, 413);
            String key = email.strip().toLowerCase(Locale.ROOT);
            if (status == 200) accepted.putIfAbsent(key, name.isBlank() ? null : name.strip());
            else refused.add(key);
        }
        Await.until(
                Duration.ofSeconds(120),
                () -> mailsByRecipient().keySet().containsAll(accepted.keySet()),
                () -> accepted.size() + " accepted, " + relay.received().size() + " mails");

        Map<String, ScriptedSmtpServer.Received> mails = mailsByRecipient();
        List<String> plainHeaders = HeaderInjectionTest.headerNames(mails.get(plain));
        for (Map.Entry<String, String> e : accepted.entrySet()) {
            SubscribersRecord s = w.db.selectFrom(SUBSCRIBERS)
                    .where(SUBSCRIBERS.EMAIL_KEY.eq(e.getKey()))
                    .fetchOne();
            String what = Hostile.printable(e.getKey());
            assertThat(s).as(what).isNotNull();
            assertThat(s.getStatus()).as(what).isEqualTo(SubscriberStatus.PENDING);
            assertThat(s.getName()).as(what).isEqualTo(e.getValue());
            ScriptedSmtpServer.Received mail = mails.get(e.getKey());
            assertThat(mail.recipients()).as(what).hasSize(1);
            assertThat(HeaderInjectionTest.headerNames(mail))
                    .as(what)
                    .containsExactlyInAnyOrderElementsOf(plainHeaders);
            MimeMessage m = Mails.parse(mail.bytes());
            assertThat(m.getAllRecipients()).as(what).hasSize(1);
            assertThat(((InternetAddress) m.getAllRecipients()[0]).getAddress().toLowerCase(Locale.ROOT))
                    .as(what)
                    .isEqualTo(e.getKey());
        }
        // compared here, not in SQL: the column's collation ignores some characters (a NUL among them)
        List<String> stored =
                w.db.select(SUBSCRIBERS.EMAIL_KEY).from(SUBSCRIBERS).fetch(SUBSCRIBERS.EMAIL_KEY);
        for (String key : refused) {
            if (!accepted.containsKey(key))
                assertThat(stored).as(Hostile.printable(key)).doesNotContain(key);
        }
    }

    private static int signUp(long seed, int i, String email, String name, String timezone, String category) {
        byte[] form = WebTestSupport.form(
                        "email",
                        email,
                        "name",
                        name,
                        "timezone",
                        timezone,
                        "hour",
                        "7",
                        "frequency",
                        "daily",
                        "format",
                        "html",
                        "category",
                        category)
                .getBytes(StandardCharsets.US_ASCII);
        String client = "10." + (seed % 200) + "." + ((i + 1) / 250) + "." + ((i + 1) % 250);
        return w.rawStatus(
                "POST /subscribe HTTP/1.1",
                "Content-Type: application/x-www-form-urlencoded\r\nX-Forwarded-For: " + client + "\r\n",
                form);
    }

    /** The first mail to each recipient (lower-cased). */
    private static Map<String, ScriptedSmtpServer.Received> mailsByRecipient() {
        Map<String, ScriptedSmtpServer.Received> out = new java.util.HashMap<>();
        for (ScriptedSmtpServer.Received r : relay.received()) {
            for (String to : r.recipients()) out.putIfAbsent(to.toLowerCase(Locale.ROOT), r);
        }
        return out;
    }

    /** What an HTTP client can send: an unpaired surrogate has no UTF-8 and goes out as '?'. */
    private static String asSent(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
