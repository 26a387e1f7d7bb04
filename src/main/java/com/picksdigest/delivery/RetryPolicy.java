package com.picksdigest.delivery;

import java.time.Duration;

/**
 * When a delivery that met a transient failure is tried again, and when it is given up: exponential backoff from
 * PICKS_RETRY_BASE_SECONDS (base, 2x base, 4x base ...) capped at a day, at most PICKS_SEND_MAX_ATTEMPTS attempts.
 */
final class RetryPolicy {
    private static final Duration CAP = Duration.ofDays(1);

    private final int maxAttempts;
    private final Duration base;

    RetryPolicy(int maxAttempts, Duration base) {
        this.maxAttempts = maxAttempts;
        this.base = base;
    }

    Duration backoff(int attemptsSoFar) {
        long factor = 1L << Math.min(Math.max(attemptsSoFar - 1, 0), 20);
        Duration d = base.multipliedBy(factor);
        return d.compareTo(CAP) > 0 ? CAP : d;
    }

    boolean givesUp(int attemptsSoFar) {
        return attemptsSoFar >= maxAttempts;
    }
}
