package com.picksdigest.web;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.picks.Categories;
import com.picksdigest.subscribers.MailLimits;
import com.picksdigest.subscribers.Signups;
import com.picksdigest.subscribers.SubscriberInput;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.JSONValue;
import org.jooq.tools.json.ParseException;

/**
 * /subscribe: the sign-up form (GET) and its submission (POST), as a form or as JSON for embedding on other sites.
 * The answer to a valid sign-up is the same page (or JSON), status and timing whoever the address belongs to: the
 * lookup and the e-mail happen after it ({@link Signups}).
 *
 * <p>The form carries no CSRF field, unlike every form behind a link: signing up is open to anyone by nature, and a
 * sign-up posted from another site is exactly what embedding is. What protects an inbox is the confirmation link and
 * the limits ({@link MailLimits}), not the origin of the request.
 *
 * <p>JSON: POST a body such as {"email": "a@example.org", "categories": ["ai"], "frequency": "weekly",
 * "weekday": 1, "hour": 7, "timezone": "Europe/Paris", "format": "html", "name": "Ana"} (only email required).
 * 202 {"status": "check-inbox", "message": ...}; 400/429/503 {"error": ...}. Any origin may call it (CORS).
 */
final class SignupPage {
    /** The one page with a script: its own file, so the policy still allows no inline code. */
    private static final String SCRIPT_CSP = Pages.CSP + "; script-src 'self'";

    private static final String SENT_HEADING = "inbox.heading";
    private static final String SENT_MESSAGE = "inbox.signup.message";

    private final Signups signups;
    private final Categories categories;
    private final Pages pages;
    private final ClientAddress clients;
    private final String script;
    /**
     * The form as GET shows it, rendered for the active categories it was rendered with: the same page for every
     * visitor until a category changes. Rendering it (about 430 time zones, each escaped) was most of a request's time
     * in a JFR profile under wrk. The categories come from {@link Categories#activeForForms()}: read at most once a
     * second, and at once again after a change made in this process.
     */
    private final Map<String, Blank> blank = new ConcurrentHashMap<>();

    private record Blank(List<List<String>> categories, String html) {}

    SignupPage(Signups signups, Categories categories, Pages pages, boolean trustProxy) {
        this.signups = signups;
        this.categories = categories;
        this.pages = pages;
        this.clients = new ClientAddress(trustProxy);
        this.script = resource("static/subscribe.js");
    }

    /** What the form shows: the defaults on GET, what was typed when a POST is refused. */
    private record Form(
            String email,
            String name,
            List<String> categories,
            String frequency,
            String weekday,
            String hour,
            String timezone,
            String format,
            String locale) {
        static Form defaults(String locale) {
            return new Form("", "", List.of(), "daily", "1", "8", "UTC", "html", locale);
        }
    }

    void show(Context ctx) {
        List<CategoriesRecord> active = categories.activeForForms();
        List<List<String>> key =
                active.stream().map(c -> List.of(c.getSlug(), c.getName())).toList();
        String language = pages.language(ctx);
        Blank b = blank.get(language);
        if (b == null || !b.categories().equals(key)) {
            b = new Blank(
                    key, pages.html("subscribe.html.ftl", model(active, Form.defaults(language), null), language));
            blank.put(language, b);
        }
        ctx.header("Vary", "Accept-Language");
        ctx.header("Content-Security-Policy", SCRIPT_CSP);
        Pages.send(ctx, 200, b.html());
    }

