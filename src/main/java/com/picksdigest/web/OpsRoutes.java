package com.picksdigest.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/**
 * The management port (PICKS_MANAGEMENT_PORT, loopback by default): the whole health report and /metrics, which tell
 * more about the service than the public should read.
 *
 * <pre>
 * GET /healthz   {"status":"ok"|"unhealthy","database":...,"scheduler":...,"smtp":...}; 503 unless all are ok
 * GET /metrics   Prometheus text format
 * </pre>
 */
public final class OpsRoutes implements RouteGroup {
    private final HealthPage health;
    private final Handler metrics;

    public OpsRoutes(HealthChecks checks, Handler metrics) {
        this.health = new HealthPage(checks);
        this.metrics = metrics;
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/healthz", health::report);
        r.get("/metrics", metrics);
    }
}
