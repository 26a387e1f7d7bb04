package com.picksdigest.config;

import java.time.Duration;

/**
 * Outbound webhooks.
 *
 * @param allowPrivate endpoints may be on private (intranet) addresses (PICKS_WEBHOOK_ALLOW_PRIVATE); loopback and
 *                     link-local stay refused
 * @param timeout      one attempt's deadline: connecting, sending and the answer (PICKS_WEBHOOK_TIMEOUT_SECONDS)
 * @param pauseAfter   an endpoint failing without a single success this long (and at least
 *                     {@link #PAUSE_MIN_FAILURES} times) is paused (PICKS_WEBHOOK_PAUSE_AFTER_HOURS)
 * @param threads      endpoints called at once by this process (PICKS_WEBHOOK_THREADS)
 */
public record WebhookConfig(boolean allowPrivate, Duration timeout, Duration pauseAfter, int threads) {
    public static final int PAUSE_MIN_FAILURES = 10;

    public static WebhookConfig from(Settings s) {
        return new WebhookConfig(
                s.bool("PICKS_WEBHOOK_ALLOW_PRIVATE", false),
                s.seconds("PICKS_WEBHOOK_TIMEOUT_SECONDS", 10, 1, 60),
                Duration.ofHours(s.integer("PICKS_WEBHOOK_PAUSE_AFTER_HOURS", 24, 1, 24 * 30)),
                s.integer("PICKS_WEBHOOK_THREADS", 2, 1, 16));
    }
}
