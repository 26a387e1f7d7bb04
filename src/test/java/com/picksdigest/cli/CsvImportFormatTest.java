package com.picksdigest.cli;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.picks.Categories;
import com.picksdigest.support.Cli;
import com.picksdigest.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `subscribers import` reads the CSV that spreadsheet programs write: BOM, CRLF, quotes, fields over lines. */
class CsvImportFormatTest {
    @TempDir
    Path dir;

    private TestDatabase db;
    private Cli cli;
    private DSLContext dsl;

    @BeforeEach
    void setUp() {
        db = TestDatabase.migrated(CsvImportFormatTest.class);
        dsl = db.database().dsl();
        new Categories(dsl).add("AI");
        new Categories(dsl).add("Security");
        cli = new Cli(Map.of("PICKS_DB_URL", db.url()));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aSpreadsheetExportWithBomCrlfAndQuotesIsReadAsWritten() throws Exception {
        Path file = dir.resolve("export.csv");
        Files.write(
                file,
                ("\uFEFFEmail,Name,Categories\r\n"
                                + "one@example.org,\"Smith, \"\"Ace\"\" Jo\",AI;Security\r\n"
                                + "\r\n"
                                + "bad@example.org,\"A name\r\nover two lines\",AI\r\n"
                                + "not an address,x,AI\r\n"
                                + "two@example.org,Two,\r\n")
                        .getBytes(StandardCharsets.UTF_8));

        Cli.Result r = cli.run("subscribers", "import", file.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("Imported 2 subscriber(s); 2 line(s) refused.");
        // the record over lines 4-5 is refused as one, and the next one is numbered from its own line
        assertThat(r.err().lines().filter(l -> l.startsWith("line "))).hasSize(2);
        assertThat(r.err()).contains("line 4: ", "line 6: ");
        assertThat(dsl.select(SUBSCRIBERS.EMAIL, SUBSCRIBERS.NAME)
                        .from(SUBSCRIBERS)
                        .fetchMap(SUBSCRIBERS.EMAIL))
                .containsOnlyKeys("one@example.org", "two@example.org")
                .containsEntry(
                        "one@example.org",
                        dsl.newRecord(SUBSCRIBERS.EMAIL, SUBSCRIBERS.NAME)
                                .values("one@example.org", "Smith, \"Ace\" Jo"));
    }

    @Test
    void aQuoteLeftOpenStopsTheImportThereInsteadOfReadingTheRestIntoOneField() throws Exception {
        StringBuilder csv = new StringBuilder("email,name\nfirst@example.org,First\nopen@example.org,\"Open\n");
        for (int i = 0; csv.length() < 3 * 1024 * 1024; i++)
            csv.append("r").append(i).append("@example.org,R\n");
        Path file = dir.resolve("open.csv");
        Files.writeString(file, csv);

        Cli.Result r = cli.run("subscribers", "import", file.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("line 3: runs on past", "quote left open");
        assertThat(dsl.select(SUBSCRIBERS.EMAIL).from(SUBSCRIBERS).fetch(SUBSCRIBERS.EMAIL))
                .containsExactly("first@example.org");
    }
}
