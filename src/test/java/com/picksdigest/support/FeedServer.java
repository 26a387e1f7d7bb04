package com.picksdigest.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback serving feed files, the way a publisher does: each path has a body, a content
 * type and an ETag; a request whose If-None-Match carries the current ETag gets 304 and no body. Its URLs name it
 * feeds.test, which only a guard built by {@link TestOutbound#forFeeds} resolves (to this server alone).
 */
public final class FeedServer implements AutoCloseable {
    public record Request(String path, String ifNoneMatch, String ifModifiedSince) {}

    private record Doc(int status, byte[] body, String contentType, String etag) {}

    private final HttpServer server;
    private final Map<String, Doc> docs = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public FeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            requests.add(new Request(path, inm, ex.getRequestHeaders().getFirst("If-Modified-Since")));
            Doc d = docs.get(path);
            if (d == null) {
                ex.sendResponseHeaders(404, -1);
            } else if (d.etag() != null && d.etag().equals(inm)) {
                ex.getResponseHeaders().set("ETag", d.etag());
                ex.sendResponseHeaders(304, -1);
            } else {
                if (d.etag() != null) ex.getResponseHeaders().set("ETag", d.etag());
                ex.getResponseHeaders().set("Last-Modified", "Tue, 24 Nov 2026 08:00:00 GMT");
                ex.getResponseHeaders().set("Content-Type", d.contentType());
                ex.sendResponseHeaders(d.status(), d.body().length == 0 ? -1 : d.body().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(d.body());
                }
            }
            ex.close();
        });
        server.start();
    }

    /** Serves a file from src/test/resources/feeds/ at /NAME. */
    public String serveResource(String name, String contentType, String etag) {
        try (InputStream in = FeedServer.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) throw new IllegalArgumentException("no test feed " + name);
            return serve("/" + name, 200, in.readAllBytes(), contentType, etag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String serve(String path, int status, byte[] body, String contentType, String etag) {
        docs.put(path, new Doc(status, body, contentType, etag));
        return url(path);
    }

    /** Under the test name {@link TestOutbound#FEEDS_HOST}: a guard from {@link TestOutbound#forFeeds} reaches it. */
    public String url(String path) {
        return "http://" + TestOutbound.FEEDS_HOST + ":" + server.getAddress().getPort() + path;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
