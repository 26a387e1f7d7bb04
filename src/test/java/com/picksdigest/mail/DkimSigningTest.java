package com.picksdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.picksdigest.support.ScriptedSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimSigningTest {

    private static final String DOMAIN = "example.org";
    private static final String SELECTOR = "picks2025";
    private static final List<String> REQUIRED_SIGNED = List.of(
            "From",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "List-Id",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
            "MIME-Version",
            "Content-Type");

    private static KeyPair keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @Test
    void signatureVerifiesIndependentlyAndCoversTheListHeaders() throws Exception {
        byte[] bytes = write(signing().sign(digest("<m1@example.org>")));

        List<SignatureRecord> records = verify(bytes);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getHeaders())
                .extracting(h -> h.toString().toLowerCase())
                .containsAll(REQUIRED_SIGNED.stream().map(String::toLowerCase).toList());
        String signature = unfoldedHeader(bytes, "DKIM-Signature");
        assertThat(signature)
                .contains("a=rsa-sha256;", "c=relaxed/relaxed;", "d=" + DOMAIN + ";", "s=" + SELECTOR + ";");
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature: ");
    }

    @Test
    void alteringTheBodyOrTheSubjectAfterSigningBreaksVerification() throws Exception {
        byte[] signed = write(signing().sign(digest("<m2@example.org>")));
        assertThat(verify(signed)).isNotEmpty();

        byte[] body = signed.clone();
        int inBody = indexOf(body, "Caf"); // "Café" in the quoted-printable text part
        assertThat(inBody).isGreaterThan(indexOf(body, "\r\n\r\n"));
        body[inBody] = 'K';
        assertThat(verify(body)).isEmpty();

        byte[] subject = signed.clone();
        int inSubject = indexOf(subject, "\r\nSubject: =?UTF-8?Q?") + "\r\nSubject: =?UTF-8?Q?".length();
        subject[inSubject] = (byte) (subject[inSubject] == 'X' ? 'Y' : 'X');
        assertThat(verify(subject)).isEmpty();
    }

    @Test
    void aCopyWithOneMoreOfAnySignedHeaderFailsVerification() throws Exception {
        byte[] signed = write(signing().sign(digest("<m3@example.org>")));
        assertThat(verify(signed)).hasSize(1);

        for (String added : List.of(
                "From: Picks Security <security@example.org>",
                "To: someone.else@example.net",
                "Subject: Please confirm your card",
                "Date: Mon, 1 Jan 2024 00:00:00 +0000",
                "Message-ID: <other@example.org>",
                "List-Id: Other <other.example.org>",
                "List-Unsubscribe: <https://evil.example/u>",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click")) {
            // prepended, where a mail client looks first, and appended after the signed ones
            byte[] prepended = concat((added + "\r\n").getBytes(StandardCharsets.US_ASCII), signed);
            assertThat(verify(prepended)).as("with \"%s\" prepended", added).isEmpty();
            int end = indexOf(signed, "\r\n\r\n") + 2;
            byte[] appended = concat(
                    concat(Arrays.copyOf(signed, end), (added + "\r\n").getBytes(StandardCharsets.US_ASCII)),
                    Arrays.copyOfRange(signed, end, signed.length));
            assertThat(verify(appended)).as("with \"%s\" appended", added).isEmpty();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void signatureSurvivesSmtpTransferAndTheMessageIdIsKept() throws Exception {
        DkimSigning signing = signing();
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start()) {
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(server.port()));
            props.put("mail.smtp.localhost", "client.test");
            Session session = Session.getInstance(props);

            MimeMessage first = signing.sign(digest("<smtp1@example.org>"));
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(first, first.getAllRecipients());
            }
            // Transport.send calls saveChanges() on the signed copy first: the signature must still hold
            Transport.send(signing.sign(digest(session, "<smtp2@example.org>")));

            assertThat(server.received()).hasSize(2);
            for (int i = 0; i < 2; i++) {
                byte[] arrived = server.received().get(i).bytes();
                assertThat(new String(arrived, StandardCharsets.UTF_8)).contains("\r\n.dot-led line");
                assertThat(verify(arrived)).as("message %d", i + 1).hasSize(1);
                assertThat(unfoldedHeader(arrived, "Message-ID")).isEqualTo("<smtp" + (i + 1) + "@example.org>");
            }
        }
    }

    @Test
    void signsCorrectlyFromManyThreadsAtOnce() throws Exception {
        DkimSigning signing = signing();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 30; round++) {
                // signing happens in writeTo: line the writes up so that they overlap (a shared
                // DkimSigner fails this in most runs, not all: races are probabilistic)
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<byte[]>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    MimeMessage signed = signing.sign(digest("<t" + round + "." + i + "@example.org>"));
                    results.add(pool.submit(() -> {
                        start.await();
                        return write(signed);
                    }));
                }
                for (Future<byte[]> result : results)
                    assertThat(verify(result.get())).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readsPkcs1KeysToo() throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded())
                .parsePrivateKey()
                .toASN1Primitive()
                .getEncoded();
        Path file = pem("rsa.pem", "RSA PRIVATE KEY", pkcs1);
        byte[] bytes = write(DkimSigning.load(DOMAIN, SELECTOR, file).sign(digest("<p1@example.org>")));
        assertThat(verify(bytes)).hasSize(1);
    }

    @Test
    void unusableKeyFilesAreRejectedNamingTheFile() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key\n");
        Path publicKey = pem("public.pem", "PUBLIC KEY", keys.getPublic().getEncoded());
        Path truncated = Files.writeString(
                dir.resolve("truncated.pem"),
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        Path ecKey =
                pem("ec.pem", "PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded());
        Path missing = dir.resolve("missing.pem");

        for (Path bad : List.of(garbage, publicKey, truncated, ecKey, missing)) {
            assertThatThrownBy(() -> DkimSigning.load(DOMAIN, SELECTOR, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.toString());
        }
        assertThatThrownBy(() -> DkimSigning.load("localhost", SELECTOR, privateKeyFile()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost");
    }

    private DkimSigning signing() throws Exception {
        return DkimSigning.load(DOMAIN, SELECTOR, privateKeyFile());
    }

    private Path privateKeyFile() throws Exception {
        return pem("dkim.pem", "PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    private Path pem(String name, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return Files.writeString(
                dir.resolve(name), "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    /** A digest as the sender will build it: multipart/alternative, UTF-8, quoted-printable, RFC 8058 headers. */
    private static MimeMessage digest(String messageId) throws Exception {
        return digest(Session.getInstance(new Properties()), messageId);
    }

    private static MimeMessage digest(Session session, String messageId) throws Exception {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() {
                // the sender chooses Message-IDs itself
            }
        };
        m.setFrom(new InternetAddress("digest@example.org", "Zoë's Picks", "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("reader@example.net", "Zoë Lefèvre", "UTF-8"));
        m.setSubject("Vos choix du jour : café, naïveté et Zoë", "UTF-8");
        m.setSentDate(new Date(1_760_000_000_000L));
        m.setHeader("Message-ID", messageId);
        m.setHeader("List-Id", "Picks Digest <digest.example.org>");
        m.setHeader(
                "List-Unsubscribe",
                "<https://news.example.org/u/TOKEN>, <mailto:unsubscribe@example.org?subject=unsubscribe>");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

        String text = "Café picks for Zoë\n"
                + ".dot-led line that SMTP must dot-stuff\n"
                + "From the start of a line, trailing spaces   \n"
                + "A long line: " + "lorem ipsum ".repeat(20) + "\n";
        String html =
                "<html><body><h1>Café picks for Zoë</h1>\n<p>" + "naïve élan ".repeat(30) + "</p>\n</body></html>\n";
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8", "plain");
        textPart.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        htmlPart.setHeader("Content-Transfer-Encoding", "quoted-printable");
        m.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        m.saveChanges();
        return m;
    }

    private static byte[] write(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** Valid signatures found by Apache jDKIM, with the test's public key standing in for DNS. */
    private static List<SignatureRecord> verify(byte[] message) throws Exception {
        String record = "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, token) -> {
            if (!(selector + "._domainkey." + token).equals(SELECTOR + "._domainkey." + DOMAIN)) {
                throw new PermFailException("no key for " + selector + "._domainkey." + token);
            }
            return List.of(record);
        });
        try {
            List<SignatureRecord> records = verifier.verify(new ByteArrayInputStream(message));
            return records == null ? List.of() : records;
        } catch (FailException e) {
            return List.of();
        }
    }

    private static String unfoldedHeader(byte[] message, String name) throws MessagingException {
        MimeMessage parsed = new MimeMessage(null, new ByteArrayInputStream(message));
        return parsed.getHeader(name, null).replaceAll("\r\n[ \t]+", " ").trim();
    }

    private static int indexOf(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
    }
}
