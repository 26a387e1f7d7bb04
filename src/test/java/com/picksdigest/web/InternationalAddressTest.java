package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.config.SignupConfig;
import com.picksdigest.support.Await;
import com.picksdigest.support.Inbox;
import com.picksdigest.support.Mails;
import com.picksdigest.support.ScriptedSmtpServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Addresses with a domain typed in Unicode, signed up over HTTP: stored and sent in the domain's xn-- form, shown to
 * their owner in Unicode. The relay records each envelope, so the test sees exactly what RCPT TO carried.
 */
class InternationalAddressTest {
    private static ScriptedSmtpServer relay;
    private static WebTestSupport w;

    @BeforeAll
    static void start() {
        relay = ScriptedSmtpServer.start();
        w = new WebTestSupport(InternationalAddressTest.class, relay.port(), new SignupConfig(true, false));
        w.categories.add("AI");
    }

    @AfterAll
    static void stop() {
        w.close();
        relay.close();
    }

    @Test
    void aUnicodeDomainIsStoredAndSentInItsAsciiFormAndShownInUnicode() throws Exception {
        HttpResponse<String> r = w.postForm(
                "/subscribe", "email", "anna@bücher.de", "name", "Anna", "timezone", "UTC", "category", "ai");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(w.db.select(SUBSCRIBERS.EMAIL)
                        .from(SUBSCRIBERS)
                        .where(SUBSCRIBERS.NAME.eq("Anna"))
                        .fetchOne(SUBSCRIBERS.EMAIL))
                .isEqualTo("anna@xn--bcher-kva.de");

        Await.until(Duration.ofSeconds(30), () -> !relay.received().isEmpty(), () -> "no mail yet");
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
    void anInvalidInternationalDomainIsRefusedWithASentence() {
        HttpResponse<String> r =
                w.postForm("/subscribe", "email", "bob@-bücher.de", "name", "Bob", "timezone", "UTC", "category", "ai");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("is not a valid internationalised domain name");
        assertThat(w.db.fetchCount(SUBSCRIBERS, SUBSCRIBERS.NAME.eq("Bob"))).isZero();
    }
}
