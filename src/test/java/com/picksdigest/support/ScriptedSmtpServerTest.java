package com.picksdigest.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives the scripted server with the real Angus client, which also documents how Angus reports each fault. */
class ScriptedSmtpServerTest {

    private final ScriptedSmtpServer server = ScriptedSmtpServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deliversMessageWithEnvelopeHeadersAndDotUnstuffedBody() throws Exception {
        MimeMessage message = message("r@x.org", "Hello\n.leading dot\n..two dots\n");
        message.setHeader("List-Id", "<digest.example.org>");
        message.saveChanges();

        try (SMTPTransport transport = connect(session())) {
            transport.sendMessage(message, message.getAllRecipients());
            assertThat(transport.getLastReturnCode()).isEqualTo(250);
        }

        assertThat(server.received()).singleElement().satisfies(r -> {
            assertThat(r.sender()).isEqualTo("sender@example.org");
            assertThat(r.recipients()).containsExactly("r@x.org");
            assertThat(r.data())
                    .contains(
                            "From: sender@example.org\r\n",
                            "To: r@x.org\r\n",
                            "Subject: Test\r\n",
                            "List-Id: <digest.example.org>\r\n",
                            "Message-ID: " + message.getMessageID() + "\r\n")
                    .contains("\r\n\r\nHello\r\n.leading dot\r\n..two dots\r\n")
                    .endsWith("\r\n");
        });
    }

