package com.picksdigest.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API request that ends with an RFC 9457 problem detail: the status, a short title, one sentence for the caller
 * and, for refused fields, each field's own message (the same sentences the workspace shows next to its fields).
 * Nothing has changed when it is thrown.
 */
final class Problem extends RuntimeException {
    /** Problem types are URNs: names to switch on, with no page behind them to fetch. */
    static final String BASE = "urn:picks-digest:problem:";

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, String> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();

    Problem(int status, String type, String title, String detail, Map<String, String> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? Map.of() : errors;
    }

    Problem(int status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    Problem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    Map<String, Object> body(String instance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", BASE + type);
        m.put("title", title);
        m.put("status", status);
        m.put("detail", getMessage());
        if (instance != null) m.put("instance", instance);
        if (!errors.isEmpty()) m.put("errors", errors);
        return m;
    }

    static Problem unauthorized(String detail) {
        return new Problem(401, "unauthorized", "Unauthorized", detail).header("WWW-Authenticate", "Bearer");
    }

    static Problem forbidden(String scope) {
        return new Problem(403, "forbidden", "Forbidden", "This key does not have the scope " + scope + ".");
    }

    static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not Found", detail);
    }

    static Problem invalid(String detail, Map<String, String> errors) {
        return new Problem(422, "validation", "Unprocessable Content", detail, errors);
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad Request", detail);
    }

    static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Conflict", detail);
    }
}
