package com.picksdigest.outbound;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answer: its status, headers (names case-insensitive) and body (at most the rules' cap).
 *
 * @param url the URL that answered, after any redirects
 */
public record Response(URI url, int status, Map<String, List<String>> headers, byte[] body) {
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
}
