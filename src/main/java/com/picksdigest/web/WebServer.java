package com.picksdigest.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** A Javalin server for some route groups: the public one (pages, workspace) or the management one (health, metrics). */
public final class WebServer implements AutoCloseable {
    /** Forms here are a few fields; anything bigger is refused (413) before it is parsed. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** A file uploaded in a form (the workspace's CSV import): kept on disk past the first 64 KB. */
    static final long MAX_UPLOAD_BYTES = 40L * 1024 * 1024;

    private final List<RouteGroup> routes;
    private final MeterRegistry metrics;
    private Javalin app;

    /** @param metrics times every request and watches the thread pool (jetty_*); null for a server not measured */
    public WebServer(List<RouteGroup> routes, MeterRegistry metrics) {
        this.routes = List.copyOf(routes);
        this.metrics = metrics;
    }

    /** Starts on all interfaces; port 0 takes any free port (see {@link #port()}). */
    public WebServer start(int port) {
        return start("0.0.0.0", port);
    }

    public synchronized WebServer start(String host, int port) {
        if (app != null) throw new IllegalStateException("already started");
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
            if (metrics != null) config.jetty.modifyServer(server -> HttpMetrics.bind(server, metrics));
            routes.forEach(group -> group.register(config.routes));
        });
        app.start(host, port);
        return this;
    }

    /** The port listened on; the chosen one when started with port 0. */
    public int port() {
        if (app == null) throw new IllegalStateException("not started");
        return app.port();
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
