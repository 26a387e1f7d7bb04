package com.picksdigest.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 description, a resource file, readable without a key. */
final class OpenApiDocument implements ApiEndpoints {
    static final String RESOURCE = "/api/openapi.json";

    private final byte[] document;

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(ApiRoutes.Registrar r) {
        r.open("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }
}
