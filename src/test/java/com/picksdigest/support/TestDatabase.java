package com.picksdigest.support;

import com.picksdigest.db.Database;
import com.picksdigest.db.EmbeddedMariaDb;
import com.picksdigest.db.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real MySQL-protocol server for tests: the one named by PICKS_TEST_DB_URL (a server URL such as
 * jdbc:mysql://127.0.0.1:3306/?user=root), else an embedded MariaDB started once per JVM.
 * Each test class gets its own schema, dropped when the class is done.
 */
public final class TestDatabase implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static String serverUrl;
    private static EmbeddedMariaDb embedded;

    private final String server;
    private final String schema;
    private final String url;
    private Database database;

    private TestDatabase(String server, String schema, String url) {
        this.server = server;
        this.schema = schema;
        this.url = url;
    }

    public static synchronized String serverUrl() {
        if (serverUrl != null) return serverUrl;
        String env = System.getenv("PICKS_TEST_DB_URL");
        if (env != null && !env.isBlank()) {
            serverUrl = env.strip();
        } else {
            try {
                Path home = Files.createTempDirectory("picks-test-mariadb");
                embedded = EmbeddedMariaDb.start(home);
                Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
                serverUrl = embedded.serverUrl() + "?user=root";
            } catch (Exception e) {
                throw new IllegalStateException("cannot start embedded MariaDB", e);
            }
        }
        return serverUrl;
    }

    /** A fresh, empty schema named after the test class; not migrated. */
    public static TestDatabase create(Class<?> owner) {
        return create(serverUrl(), owner);
    }

    /** A fresh, migrated schema on another server (one a test stops and starts). */
    public static TestDatabase migratedOn(String server, Class<?> owner) {
        TestDatabase t = create(server, owner);
        Migrations.migrate(t.database().dataSource());
        return t;
    }

    private static TestDatabase create(String server, Class<?> owner) {
        String name = ("t_" + owner.getSimpleName() + "_"
                        + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet())
                .toLowerCase(Locale.ROOT);
        if (name.length() > 64) name = name.substring(name.length() - 64);
        exec(server, "DROP DATABASE IF EXISTS `" + name + "`");
        exec(server, "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TestDatabase(server, name, schemaUrl(server, name));
    }

    public static TestDatabase migrated(Class<?> owner) {
        TestDatabase t = create(owner);
        Migrations.migrate(t.database().dataSource());
        return t;
    }

    static String schemaUrl(String server, String schema) {
        int q = server.indexOf('?');
        String base = q < 0 ? server : server.substring(0, q);
        String params = q < 0 ? "" : server.substring(q);
        if (!base.endsWith("/")) base = base.substring(0, base.lastIndexOf('/') + 1);
        return base + schema + params;
    }

    private static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException("test database: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of this class's schema, user included; what PICKS_DB_URL gets in CLI tests. */
    public String url() {
        return url;
    }

    public String schema() {
        return schema;
    }

    public synchronized Database database() {
        if (database == null) database = Database.connect(url, null, null, 10);
        return database;
    }

    @Override
    public void close() {
        if (database != null) database.close();
        exec(server, "DROP DATABASE IF EXISTS `" + schema + "`");
    }
}
