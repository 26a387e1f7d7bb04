package com.picksdigest.outbound;

import java.time.Duration;

/**
 * @param ports        which ports a URL (and every redirect) may name
 * @param deadline     for the whole fetch: every connection, TLS handshake, request, answer and redirect together
 * @param maxBytes     the most an answer's body may hold; more fails the fetch
 * @param maxRedirects redirects followed at most (GET only)
 */
public record OutboundRules(Ports ports, Duration deadline, long maxBytes, int maxRedirects) {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    /** Default ports, 30 s, at most 5 redirects, and the given body cap. */
    public static OutboundRules of(long maxBytes) {
        return new OutboundRules(Ports.DEFAULT, DEFAULT_DEADLINE, maxBytes, 5);
    }

    public OutboundRules withDeadline(Duration d) {
        return new OutboundRules(ports, d, maxBytes, maxRedirects);
    }
}
