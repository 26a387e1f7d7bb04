package com.picksdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.Cli;
import com.picksdigest.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    static TestDatabase db;
    static Cli cli;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create(CliTest.class);
        cli = new Cli(Map.of("PICKS_DB_URL", db.url()));
        assertThat(cli.run("migrate").exitCode()).isZero();
        assertThat(cli.run("categories", "add", "AI Whole Tech").exitCode()).isZero();
        assertThat(cli.run("categories", "add", "Security").exitCode()).isZero();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void helpListsTheCommands() {
        Cli.Result r = new Cli(Map.of()).run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("serve", "demo", "migrate", "send-now", "picks", "subscribers");
        for (String cmd : new String[] {"serve", "demo", "migrate", "send-now"}) {
            assertThat(new Cli(Map.of()).run(cmd, "--help").exitCode()).as(cmd).isZero();
        }
        assertThat(new Cli(Map.of()).run("picks", "add", "--help").out()).contains("--title", "--category");
    }

    @Test
    void versionIsThePomsVersion() throws Exception {
        String pom = javax.xml.xpath.XPathFactory.newInstance()
                .newXPath()
                .evaluate(
                        "/project/version",
                        javax.xml.parsers.DocumentBuilderFactory.newInstance()
                                .newDocumentBuilder()
                                .parse(Path.of("pom.xml").toFile()));
        assertThat(pom).matches("\\d+\\.\\d+\\.\\d+.*");
        Cli.Result r = new Cli(Map.of()).run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("Picks Digest " + pom);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(new Cli(Map.of()).run("frobnicate").exitCode()).isEqualTo(2);
        assertThat(new Cli(Map.of()).run("picks", "add", "--title").exitCode()).isEqualTo(2);
        assertThat(new Cli(Map.of()).run().exitCode()).isEqualTo(2);
    }

    @Test
    void migrateAgainChangesNothing() {
        Cli.Result r = cli.run("migrate");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("0 migration(s) applied");
    }

    @Test
    void unreachableDatabaseIsOneLineNamingTheUrl() {
        Cli.Result r = new Cli(Map.of("PICKS_DB_URL", "jdbc:mysql://127.0.0.1:1/x")).run("migrate");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("jdbc:mysql://127.0.0.1:1/x").contains("unreachable");
    }

    @Test
    void malformedSettingIsOneLineNamingIt() {
        Cli.Result r = new Cli(Map.of("PICKS_DB_URL", "nonsense")).run("migrate");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("PICKS_DB_URL").doesNotContain("Exception");
    }

    @Test
    void picksAddListPublishRetract() {
        Cli.Result add = cli.run(
                "picks",
                "add",
                "--title",
                "Rust in the kernel",
                "--url",
                "https://example.org/rust?utm_source=x",
                "--category",
                "security",
                "--source",
                "LWN");
        assertThat(add.exitCode()).as(add.err()).isZero();
        long id = Long.parseLong(add.out().replaceAll("(?s).*#(\\d+).*", "$1"));
        assertThat(cli.run("picks", "list", "--status", "draft").out()).contains("Rust in the kernel");

        Cli.Result dup = cli.run(
                "picks", "add", "--title", "Same", "--url", "HTTPS://EXAMPLE.org/rust/", "--category", "Security");
        assertThat(dup.exitCode()).isEqualTo(1);
        assertThat(dup.err()).contains("already exists");

        assertThat(cli.run("picks", "publish", String.valueOf(id)).exitCode()).isZero();
        assertThat(cli.run("picks", "list", "--status", "published").out()).contains("Rust in the kernel");
        assertThat(cli.run("picks", "retract", String.valueOf(id)).exitCode()).isZero();
        assertThat(cli.run("picks", "list", "--status", "retracted").out()).contains("Rust in the kernel");
        assertThat(cli.run("picks", "publish", "999999").err()).contains("no pick #999999");
    }

    @Test
    void picksRefuseBadInputAndStoreNothing() {
        int before = countPicks();
        assertThat(cli.run("picks", "add", "--title", "x", "--url", "javascript:alert(1)", "--category", "Security")
                        .err())
                .contains("URL");
        assertThat(cli.run("picks", "add", "--title", "x", "--url", "https://a.org/1", "--category", "Nope")
                        .err())
                .contains("Unknown category");
        assertThat(cli.run(
                                "picks",
                                "add",
                                "--title",
                                "a\r\nBcc: victim@x.org",
                                "--url",
                                "https://a.org/2",
                                "--category",
                                "Security")
                        .err())
                .contains("Title");
        assertThat(cli.run(
                                "picks",
                                "add",
                                "--title",
                                "y".repeat(301),
                                "--url",
                                "https://a.org/3",
                                "--category",
                                "Security")
                        .err())
                .contains("longer than 300");
        assertThat(countPicks()).isEqualTo(before);
    }

    @Test
    void subscribersAddAndList() {
        Cli.Result r = cli.run(
                "subscribers",
                "add",
                "Ada@Example.org",
                "--name",
                "Ada",
                "--timezone",
                "Europe/Paris",
                "--hour",
                "7",
                "--category",
                "AI Whole Tech",
                "--text");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(cli.run("subscribers", "add", "ada@example.ORG").err()).contains("already on the list");
        assertThat(cli.run("subscribers", "add", "bob@example.org", "--timezone", "Mars/Olympus")
                        .err())
                .contains("IANA time zone");
        assertThat(cli.run("subscribers", "add", "bob@example.org", "--hour", "24")
                        .err())
                .contains("Send hour");
        assertThat(cli.run("subscribers", "add", "not-an-address").err()).contains("not a valid e-mail address");
        Cli.Result list = cli.run("subscribers", "list");
        assertThat(list.out())
                .contains("Ada@Example.org", "Europe/Paris", "07:00", "text")
                .doesNotContain("bob@");
    }

    @Test
    void internationalAddressesAreJudgedAsAtSignUp() {
        assertThat(cli.run("subscribers", "add", "anna@bücher.de").exitCode()).isZero();
        assertThat(cli.run("subscribers", "list").out()).contains("anna@xn--bcher-kva.de");
        Cli.Result unicodeLocal = cli.run("subscribers", "add", "josé@example.org");
        assertThat(unicodeLocal.exitCode()).isNotZero();
        assertThat(unicodeLocal.err()).contains("does not offer SMTPUTF8");
        assertThat(cli.run("subscribers", "add", "bob@-bücher.de").err())
                .contains("not a valid internationalised domain name");
    }

    @Test
    void languagesAreBcp47TagsCheckedTheSameWayByTheCommandAndTheImport(@TempDir Path dir) throws Exception {
        String refused = "\"tlh\" is not a supported language; supported: en, de, fr, es, pt-BR, ja, ar.";
        Cli.Result bad = cli.run("subscribers", "add", "worf@example.org", "--locale", "tlh");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains(refused);
        assertThat(cli.run("subscribers", "add", "joao@example.org", "--locale", "pt-br")
                        .exitCode())
                .isZero();
        Path csv = dir.resolve("langs.csv");
        Files.writeString(csv, """
                email,name,timezone,send_hour,frequency,weekday,format,locale,categories
                layla@import.org,Layla,Asia/Riyadh,7,daily,,html,ar-SA,
                kahless@import.org,Kahless,UTC,7,daily,,html,tlh,
                """);
        Cli.Result r = cli.run("subscribers", "import", csv.toString());
        assertThat(r.out()).contains("Imported 1 subscriber(s); 1 line(s) refused.");
        assertThat(r.err()).contains("line 3:", refused);
        assertThat(db.database()
                        .dsl()
                        .fetchValue("SELECT GROUP_CONCAT(locale ORDER BY email_key) FROM subscribers "
                                + "WHERE email_key IN ('joao@example.org', 'layla@import.org', 'worf@example.org')"))
                .hasToString("pt-BR,ar");
    }

    @Test
    void csvImportTakesGoodLinesAndReportsBadOnes(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("subs.csv");
        Files.writeString(csv, """
                email,name,timezone,send_hour,frequency,weekday,format,locale,categories
                one@import.org,"One, Esq.",America/New_York,6,daily,,html,en,AI Whole Tech;Security
                not an email,x,UTC,8,daily,,html,en,
                two@import.org,Two,Asia/Tokyo,9,weekly,3,text,ja,
                three@import.org,Three,UTC,25,daily,,html,en,
                four@import.org,Four,UTC,8,daily,,html,en,Gardening
                ONE@import.org,Again,UTC,8,daily,,html,en,
                five@import.org,"unclosed,UTC
                """);
        Cli.Result r = cli.run("subscribers", "import", csv.toString());
        assertThat(r.out()).contains("Imported 2 subscriber(s); 5 line(s) refused.");
        assertThat(r.err())
                .contains("line 3:", "line 5:", "line 6:", "line 7:", "line 8:")
                .contains("Gardening")
                .contains("already on the list");
        assertThat(r.exitCode()).isEqualTo(1);
        String list = cli.run("subscribers", "list", "--limit", "1000").out();
        assertThat(list)
                .contains("one@import.org", "two@import.org", "Asia/Tokyo")
                .doesNotContain("three@", "four@", "five@");
        assertThat(db.database()
                        .dsl()
                        .fetchValue(
                                "SELECT COUNT(*) FROM subscriber_categories sc JOIN subscribers s ON s.id = sc.subscriber_id "
                                        + "WHERE s.email_key = 'one@import.org'"))
                .hasToString("2");
    }

    @Test
    void linksPrintsWorkingSignedLinks() {
        Cli withSecret = new Cli(Map.of(
                "PICKS_DB_URL",
                db.url(),
                "PICKS_SECRET",
                "0123456789abcdef0123456789abcdef",
                "PICKS_BASE_URL",
                "https://news.example.org"));
        assertThat(withSecret.run("subscribers", "add", "linked@example.org").exitCode())
                .isZero();
        Cli.Result r = withSecret.run("subscribers", "links", "LINKED@example.org");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("unsubscribe: https://news\\.example\\.org/u/\\d+\\.1\\.[A-Za-z0-9_-]{43}")
                .containsPattern("preferences: https://news\\.example\\.org/prefs/\\d+\\.1\\.");
        assertThat(withSecret.run("subscribers", "links", "nobody@example.org").err())
                .contains("No subscriber");
    }

    @Test
    void csvImportWithoutEmailColumnIsRefused(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "name,timezone\nx,UTC\n");
        Cli.Result r = cli.run("subscribers", "import", csv.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no \"email\" column");
        assertThat(cli.run("subscribers", "import", dir.resolve("missing.csv").toString())
                        .err())
                .contains("Cannot read");
    }

    private static int countPicks() {
        return db.database().dsl().fetchCount(com.picksdigest.db.generated.Tables.PICKS);
    }
}
