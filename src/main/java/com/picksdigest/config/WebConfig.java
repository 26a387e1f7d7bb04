package com.picksdigest.config;

import java.time.Duration;

/**
 * Where the web servers listen.
 *
 * @param port           the public server (subscriber pages, archive, workspace): PICKS_HTTP_PORT
 * @param managementPort the management server (detailed health, /metrics): PICKS_MANAGEMENT_PORT; -1 for none
 * @param managementHost the address it binds to: PICKS_MANAGEMENT_HOST, loopback unless the operator opens it
 * @param healthTimeout  how long a health probe (database, relay) may take: PICKS_HEALTH_TIMEOUT_SECONDS
 * @param healthFreshFor how long a health report is reused before the next probe: PICKS_HEALTH_CACHE_SECONDS
 * @param apiRateLimit   requests per minute per API key: PICKS_API_RATE_LIMIT
 */
public record WebConfig(
        int port,
        int managementPort,
        String managementHost,
        Duration healthTimeout,
        Duration healthFreshFor,
        int apiRateLimit) {

    public static WebConfig from(Settings s) {
        return new WebConfig(
                s.integer("PICKS_HTTP_PORT", 8080, 0, 65535),
                s.integer("PICKS_MANAGEMENT_PORT", 8081, -1, 65535),
                s.string("PICKS_MANAGEMENT_HOST", "127.0.0.1"),
                s.seconds("PICKS_HEALTH_TIMEOUT_SECONDS", 2, 1, 60),
                s.seconds("PICKS_HEALTH_CACHE_SECONDS", 5, 0, 300),
                s.integer("PICKS_API_RATE_LIMIT", 600, 1, 1_000_000));
    }
}
