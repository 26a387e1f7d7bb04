package com.picksdigest.web;

import com.picksdigest.digest.TemplateEngine;
import io.javalin.http.Context;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the pages under templates/web/ (HTML output format: every ${...} is escaped) and sets the headers every
 * response carries. Each page's model gets {@code siteName}, {@code archiveUrl} and {@code subscribeUrl} besides its own values.
 */
final class Pages {
    static final String CSP =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src https: data:; "
                    + "frame-ancestors 'none'; base-uri 'none'";

    private final TemplateEngine engine;
    private final String siteName;
    private final String basePath;

    /**
     * @param baseUrl the public URL of this server; only its path is used for links, so pages work whatever host
     *                name the request came in on, and under a path prefix when a proxy maps one.
     */
    Pages(TemplateEngine engine, String siteName, URI baseUrl) {
        this.engine = engine;
        this.siteName = siteName;
        String p = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = p.replaceAll("/+$", "");
    }

    /** A root-relative link to one of this server's pages, e.g. path("/archive") is "/archive" or "/digest/archive". */
    String path(String p) {
        return basePath + p;
    }

    /** Headers for every response, pages and errors alike; set before any handler runs. */
    static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        // Tokens are in the URLs: never send them to the sites that pages link to.
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    /**
     * A path with a "." or ".." segment names no page of ours: refused before any route (the workspace's sign-in
     * guard included) can read it as one of its own.
     */
    static void refuseDotSegments(Context ctx) {
        String path = ctx.req().getRequestURI();
        if (path != null
                && (path.contains("/.") || path.contains("%2")) // most paths stop here
                && path.matches("(?i).*/(\\.|%2e){1,2}(/.*)?")) {
            throw new WebError(400, "Bad request", "That address is not one of this site's pages.");
        }
    }

    void render(Context ctx, int status, String template, Map<String, ?> values) {
        send(ctx, status, html(template, values));
    }

    /** The page as text, for the pages that are the same for every visitor and are kept once rendered. */
    String html(String template, Map<String, ?> values) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("siteName", siteName);
        model.put("archiveUrl", path("/archive"));
        model.put("subscribeUrl", path("/subscribe"));
        return engine.render("web/" + template, model);
    }

    static void send(Context ctx, int status, String html) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    void error(Context ctx, WebError e) {
        render(
                ctx,
                e.status(),
                "error.html.ftl",
                Map.of("status", e.status(), "title", e.title(), "message", e.getMessage()));
    }

    /** The last resort when even the error template fails: a fixed page with no model data in it. */
    static void plainError(Context ctx, int status, String title) {
        ctx.status(status)
                .contentType("text/html; charset=utf-8")
                .result("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                        + "</title></head><body><h1>" + title + "</h1></body></html>");
    }
}
