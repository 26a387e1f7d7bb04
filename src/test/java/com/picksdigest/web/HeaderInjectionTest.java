package com.picksdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.picks.PickInput;
import com.picksdigest.picks.PickService;
import com.picksdigest.support.Hostile;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.Mails;
import com.picksdigest.support.ScriptedSmtpServer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names that the preferences page accepts end up in the To header of every digest. Whatever was typed, each digest
 * carries exactly the headers a plain one does, one recipient, and the name as typed once decoded.
 */
class HeaderInjectionTest {
    private static final List<String> CRAFTED = List.of(
            "Eve\" <eve@example.org>, Bcc: victim@example.org",
            "=?UTF-8?B?QmNjOiB2aWN0aW1AZXhhbXBsZS5vcmc=?=",
            "Mallory, Bcc: victim@example.org",
            "Trudy; Cc: x@example.org",
            "a\\\" <b@example.org>",
            "\"\"\"",
            "(comment) <c@example.org>",
            "Zoë \"Z\" O'Neil & <Co>",
            "Subject: forged",
            "x".repeat(199) + "y",
            "Name with a very long run of words ".repeat(5).strip(),
            "\u202eevil\u202c",
            "用户 名",
            "Line\u2028Separator",
            "Next\u0085Line");

    private static WebTestSupport w;

    @BeforeAll
    static void start() {
        w = new WebTestSupport(HeaderInjectionTest.class);
        w.categories.add("AI");
        new PickService(w.db, w.categories, Clock.systemUTC())
                .add(
                        new PickInput(
                                "A pick",
                                "https://news.example.org/a",
                                "Summary",
                                "Source",
                                "https://source.example.org",
                                null,
                                "AI",
                                null,
                                false,
                                Instant.now().minus(Duration.ofHours(1))),
                        "test");
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void namesAcceptedByThePreferencesPageNeverAddAHeaderOrARecipient() throws Exception {
        SubscribersRecord plain = w.subscriber("Plain Reader", List.of("ai"));
        List<String> names = new ArrayList<>(CRAFTED);
        Hostile h = new Hostile(HostileInputTest.SEED);
        for (int i = 0; i < 150; i++) names.add(h.string(200));
        Map<String, String> storedNameByEmail = new HashMap<>();
        for (String name : names) {
            SubscribersRecord s = w.subscriber("Before", List.of("ai"));
            String token = w.token(s);
            int status = w.postForm(
                            "/prefs/" + token,
                            "csrf",
                            w.csrf.issue(token),
                            "name",
                            name,
                            "timezone",
                            "UTC",
                            "hour",
                            "0",
                            "frequency",
                            "daily",
                            "format",
                            "html",
                            "category",
                            "ai")
                    .statusCode();
            if (status == 303)
                storedNameByEmail.put(
                        s.getEmail(), w.subscribers.find(s.getId()).getName());
        }
        assertThat(storedNameByEmail).as("hostile names the page accepted").hasSizeGreaterThan(40);

        List<ScriptedSmtpServer.Received> received;
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.start();
                MailerHarness mailer = new MailerHarness(w.testDb, relay.port(), Clock.systemUTC(), Map.of())) {
            mailer.sendNow();
            received = relay.received();
        }
        List<String> plainHeaders = headerNames(only(received, plain.getEmail()));
        assertThat(plainHeaders)
                .contains("From", "To", "Subject", "List-Unsubscribe")
                .doesNotHaveDuplicates();
        for (Map.Entry<String, String> e : storedNameByEmail.entrySet()) {
            ScriptedSmtpServer.Received r = only(received, e.getKey());
            String what = Hostile.printable(String.valueOf(e.getValue()));
            assertThat(r.recipients()).as(what).containsExactly(e.getKey());
            assertThat(headerNames(r)).as(what).containsExactlyInAnyOrderElementsOf(plainHeaders);
            MimeMessage m = Mails.parse(r.bytes());
            InternetAddress to = (InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0];
            assertThat(m.getAllRecipients()).as(what).hasSize(1);
            assertThat(to.getAddress()).as(what).isEqualTo(e.getKey());
            assertThat(to.getPersonal()).as(what).isEqualTo(e.getValue());
        }
    }

    private static ScriptedSmtpServer.Received only(List<ScriptedSmtpServer.Received> received, String email) {
        List<ScriptedSmtpServer.Received> to =
                received.stream().filter(r -> r.recipients().contains(email)).toList();
        assertThat(to).as("messages to " + email).hasSize(1);
        return to.get(0);
    }

    /** The names of the message's own headers, as a receiving server splits them (continuation lines unfolded). */
    static List<String> headerNames(ScriptedSmtpServer.Received r) {
        String data = r.data();
        String head = data.substring(0, data.indexOf("\r\n\r\n"));
        List<String> names = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (line.startsWith(" ") || line.startsWith("\t")) continue;
            names.add(line.substring(0, line.indexOf(':')));
        }
        return names;
    }
}
