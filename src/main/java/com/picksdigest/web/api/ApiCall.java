package com.picksdigest.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.picksdigest.api.ApiKeys;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.picks.Categories;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One authenticated API request: its key, its JSON body (read once, size-capped) and its query parameters. */
final class ApiCall {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A JSON request body larger than this is refused (413) before it is parsed. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    final Context ctx;
    final ApiKeys.Key key;
    private byte[] raw;

    ApiCall(Context ctx, ApiKeys.Key key) {
        this.ctx = ctx;
        this.key = key;
    }

    String actor() {
        return key.actor();
    }

    /** The body's bytes, at most {@link #MAX_BODY_BYTES}: counted as they arrive, whatever Content-Length says. */
    byte[] raw() {
        if (raw != null) return raw;
        long declared = ctx.contentLength();
        if (declared > MAX_BODY_BYTES) throw tooLarge();
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
            if (b.length > MAX_BODY_BYTES) throw tooLarge();
            raw = b;
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Problem tooLarge() {
        return new Problem(
                413, "too-large", "Content Too Large", "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    /** The body as a JSON object; 415 for another media type, 400 for something that is not a JSON object. */
    ObjectNode body() {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Problem(
                    415, "unsupported-media-type", "Unsupported Media Type", "Send the body as application/json.");
        }
        byte[] b = raw();
        JsonNode n;
        try {
            n = JSON.readTree(b);
        } catch (IOException e) {
            throw Problem.badRequest("The request body is not valid JSON.");
        }
        if (n == null || !n.isObject()) throw Problem.badRequest("The request body must be a JSON object.");
        return (ObjectNode) n;
    }

    /** A text member; null when absent or null; 422 when present with another type. */
    static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw wrongType(field, "a string");
        return n.textValue();
    }

    static Integer integer(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw wrongType(field, "an integer");
        return n.intValue();
    }

    static Boolean bool(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isBoolean()) throw wrongType(field, "true or false");
        return n.booleanValue();
    }

    static List<String> texts(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw wrongType(field, "an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) throw wrongType(field, "an array of strings");
            out.add(e.textValue());
        }
        return out;
    }

    private static Problem wrongType(String field, String what) {
        return Problem.invalid(
                field + " must be " + what + ".", java.util.Map.of(field, field + " must be " + what + "."));
    }

    void json(int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(write(body));
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String query(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The id of the category the {@code category} query parameter names; null when not given, 422 for none such. */
    Integer categoryQuery(Categories categories) {
        String cat = query("category");
        if (cat == null) return null;
        CategoriesRecord found = categories.find(cat);
        if (found == null)
            throw Problem.invalid(
                    "Unknown category \"" + cat + "\".", java.util.Map.of("category", "Unknown category."));
        return found.getId();
    }

    long idParam() {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Problem.notFound("There is no such record.");
        }
    }

    /** The page size asked for: 1 to 500, 100 when not given. */
    int limit() {
        String v = query("limit");
        if (v == null) return 100;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 500) return n;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Problem.invalid(
                "limit must be an integer from 1 to 500.",
                java.util.Map.of("limit", "limit must be an integer from 1 to 500."));
    }
}
