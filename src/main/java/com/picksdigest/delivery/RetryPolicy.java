package com.picksdigest.delivery;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a delivery that met a transient failure (4xx, dropped connection) is tried again, and when it is given up.
 * Relays that greylist or rate-limit answer 4xx for hours, so the limit is a time budget, not a count: exponential
 * backoff from PICKS_RETRY_BASE_SECONDS, capped at an hour (or the base, if larger), with jitter so that an edition
 * deferred at once does not come back at once, until the budget ends. The budget ends when the subscriber's next
 * digest would be due (it would carry the same picks) or PICKS_RETRY_BUDGET_HOURS after the delivery was created,
 * whichever is first; PICKS_SEND_MAX_ATTEMPTS, when set, also ends it after that many attempts.
 */
final class RetryPolicy {
    private static final Duration MAX_DELAY = Duration.ofHours(1);

    private final Duration base;
    private final Duration cap;
    private final Duration budget;
    private final int maxAttempts;

    /** @param maxAttempts 0 for no limit but the budget */
    RetryPolicy(Duration base, Duration budget, int maxAttempts) {
        this.base = base;
        this.cap = base.compareTo(MAX_DELAY) > 0 ? base : MAX_DELAY;
        this.budget = budget;
        this.maxAttempts = maxAttempts;
    }

    /** The backoff before the next attempt, without jitter: base, 2x base, 4x base ... up to the cap. */
    Duration backoff(int attemptsSoFar) {
        long factor = 1L << Math.min(Math.max(attemptsSoFar - 1, 0), 20);
        Duration d = base.multipliedBy(factor);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** The backoff with "equal jitter": somewhere between half of it and all of it. */
    Duration jittered(int attemptsSoFar) {
        long ms = backoff(attemptsSoFar).toMillis();
        return Duration.ofMillis(ms - ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    /**
     * The end of a delivery's budget.
     *
     * @param created  when the delivery was created (its edition became due for the subscriber), UTC
     * @param sendHour the subscriber's local send hour
     */
    LocalDateTime deadline(
            LocalDateTime created, LocalDate editionDate, int sendHour, String timezone, boolean weekly) {
        LocalDateTime end = created.plus(budget);
        try {
            LocalDateTime nextDue = editionDate
                    .plusDays(weekly ? 7 : 1)
                    .atTime(LocalTime.of(sendHour, 0))
                    .atZone(ZoneId.of(timezone))
                    .withZoneSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
            // a delivery created after its subscriber's next hour (send-now late in the day) keeps the full budget
            if (nextDue.isAfter(created) && nextDue.isBefore(end)) end = nextDue;
        } catch (DateTimeException e) {
            // a zone or hour this JVM cannot read: the budget alone
        }
        return end;
    }

    /**
     * When to try again, or null once the budget is spent: the last retry is placed at the deadline itself, so a
     * relay that recovers just before it still gets the message.
     */
    LocalDateTime nextAttempt(int attemptsSoFar, LocalDateTime now, LocalDateTime deadline) {
        if (maxAttempts > 0 && attemptsSoFar >= maxAttempts) return null;
        if (!now.isBefore(deadline)) return null;
        LocalDateTime next = now.plus(jittered(attemptsSoFar));
        return next.isAfter(deadline) ? deadline : next;
    }
}