    @Test
    void twoMessagesOnOneConnectionBothArrive() throws Exception {
        try (SMTPTransport transport = connect(session())) {
            for (String to : new String[] {"a@x.org", "b@x.org"}) {
                MimeMessage m = message(to, "for " + to);
                transport.sendMessage(m, m.getAllRecipients());
            }
        }
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.received()).extracting(r -> r.recipients().get(0)).containsExactly("a@x.org", "b@x.org");
    }

    @Test
    void transientRcptReplyIsReportedOnceThenTheRetrySucceeds() throws Exception {
        server.onRcpt("r@x.org", "451 4.3.0 Try again later");
        MimeMessage m = message("r@x.org", "body");
        try (SMTPTransport transport = connect(session())) {
            SendFailedException e = catchThrowableOfType(
                    SendFailedException.class, () -> transport.sendMessage(m, m.getAllRecipients()));
            assertThat(e).isNotInstanceOf(SMTPSendFailedException.class);
            SMTPAddressFailedException rcpt = (SMTPAddressFailedException) e.getNextException();
            assertThat(rcpt.getReturnCode()).isEqualTo(451);
            assertThat(rcpt.getMessage().strip()).isEqualTo("451 4.3.0 Try again later");
            assertThat(e.getValidUnsentAddresses()).extracting(Object::toString).containsExactly("r@x.org");
            assertThat(transport.getLastReturnCode()).isEqualTo(451);

            transport.sendMessage(m, m.getAllRecipients()); // same connection: Angus sent RSET
        }
        assertThat(server.received()).hasSize(1);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void permanentRcptReplyMarksTheAddressInvalid() throws Exception {
        server.onRcpt("r@x.org", "550 5.1.1 No such user");
        MimeMessage m = message("r@x.org", "body");
        try (SMTPTransport transport = connect(session())) {
            SendFailedException e = catchThrowableOfType(
                    SendFailedException.class, () -> transport.sendMessage(m, m.getAllRecipients()));
            assertThat(((SMTPAddressFailedException) e.getNextException()).getReturnCode())
                    .isEqualTo(550);
            assertThat(e.getInvalidAddresses()).extracting(Object::toString).containsExactly("r@x.org");
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void scriptedRepliesAreConsumedInOrderAndPerRecipient() throws Exception {
        server.onRcpt("a@x.org", "451 4.3.0 first").onRcpt("a@x.org", "452 4.2.2 second");
        server.onRcpt(ScriptedSmtpServer.ANY, "450 4.2.1 whoever comes next");
        try (SMTPTransport transport = connect(session())) {
            assertThat(rcptCode(transport, "b@x.org")).isEqualTo(450);
            assertThat(rcptCode(transport, "A@X.ORG")).isEqualTo(451);
            assertThat(rcptCode(transport, "a@x.org")).isEqualTo(452);
            assertThat(rcptCode(transport, "a@x.org")).isEqualTo(250);
        }
    }

    @Test
    void repliesAfterTheDataDotAreSendFailedExceptionsWithTheCode() throws Exception {
        server.onData("r@x.org", "452 4.3.1 Insufficient storage").onData("r@x.org", "554 5.6.0 Rejected");
        MimeMessage m = message("r@x.org", "body");
        try (SMTPTransport transport = connect(session())) {
            for (int expected : new int[] {452, 554}) {
                SMTPSendFailedException e = catchThrowableOfType(
                        SMTPSendFailedException.class, () -> transport.sendMessage(m, m.getAllRecipients()));
                assertThat(e.getReturnCode()).isEqualTo(expected);
                assertThat(e.getCommand()).isEqualTo(".");
            }
            transport.sendMessage(m, m.getAllRecipients());
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void droppedConnectionMidDataIsAMessagingExceptionWithoutAReplyCode() throws Exception {
        server.onDataDrop("r@x.org").onDataDrop("r@x.org");
        try (SMTPTransport transport = connect(session())) {
            // a message larger than the socket buffers is still being written when the socket goes
            MimeMessage big = message("r@x.org", "x".repeat(8_000_000));
            MessagingException writing = catchThrowableOfType(
                    MessagingException.class, () -> transport.sendMessage(big, big.getAllRecipients()));
            assertThat(writing).isNotInstanceOf(SMTPSendFailedException.class);
            assertThat(writing.getNextException()).isInstanceOf(java.io.IOException.class);
            assertThat(transport.isConnected()).isFalse();

            // a small one is fully written first: the client then reads end of stream, code -1
            MimeMessage small = message("r@x.org", "small");
            transport.connect();
            SMTPSendFailedException reading = catchThrowableOfType(
                    SMTPSendFailedException.class, () -> transport.sendMessage(small, small.getAllRecipients()));
            assertThat(reading.getReturnCode()).isEqualTo(-1);
            assertThat(reading.getMessage()).contains("[EOF]");
            // Angus still believes it is connected, and close() would fail sending QUIT;
            // isConnected() probes with NOOP and drops the dead socket
            assertThat(transport.isConnected()).isFalse();
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void busyGreetingFailsTheConnectAndTheNextConnectionWorks() throws Exception {
        server.onConnect("421 4.7.0 Too busy");
        Session session = session();
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        MessagingException e = catchThrowableOfType(MessagingException.class, transport::connect);
        assertThat(e).isExactlyInstanceOf(MessagingException.class).hasMessageContaining("421 4.7.0 Too busy");
        assertThat(transport.getLastReturnCode()).isEqualTo(421);

        try (SMTPTransport again = connect(session)) {
            MimeMessage m = message("r@x.org", "body");
            again.sendMessage(m, m.getAllRecipients());
        }
        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void stalledReplyTimesOutTheClientButTheServerStillKeepsTheMessage() throws Exception {
        server.stallOnData(Duration.ofMillis(1500));
        Properties props = properties();
        props.put("mail.smtp.timeout", "300");
        MimeMessage m = message("r@x.org", "body");
        try (SMTPTransport transport = connect(Session.getInstance(props))) {
            MessagingException e = catchThrowableOfType(
                    MessagingException.class, () -> transport.sendMessage(m, m.getAllRecipients()));
            assertThat(e.getNextException()).isInstanceOf(SocketTimeoutException.class);
        }
        // the duplicate-after-timeout case a sender must live with
        Await.until(Duration.ofSeconds(5), () -> !server.received().isEmpty(), () -> "nothing received");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void authIsRequiredWhenConfigured() throws Exception {
        server.requireAuth("user", "s3cret");
        Properties props = properties();
        props.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(props);
        MimeMessage m = message("r@x.org", "body");

        SMTPTransport wrong = (SMTPTransport) session.getTransport("smtp");
        assertThat(catchThrowableOfType(AuthenticationFailedException.class, () -> wrong.connect("user", "nope")))
                .hasMessageContaining("535");

        for (String mechanism : new String[] {"PLAIN", "LOGIN"}) {
            props.put("mail.smtp.auth.mechanisms", mechanism);
            try (SMTPTransport t = (SMTPTransport) Session.getInstance(props).getTransport("smtp")) {
                t.connect("user", "s3cret");
                t.sendMessage(m, m.getAllRecipients());
            }
        }
        try (SMTPTransport anonymous = connect(session())) {
            SMTPSendFailedException e = catchThrowableOfType(
                    SMTPSendFailedException.class, () -> anonymous.sendMessage(m, m.getAllRecipients()));
            assertThat(e.getReturnCode()).isEqualTo(530);
        }
        assertThat(server.received()).hasSize(2);
    }

    private int rcptCode(SMTPTransport transport, String to) throws MessagingException {
        MimeMessage m = message(to, "body");
        try {
            transport.sendMessage(m, m.getAllRecipients());
            return transport.getLastReturnCode();
        } catch (SendFailedException e) {
            return ((SMTPAddressFailedException) e.getNextException()).getReturnCode();
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.port()));
        props.put("mail.smtp.localhost", "client.test");
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        return props;
    }

    private Session session() {
        return Session.getInstance(properties());
    }

    private static SMTPTransport connect(Session session) throws MessagingException {
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        transport.connect();
        return transport;
    }

    private MimeMessage message(String to, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress("sender@example.org"));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject("Test");
        m.setText(text, "UTF-8");
        m.saveChanges();
        return m;
    }
}
