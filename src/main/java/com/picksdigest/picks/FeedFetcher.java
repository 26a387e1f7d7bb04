package com.picksdigest.picks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One conditional GET: the ETag and Last-Modified of the previous answer go back as If-None-Match and
 * If-Modified-Since, so an unchanged feed costs the publisher a 304 and us no parsing. Bodies are capped.
 */
final class FeedFetcher {
    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    sealed interface Answer {}

    record NotModified() implements Answer {}

    record Fetched(byte[] body, String contentType, String etag, String lastModified) implements Answer {}

    record Failed(String reason) implements Answer {}

    private final HttpClient http;
    private final String userAgent;

    FeedFetcher(String userAgent) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.userAgent = userAgent;
    }

    Answer fetch(String url, String etag, String lastModified) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url))
                    .timeout(TIMEOUT)
                    .GET()
                    .header("User-Agent", userAgent)
                    .header(
                            "Accept",
                            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
            if (etag != null) b.header("If-None-Match", etag);
            if (lastModified != null) b.header("If-Modified-Since", lastModified);
        } catch (IllegalArgumentException e) {
            return new Failed("invalid URL or header: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() == 304) return new NotModified();
                if (r.statusCode() != 200) return new Failed("HTTP " + r.statusCode());
                byte[] body = in.readNBytes(MAX_BYTES + 1);
                if (body.length > MAX_BYTES) return new Failed("larger than " + MAX_BYTES / (1024 * 1024) + " MB");
                return new Fetched(
                        body,
                        r.headers().firstValue("Content-Type").orElse(null),
                        r.headers().firstValue("ETag").orElse(null),
                        r.headers().firstValue("Last-Modified").orElse(null));
            }
        } catch (HttpTimeoutException e) {
            return new Failed("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Failed(
                    "cannot fetch: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
    }
}
