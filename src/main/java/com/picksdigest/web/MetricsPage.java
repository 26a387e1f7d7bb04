package com.picksdigest.web;

import com.picksdigest.metrics.ClusterGauges;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jooq.DSLContext;

/**
 * /metrics: the process's registry in the Prometheus text format (0.0.4). Counters are this process's (each node
 * of a cluster is scraped on its own); the cluster gauges read the shared database, so every node reports the same
 * queue.
 */
public final class MetricsPage {
    private final PrometheusMeterRegistry registry;

    public MetricsPage(PrometheusMeterRegistry registry, DSLContext db) {
        this.registry = registry;
        new ClusterGauges(db).bindTo(registry);
    }

    public void handle(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
