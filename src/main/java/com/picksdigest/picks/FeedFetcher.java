package com.picksdigest.picks;

import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundException;
import com.picksdigest.outbound.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One conditional GET through the guarded client: the ETag and Last-Modified of the previous answer go back as
 * If-None-Match and If-Modified-Since, so an unchanged feed costs the publisher a 304 and us no parsing. Of an
 * answer that is not a feed, only its status is kept.
 */
final class FeedFetcher {
    private static final String ACCEPT =
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1";

    sealed interface Answer {}

    record NotModified() implements Answer {}

    record Fetched(byte[] body, String contentType, String etag, String lastModified) implements Answer {}

    record Failed(String reason) implements Answer {}

    private final GuardedHttp http;
    private final String userAgent;

    FeedFetcher(GuardedHttp http, String userAgent) {
        this.http = http;
        this.userAgent = userAgent;
    }

    Answer fetch(String url, String etag, String lastModified) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Failed("not a valid link");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        headers.put("Accept", ACCEPT);
        if (sendable(etag)) headers.put("If-None-Match", etag);
        if (sendable(lastModified)) headers.put("If-Modified-Since", lastModified);
        try {
            Response r = http.get(uri, headers);
            if (r.status() == 304) return new NotModified();
            if (r.status() != 200) return new Failed("HTTP " + r.status());
            return new Fetched(
                    r.body(),
                    r.header("Content-Type").orElse(null),
                    r.header("ETag").orElse(null),
                    r.header("Last-Modified").orElse(null));
        } catch (OutboundException e) {
            return new Failed(e.getMessage());
        }
    }

    /** A validator from an earlier answer goes back only if it is a plain header value. */
    private static boolean sendable(String v) {
        return v != null && !v.isEmpty() && v.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
    }
}
