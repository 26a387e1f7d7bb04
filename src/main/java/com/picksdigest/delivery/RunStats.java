package com.picksdigest.delivery;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Counters of one sending run, safe to bump from every worker. They are also this process's
 * {@code picks_digests_*_total} in the registry, read at scrape time, so a send costs one {@code LongAdder}
 * increment per counter and one record per timer, with no lookup.
 */
public final class RunStats {
    /** Upper bounds of picks_send_latency_seconds: the buckets /metrics has always had. */
    private static final Duration[] SEND_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30)
    };

    public final LongAdder sent = new LongAdder();
    public final LongAdder skipped = new LongAdder();
    public final LongAdder failed = new LongAdder();
    public final LongAdder suppressed = new LongAdder();
    public final LongAdder retried = new LongAdder();
    /** The SMTP transaction alone: picks_send_latency_seconds. */
    private final Timer sendLatency;
    /**
     * From the start of building a message to the relay's answer, for the bench's percentiles over the whole run
     * (hence its own registry: /metrics would otherwise show percentiles of the process's lifetime).
     */
    private final Timer messageLatency;

    public RunStats(MeterRegistry registry) {
        counter(registry, "picks.digests.sent", "Digests the relay accepted (this process).", sent);
        counter(registry, "picks.digests.failed", "Deliveries that ended failed (this process).", failed);
        counter(registry, "picks.digests.retries", "Transient failures put back for a retry (this process).", retried);
        counter(registry, "picks.digests.skipped", "Deliveries with nothing new to send (this process).", skipped);
        counter(
                registry,
                "picks.digests.suppressed",
                "Deliveries dropped: unsubscribed or bounced since (this process).",
                suppressed);
        this.sendLatency = Timer.builder("picks.send.latency")
                .description("Time from handing a digest to the SMTP connection to the relay's answer.")
                .serviceLevelObjectives(SEND_BUCKETS)
                .register(registry);
        this.messageLatency = Timer.builder("picks.message.latency")
                .publishPercentiles(0.5, 0.99)
                .percentilePrecision(2)
                .distributionStatisticBufferLength(1)
                .distributionStatisticExpiry(Duration.ofDays(1))
                .register(new SimpleMeterRegistry());
    }

    private static void counter(MeterRegistry registry, String name, String help, LongAdder value) {
        FunctionCounter.builder(name, value, (ToDoubleFunction<LongAdder>) LongAdder::sum)
                .description(help)
                .register(registry);
    }

    /** One message sent: {@code startNanos} when its building began, {@code sendNanos} when it went to the relay. */
    void recordSend(long startNanos, long sendNanos) {
        long end = System.nanoTime();
        messageLatency.record(end - startNanos, TimeUnit.NANOSECONDS);
        sendLatency.record(end - sendNanos, TimeUnit.NANOSECONDS);
    }

    /** The p-th quantile (0.5 or 0.99) of build + send time in milliseconds, within about 1 %; 0 when nothing was sent. */
    public double latencyMillis(double quantile) {
        for (var v : messageLatency.takeSnapshot().percentileValues()) {
            if (v.percentile() == quantile) return v.value(TimeUnit.MILLISECONDS);
        }
        throw new IllegalArgumentException("not a recorded quantile: " + quantile);
    }

    public long finished() {
        return sent.sum() + skipped.sum() + failed.sum() + suppressed.sum();
    }

    public String summary() {
        return "sent " + sent.sum() + ", skipped " + skipped.sum() + ", failed " + failed.sum() + ", suppressed "
                + suppressed.sum() + ", retries " + retried.sum();
    }
}
