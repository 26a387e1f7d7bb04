package com.picksdigest.web;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.subscribers.SubscriberData;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscriber's data rights from their link: GET /prefs/{token}/export downloads everything stored about them as
 * JSON; GET /prefs/{token}/erase asks "are you sure?" and its POST (CSRF field required) erases them.
 */
final class DataRightsPage {
    private static final Logger log = LoggerFactory.getLogger(DataRightsPage.class);

    private final SubscriberLinks links;
    private final SubscriberData data;
    private final CsrfTokens csrf;
    private final Pages pages;

    DataRightsPage(SubscriberLinks links, SubscriberData data, CsrfTokens csrf, Pages pages) {
        this.links = links;
        this.data = data;
        this.csrf = csrf;
        this.pages = pages;
    }

    void export(Context ctx) {
        SubscribersRecord s = links.resolve(ctx.pathParam("token"));
        ctx.header("Content-Disposition", "attachment; filename=\"my-data.json\"")
                .contentType("application/json; charset=utf-8")
                .result(data.export(s));
    }

    void confirmErase(Context ctx) {
        String token = ctx.pathParam("token");
        SubscribersRecord s = links.resolve(token);
        pages.render(
                ctx,
                200,
                "erase.html.ftl",
                new EraseQuestion(
                        s.getEmail(),
                        csrf.issue(token),
                        pages.path("/prefs/" + token + "/export"),
                        pages.path("/prefs/" + token),
                        s.getLocale()));
    }

    record EraseQuestion(String email, String csrf, String exportUrl, String preferencesUrl, String locale) {}

    record Erased(String locale) {}

    void erase(Context ctx) {
        String token = ctx.pathParam("token");
        SubscribersRecord s = links.resolve(token);
        if (!csrf.matches(token, FormData.of(ctx).first("csrf"))) throw WebError.badCsrf();
        if (data.erase(s)) log.info("Subscriber #{} erased their data", s.getId());
        pages.render(ctx, 200, "erased.html.ftl", new Erased(s.getLocale()));
    }
}
