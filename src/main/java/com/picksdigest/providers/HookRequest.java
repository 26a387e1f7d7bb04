package com.picksdigest.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * What a provider posted: the body as it came (signatures are over these exact bytes) and the request's headers.
 *
 * @param header a header's value by name (case-insensitive), or null
 */
record HookRequest(byte[] body, UnaryOperator<String> header) {
    static final ObjectMapper JSON = new ObjectMapper();

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() throws HookRefused {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || n.isMissingNode()) throw new HookRefused(400, "the body is empty; JSON expected");
            return n;
        } catch (JsonProcessingException e) {
            throw new HookRefused(
                    400, "the body is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (java.io.IOException e) {
            throw new HookRefused(400, "the body could not be read");
        }
    }

    /** A field's text, or null when it is missing or not a string/number. */
    static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null) return null;
            n = n.get(p);
        }
        return n == null || !n.isValueNode() || n.isNull() ? null : n.asText();
    }
}
