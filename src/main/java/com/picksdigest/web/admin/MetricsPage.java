package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.delivery.RunStats;
import com.picksdigest.delivery.SendLatency;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * /metrics in the Prometheus text format (0.0.4). Counters are this process's (each node of a cluster is scraped
 * on its own); gauges read the shared database, so every node reports the same queue.
 */
public final class MetricsPage {
    private final Supplier<RunStats> stats;
    private final DSLContext db;

    public MetricsPage(Supplier<RunStats> stats, DSLContext db) {
        this.stats = stats;
        this.db = db;
    }

    public void handle(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(render());
    }

    String render() {
        RunStats s = stats.get();
        StringBuilder b = new StringBuilder(2048);
        counter(b, "picks_digests_sent_total", "Digests the relay accepted (this process).", s.sent.sum());
        counter(b, "picks_digests_failed_total", "Deliveries that ended failed (this process).", s.failed.sum());
        counter(
                b,
                "picks_digests_retries_total",
                "Transient failures put back for a retry (this process).",
                s.retried.sum());
        counter(
                b,
                "picks_digests_skipped_total",
                "Deliveries with nothing new to send (this process).",
                s.skipped.sum());
        counter(
                b,
                "picks_digests_suppressed_total",
                "Deliveries dropped: unsubscribed or bounced since (this process).",
                s.suppressed.sum());
        b.append("# HELP picks_queue_depth Deliveries not finished yet, by state (whole cluster).\n");
        b.append("# TYPE picks_queue_depth gauge\n");
        Map<String, Integer> queue = db.select(DELIVERIES.STATUS, DSL.count())
                .from(DELIVERIES)
                .where(DELIVERIES.STATUS.in("queued", "sending"))
                .groupBy(DELIVERIES.STATUS)
                .fetchMap(DELIVERIES.STATUS, DSL.count());
        for (String state : new String[] {"queued", "sending"}) {
            b.append("picks_queue_depth{state=\"")
                    .append(state)
                    .append("\"} ")
                    .append(queue.getOrDefault(state, 0))
                    .append('\n');
        }
        SendLatency l = s.sendLatency;
        b.append(
                "# HELP picks_send_latency_seconds Time from handing a digest to the SMTP connection to the relay's answer.\n");
        b.append("# TYPE picks_send_latency_seconds histogram\n");
        for (int i = 0; i < SendLatency.BOUNDS.length; i++) {
            b.append("picks_send_latency_seconds_bucket{le=\"")
                    .append(number(SendLatency.BOUNDS[i]))
                    .append("\"} ")
                    .append(l.cumulative(i))
                    .append('\n');
        }
        b.append("picks_send_latency_seconds_bucket{le=\"+Inf\"} ")
                .append(l.count())
                .append('\n');
        b.append("picks_send_latency_seconds_sum ")
                .append(number(l.sumSeconds()))
                .append('\n');
        b.append("picks_send_latency_seconds_count ").append(l.count()).append('\n');
        gauge(
                b,
                "picks_candidates_waiting",
                "Feed items waiting for an editor's decision.",
                db.fetchCount(PICKS, PICKS.STATUS.eq("candidate")));
        gauge(
                b,
                "picks_feeds_failing",
                "Feeds whose last poll failed.",
                db.fetchCount(FEEDS, FEEDS.LAST_ERROR.isNotNull()));
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
        b.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name).append(' ').append(value).append('\n');
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
