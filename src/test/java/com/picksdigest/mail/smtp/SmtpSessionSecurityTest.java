package com.picksdigest.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.config.SmtpConfig.Tls;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.SendResult;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.ScriptedSmtpServer.Command;
import com.picksdigest.support.ScriptedSmtpServer.Received;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SmtpSession's security and framing over real sockets: STARTTLS and implicit TLS with certificate and host name
 * checks, AUTH PLAIN and LOGIN, the pipelined and the one-command-at-a-time paths with dot-transparency, and a relay
 * that stops reading mid-DATA. What must never happen: credentials or mail in clear when TLS was asked for, a
 * certificate accepted that does not name the relay, a message altered on the way, a worker hanging forever.
 */
class SmtpSessionSecurityTest {
    private static final String FROM = "bounces@picks.example.org";
    private static final String TO = "reader@example.org";
    private static final String HELO = "mailer.picks.test";
    private static final String STORE_PASSWORD = "changeit";

    /** The lines the receiver must end up with; the first two and the lone dot need stuffing, the fifth ends in a bare LF. */
    private static final List<String> BODY_LINES = List.of(
            "Today's picks",
            ".starts with one dot",
            "..starts with two dots",
            ".",
            "ends with a bare LF",
            "after the bare LF",
            "the last line, without a line end");

    private static final String BODY =
            String.join("\r\n", BODY_LINES.subList(0, 5)) + "\n" + String.join("\r\n", BODY_LINES.subList(5, 7));

    @TempDir
    static Path keys;

    /** Server side of a self-signed certificate that names IP address 127.0.0.1 only. */
    private static SSLContext relayKey;
    /** A client that trusts exactly that certificate. */
    private static SSLSocketFactory trustingRelay;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void makeCertificate() throws Exception {
        // keytool is the only certificate generator in the JDK without internal APIs; it runs once for the class
        Path store = keys.resolve("relay.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "relay",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=relay.picks.test",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-keystore",
                        store.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        STORE_PASSWORD,
                        "-keypass",
                        STORE_PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD.toCharArray());
        relayKey = SSLContext.getInstance("TLS");
        relayKey.init(kmf.getKeyManagers(), null, null);
        trustingRelay = trusting(ks, "relay");
    }