    void submit(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        boolean json = ctx.contentType() != null
                && ctx.contentType().toLowerCase(Locale.ROOT).startsWith("application/json");
        Form f;
        if (json) {
            try {
                f = fromJson(ctx.body());
            } catch (InvalidInputException e) {
                json(ctx, 400, Map.of("error", e.getMessage()));
                return;
            }
        } else {
            f = fromForm(FormData.of(ctx));
        }
        if (f.locale() == null || f.locale().isBlank()) {
            f = new Form(
                    f.email(),
                    f.name(),
                    f.categories(),
                    f.frequency(),
                    f.weekday(),
                    f.hour(),
                    f.timezone(),
                    f.format(),
                    pages.language(ctx));
        }
        try {
            signups.signUp(
                    new SubscriberInput(
                            f.email(),
                            f.name(),
                            f.timezone(),
                            PreferencesPage.number("Send hour", f.hour(), "from 0 to 23"),
                            f.frequency(),
                            PreferencesPage.number("Weekday", f.weekday(), "from 1 (Monday) to 7 (Sunday)"),
                            f.format(),
                            f.locale(),
                            f.categories()),
                    clients.of(ctx));
        } catch (InvalidInputException e) {
            if (json) json(ctx, 400, Map.of("error", e.getMessage()));
            else render(ctx, 400, f, pages.refusal(e, pages.language(ctx, f.locale()), "email"));
            return;
        } catch (Signups.TooManyRequests | Signups.Busy e) {
            if (!json) throw e; // the error page, from WebServer
            json(ctx, e instanceof Signups.Busy ? 503 : 429, Map.of("error", e.getMessage()));
            return;
        }
        if (json) {
            json(ctx, 202, Map.of("status", "check-inbox", "message", pages.message(f.locale(), SENT_MESSAGE)));
        } else {
            pages.render(
                    ctx,
                    200,
                    "check-inbox.html.ftl",
                    new CheckInbox(SENT_HEADING, SENT_MESSAGE, f.email().strip(), f.locale()));
        }
    }

    /** CORS preflight for the JSON sign-up from other sites; no cookies are involved, so any origin is fine. */
    void preflight(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "POST")
                .header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "86400")
                .status(204);
    }

    void script(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=3600")
                .contentType("text/javascript; charset=utf-8")
                .result(script);
    }

    private void render(Context ctx, int status, Form f, String error) {
        ctx.header("Content-Security-Policy", SCRIPT_CSP);
        pages.render(ctx, status, "subscribe.html.ftl", model(categories.active(), f, error));
    }

    private SignupForm model(List<CategoriesRecord> active, Form f, String error) {
        Set<String> ticked = Set.copyOf(f.categories());
        List<FormCategory> cats = new ArrayList<>();
        for (CategoriesRecord c : active) {
            cats.add(new FormCategory(c.getSlug(), c.getName(), ticked.contains(c.getSlug())));
        }
        return new SignupForm(
                nz(f.email()),
                new SubscriptionChoices(
                        nz(f.name()),
                        cats,
                        nz(f.frequency()),
                        PreferencesPage.weekdayOrDefault(f.weekday()),
                        nz(f.hour()),
                        nz(f.timezone()),
                        PreferencesPage.ZONES,
                        nz(f.format())),
                pages.path("/subscribe.js"),
                error == null,
                nz(f.locale()),
                true,
                error);
    }

    /**
     * The sign-up page: the form as typed (blank on GET) and why it was refused (null when it was not).
     *
     * @param guessTimezone whether the page's script may put the browser's time zone in (not over a refused form's)
     */
    record SignupForm(
            String email,
            SubscriptionChoices choices,
            String scriptUrl,
            boolean guessTimezone,
            String locale,
            boolean chooseLanguage,
            String error) {}

    private static Form fromForm(FormData form) {
        return new Form(
                form.first("email"),
                form.first("name"),
                form.all("category"),
                form.first("frequency"),
                form.first("weekday"),
                form.first("hour"),
                form.first("timezone"),
                form.first("format"),
                form.first("locale"));
    }

    private static Form fromJson(String body) {
        Object parsed;
        try {
            parsed = new JSONParser().parse(body);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidInputException("The request body is not valid JSON.");
        }
        if (!(parsed instanceof Map<?, ?> v))
            throw new InvalidInputException("The request body must be a JSON object.");
        Object cats = v.get("categories");
        List<String> categories = new ArrayList<>();
        if (cats instanceof List<?> list) {
            for (Object c : list) categories.add(text("categories", c));
        } else if (cats != null) {
            categories.add(text("categories", cats));
        }
        return new Form(
                text("email", v.get("email")),
                text("name", v.get("name")),
                categories,
                text("frequency", v.get("frequency")),
                text("weekday", v.get("weekday")),
                text("hour", v.get("hour")),
                text("timezone", v.get("timezone")),
                text("format", v.get("format")),
                text("locale", v.get("locale")));
    }

    private static String text(String field, Object value) {
        if (value == null || value instanceof String) return (String) value;
        if (value instanceof Number) return value.toString();
        throw new InvalidInputException("\"" + field + "\" must be a string or a number.");
    }

    private static void json(Context ctx, int status, Map<String, String> body) {
        ctx.status(status)
                .contentType("application/json; charset=utf-8")
                .result(JSONValue.toJSONString(new LinkedHashMap<>(body)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String resource(String path) {
        try (InputStream in = SignupPage.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException(path + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
