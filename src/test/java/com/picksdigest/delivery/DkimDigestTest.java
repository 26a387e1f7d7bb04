package com.picksdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A digest sent through the real pipeline with PICKS_DKIM_* set verifies with Apache jDKIM on arrival. */
class DkimDigestTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** Named once more in h= than they occur: a copy with one more of them added no longer verifies. */
    static final List<String> OVER_SIGNED = List.of(
            "From", "To", "Subject", "Date", "Message-ID", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post");

    static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.migrated(DkimDigestTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void signedDigestVerifiesAndCoversTheListHeaders(@TempDir Path dir) throws Exception {
        KeyPair keys = signingKey(dir);

        MutableClock clock = new MutableClock(Instant.now());
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("AI Whole Tech");
        seed.published(
                "Zoë's résumé of .dotted lines & <b>bold</b> claims",
                "AI Whole Tech",
                clock.instant().minus(Duration.ofHours(1)));
        seed.subscriber("zoe@example.org", "Zoë Ünicode", "Europe/Berlin", "html");
        seed.subscriber("tex@example.org", null, "UTC", "text");

        try (ScriptedSmtpServer server = ScriptedSmtpServer.start();
                MailerHarness h = new MailerHarness(db, server.port(), clock, dkimEnv(dir))) {
            assertThat(h.sendNow().sent.sum()).isEqualTo(2);
            assertThat(server.received()).hasSize(2);
            for (ScriptedSmtpServer.Received r : server.received()) {
                List<SignatureRecord> valid = verify(keys, r.bytes());
                assertThat(valid).as("valid DKIM signatures").hasSize(1);
                SignatureRecord sig = valid.get(0);
                assertThat(sig.getHashAlgo().toString()).isEqualToIgnoringCase("sha-256");
                assertThat(sig.getHeaderCanonicalisationMethod().toString()).isEqualTo("relaxed");
                assertThat(sig.getBodyCanonicalisationMethod().toString()).isEqualTo("relaxed");
                assertThat(sig.getHeaders().stream()
                                .map(CharSequence::toString)
                                .map(String::toLowerCase)
                                .toList())
                        .contains(
                                "from",
                                "to",
                                "subject",
                                "date",
                                "message-id",
                                "list-id",
                                "list-unsubscribe",
                                "list-unsubscribe-post");
                assertThat(sig.getDToken().toString()).isEqualTo("picks.example.org");
            }
        }
    }

    @Test
    void aReceivedDigestWithAnotherFromOrSubjectAddedNoLongerVerifies(@TempDir Path dir) throws Exception {
        KeyPair keys = signingKey(dir);
        MutableClock clock = new MutableClock(Instant.now());
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("Replayed");
        seed.published("A pick to replay", "Replayed", clock.instant().minus(Duration.ofHours(1)));
        seed.subscriber("replayed@example.org", "Rita", "UTC", "html", "Replayed");

        try (MailerHarness h = new MailerHarness(db, smtp.getSmtp().getPort(), clock, dkimEnv(dir))) {
            assertThat(h.sendNow().sent.sum()).isEqualTo(1);
        }
        byte[] received = bytes(smtp.getReceivedMessages()[0]);
        List<SignatureRecord> valid = verify(keys, received);
        assertThat(valid).as("the digest as received verifies").hasSize(1);
        List<String> signed = valid.get(0).getHeaders().stream()
                .map(CharSequence::toString)
                .map(String::toLowerCase)
                .toList();
        String receivedText = new String(received, StandardCharsets.UTF_8);
        String headerBlock = receivedText.substring(0, receivedText.indexOf("\r\n\r\n") + 2);
        for (String name : OVER_SIGNED) {
            long present = headerBlock
                    .lines()
                    .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .count();
            assertThat(present).as(name + " in the digest").isEqualTo(1);
            assertThat(signed.stream().filter(name.toLowerCase()::equals).count())
                    .as(name + " in h=")
                    .isEqualTo(present + 1);
        }

        for (String added : List.of(
                "From: Picks Security <security@picks.example.org>",
                "Subject: Your subscription is suspended: confirm your card",
                "List-Unsubscribe: <https://evil.example/u/1>")) {
            byte[] replayed = (added + "\r\n" + receivedText).getBytes(StandardCharsets.UTF_8);
            assertThat(verify(keys, replayed)).as("with \"%s\" added", added).isEmpty();
        }
    }

    /** A fresh RSA key pair, its private half written as the PKCS#8 PEM file that PICKS_DKIM_KEY names. */
    private static KeyPair signingKey(Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        Files.writeString(
                dir.resolve("dkim.pem"),
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(keys.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        return keys;
    }

    private static Map<String, String> dkimEnv(Path dir) {
        return Map.of(
                "PICKS_DKIM_DOMAIN",
                "picks.example.org",
                "PICKS_DKIM_SELECTOR",
                "s2026",
                "PICKS_DKIM_KEY",
                dir.resolve("dkim.pem").toString());
    }

    private static byte[] bytes(jakarta.mail.internet.MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    /** Valid signatures found by Apache jDKIM, the test's public key standing in for DNS; none when it fails. */
    private static List<SignatureRecord> verify(KeyPair keys, byte[] message) throws Exception {
        String record = "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, token) -> {
            if (!(selector + "._domainkey." + token).equals("s2026._domainkey.picks.example.org")) {
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
}
