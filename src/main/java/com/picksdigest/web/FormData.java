package com.picksdigest.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;

/**
 * A POST's form fields, urlencoded or multipart (RFC 8058 allows both for one-click). A body that cannot be parsed
 * is the sender's fault: 400 and nothing changes, rather than a 500.
 */
final class FormData {
    private final Map<String, List<String>> values;

    private FormData(Map<String, List<String>> values) {
        this.values = values;
    }

    static FormData of(Context ctx) {
        try {
            return new FormData(ctx.formParamMap());
        } catch (HttpResponseException e) {
            throw e; // e.g. 413 for an oversized body, already the right answer
        } catch (Exception e) { // Jetty's multipart parser throws checked exceptions (EOFException) through Kotlin
            throw new WebError(400, "error.unreadableForm");
        }
    }

    /** The first value, or null when the field is absent. */
    String first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
