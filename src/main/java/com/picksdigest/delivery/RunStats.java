package com.picksdigest.delivery;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one sending run, safe to bump from every worker. */
public final class RunStats {
    public final LongAdder sent = new LongAdder();
    public final LongAdder skipped = new LongAdder();
    public final LongAdder failed = new LongAdder();
    public final LongAdder suppressed = new LongAdder();
    public final LongAdder retried = new LongAdder();
    /** From the start of building a message to the relay's answer (percentiles for the bench). */
    public final LatencyHistogram latency = new LatencyHistogram();
    /** The SMTP transaction alone, in Prometheus buckets for /metrics. */
    public final SendLatency sendLatency = new SendLatency();

    public long finished() {
        return sent.sum() + skipped.sum() + failed.sum() + suppressed.sum();
    }

    public String summary() {
        return "sent " + sent.sum() + ", skipped " + skipped.sum() + ", failed " + failed.sum() + ", suppressed "
                + suppressed.sum() + ", retries " + retried.sum();
    }
}
