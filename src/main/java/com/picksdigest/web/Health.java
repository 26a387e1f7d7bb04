package com.picksdigest.web;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.Statement;
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
 * /healthz for load balancers and monitors: {"status":"ok"|"unhealthy","database":"ok"|"problem",...} plus the
 * entries of the caller's check (scheduler, SMTP, ...), each "ok" or a short description of the problem.
 * 200 when every entry is "ok", 503 otherwise. The database check is SELECT 1 bounded by {@link #TIMEOUT_SECONDS},
 * including the wait for a pooled connection, so a hung database answers 503 quickly instead of hanging probes.
 */
final class Health implements AutoCloseable {
    static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final Supplier<Map<String, String>> checks;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "healthz-db");
        t.setDaemon(true);
        return t;
    });

    Health(DataSource dataSource, Supplier<Map<String, String>> checks) {
        this.dataSource = dataSource;
        this.checks = checks;
    }

    void handle(Context ctx) {
        Map<String, String> report = report();
        boolean ok = report.values().stream().allMatch("ok"::equals);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", ok ? "ok" : "unhealthy");
        body.putAll(report);
        ctx.status(ok ? 200 : 503)
                .contentType("application/json; charset=utf-8")
                .result(json(body));
    }

    Map<String, String> report() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("database", database());
        try {
            Map<String, String> extra = checks == null ? Map.of() : checks.get();
            if (extra != null) {
                extra.forEach((k, v) -> {
                    if (k != null && !k.equals("status") && !k.equals("database")) r.put(k, v == null ? "unknown" : v);
                });
            }
        } catch (RuntimeException e) {
            r.put("checks", "failed: " + oneLine(e));
        }
        return r;
    }

    private String database() {
        CompletableFuture<String> f = CompletableFuture.supplyAsync(
                () -> {
                    try (Connection c = dataSource.getConnection();
                            Statement s = c.createStatement()) {
                        s.setQueryTimeout(TIMEOUT_SECONDS);
                        s.execute("SELECT 1");
                        return "ok";
                    } catch (Exception e) {
                        return oneLine(e);
                    }
                },
                executor);
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "no answer within " + TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return oneLine(e);
        }
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.lines().findFirst().orElse(m).strip();
        return m.length() > 200 ? m.substring(0, 197) + "..." : m;
    }

    static String json(Map<String, String> values) {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (b.length() > 1) b.append(',');
            quote(b, k);
            b.append(':');
            quote(b, v);
        });
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
