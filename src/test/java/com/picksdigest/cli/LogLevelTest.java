package com.picksdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.picksdigest.support.Cli;
import com.picksdigest.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** PICKS_LOG_LEVEL is honoured from a --config file as from the environment, which wins. */
class LogLevelTest {
    static final Logger APP = (Logger) LoggerFactory.getLogger("com.picksdigest");
    TestDatabase db;
    Level before;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        before = APP.getLevel();
        db = TestDatabase.create(LogLevelTest.class);
    }

    @AfterEach
    void tearDown() {
        APP.setLevel(before);
        db.close();
    }

    @Test
    void theConfigFileSetsTheLevelOfTheApplicationsLines() throws IOException {
        Path config = config("PICKS_LOG_LEVEL=warn");
        Cli.Result r = new Cli(Map.of()).run("--config", config.toString(), "migrate");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(LoggerFactory.getLogger(ServeCommand.class).isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger(ServeCommand.class).isWarnEnabled()).isTrue();

        r = new Cli(Map.of()).run("--config", config("PICKS_LOG_LEVEL=DEBUG").toString(), "migrate");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(LoggerFactory.getLogger(ServeCommand.class).isDebugEnabled()).isTrue();
    }

    @Test
    void theEnvironmentWinsOverTheFile() throws IOException {
        Cli.Result r = new Cli(Map.of("PICKS_LOG_LEVEL", "ERROR"))
                .run("--config", config("PICKS_LOG_LEVEL=DEBUG").toString(), "migrate");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(LoggerFactory.getLogger(ServeCommand.class).isWarnEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger(ServeCommand.class).isErrorEnabled()).isTrue();
    }

    @Test
    void anUnknownLevelIsOneSentenceAndNothingRuns() throws IOException {
        Level now = APP.getLevel();
        Cli.Result r =
                new Cli(Map.of()).run("--config", config("PICKS_LOG_LEVEL=loud").toString(), "migrate");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo("PICKS_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, not \"loud\".");
        assertThat(APP.getLevel()).isEqualTo(now);
        assertThat(db.database()
                        .dsl()
                        .fetchValue(
                                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?", db.schema()))
                .as("not migrated")
                .isEqualTo(0L);
    }

    private Path config(String line) throws IOException {
        Path f = Files.createTempFile(dir, "picks", ".properties");
        Files.writeString(f, "PICKS_DB_URL=" + db.url() + "\n" + line + "\n");
        return f;
    }
}
