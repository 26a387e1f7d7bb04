package com.picksdigest.cli;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static com.picksdigest.db.generated.Tables.EDITORS;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.generated.tables.records.EditorsRecord;
import com.picksdigest.support.Cli;
import com.picksdigest.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class EditorsCommandTest {
    static TestDatabase db;
    static Cli cli;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create(EditorsCommandTest.class);
        cli = new Cli(Map.of("PICKS_DB_URL", db.url()));
        assertThat(cli.run("migrate").exitCode()).isZero();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void theFirstAdminGetsABcryptHashOfThePasswordReadFromStdin() {
        Cli.Result r = cli.runWithInput(
                "a long admin password\n", "editors", "add", "Chief@Example.org", "--admin", "--name", "Chief Editor");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).matches("Added admin #\\d+ chief@example.org\\.\\s*");
        EditorsRecord e = db.database().dsl().fetchOne(EDITORS, EDITORS.EMAIL.eq("chief@example.org"));
        assertThat(e.getRole()).isEqualTo("admin");
        assertThat(e.getName()).isEqualTo("Chief Editor");
        assertThat(e.getPasswordHash()).startsWith("$2a$12$").doesNotContain("a long admin password");
        assertThat(BCrypt.checkpw("a long admin password", e.getPasswordHash())).isTrue();
        assertThat(db.database()
                        .dsl()
                        .fetchCount(AUDIT_LOG, AUDIT_LOG.ACTOR.eq("cli").and(AUDIT_LOG.SUBJECT_ID.eq(e.getId()))))
                .isEqualTo(1);
        assertThat(cli.run("editors", "list").out()).contains("admin   chief@example.org  (Chief Editor)");
    }

    @Test
    void refusalsExitOneWithASentenceAndSaveNothing() {
        int before = db.database().dsl().fetchCount(EDITORS);
        assertThat(cli.runWithInput("short\n", "editors", "add", "a@example.org")
                        .err())
                .contains("Password must be at least 10 characters long.");
        assertThat(cli.runWithInput("", "editors", "add", "b@example.org").err())
                .contains("No password on standard input");
        assertThat(cli.runWithInput("good password 1\n", "editors", "add", "not-an-address")
                        .exitCode())
                .isEqualTo(1);
        assertThat(db.database().dsl().fetchCount(EDITORS)).isEqualTo(before);

        assertThat(cli.runWithInput("good password 1\n", "editors", "add", "twice@example.org")
                        .exitCode())
                .isZero();
        Cli.Result again = cli.runWithInput("good password 2\n", "editors", "add", "TWICE@example.org");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("An editor with the address twice@example.org already exists.");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(cli.runWithInput("x\n", "editors", "add").exitCode()).isEqualTo(2);
        assertThat(cli.runWithInput("x\n", "editors", "add", "a@example.org", "--role")
                        .exitCode())
                .isEqualTo(2);
    }
}
