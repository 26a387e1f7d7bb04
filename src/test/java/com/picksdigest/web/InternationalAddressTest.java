package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.config.SignupConfig;
import com.picksdigest.support.Await;
import com.picksdigest.support.Inbox;
import com.picksdigest.support.Mails;
import com.picksdigest.support.ScriptedSmtpServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Addresses with a domain typed in Unicode, signed up over HTTP: stored and sent in the domain's xn-- form, shown to
 * their owner in Unicode. The relay records each envelope, so the test sees exactly what RCPT TO carried.
 */
class InternationalAddressTest {
    private static ScriptedSmtpServer relay;
    private static ScriptedSmtpServer utf8Relay;
    private static ScriptedSmtpServer plainRelay;
    private static WebTestSupport w;
    /** PICKS_SMTP_UTF8 on, mailing through a relay that offers SMTPUTF8. */
    private static WebTestSupport utf8;
    /** PICKS_SMTP_UTF8 on, but mailing through a relay that does not offer SMTPUTF8 (configured wrongly). */
    private static WebTestSupport misconfigured;

    @BeforeAll
    static void start() {
        relay = ScriptedSmtpServer.start();
        utf8Relay = ScriptedSmtpServer.start().offerSmtpUtf8();
        plainRelay = ScriptedSmtpServer.start();
        SignupConfig doubleOptIn = new SignupConfig(true, false);
        Map<String, String> on = Map.of("PICKS_SMTP_UTF8", "true");
        w = new WebTestSupport(InternationalAddressTest.class, relay.port(), doubleOptIn);
        utf8 = new WebTestSupport(InternationalAddressTest.class, utf8Relay.port(), doubleOptIn, on);
        misconfigured = new WebTestSupport(InternationalAddressTest.class, plainRelay.port(), doubleOptIn, on);
        for (WebTestSupport each : List.of(w, utf8, misconfigured)) each.categories.add("AI");
    }

    @AfterAll
    static void stop() {
        for (WebTestSupport each : List.of(w, utf8, misconfigured)) each.close();
        relay.close();
        utf8Relay.close();
        plainRelay.close();
    }

    @Test
    void aUnicodeDomainIsStoredAndSentInItsAsciiFormAndShownInUnicode() throws Exception {
        HttpResponse<String> r = w.postForm(
                "/subscribe", "email", "anna@bücher.de", "name", "Anna", "timezone", "UTC", "category", "ai");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        Await.until(Duration.ofSeconds(30), () -> !relay.received().isEmpty(), () -> "no mail yet");
        assertThat(w.db.select(SUBSCRIBERS.EMAIL)
                        .from(SUBSCRIBERS)
                        .where(SUBSCRIBERS.EMAIL_KEY.like("anna@%"))
                        .fetch(SUBSCRIBERS.EMAIL))
                .containsExactly("anna@xn--bcher-kva.de");
        List<ScriptedSmtpServer.Received> mails = relay.received();
        assertThat(mails).flatMap(ScriptedSmtpServer.Received::recipients).containsExactly("anna@xn--bcher-kva.de");
        assertThat(relay.commands())
                .map(ScriptedSmtpServer.Command::line)
                .filteredOn(l -> l.startsWith("RCPT"))
                .containsExactly("RCPT TO:<anna@xn--bcher-kva.de>");

        String confirm = Inbox.linkPath(Mails.parse(mails.get(0).bytes()), "/confirm/");
        HttpResponse<String> page = w.get(confirm);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("anna@bücher.de").doesNotContain("xn--");
    }

    @Test
    void aUnicodeLocalPartIsSentWithSmtpUtf8ThroughARelayThatOffersIt() throws Exception {
        HttpResponse<String> r = utf8.postForm(
                "/subscribe", "email", "josé@example.org", "name", "José", "timezone", "UTC", "category", "ai");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        Await.until(Duration.ofSeconds(30), () -> !utf8Relay.received().isEmpty(), () -> "no mail yet");
        assertThat(utf8Relay.received())
                .flatMap(ScriptedSmtpServer.Received::recipients)
                .containsExactly("josé@example.org");
        List<String> envelope = utf8Relay.commands().stream()
                .map(ScriptedSmtpServer.Command::line)
                .filter(l -> l.startsWith("MAIL") || l.startsWith("RCPT"))
                .toList();
        assertThat(envelope).hasSize(2);
        assertThat(envelope.get(0)).startsWith("MAIL FROM:<").endsWith("> SMTPUTF8");
        assertThat(envelope.get(1)).isEqualTo("RCPT TO:<josé@example.org>");
        // RFC 6532: the header holds the address in UTF-8, as the envelope does
        assertThat(new String(utf8Relay.received().get(0).bytes(), StandardCharsets.UTF_8))
                .containsPattern("(?m)^To: .*josé@example\\.org");
    }

    @Test
    void aUnicodeLocalPartIsRefusedWithASentenceWhenTheRelaysAreNotSaidToOfferSmtpUtf8() {
        HttpResponse<String> r = w.postForm(
                "/subscribe", "email", "josé@example.org", "name", "Jose", "timezone", "UTC", "category", "ai");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("does not accept addresses with non-ASCII characters before the @");
        assertThat(w.db.fetchCount(SUBSCRIBERS, SUBSCRIBERS.NAME.eq("Jose"))).isZero();
    }

    @Test
    void aStoredUnicodeLocalPartIsNotSentThroughARelayThatDoesNotOfferSmtpUtf8() throws Exception {
        HttpResponse<String> r = misconfigured.postForm(
                "/subscribe", "email", "zoë@example.org", "name", "Zoë", "timezone", "UTC", "category", "ai");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // another mailbox, though utf8mb4_unicode_ci would compare it equal; its mail is sent after zoë's was refused
        HttpResponse<String> plain = misconfigured.postForm(
                "/subscribe", "email", "zoe@example.org", "name", "Zoe", "timezone", "UTC", "category", "ai");
        assertThat(plain.statusCode()).isEqualTo(200);
        Await.until(
                Duration.ofSeconds(30),
                () -> plainRelay.received().stream()
                        .anyMatch(m -> m.recipients().contains("zoe@example.org")),
                () -> "no mail yet");
        assertThat(plainRelay.received())
                .flatMap(ScriptedSmtpServer.Received::recipients)
                .containsExactly("zoe@example.org");
        assertThat(plainRelay.commands())
                .map(ScriptedSmtpServer.Command::line)
                .noneMatch(l -> l.contains("zo") && l.contains("@example.org") && !l.contains("zoe@"));
    }

    @Test
    void anInvalidInternationalDomainIsRefusedWithASentence() {
        HttpResponse<String> r =
                w.postForm("/subscribe", "email", "bob@-bücher.de", "name", "Bob", "timezone", "UTC", "category", "ai");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("is not a valid internationalised domain name");
        assertThat(w.db.fetchCount(SUBSCRIBERS, SUBSCRIBERS.NAME.eq("Bob"))).isZero();
    }
}
