package com.picksdigest.metrics;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.PickStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of the whole cluster read from the shared database, so every node reports the same numbers. A scrape
 * reads its four gauges from one statement: the first gauge asked runs it, the others reuse its answer for a
 * second (as does a second scraper arriving meanwhile). While the database is unreachable they read NaN.
 */
public final class ClusterGauges implements MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(ClusterGauges.class);
    private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DSLContext db;
    private Counts last;
    private long readAt;
    private boolean failing;

    public ClusterGauges(DSLContext db) {
        this.db = db;
    }

    private record Counts(double queued, double sending, double candidates, double feedsFailing) {
        static final Counts UNKNOWN = new Counts(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge("picks.queue.depth", "Deliveries not finished yet, by state (whole cluster).", Counts::queued)
                .tag("state", "queued")
                .register(registry);
        gauge("picks.queue.depth", "Deliveries not finished yet, by state (whole cluster).", Counts::sending)
                .tag("state", "sending")
                .register(registry);
        gauge("picks.candidates.waiting", "Feed items waiting for an editor's decision.", Counts::candidates)
                .register(registry);
        gauge("picks.feeds.failing", "Feeds whose last poll failed.", Counts::feedsFailing)
                .register(registry);
    }

    private Gauge.Builder<?> gauge(String name, String help, ToDoubleFunction<Counts> f) {
        return Gauge.builder(name, () -> f.applyAsDouble(counts())).description(help);
    }

    private synchronized Counts counts() {
        long now = System.nanoTime();
        if (last != null && now - readAt < REUSE_NANOS) return last;
        last = read();
        readAt = System.nanoTime();
        return last;
    }

    private Counts read() {
        try {
            Record4<Integer, Integer, Integer, Integer> r = db.select(
                            DSL.field(DSL.selectCount()
                                    .from(DELIVERIES)
                                    .where(DELIVERIES.STATUS.eq(DeliveryStatus.QUEUED))),
                            DSL.field(DSL.selectCount()
                                    .from(DELIVERIES)
                                    .where(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING))),
                            DSL.field(DSL.selectCount().from(PICKS).where(PICKS.STATUS.eq(PickStatus.CANDIDATE))),
                            DSL.field(DSL.selectCount().from(FEEDS).where(FEEDS.LAST_ERROR.isNotNull())))
                    .fetchSingle();
            if (failing) log.info("Metrics read the database again");
            failing = false;
            return new Counts(r.value1(), r.value2(), r.value3(), r.value4());
        } catch (DataAccessException e) {
            if (!failing) log.warn("Metrics cannot read the database, its gauges show NaN: {}", oneLine(e));
            failing = true;
            return Counts.UNKNOWN;
        }
    }

    private static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        return m == null ? root.toString() : m.lines().findFirst().orElse(m);
    }
}
