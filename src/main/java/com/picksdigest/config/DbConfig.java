package com.picksdigest.config;

import java.nio.file.Path;
import java.util.Optional;

/** Where the database is. An empty url means: start the embedded MariaDB with its data under dataDir. */
public record DbConfig(Optional<String> url, String user, String password, int poolSize, Path dataDir) {

    public static DbConfig from(Settings s) {
        Optional<String> url = s.optional("PICKS_DB_URL");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:mysql://") && !u.startsWith("jdbc:mariadb://")) {
                throw new ConfigException(
                        "PICKS_DB_URL must be a JDBC URL starting with jdbc:mysql://, not \"" + u + "\".");
            }
        });
        return new DbConfig(
                url.map(u -> u.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:")),
                s.string("PICKS_DB_USER", "root"),
                s.string("PICKS_DB_PASSWORD", ""),
                // the send workers (8 by default) besides the web server, Quartz and the background queue
                s.integer("PICKS_DB_POOL_SIZE", 16, 2, 200),
                s.path("PICKS_DATA_DIR", Path.of(System.getProperty("user.home"), ".picks-digest")));
    }
}
