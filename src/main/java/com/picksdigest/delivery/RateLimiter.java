package com.picksdigest.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Spaces messages evenly across all workers of this process: at most {@code perSecond} per second. */
final class RateLimiter {
    private final long intervalNanos;
    private long next = System.nanoTime();

    RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    void acquire() {
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
