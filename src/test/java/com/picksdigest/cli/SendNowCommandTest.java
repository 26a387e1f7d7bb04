package com.picksdigest.cli;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.Cli;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendNowCommandTest {
    static TestDatabase db;
    static ScriptedSmtpServer smtp;
    static Cli cli;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.migrated(SendNowCommandTest.class);
        smtp = ScriptedSmtpServer.start();
        MutableClock clock = new MutableClock(Instant.now());
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("News");
        seed.published("Fresh news", "News", clock.instant().minus(Duration.ofHours(2)));
        for (int i = 0; i < 5; i++) seed.subscriber("reader" + i + "@example.org", null, "Pacific/Kiritimati", "html");
        seed.subscriber("solo@example.org", "Solo", "America/Adak", "text");
        cli = new Cli(Map.of(
                "PICKS_DB_URL",
                db.url(),
                "PICKS_SECRET",
                "0123456789abcdef0123456789abcdef",
                "PICKS_SMTP_HOST",
                "127.0.0.1",
                "PICKS_SMTP_PORT",
                String.valueOf(smtp.port())));
    }

    @AfterAll
    static void tearDown() {
        smtp.close();
        db.close();
    }

    @Test
    void dryRunThenOneSubscriberThenEveryoneElseOnce() {
        Cli.Result dry = cli.run("send-now", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("6 digest(s) would be sent").contains("nothing sent");
        assertThat(smtp.received()).isEmpty();
        assertThat(db.database().dsl().fetchCount(DELIVERIES)).isZero();

        Cli.Result one = cli.run("send-now", "--subscriber", "SOLO@example.org");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("1 queued; sent 1");
        assertThat(smtp.received()).hasSize(1);

        Cli.Result all = cli.run("send-now");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("5 queued; sent 5, skipped 0, failed 0");
        assertThat(smtp.received()).hasSize(6);

        Cli.Result again = cli.run("send-now");
        assertThat(again.out()).contains("0 queued; sent 0");
        assertThat(smtp.received()).hasSize(6);
    }

    @Test
    void unknownOrBadSubscriberIsOneSentence() {
        assertThat(cli.run("send-now", "--subscriber", "nobody@example.org")
                        .err()
                        .strip())
                .isEqualTo("No subscriber nobody@example.org.");
        Cli.Result bad = cli.run("send-now", "--subscriber", "x\r\ny");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("not a valid e-mail address");
    }

    @Test
    void aBrokenTemplateStopsTheEditionBeforeAnyMailWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("email"));
        Files.writeString(
                dir.resolve("email/digest.html.ftl"),
                "<#ftl output_format=\"HTML\">\n<p>${siteName}</p>\n<#if picks?size > 0>\n");
        int before = smtp.received().size();
        Cli broken = new Cli(Map.of(
                "PICKS_DB_URL",
                db.url(),
                "PICKS_SECRET",
                "0123456789abcdef0123456789abcdef",
                "PICKS_SMTP_HOST",
                "127.0.0.1",
                "PICKS_SMTP_PORT",
                String.valueOf(smtp.port()),
                "PICKS_TEMPLATES_DIR",
                dir.toString()));
        Cli.Result r = broken.run("send-now");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("digest.html.ftl").contains("line");
        assertThat(smtp.received()).hasSize(before);

        Files.writeString(
                dir.resolve("email/digest.html.ftl"), "<#ftl output_format=\"HTML\">\n<p>${noSuchVariable}</p>\n");
        Cli.Result unknown = broken.run("send-now");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("digest.html.ftl").contains("line 2");
        assertThat(smtp.received()).hasSize(before);
    }

    @Test
    void missingSecretNamesTheSetting() {
        Cli.Result r = new Cli(Map.of("PICKS_DB_URL", db.url(), "PICKS_SMTP_HOST", "127.0.0.1")).run("send-now");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("PICKS_SECRET is required but not set.");
    }
}
