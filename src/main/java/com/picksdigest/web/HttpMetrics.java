package com.picksdigest.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.jetty12.server.TimedHandler;
import org.eclipse.jetty.server.Server;

/**
 * Micrometer's Jetty 12 binders on the server Javalin builds: every request timed by method, status and outcome
 * (jetty_server_requests_seconds; no path, so tokens never become labels) and the thread pool's gauges.
 */
final class HttpMetrics {
    private HttpMetrics() {}

    /** Before Javalin attaches its handler: it then goes inside this wrapper. */
    static void bind(Server server, MeterRegistry registry) {
        server.setHandler(new TimedHandler(registry, Tags.empty()));
        new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(registry);
    }
}
