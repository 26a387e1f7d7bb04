package com.picksdigest.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Requests per key per fixed window, in memory, per process (a cluster of n nodes allows up to n times as many).
 * A fixed window is what the RateLimit-* headers describe most simply: how many are left and when the count resets.
 */
public final class RateLimits {
    /** What the caller is told: the limit, what is left of it, and seconds until the window starts again. */
    public record Verdict(boolean allowed, int limit, int remaining, long resetSeconds) {}

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<Long, long[]> counters;

    public RateLimits(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.counters = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(window.multipliedBy(2))
                .build();
    }

    public Verdict take(long keyId) {
        long now = clock.millis();
        long w = window.toMillis();
        long start = now - Math.floorMod(now, w);
        long[] c = counters.get(keyId, k -> new long[] {start, 0});
        synchronized (c) {
            if (c[0] != start) {
                c[0] = start;
                c[1] = 0;
            }
            long reset = Math.max(1, (start + w - now + 999) / 1000);
            if (c[1] >= limit) return new Verdict(false, limit, 0, reset);
            c[1]++;
            return new Verdict(true, limit, (int) (limit - c[1]), reset);
        }
    }
}
