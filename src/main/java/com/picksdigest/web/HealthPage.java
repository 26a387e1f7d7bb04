package com.picksdigest.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /healthz. On the public port it answers {"status":"ok"} (200) or {"status":"unavailable"} (503) and nothing more:
 * what is wrong, and the error text of a database or relay, is for the operator. On the management port it answers
 * the whole report: {"status":"ok"|"unhealthy","database":"ok"|problem, "scheduler":..., "smtp":...}.
 */
public final class HealthPage {
    private final HealthChecks checks;

    public HealthPage(HealthChecks checks) {
        this.checks = checks;
    }

    /** The public answer: up or not. */
    public void status(Context ctx) {
        boolean ok = checks.healthy(checks.report());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", ok ? "ok" : "unavailable");
        write(ctx, ok, body);
    }

    /** The management answer: every check with what is wrong. */
    public void report(Context ctx) {
        Map<String, String> report = checks.report();
        boolean ok = checks.healthy(report);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", ok ? "ok" : "unhealthy");
        body.putAll(report);
        write(ctx, ok, body);
    }

    private static void write(Context ctx, boolean ok, Map<String, String> body) {
        ctx.status(ok ? 200 : 503)
                .contentType("application/json; charset=utf-8")
                .result(json(body));
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
}
