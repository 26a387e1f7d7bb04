package com.picksdigest.web;

import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.digest.TemplateEngine;
import com.picksdigest.i18n.Catalogues;
import com.picksdigest.i18n.Languages;
import com.picksdigest.i18n.Messages;
import io.javalin.http.Context;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the pages under templates/web/ (HTML output format: every ${...} is escaped) and sets the headers every
 * response carries. Each page's model gets {@code siteName}, {@code archiveUrl}, {@code subscribeUrl}, the reader's
 * messages {@code t} and the {@code languages} to choose from (tag, name) besides its own values.
 *
 * <p>The page's language: the subscriber's own on pages behind their link (the handler passes {@code locale}), else
 * the one the visitor chose ({@code ?lang=}), else the best match of the browser's Accept-Language.
 */
final class Pages {
    static final String CSP =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src https: data:; "
                    + "frame-ancestors 'none'; base-uri 'none'";

    /** The fields a refusal may name, each with a sentence in the catalogues ("form.invalid.email"...). */
    private static final Set<String> REFUSED_FIELDS = Set.of(
            "email",
            "name",
            "timezone",
            "hour",
            "weekday",
            "frequency",
            "format",
            "locale",
            "categories",
            "reason",
            "weeks");

    private final TemplateEngine engine;
    private final Catalogues catalogues;
    private final Languages languages;
    private final List<Map<String, String>> choices;
    private final Map<String, List<Map<String, Object>>> weekdays = new HashMap<>();
    private final String siteName;
    private final String basePath;

    /**
     * @param baseUrl the public URL of this server; only its path is used for links, so pages work whatever host
     *                name the request came in on, and under a path prefix when a proxy maps one.
     */
    Pages(TemplateEngine engine, Catalogues catalogues, Languages languages, String siteName, URI baseUrl) {
        this.engine = engine;
        this.catalogues = catalogues;
        this.languages = languages;
        this.choices = languages.tags().stream()
                .map(tag -> Map.of("tag", tag, "name", catalogues.of(tag).format("language.name")))
                .toList();
        for (String tag : languages.tags()) {
            Locale locale = Locale.forLanguageTag(tag);
            weekdays.put(
                    tag,
                    Arrays.stream(DayOfWeek.values())
                            .map(d -> Map.<String, Object>of(
                                    "value", d.getValue(), "label", d.getDisplayName(TextStyle.FULL, locale)))
                            .toList());
        }
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
            throw new WebError(400, "error.badPath");
        }
    }

    /** A page whose model is a record ({@link ViewModel}); its {@code locale} component, if any, is the reader's. */
    void render(Context ctx, int status, String template, Record view) {
        render(ctx, status, template, ViewModel.of(view));
    }

    String html(String template, Record view, String language) {
        return html(template, ViewModel.of(view), language);
    }

    void render(Context ctx, int status, String template, Map<String, ?> values) {
        Object own = values.get("locale");
        send(ctx, status, html(template, values, language(ctx, own instanceof String tag ? tag : null)));
    }

    /** The supported language a tag names, or null. */
    String supported(String tag) {
        return languages.find(tag);
    }

    /** A page's language: {@code own} (a reader's, a form's) when it is a supported one, else the visitor's. */
    String language(Context ctx, String own) {
        String l = languages.find(own);
        return l != null ? l : language(ctx);
    }

    /**
     * Why a form was refused, for a reader of {@code language}: the services' own sentences in English; in another
     * language one translated sentence per refused field ({@code field} when the refusal names none), since the
     * services' sentences are written for the API and the command line.
     */
    String refusal(InvalidInputException e, String language, String field) {
        if (Languages.DEFAULT.equals(language)) return e.getMessage();
        Messages t = catalogues.of(language);
        Collection<String> fields = e instanceof InvalidFields f ? f.errors().keySet() : List.of(field);
        return fields.stream()
                .map(k -> t.format("form.invalid." + (REFUSED_FIELDS.contains(k) ? k : "other")))
                .distinct()
                .collect(Collectors.joining(" "));
    }

    /** The visitor's language: ?lang= when it names a supported one, else the best of Accept-Language. */
    String language(Context ctx) {
        String chosen = languages.find(ctx.queryParam("lang"));
        return chosen != null ? chosen : languages.fromAcceptLanguage(ctx.header("Accept-Language"));
    }

    /** One message in a language, for answers that are not pages (JSON). */
    String message(String language, String key) {
        return catalogues.of(language).format(key);
    }

    /** A date as a page in that language writes it in full, e.g. "Monday, January 5, 2026". */
    static String longDate(LocalDate date, String language) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                .withLocale(Locale.forLanguageTag(language))
                .format(date);
    }

    /** The page as text, for the pages that are the same for every visitor of a language and are kept rendered. */
    String html(String template, Map<String, ?> values, String language) {
        Map<String, Object> model = new HashMap<>(values);
        String tag = language == null ? Languages.DEFAULT : language;
        model.put("t", catalogues.of(tag));
        model.put("languages", choices);
        model.put("weekdays", weekdays.getOrDefault(tag, weekdays.get(Languages.DEFAULT)));
        model.put("siteName", siteName);
        model.put("archiveUrl", path("/archive"));
        model.put("subscribeUrl", path("/subscribe"));
        return engine.render("web/" + template, model);
    }

    static void send(Context ctx, int status, String html) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    void error(Context ctx, WebError e) {
        Map<String, Object> m = new HashMap<>();
        m.put("status", e.status());
        m.put("title", e.titleKey());
        if (e.messageKey() != null) m.put("message", e.messageKey());
        if (e.getMessage() != null) m.put("detail", e.getMessage());
        render(ctx, e.status(), "error.html.ftl", m);
    }

    /** The last resort when even the error template fails: a fixed page with no model data in it. */
    static void plainError(Context ctx, int status, String title) {
        ctx.status(status)
                .contentType("text/html; charset=utf-8")
                .result("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                        + "</title></head><body><h1>" + title + "</h1></body></html>");
    }
}
