package com.picksdigest.subscribers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * At most {@code max} events per key in any window of {@code window}, counted in this process's memory. Several
 * nodes each count their own share, so a cluster of N allows up to N times as much: enough against a single
 * sender bombing one inbox, which is what this is for. Memory stays bounded: keys whose events have all left the
 * window are dropped once the map holds {@link #MAX_KEYS}, and past that new keys are refused.
 */
public final class SlidingWindowLimit {
    static final int MAX_KEYS = 100_000;

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> events = new HashMap<>();

    public SlidingWindowLimit(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one event for {@code key} and returns true, or returns false (counting nothing) when over the limit. */
    public synchronized boolean tryAcquire(String key) {
        Instant now = clock.instant();
        Instant start = now.minus(window);
        Deque<Instant> q = events.get(key);
        if (q == null) {
            if (events.size() >= MAX_KEYS && prune(start) >= MAX_KEYS) return false;
            q = new ArrayDeque<>();
            events.put(key, q);
        }
        while (!q.isEmpty() && !q.peekFirst().isAfter(start)) q.removeFirst();
        if (q.size() >= max) return false;
        q.addLast(now);
        return true;
    }

    private int prune(Instant start) {
        for (Iterator<Deque<Instant>> it = events.values().iterator(); it.hasNext(); ) {
            Deque<Instant> q = it.next();
            if (q.isEmpty() || !q.peekLast().isAfter(start)) it.remove();
        }
        return events.size();
    }
}
