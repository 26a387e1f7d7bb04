package com.picksdigest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak of the heap really in use: sampled right after a full collection, so garbage that a young collection
 * left in the old generation does not count, and neither does the heap's size, which the collector grows to
 * whatever -Xmx allows. A sample costs one full GC (tens of milliseconds at these sizes).
 */
public final class LiveHeap {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    public void sample() {
        memory.gc();
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        samples.incrementAndGet();
    }

    public long peakBytes() {
        return peak.get();
    }

    public long samples() {
        return samples.get();
    }
}
