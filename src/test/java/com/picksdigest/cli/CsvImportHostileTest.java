package com.picksdigest.cli;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.picks.Categories;
import com.picksdigest.support.Cli;
import com.picksdigest.support.Hostile;
import com.picksdigest.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `subscribers import` against hostile files: every refused line is reported with its number, every other line is
 * imported exactly as written, nothing else in the table changes, and invalid bytes or a runaway line stop nothing.
 */
class CsvImportHostileTest {
    private static final long SEED = Long.getLong("picks.hostile.seed", 20261125L);
    private static final Pattern REFUSED = Pattern.compile("(?m)^line (\\d+): ");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    @TempDir
    Path dir;

    private TestDatabase db;
    private Cli cli;
    private DSLContext dsl;

    @BeforeEach
    void setUp() {
        db = TestDatabase.migrated(CsvImportHostileTest.class);
        dsl = db.database().dsl();
        new Categories(dsl).add("AI");
        cli = new Cli(Map.of("PICKS_DB_URL", db.url()));
        assertThat(cli.run("subscribers", "add", "keep@example.org", "--name", "Keep Me")
                        .exitCode())
                .isZero();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void hostileLinesAreRefusedByNumberAndTheOthersImportedExactlyAsWritten() throws Exception {
        importRandomFile(SEED, 300);
    }

    @Test
    @Tag("chaos")
    void manyHostileFiles() throws Exception {
        for (long seed = SEED + 1; seed <= SEED + 10; seed++) {
            tearDown();
            setUp();
            importRandomFile(seed, 2000);
        }
    }

    @Test
    void invalidUtf8AndAMegabyteLineAreRefusedAloneAndTheRestImported() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("email,name\none@example.org,One\ntwo@example.org,T".getBytes(StandardCharsets.UTF_8));
        csv.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC0, (byte) 0xAF});
        csv.writeBytes(("wo\nthree@example.org," + "x".repeat(1 << 20) + "\nfour@example.org,Four\n")
                .getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("bytes.csv");
        Files.write(file, csv.toByteArray());

        Cli.Result r = cli.run("subscribers", "import", file.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(refusedLines(r)).containsExactly(3, 4);
        assertThat(r.err()).contains("line 3: ").contains("UTF-8").contains("line 4: ");
        assertThat(dsl.select(SUBSCRIBERS.EMAIL).from(SUBSCRIBERS).fetch(SUBSCRIBERS.EMAIL))
                .containsExactlyInAnyOrder("keep@example.org", "one@example.org", "four@example.org");
    }

    @Test
    void aQuotedFieldSpanningLinesIsOneRefusedRecordNotTwo() throws Exception {
        Path file = dir.resolve("multiline.csv");
        Files.writeString(
                file,
                "email,name\nok@example.org,\"first line\nsmuggled@example.org,second line\"\nlast@example.org,Last\n");

        Cli.Result r = cli.run("subscribers", "import", file.toString());

        assertThat(refusedLines(r)).as(r.err()).containsExactly(2);
        assertThat(dsl.select(SUBSCRIBERS.EMAIL).from(SUBSCRIBERS).fetch(SUBSCRIBERS.EMAIL))
                .containsExactlyInAnyOrder("keep@example.org", "last@example.org");
    }

    private void importRandomFile(long seed, int lines) throws Exception {
        Hostile h = new Hostile(seed);
        String keepBefore = dsl.selectFrom(SUBSCRIBERS)
                .where(SUBSCRIBERS.EMAIL.eq("keep@example.org"))
                .fetch()
                .formatJSON();
        List<List<String>> records = new ArrayList<>();
        StringBuilder csv = new StringBuilder("email,name,timezone,send_hour,categories\n");
        for (int i = 0; i < lines; i++) {
            List<String> rec = Stream.of(
                            i % 3 == 0 ? h.email() : "reader" + i + "@example.org",
                            i % 4 == 0 ? "Reader " + i : h.string(250),
                            i % 5 == 0 ? h.string(70) : "UTC",
                            i % 7 == 0 ? h.string(10) : String.valueOf(i % 24),
                            i % 6 == 0 ? h.string(30) : "ai")
                    .map(CsvImportHostileTest::asWritten)
                    .toList();
            records.add(rec);
            csv.append(String.join(
                            ",", rec.stream().map(CsvImportHostileTest::quoted).toList()))
                    .append('\n');
        }
        Path file = dir.resolve("hostile-" + seed + ".csv");
        Files.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));

        Cli.Result r = cli.run("subscribers", "import", file.toString());

        String what = "seed " + seed;
        assertThat(r.exitCode()).as(what + ": " + r.err()).isIn(0, 1);
        Set<Integer> refused = new HashSet<>(refusedLines(r));
        Map<String, SubscribersRecord> stored = dsl.selectFrom(SUBSCRIBERS).fetchMap(SUBSCRIBERS.EMAIL);
        int imported = 0;
        int physicalLine = 1;
        for (List<String> rec : records) {
            int first = physicalLine + 1;
            physicalLine += LINE_BREAK.split(String.join(",", rec), -1).length; // as BufferedReader counts lines
            if (refused.contains(first)) continue;
            if (String.join("", rec).isBlank()) continue;
            imported++;
            String email = rec.get(0).strip();
            SubscribersRecord s = stored.get(email);
            assertThat(s)
                    .as(what + " line " + first + " " + Hostile.printable(email) + " imported")
                    .isNotNull();
            String name = rec.get(1).strip();
            assertThat(s.getName()).as(what + " line " + first).isEqualTo(name.isEmpty() ? null : name);
            String hour = rec.get(3).strip();
            assertThat(s.getSendHour())
                    .as(what + " line " + first)
                    .isEqualTo(hour.isEmpty() ? (byte) 8 : Byte.valueOf(hour));
        }
        assertThat(stored)
                .as(what + ": the imported readers and the one already there")
                .hasSize(imported + 1);
        assertThat(r.out()).contains("Imported " + imported + " subscriber(s)");
        assertThat(dsl.selectFrom(SUBSCRIBERS)
                        .where(SUBSCRIBERS.EMAIL.eq("keep@example.org"))
                        .fetch()
                        .formatJSON())
                .isEqualTo(keepBefore);
    }

    /** A file holds bytes: an unpaired surrogate has no UTF-8 and is written as '?'. */
    private static String asWritten(String field) {
        return new String(field.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** RFC 4180: fields with a comma, quote or line break (or outer spaces) quoted, quotes doubled. */
    private static String quoted(String field) {
        boolean quote = field.matches("(?s).*[,\"\r\n].*") || !field.equals(field.strip());
        return quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    private static List<Integer> refusedLines(Cli.Result r) {
        List<Integer> lines = new ArrayList<>();
        Matcher m = REFUSED.matcher(r.err());
        while (m.find()) lines.add(Integer.parseInt(m.group(1)));
        return lines;
    }
}
