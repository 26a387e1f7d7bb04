package com.picksdigest.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/** How the workers send: concurrency, pacing, retries, claim sizes. */
public record SendConfig(
        int threads,
        double ratePerSecond,
        int batchSize,
        int recordEvery,
        int maxAttempts,
        Duration retryBase,
        Duration retryBudget,
        Duration claimTimeout,
        String nodeId) {

    public static SendConfig from(Settings s) {
        return new SendConfig(
                // a relay 20 ms away takes about 45 messages a second per connection (one round trip each, pipelined)
                s.integer("PICKS_SEND_THREADS", 8, 1, 64),
                s.decimal("PICKS_SEND_RATE", 0, 0, 100_000),
                s.integer("PICKS_SEND_BATCH", 250, 1, 5000),
                s.integer("PICKS_SEND_RECORD_EVERY", 125, 1, 5000),
                // 0: transient failures are limited by the time budget alone
                s.integer("PICKS_SEND_MAX_ATTEMPTS", 0, 0, 1000),
                s.seconds("PICKS_RETRY_BASE_SECONDS", 60, 0, 86_400),
                Duration.ofHours(s.integer("PICKS_RETRY_BUDGET_HOURS", 24, 1, 168)),
                s.seconds("PICKS_CLAIM_TIMEOUT_SECONDS", 600, 10, 86_400),
                s.string("PICKS_NODE_ID", ManagementFactory.getRuntimeMXBean().getName()));
    }
}
