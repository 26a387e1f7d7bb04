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
    void staysBoundedWhenFloodedWithKeys() {
        for (int i = 0; i < SlidingWindowLimit.MAX_KEYS; i++) limit.tryAcquire("k" + i);
        assertThat(limit.tryAcquire("one-too-many"))
                .as("full of live keys: new ones are refused")
                .isFalse();
        clock.advance(Duration.ofHours(2));
        assertThat(limit.tryAcquire("one-too-many"))
                .as("old keys are dropped to make room")
                .isTrue();
    }
}
