package com.picksdigest.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.config.SmtpConfig;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.MessagePayload;
import com.picksdigest.mail.SendResult;
import com.picksdigest.support.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sending ahead: each message's final dot carries the next message's MAIL, RCPT and DATA. A refusal of the
 * message sent ahead must land on that message alone, and a message announced but never sent must never
 * reach anyone (not even as an empty message).
 */
class PipelinedSendTest {
    private ScriptedSmtpServer relay;
    private SmtpConnection smtp;

    @BeforeEach
    void start() {
        relay = ScriptedSmtpServer.start();
        smtp = new SmtpConnection(
                new SmtpConfig(
                        Optional.of("127.0.0.1"),
                        relay.port(),
                        Optional.empty(),
                        "",
                        SmtpConfig.Tls.NONE,
                        Duration.ofSeconds(5)),
                "picks.test");
    }

    @AfterEach
    void stop() {
        smtp.close();
        relay.close();
    }

    private static Envelope to(int n) {
        return new Envelope("bounces+" + n + "@picks.test", "reader" + n + "@example.org");
    }

    private static MessagePayload message(int n) {
        byte[] bytes = ("Message-ID: <m" + n + "@picks.test>\r\nSubject: digest " + n + "\r\n\r\nbody " + n + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return out -> out.write(bytes);
    }

    private SendResult send(int n, Integer next) {
        return smtp.send(message(n), to(n), next == null ? null : to(next));
    }

    @Test
    void aRefusalOfTheMessageSentAheadIsThatMessagesAloneAndTheRestGoOnOneConnectionPerFailure() {
        relay.onRcpt("reader2@example.org", "550 5.1.1 No such user")
                .onRcpt("reader4@example.org", "451 4.3.0 Try later");

        List<SendResult> results = List.of(send(1, 2), send(2, 3), send(3, 4), send(4, 5), send(5, null));

        assertThat(results)
                .extracting(r -> r.getClass().getSimpleName())
                .containsExactly("Accepted", "Permanent", "Accepted", "Transient", "Accepted");
        assertThat(results.get(1).reply()).isEqualTo("550 5.1.1 No such user");
        assertThat(results.get(3).reply()).isEqualTo("451 4.3.0 Try later");
        assertThat(relay.accepted())
                .extracting(a -> a.recipients().get(0))
                .containsExactly("reader1@example.org", "reader3@example.org", "reader5@example.org");
        assertThat(relay.accepted())
                .extracting(ScriptedSmtpServer.Accepted::messageId)
                .containsExactly("<m1@picks.test>", "<m3@picks.test>", "<m5@picks.test>");
        // a failure closes the connection (never a half-finished transaction in the next message): 1 + 2 reopened
        assertThat(relay.connectionCount()).isEqualTo(3);
        assertThat(smtp.pipelining()).isTrue();
    }

    @Test
    void aMessageSentAheadThatNeverComesIsDroppedWithTheConnectionAndSentWholeLater() {
        assertThat(send(1, 2)).isInstanceOf(SendResult.Accepted.class);
        // the worker stops (or the next build fails): the relay is waiting for message 2's content
        smtp.abandonOpenTransaction();
        assertThat(send(3, null)).isInstanceOf(SendResult.Accepted.class);
        assertThat(send(2, null)).isInstanceOf(SendResult.Accepted.class);

        assertThat(relay.received())
                .extracting(r -> r.recipients().get(0))
                .containsExactly("reader1@example.org", "reader3@example.org", "reader2@example.org");
        assertThat(relay.received()).allSatisfy(r -> assertThat(r.data()).contains("body "));
        assertThat(relay.connectionCount()).isEqualTo(2);
    }

    @Test
    void sendingSomethingElseThanTheAnnouncedMessageNeverMixesTheTwo() {
        assertThat(send(1, 2)).isInstanceOf(SendResult.Accepted.class);
        assertThat(send(3, null)).isInstanceOf(SendResult.Accepted.class);

        assertThat(relay.received())
                .extracting(r -> r.recipients().get(0))
                .containsExactly("reader1@example.org", "reader3@example.org");
        assertThat(relay.received().get(1).data()).contains("body 3").doesNotContain("body 2");
    }

    @Test
    void theEndOfDataReplyBeforeABrokenReadAheadStillCountsAsAccepted() {
        relay.onRcpt("reader2@example.org", "421 4.3.2 Shutting down");

        assertThat(send(1, 2)).isInstanceOf(SendResult.Accepted.class);
        SendResult second = send(2, null);
        assertThat(second).isInstanceOf(SendResult.Transient.class);
        assertThat(second.reply()).startsWith("421");
        assertThat(send(2, null)).isInstanceOf(SendResult.Accepted.class);
        assertThat(relay.accepted())
                .extracting(a -> a.recipients().get(0))
                .containsExactly("reader1@example.org", "reader2@example.org");
    }
}
