package com.picksdigest.common;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces events evenly across the threads sharing it: at most {@code perSecond} per second (the send rate of a
 * process, the rate of one relay).
 */
public final class RateLimiter {
    private final long intervalNanos;
    private long next = System.nanoTime();

    public RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    public void acquire() {
        if (intervalNanos == 0) return;
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            if (next < now) next = now;
            wait = next - now;
            next += intervalNanos;
        }
        if (wait > 0) LockSupport.parkNanos(wait);
    }
}
