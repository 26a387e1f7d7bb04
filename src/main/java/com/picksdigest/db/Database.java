package com.picksdigest.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.CallbackExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.tools.jdbc.JDBCUtils;

/** The connection pool and the jOOQ context over it, with the SQL dialect read off the server. */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final String url;
    private final LongAdder statements = new LongAdder();

    private Database(HikariDataSource pool, SQLDialect dialect, String url) {
        this.pool = pool;
        this.dialect = dialect;
        this.url = url;
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(new ReturningAwareConnections(pool))
                .set(dialect)
                .set(new Settings().withRenderSchema(false))
                .set(new CallbackExecuteListener().onExecuteStart(ctx -> statements.increment())));
    }

    /** A pool that reports to no registry (tests, tools). */
    public static Database connect(String url, String user, String password, int poolSize) {
        return connect(url, user, password, poolSize, null);
    }

    /** @param metrics the pool's meters (hikaricp_*) go there through HikariCP's own Micrometer tracker */
    public static Database connect(String url, String user, String password, int poolSize, MeterRegistry metrics) {
        HikariConfig cfg = new HikariConfig();
        if (metrics != null) cfg.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        cfg.setJdbcUrl(withDefaults(url));
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(1);
        cfg.setPoolName("picks");
        cfg.setConnectionTimeout(10_000);
        cfg.setInitializationFailTimeout(1);
        // Every time the application reads or writes is UTC; the server's own zone never leaks in.
        cfg.setConnectionInitSql("SET time_zone = '+00:00'");
        // READ COMMITTED: the set-based enqueue (INSERT ... SELECT) then reads subscribers without locking
        // them, so it does not block or deadlock with workers recording sends.
        cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseUnreachableException(
                    "The database at " + redact(url) + " is unreachable: " + rootMessage(e), e);
        }
        try (Connection c = ds.getConnection()) {
            return new Database(ds, detectDialect(c), url);
        } catch (SQLException e) {
            ds.close();
            throw new DatabaseUnreachableException(
                    "The database at " + redact(url) + " is unreachable: " + rootMessage(e), e);
        }
    }

    /**
     * MariaDB introduces itself as "MySQL" through Connector/J, so JDBCUtils alone answers MYSQL and jOOQ would
     * render MySQL-only syntax (INSERT ... AS alias) that MariaDB rejects. The version string tells them apart.
     */
    static SQLDialect detectDialect(Connection c) throws SQLException {
        String version = c.getMetaData().getDatabaseProductVersion();
        if (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")) return SQLDialect.MARIADB;
        SQLDialect d = JDBCUtils.dialect(c);
        return d == SQLDialect.DEFAULT ? SQLDialect.MYSQL : d;
    }

    private static String withDefaults(String url) {
        String sep = url.contains("?") ? "&" : "?";
        StringBuilder b = new StringBuilder(url);
        // rewriteBatchedStatements turns jOOQ batches into multi-row statements; utf8mb4 end to end; the ledger's
        // large statements have constant texts, parsed once per connection with cachePrepStmts.
        for (String opt : new String[] {
            "rewriteBatchedStatements=true",
            "cachePrepStmts=true",
            "prepStmtCacheSize=250",
            "prepStmtCacheSqlLimit=65536",
            "characterEncoding=UTF-8",
            "connectionCollation=utf8mb4_unicode_ci",
            "connectTimeout=5000",
            "allowPublicKeyRetrieval=true",
            "sslMode=PREFERRED"
        }) {
            String key = opt.substring(0, opt.indexOf('='));
            if (!url.contains(key + "=")) {
                b.append(sep).append(opt);
                sep = "&";
            }
        }
        return b.toString();
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        String m = r.getMessage();
        return m == null ? r.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** SQL statements run through jOOQ since start (the bench reports statements per message). */
    public long statementCount() {
        return statements.sum();
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return pool;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        pool.close();
    }
}
