package com.picksdigest.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    static TestDatabase db;

    /** The versions of the V{n}__*.sql files in {@code dir}, in numeric order. */
    static List<String> versionsIn(Path dir) throws IOException {
        Pattern name = Pattern.compile("V(\\d+)__.+\\.sql");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> name.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted()
                    .map(String::valueOf)
                    .toList();
        }
    }

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create(MigrationsTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void migratesAnEmptySchemaThenChangesNothingOnASecondRun() throws IOException {
        MigrateResult first = Migrations.migrate(db.database().dataSource());
        assertThat(first.migrations)
                .extracting(m -> m.version)
                .as("every file in db/migration, in order")
                .containsExactlyElementsOf(versionsIn(Path.of("db", "migration")));

        List<String> tables = db
                .database()
                .dsl()
                .fetch("SELECT table_name FROM information_schema.tables WHERE table_schema = ?", db.schema())
                .getValues(0, String.class)
                .stream()
                .map(String::toLowerCase)
                .toList();
        assertThat(tables)
                .contains(
                        "categories",
                        "picks",
                        "subscribers",
                        "subscriber_categories",
                        "editions",
                        "deliveries",
                        "digests",
                        "digest_picks",
                        "events",
                        "editors",
                        "suppressions",
                        "qrtz_job_details",
                        "qrtz_triggers",
                        "qrtz_locks",
                        "qrtz_scheduler_state",
                        "qrtz_fired_triggers");

        List<String> charsets = db.database()
                .dsl()
                .fetch(
                        "SELECT DISTINCT character_set_name FROM information_schema.columns WHERE table_schema = ? "
                                + "AND character_set_name IS NOT NULL AND table_name NOT LIKE 'qrtz%' AND table_name NOT LIKE 'flyway%'",
                        db.schema())
                .getValues(0, String.class);
        assertThat(charsets).containsOnly("utf8mb4");

        MigrateResult second = Migrations.migrate(db.database().dataSource());
        assertThat(second.migrationsExecuted).isZero();
    }

    @Test
    void dialectIsReadOffTheServer() {
        String version = db.database().dsl().fetchValue("SELECT VERSION()").toString();
        assertThat(db.database().dialect().name())
                .isEqualTo(version.toLowerCase().contains("mariadb") ? "MARIADB" : "MYSQL");
    }
}
