package com.picksdigest.delivery;

import java.util.concurrent.atomic.LongAdder;

/**
 * How long SMTP sends take (from handing the message to the connection to the relay's answer), as cumulative
 * buckets in the shape of a Prometheus histogram. Lock-free: every worker records into it.
 */
public final class SendLatency {
    /** Upper bounds in seconds; the last bucket (+Inf) is the count. */
    public static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    public SendLatency() {
        for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
    }

    public void record(long nanos) {
        double s = nanos / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (s <= BOUNDS[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sumNanos.add(nanos);
    }

    /** Sends that took at most BOUNDS[i] seconds (cumulative, as Prometheus expects). */
    public long cumulative(int i) {
        long n = 0;
        for (int k = 0; k <= i; k++) n += buckets[k].sum();
        return n;
    }

    public long count() {
        return count.sum();
    }

    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
