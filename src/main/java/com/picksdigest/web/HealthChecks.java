package com.picksdigest.web;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The health report: the database (SELECT 1) and the caller's probes (scheduler, relay), each "ok" or a short
 * description of the problem. A report is reused for a few seconds (PICKS_HEALTH_CACHE_SECONDS): however many requests
 * ask, the database and the relay are probed at most once in that time, so a busy load balancer cannot turn health
 * checks into load.
 * Every probe is bounded by the timeout, including the wait for a pooled connection.
 */
public final class HealthChecks implements AutoCloseable {
    private final DataSource dataSource;
    private final Supplier<Map<String, String>> probes;
    private final Duration timeout;
    private final Duration freshFor;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "healthz-db");
        t.setDaemon(true);
        return t;
    });
    private Map<String, String> last;
    private long lastAtNanos;

    /** @param probes name to "ok" or what is wrong (e.g. "smtp" to "unreachable: Connection refused") */
    public HealthChecks(
            DataSource dataSource, Supplier<Map<String, String>> probes, Duration timeout, Duration freshFor) {
        this.dataSource = dataSource;
        this.probes = probes;
        this.timeout = timeout;
        this.freshFor = freshFor;
    }

    /** The report, at most the cache time old: "database" first, then the probes. */
    public synchronized Map<String, String> report() {
        long now = System.nanoTime();
        if (last == null || now - lastAtNanos >= freshFor.toNanos()) {
            last = probe();
            lastAtNanos = System.nanoTime();
        }
        return last;
    }

    public boolean healthy(Map<String, String> report) {
        return report.values().stream().allMatch("ok"::equals);
    }

    private Map<String, String> probe() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("database", database());
        try {
            Map<String, String> extra = probes.get();
            if (extra != null) {
                extra.forEach((k, v) -> {
                    if (k != null && !k.equals("status") && !k.equals("database")) r.put(k, v == null ? "unknown" : v);
                });
            }
        } catch (RuntimeException e) {
            r.put("checks", "failed: " + oneLine(e));
        }
        return Collections.unmodifiableMap(r);
    }

    private String database() {
        long seconds = Math.max(1, timeout.toSeconds());
        CompletableFuture<String> f = CompletableFuture.supplyAsync(
                () -> {
                    try (Connection c = dataSource.getConnection();
                            Statement s = c.createStatement()) {
                        s.setQueryTimeout((int) seconds);
                        s.execute("SELECT 1");
                        return "ok";
                    } catch (Exception e) {
                        return oneLine(e);
                    }
                },
                executor);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "no answer within " + seconds + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return oneLine(e);
        }
    }

    /** The first line of a problem, at most 200 characters: fit for a report or a log line. */
    public static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.lines().findFirst().orElse(m).strip();
        return m.length() > 200 ? m.substring(0, 197) + "..." : m;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
