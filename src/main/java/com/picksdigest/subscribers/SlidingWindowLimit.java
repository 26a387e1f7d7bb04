package com.picksdigest.subscribers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} events per key in any window of {@code window}, counted in this process's memory. Several
 * nodes each count their own share, so a cluster of N allows up to N times as much: enough against a single
 * sender bombing one inbox, which is what this is for.
 *
 * <p>Memory stays bounded without ever refusing a key for want of room: a key left alone for a whole window (all its
 * events have aged out) is dropped, and past {@link #MAX_KEYS} Caffeine evicts. Its policy (W-TinyLFU) weighs how
 * often a key was seen as well as how lately, so a flood of one-off keys pushes out other one-off keys, not the
 * keys that keep coming back: an abuser still at its limit keeps its count however many new keys arrive.
 */
public final class SlidingWindowLimit {
    static final int MAX_KEYS = 100_000;

    private final int max;
    private final Duration window;
    private final Clock clock;
    /** Each key's events inside the window, oldest first; changed only under this object's lock. */
    private final Cache<String, Deque<Instant>> events;

    public SlidingWindowLimit(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
        this.events = Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterAccess(window)
                .ticker(() -> {
                    Instant now = clock.instant();
                    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
                })
                // evictions run on the calling thread, under the lock below: nothing else touches the map
                .executor(Runnable::run)
                .build();
    }

    /** Counts one event for {@code key} and returns true, or returns false (counting nothing) when over the limit. */
    public synchronized boolean tryAcquire(String key) {
        Instant now = clock.instant();
        Instant start = now.minus(window);
        Deque<Instant> q = events.get(key, k -> new ArrayDeque<>());
        while (!q.isEmpty() && !q.peekFirst().isAfter(start)) q.removeFirst();
        if (q.size() >= max) return false;
        q.addLast(now);
        return true;
    }
}
