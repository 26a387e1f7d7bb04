package com.picksdigest.bench;

import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.db.EmbeddedMariaDb;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The bench's scratch database `picks_bench`: on a given server, or in the embedded MariaDB; emptied first. */
final class BenchDatabase implements AutoCloseable {
    static final String SCHEMA = "picks_bench";
    private final App app;
    private final Settings settings;
    private final String description;

    private BenchDatabase(App app, Settings settings, String description) {
        this.app = app;
        this.settings = settings;
        this.description = description;
    }

    static BenchDatabase open(Settings base, Optional<String> serverUrl, Clock clock, int threads) {
        Map<String, String> o = new HashMap<>();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        o.put("PICKS_SECRET", Base64.getUrlEncoder().encodeToString(secret));
        o.put("PICKS_SEND_THREADS", String.valueOf(threads));
        o.put("PICKS_FROM", "Picks Bench <digest@bench.example.org>");
        o.put("PICKS_BASE_URL", "https://picks.example.org");
        o.put("PICKS_DB_POOL_SIZE", String.valueOf(threads + 6));
        if (serverUrl.isPresent()) {
            String server = serverUrl.get();
            String user = base.string("PICKS_DB_USER", "root");
            String password = base.string("PICKS_DB_PASSWORD", "");
            try (var c = java.sql.DriverManager.getConnection(server, user, password);
                    var s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + SCHEMA);
            } catch (java.sql.SQLException e) {
                throw new com.picksdigest.db.DatabaseUnreachableException(
                        "The database at " + server + " is unreachable: " + e.getMessage(), e);
            }
            EmbeddedMariaDb.createSchema(server, user, password, SCHEMA);
            int q = server.indexOf('?');
            String url = (q < 0 ? server : server.substring(0, q)).replaceAll("/[^/]*$", "/")
                    + SCHEMA
                    + (q < 0 ? "" : server.substring(q));
            o.put("PICKS_DB_URL", url);
            Settings s = base.with(o);
            return new BenchDatabase(App.open(s, clock), s, url);
        }
        Settings s = base.with(o);
        return new BenchDatabase(App.boot(s, clock).freshEmbedded(SCHEMA).open(), s, "embedded MariaDB");
    }

    App app() {
        return app;
    }

    Settings settings() {
        return settings;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        app.close();
    }
}
