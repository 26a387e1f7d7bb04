package com.picksdigest.providers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time a provider signed into its request must be near our clock: a captured request, replayed later with its
 * valid signature, is refused. The windows are per provider because their retries differ: Mailgun and SendGrid sign
 * each attempt afresh, SNS keeps the publish time on every retry of its delivery policy (an hour at most by default).
 */
final class SignedTime {
    private SignedTime() {}

    static void requireFresh(Instant signedAt, Clock clock, Duration window, String what) throws HookRefused {
        long skew = Math.abs(Duration.between(signedAt, clock.instant()).toSeconds());
        if (skew > window.toSeconds()) {
            throw new HookRefused(
                    401,
                    what + " is " + skew + " s away from now (at most " + window.toSeconds()
                            + " s): a replay or a wrong clock");
        }
    }

    /** Unix seconds as the providers write them ("1521233195"). */
    static Instant epochSeconds(String text, String what) throws HookRefused {
        try {
            return Instant.ofEpochSecond(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new HookRefused(401, what + " is not a number of seconds");
        }
    }
}
