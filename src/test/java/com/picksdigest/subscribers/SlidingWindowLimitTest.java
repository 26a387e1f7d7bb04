package com.picksdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowLimitTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SlidingWindowLimit limit = new SlidingWindowLimit(3, Duration.ofHours(1), clock);

    @Test
    void allowsMaxPerWindowPerKeyAndSlides() {
        assertThat(limit.tryAcquire("a")).isTrue();
        clock.advance(Duration.ofMinutes(20));
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).as("fourth within the hour").isFalse();
        assertThat(limit.tryAcquire("b")).as("keys are counted apart").isTrue();

        clock.advance(Duration.ofMinutes(40));
        assertThat(limit.tryAcquire("a")).as("the first one left the window").isTrue();
        assertThat(limit.tryAcquire("a"))
                .as("refusals are not counted, but the others still are")
                .isFalse();
        clock.advance(Duration.ofMinutes(20));
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
    }

    @Test
    void aFloodOfKeysNeverRefusesANewVisitorAndStaysBounded() {
        for (int i = 0; i < 3; i++) limit.tryAcquire("abuser");
        int flood = SlidingWindowLimit.MAX_KEYS + 50_000;
        for (int i = 0; i < flood; i++) {
            if (!limit.tryAcquire("k" + i)) throw new AssertionError("new key #" + i + " was refused");
            // An abuser that keeps trying through the flood keeps its count: the flood does not wash it out.
            if (i % 1_000 == 0 && limit.tryAcquire("abuser")) throw new AssertionError("abuser let through at " + i);
        }
        // Bounded, seen from outside: a flood key still held (one event) takes two more, a forgotten one three.
        // Unbounded, none would be forgotten; holding at most MAX_KEYS, at least the excess must be.
        int forgotten = 0;
        for (int i = 0; i < flood; i++) {
            limit.tryAcquire("k" + i);
            limit.tryAcquire("k" + i);
            if (limit.tryAcquire("k" + i)) forgotten++;
        }
        assertThat(forgotten).as("flood keys forgotten").isGreaterThanOrEqualTo(flood - SlidingWindowLimit.MAX_KEYS);

        assertThat(limit.tryAcquire("new visitor"))
                .as("a new visitor after the flood")
                .isTrue();
        assertThat(limit.tryAcquire("new visitor")).isTrue();
        assertThat(limit.tryAcquire("new visitor")).isTrue();
        assertThat(limit.tryAcquire("new visitor"))
                .as("and is counted like anyone")
                .isFalse();

        clock.advance(Duration.ofHours(2));
        assertThat(limit.tryAcquire("one-too-many"))
                .as("old keys are dropped to make room")
                .isTrue();
        assertThat(limit.tryAcquire("abuser"))
                .as("the abuser's window has passed too")
                .isTrue();
    }
}
