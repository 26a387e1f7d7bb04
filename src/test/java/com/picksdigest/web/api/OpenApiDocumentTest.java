package com.picksdigest.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document as a client gets it from GET /api/v1/openapi.json: valid OpenAPI 3.1 by an independent
 * validator, and describing exactly the routes the server has (either side may grow without the other: both fail).
 */
class OpenApiDocumentTest {
    static ApiStack stack;
    static String served;
    static String all;

    @BeforeAll
    static void start() {
        stack = new ApiStack(OpenApiDocumentTest.class, 0, Map.of("PICKS_API_RATE_LIMIT", "100000"));
        HttpResponse<String> r = stack.get(null, "/api/v1/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        served = r.body();
        all = stack.key(
                "Everything", "picks:read", "picks:write", "subscribers:read", "subscribers:write", "reports:read");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theServedDocumentIsValidOpenApi31WithNoParserMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served, null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI()
                        .getComponents()
                        .getSecuritySchemes()
                        .get("bearer")
                        .getScheme())
                .isEqualTo("bearer");
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() {
        Set<String> registered = new TreeSet<>();
        for (ApiRoutes.Route r : stack.app.apiRoutes().routes()) registered.add(r.method() + " " + r.path());
        Set<String> documented = documented();
        assertThat(documented).isEqualTo(registered);
        assertThat(registered).hasSizeGreaterThan(25);
    }

    @Test
    void everyDocumentedRouteAnswersOverHttpAsARouteAndWithTheScopeTheDocumentNames() throws Exception {
        JsonNode doc = ApiStack.JSON.readTree(served);
        Map<String, String> scopes = new java.util.HashMap<>();
        for (ApiRoutes.Route r : stack.app.apiRoutes().routes()) scopes.put(r.method() + " " + r.path(), r.scope());
        for (String route : documented()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            String concrete = path.replace("{id}", "987654").replace("{date}", "2020-01-01");
            HttpRequest.Builder b = stack.request(all, concrete)
                    .header("Content-Type", "application/json")
                    .method(method.toUpperCase(java.util.Locale.ROOT), HttpRequest.BodyPublishers.ofString("{}"));
            HttpResponse<String> r = stack.send(b);
            assertThat(r.body()).as(route).doesNotContain("There is no API route here.");
            assertThat(r.statusCode()).as(route).isNotEqualTo(405);
            JsonNode security = doc.get("paths").get(path).get(method).get("security");
            String scope = security.isEmpty()
                    ? null
                    : security.get(0).get("bearer").get(0).asText();
            assertThat(scope).as(route).isEqualTo(scopes.get(route));
        }
        // and the catch-all does answer that sentence for a route that is not there
        assertThat(stack.get(all, "/api/v1/no-such-route").body()).contains("There is no API route here.");
    }

    private static Set<String> documented() {
        try {
            JsonNode paths = ApiStack.JSON.readTree(served).get("paths");
            Set<String> out = new TreeSet<>();
            for (Iterator<String> p = paths.fieldNames(); p.hasNext(); ) {
                String path = p.next();
                for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) out.add(m.next() + " " + path);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
