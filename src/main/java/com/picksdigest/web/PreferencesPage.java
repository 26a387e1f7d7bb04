package com.picksdigest.web;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.picks.Categories;
import com.picksdigest.subscribers.EmailAddresses;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.subscribers.SubscriberService;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /prefs/{token}: the subscriber's settings as a form. POST needs the CSRF field ({@link CsrfTokens}); it validates
 * everything through {@link SubscriberService#updatePreferences} (the same rules as every other way in), re-renders
 * the form with the message and a 400 when anything is wrong, and otherwise redirects (303) back to the form with a
 * "Saved" notice.
 */
final class PreferencesPage {
    /** Region zones only (no Etc/GMT+5, SystemV/...): about 430 names, a datalist the browser filters as one types. */
    static final List<String> ZONES = zones();

    private static final List<Integer> PAUSE_WEEKS = List.of(1, 2, 3, 4, 6, 8, 12);
    /** The notices of ?done=..., where the smaller forms of the page (pause, new address) redirect to. */
    private static final Map<String, String> DONE =
            Map.of("paused", "prefs.done.paused", "resumed", "prefs.done.resumed", "email", "prefs.done.email");

    private final SubscriberLinks links;
    private final SubscriberService subscribers;
    private final Categories categories;
    private final CsrfTokens csrf;
    private final Pages pages;

    PreferencesPage(
            SubscriberLinks links, SubscriberService subscribers, Categories categories, CsrfTokens csrf, Pages pages) {
        this.links = links;
        this.subscribers = subscribers;
        this.categories = categories;
        this.csrf = csrf;
        this.pages = pages;
    }

    void show(Context ctx) {
        String token = ctx.pathParam("token");
        SubscribersRecord s = links.resolve(token);
        String done = ctx.queryParam("done");
        pages.render(
                ctx,
                200,
                "preferences.html.ftl",
                model(
                        token,
                        s,
                        stored(s),
                        ctx.queryParam("saved") != null ? true : null,
                        done == null ? null : DONE.get(done),
                        null));
    }

    /** The form with the stored values and {@code error} above it: how the page's smaller forms refuse bad input. */
    void refuse(Context ctx, String token, SubscribersRecord s, InvalidInputException refused, String field) {
        String error = pages.refusal(refused, pages.language(ctx, s.getLocale()), field);
        pages.render(ctx, 400, "preferences.html.ftl", model(token, s, stored(s), null, null, error));
    }

    private Form stored(SubscribersRecord s) {
        Set<String> followed = new HashSet<>();
        Set<Integer> ids = subscribers.followedCategoryIds(s.getId());
        for (CategoriesRecord c : categories.active()) {
            if (ids.contains(c.getId())) followed.add(c.getSlug());
        }
        return new Form(
                s.getName(),
                followed,
                s.getFrequency().stored(),
                s.getWeekday() == null ? 1 : s.getWeekday(),
                String.valueOf(s.getSendHour()),
                s.getTimezone(),
                s.getFormat().stored(),
                s.getLocale());
    }

    void submit(Context ctx) {
        String token = ctx.pathParam("token");
        SubscribersRecord s = links.resolve(token);
        FormData form = FormData.of(ctx);
        if (!csrf.matches(token, form.first("csrf"))) throw WebError.badCsrf();

        List<String> cats = form.all("category");
        Form f = new Form(
                form.first("name"),
                new HashSet<>(cats),
                form.first("frequency"),
                weekdayOrDefault(form.first("weekday")),
                form.first("hour"),
                form.first("timezone"),
                form.first("format"),
                form.first("locale"));
        try {
            SubscriberInput in = new SubscriberInput(
                    null,
                    f.name(),
                    f.timezone(),
                    number("Send hour", f.hour(), "from 0 to 23"),
                    f.frequency(),
                    number("Weekday", form.first("weekday"), "from 1 (Monday) to 7 (Sunday)"),
                    f.format(),
                    f.locale(),
                    cats);
            if (in.timezone() == null || in.timezone().isBlank()) {
                throw new InvalidInputException("Time zone is required, for example Europe/Paris or UTC.");
            }
            if (!subscribers.updatePreferences(s.getId(), in)) throw WebError.revokedLink();
        } catch (InvalidInputException e) {
            String error = pages.refusal(e, pages.language(ctx, formLanguage(s, f)), "other");
            pages.render(ctx, 400, "preferences.html.ftl", model(token, s, f, null, null, error));
            return;
        }
        // Root-relative (with the base URL's path prefix), so it is right whatever host name the request used.
        ctx.header("Location", pages.path("/prefs/" + token + "?saved=1")).status(303);
    }

    /** What the form shows: the stored values on GET, what was typed when a POST is refused. */
    private record Form(
            String name,
            Set<String> categories,
            String frequency,
            int weekday,
            String hour,
            String timezone,
            String format,
            String locale) {}

    /**
     * @param saved  true right after the form was saved, else null
     * @param notice the catalogue key of what a smaller form just did (paused, resumed, address changed), or null
     * @param error  why the form was refused, or null
     */
    private PreferencesForm model(
            String token, SubscribersRecord s, Form f, Boolean saved, String notice, String error) {
        List<FormCategory> cats = new ArrayList<>();
        for (CategoriesRecord c : categories.active()) {
            cats.add(new FormCategory(c.getSlug(), c.getName(), f.categories().contains(c.getSlug())));
        }
        return new PreferencesForm(
                EmailAddresses.forDisplay(s.getEmail()),
                s.getStatus().stored(),
                new SubscriptionChoices(
                        f.name() == null ? "" : f.name(),
                        cats,
                        f.frequency() == null ? "" : f.frequency(),
                        f.weekday(),
                        f.hour() == null ? "" : f.hour(),
                        f.timezone() == null ? "" : f.timezone(),
                        ZONES,
                        f.format() == null ? "" : f.format()),
                csrf.issue(token),
                pages.path("/u/" + token),
                pages.path("/prefs/" + token),
                formLanguage(s, f),
                s.getPausedUntil() == null ? "" : Pages.longDate(s.getPausedUntil(), s.getLocale()),
                PAUSE_WEEKS,
                saved,
                notice,
                error);
    }

    /** A refused form shows the language chosen in it, when that is one; else the stored one. */
    private String formLanguage(SubscribersRecord s, Form f) {
        String chosen = pages.supported(f.locale());
        return chosen != null ? chosen : s.getLocale();
    }

    /** The preference centre for one reader. */
    record PreferencesForm(
            String email,
            String status,
            SubscriptionChoices choices,
            String csrf,
            String unsubscribeUrl,
            String accountUrl,
            String locale,
            String pausedUntil,
            List<Integer> pauseWeeks,
            Boolean saved,
            String notice,
            String error) {}

    static Integer number(String field, String raw, String range) {
        if (raw == null || raw.isBlank()) return null;
        String v = raw.strip();
        if (!v.matches("-?[0-9]{1,9}"))
            throw new InvalidInputException(field + " must be a whole number " + range + ".");
        return Integer.parseInt(v);
    }

    static int weekdayOrDefault(String raw) {
        try {
            int d = Integer.parseInt(raw == null ? "" : raw.strip());
            return d >= 1 && d <= 7 ? d : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static List<String> zones() {
        List<String> out = new ArrayList<>();
        out.add("UTC");
        ZoneId.getAvailableZoneIds().stream()
                .filter(z -> z.matches(
                        "(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+"))
                .sorted()
                .forEach(out::add);
        return List.copyOf(out);
    }
}
