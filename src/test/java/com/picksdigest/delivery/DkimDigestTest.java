package com.picksdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import java.io.ByteArrayInputStream;
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
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A digest sent through the real pipeline with PICKS_DKIM_* set verifies with Apache jDKIM on arrival. */
class DkimDigestTest {
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
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        Path pem = dir.resolve("dkim.pem");
        Files.writeString(
                pem,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(keys.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");

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
                MailerHarness h = new MailerHarness(
                        db,
                        server.port(),
                        clock,
                        Map.of(
                                "PICKS_DKIM_DOMAIN",
                                "picks.example.org",
                                "PICKS_DKIM_SELECTOR",
                                "s2026",
                                "PICKS_DKIM_KEY",
                                pem.toString()))) {
            assertThat(h.sendNow().sent.sum()).isEqualTo(2);
            assertThat(server.received()).hasSize(2);
            String record = "v=DKIM1; k=rsa; p="
                    + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
            DKIMVerifier verifier = new DKIMVerifier((method, selector, token) -> {
                if (!(selector + "._domainkey." + token).equals("s2026._domainkey.picks.example.org")) {
                    throw new PermFailException("no key for " + selector + "._domainkey." + token);
                }
                return List.of(record);
            });
            for (ScriptedSmtpServer.Received r : server.received()) {
                List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(r.bytes()));
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
}