    /** A client factory whose only trusted certificate is {@code alias} in {@code ks}. */
    private static SSLSocketFactory trusting(KeyStore ks, String alias) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(alias, ks.getCertificate(alias));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }

    /** In the order opened: a relay first, which also frees a sender still blocked after a preemptive timeout. */
    @AfterEach
    void closeAll() {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                // a connection closed while its blocked send unwinds may complain; the test has its verdict already
            }
        }
    }

    // --- STARTTLS ---------------------------------------------------------------------------------------------

    @Test
    void startTlsWithATrustedCertificateDeliversAndNothingButEhloAndStartTlsGoesInClear() throws Exception {
        ScriptedSmtpServer relay =
                open(ScriptedSmtpServer.start().withStartTls(relayKey).requireStartTls());

        SendResult result =
                send(connection(config("127.0.0.1", relay.port(), Tls.STARTTLS), trustingRelay), "over TLS");

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(relay.received()).singleElement().satisfies(r -> {
            assertThat(r.tls()).isTrue();
            assertThat(r.recipients()).containsExactly(TO);
            assertThat(r.data()).contains("\r\n\r\nover TLS\r\n");
        });
        assertThat(verbs(relay, false)).containsExactly("EHLO", "STARTTLS");
        // RFC 3207 4.2: the client greets again over TLS before anything else
        assertThat(verbs(relay, true)).startsWith("EHLO", "MAIL", "RCPT", "DATA");
    }

    @Test
    void credentialsOfferedOnlyAfterStartTlsAreSentOnlyOverTls() throws Exception {
        // AUTH is offered only in the EHLO after TLS: the client must have read that one, not kept the first
        ScriptedSmtpServer relay = open(ScriptedSmtpServer.start()
                .withStartTls(relayKey)
                .requireStartTls()
                .requireAuth("picks", "s3cret"));

        SendResult result = send(
                connection(config("127.0.0.1", relay.port(), Tls.STARTTLS, "picks", "s3cret"), trustingRelay),
                "authenticated");

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(relay.received())
                .singleElement()
                .satisfies(r -> assertThat(r.tls()).isTrue());
        assertThat(verbs(relay, false)).containsExactly("EHLO", "STARTTLS");
        assertThat(verbs(relay, true)).startsWith("EHLO", "AUTH", "MAIL");
    }

    @Test
    void aSelfSignedCertificateIsRefusedWithTheJvmsDefaultTrust() throws Exception {
        ScriptedSmtpServer relay =
                open(ScriptedSmtpServer.start().withStartTls(relayKey).requireStartTls());

        SendResult result = send(connection(config("127.0.0.1", relay.port(), Tls.STARTTLS), null), "x");

        assertThat(result).isInstanceOf(SendResult.Unavailable.class);
        assertThat(result.reply()).contains("127.0.0.1:" + relay.port()).containsIgnoringCase("certification path");
        assertThat(relay.received()).isEmpty();
        assertThat(relay.commands()).extracting(Command::verb).containsExactly("EHLO", "STARTTLS");
    }

    @Test
    void aRelayWithoutStartTlsGetsNeitherCredentialsNorMailInClear() throws Exception {
        // it offers AUTH in clear, which a client that falls back to plain text would happily use
        ScriptedSmtpServer relay = open(ScriptedSmtpServer.start().requireAuth("picks", "s3cret"));

        SendResult result = send(
                connection(config("127.0.0.1", relay.port(), Tls.STARTTLS, "picks", "s3cret"), trustingRelay), "x");

        assertThat(result).isInstanceOf(SendResult.Unavailable.class);
        assertThat(result.reply()).contains("STARTTLS");
        assertThat(relay.received()).isEmpty();
        assertThat(relay.commands())
                .extracting(Command::verb)
                .doesNotContain("AUTH", "MAIL", "RCPT", "DATA")
                .startsWith("EHLO");
        assertThat(relay.commands())
                .extracting(Command::line)
                .noneMatch(l -> l.contains("s3cret") || l.contains(base64("\0picks\0s3cret")));
    }

    @Test
    void aTrustedCertificateForAnotherHostNameIsRefused() throws Exception {
        // the certificate names 127.0.0.1 only; "localhost" reaches the same socket under a name it does not carry
        assumeTrue(
                InetAddress.getByName("localhost").getHostAddress().equals("127.0.0.1"),
                "localhost must resolve to 127.0.0.1 here");
        ScriptedSmtpServer relay =
                open(ScriptedSmtpServer.start().withStartTls(relayKey).requireStartTls());

        SendResult result = send(connection(config("localhost", relay.port(), Tls.STARTTLS), trustingRelay), "x");

        assertThat(result).isInstanceOf(SendResult.Unavailable.class);
        assertThat(result.reply()).contains("matching localhost");
        assertThat(relay.received()).isEmpty();
        assertThat(relay.commands()).extracting(Command::verb).containsExactly("EHLO", "STARTTLS");
    }

    // --- implicit TLS -----------------------------------------------------------------------------------------

    @Test
    void implicitTlsDeliversAMessageThatParsesWithItsRecipientAndBody() throws Exception {
        ScriptedSmtpServer relay = open(ScriptedSmtpServer.startSsl(relayKey));
        MimeMessage sent = message(BODY);

        SendResult result = connection(config("127.0.0.1", relay.port(), Tls.SSL), trustingRelay)
                .send(sent, new Envelope(FROM, TO));

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(relay.commands())
                .allMatch(Command::tls)
                .extracting(Command::verb)
                .startsWith("EHLO");
        Received r = relay.received().get(0);
        assertThat(r.tls()).isTrue();
        MimeMessage parsed =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(r.bytes()));
        assertThat(parsed.getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly(TO);
        assertThat(parsed.getMessageID()).isEqualTo(sent.getMessageID());
        assertThat(lines((String) parsed.getContent())).isEqualTo(BODY_LINES);
    }

    @Test
    void implicitTlsToGreenMailRefusesItsCertificateEvenWhenTrustedBecauseItNamesNoHost() throws Exception {
        // greenmail.p12 (password "changeit") is CN=GreenMail selfsigned Test Certificate, without subject alternative
        // names
        KeyStore greenMailKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            assertThat(in).as("greenmail.p12 on the class path").isNotNull();
            greenMailKeys.load(in, STORE_PASSWORD.toCharArray());
        }
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        greenMail.start();
        toClose.add(greenMail::stop);

        SendResult result = send(
                connection(
                        config("127.0.0.1", greenMail.getSmtps().getPort(), Tls.SSL),
                        trusting(greenMailKeys, greenMailKeys.aliases().nextElement())),
                "x");

        assertThat(result).isInstanceOf(SendResult.Unavailable.class);
        assertThat(result.reply()).containsIgnoringCase("subject alternative");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    // --- AUTH -------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "relay offers {0}: client uses {1}")
    @CsvSource({"PLAIN LOGIN, PLAIN", "PLAIN, PLAIN", "LOGIN, LOGIN"})
    void theRightCredentialsAreAcceptedWithAMechanismTheRelayOffers(String offered, String used) throws Exception {
        ScriptedSmtpServer relay =
                open(ScriptedSmtpServer.start().requireAuth("picks", "s3cret").authMechanisms(offered.split(" ")));

        SendResult result = send(connection(config("127.0.0.1", relay.port(), Tls.NONE, "picks", "s3cret"), null), "x");

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(relay.received()).hasSize(1);
        assertThat(relay.commands())
                .filteredOn(c -> c.verb().equals("AUTH"))
                .singleElement()
                .satisfies(c -> assertThat(c.line()).startsWith("AUTH " + used));
    }

    @Test
    void aWrongPasswordMakesTheRelayUnavailableWithTheFiveThirtyFiveReply() throws Exception {
        ScriptedSmtpServer relay = open(ScriptedSmtpServer.start().requireAuth("picks", "s3cret"));

        SendResult result = send(connection(config("127.0.0.1", relay.port(), Tls.NONE, "picks", "wrong"), null), "x");

        assertThat(result).isInstanceOf(SendResult.Unavailable.class);
        assertThat(result.reply()).contains("535 5.7.8 Authentication credentials invalid");
        assertThat(relay.received()).isEmpty();
        assertThat(relay.commands()).extracting(Command::verb).doesNotContain("MAIL");
    }

    @Test
    void credentialsForARelayThatOffersNoAuthMakeItUnavailableNamingTheSetting() throws Exception {
        ScriptedSmtpServer relay = open(ScriptedSmtpServer.start());

        SendResult result = send(connection(config("127.0.0.1", relay.port(), Tls.NONE, "picks", "s3cret"), null), "x");

        assertThat(result).isInstanceOf(SendResult.Unavailable.class);
        assertThat(result.reply()).contains("PICKS_SMTP_USER");
        assertThat(relay.received()).isEmpty();
        assertThat(relay.commands()).extracting(Command::verb).doesNotContain("AUTH", "MAIL");
    }

    // --- framing: pipelined and not ---------------------------------------------------------------------------

    @Test
    void pipelinedToARelayOfferingPipeliningTheMessageArrivesByteForByte() throws Exception {
        ScriptedSmtpServer relay = open(ScriptedSmtpServer.start());
        MimeMessage sent = message(BODY);
        byte[] expected = asTransmitted(sent);

        SmtpConnection c = connection(config("127.0.0.1", relay.port(), Tls.NONE), null);
        SendResult result = c.send(sent, new Envelope(FROM, TO));

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(c.pipelining()).as("pipelining").isTrue();
        Received r = relay.received().get(0);
        assertThat(r.sender()).isEqualTo(FROM);
        assertThat(r.recipients()).containsExactly(TO);
        assertThat(r.bareLineFeed()).as("a bare LF on the wire").isFalse();
        assertThat(r.data()).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(lines(body(r.data()))).isEqualTo(BODY_LINES);
    }

    @Test
    void oneCommandAtATimeToGreenMailTheMessageArrivesIntact() throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        toClose.add(greenMail::stop);
        MimeMessage sent = message(BODY);
        byte[] expected = asTransmitted(sent);

        SmtpConnection c = connection(config("127.0.0.1", greenMail.getSmtp().getPort(), Tls.NONE), null);
        SendResult result = c.send(sent, new Envelope(FROM, TO));

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(c.pipelining()).as("GreenMail offers no PIPELINING").isFalse();
        assertThat(greenMail.getReceivedMessages()).singleElement().satisfies(m -> {
            assertThat(m.getMessageID()).isEqualTo(sent.getMessageID());
            assertThat(m.getRecipients(Message.RecipientType.TO))
                    .extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly(TO);
            // GreenMail takes the CRLF before the final dot as part of the terminator and stores the body without it
            String rawBody = new String(m.getRawInputStream().readAllBytes(), StandardCharsets.UTF_8) + "\r\n";
            assertThat(rawBody).isEqualTo(body(new String(expected, StandardCharsets.UTF_8)));
            assertThat(lines(rawBody)).isEqualTo(BODY_LINES);
        });
    }

    // --- a relay that stops reading -----------------------------------------------------------------------------

    @Test
    void aRelayThatStopsReadingMidDataEndsInTransientWithinTheTimeoutNotAHang() throws Exception {
        ScriptedSmtpServer relay = open(ScriptedSmtpServer.start().onDataStopReading(ScriptedSmtpServer.ANY));
        SmtpConfig cfg = new SmtpConfig(
                Optional.of("127.0.0.1"), relay.port(), Optional.empty(), "", Tls.NONE, Duration.ofSeconds(2));
        SmtpConnection c = connection(cfg, null);
        // far more than the socket buffers on both ends hold, so a write must block once the relay stops reading
        MimeMessage twentyMegabytes = message(("x".repeat(998) + "\r\n").repeat(20 * 1024 * 1024 / 1000));
        long start = System.nanoTime();
        SendResult result = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> c.send(twentyMegabytes, new Envelope(FROM, TO)),
                "send still blocked in a write 10 s after the relay stopped reading (timeout 2 s)");

        assertThat(result).isInstanceOf(SendResult.Transient.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(relay.received()).isEmpty();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private <T extends AutoCloseable> T open(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /** @param tls null for the JVM's default trust */
    private SmtpConnection connection(SmtpConfig cfg, SSLSocketFactory tls) {
        return open(tls == null ? new SmtpConnection(cfg, HELO) : new SmtpConnection(cfg, HELO, tls));
    }

    private static SmtpConfig config(String host, int port, Tls tls) {
        return new SmtpConfig(Optional.of(host), port, Optional.empty(), "", tls, Duration.ofSeconds(5));
    }

    private static SmtpConfig config(String host, int port, Tls tls, String user, String password) {
        return new SmtpConfig(Optional.of(host), port, Optional.of(user), password, tls, Duration.ofSeconds(5));
    }

    private static SendResult send(SmtpConnection c, String text) throws Exception {
        return c.send(message(text), new Envelope(FROM, TO));
    }

    private static MimeMessage message(String text) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("digest@picks.example.org"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(TO));
        m.setSubject("Your picks");
        m.setText(text, "UTF-8");
        m.saveChanges();
        return m;
    }

    /**
     * The message as RFC 5321 says it must reach the server after unstuffing: every line end CRLF and a final CRLF.
     * Fails if Jakarta Mail chose an encoding that hides the cases under test (a bare LF, a line that is a dot).
     */
    private static byte[] asTransmitted(MimeMessage m) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        String text = raw.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .as("the message as Jakarta Mail writes it")
                .contains("after the bare LF")
                .contains("bare LF\nafter")
                .contains("\r\n.\r\n")
                .doesNotEndWith("\n");
        String normalised = text.replaceAll("\r\n|\r|\n", "\r\n") + "\r\n";
        return normalised.getBytes(StandardCharsets.UTF_8);
    }

    private static String body(String message) {
        return message.substring(message.indexOf("\r\n\r\n") + 4);
    }

    /** The lines of a CRLF text that ends in CRLF; a bare LF or CR left in a line would show in it. */
    private static List<String> lines(String text) {
        assertThat(text).endsWith("\r\n");
        return Arrays.asList(text.substring(0, text.length() - 2).split("\r\n", -1));
    }

    private static List<String> verbs(ScriptedSmtpServer relay, boolean overTls) {
        return relay.commands().stream()
                .filter(c -> c.tls() == overTls)
                .map(Command::verb)
                .toList();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
