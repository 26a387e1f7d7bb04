package com.picksdigest.web;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.config.MailConfig;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.demo.DemoImages;
import com.picksdigest.digest.TemplateEngine;
import com.picksdigest.i18n.Catalogues;
import com.picksdigest.i18n.Languages;
import com.picksdigest.picks.Categories;
import com.picksdigest.subscribers.AccountChanges;
import com.picksdigest.subscribers.Confirmations;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.Signups;
import com.picksdigest.subscribers.SubscriberData;
import com.picksdigest.subscribers.SubscriberService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public pages: those reached from the links in every digest, the archive, sign-up and /healthz. Every route is
 * declared in {@link #register}; the work is in one small class per page. Pages are server-rendered
 * (templates/web/*.html.ftl, auto-escaped) and need no JavaScript.
 *
 * <pre>
 * GET  /u/{token}        "Unsubscribe ADDRESS from SITE?" with a button (and an optional reason)
 * POST /u/{token}        unsubscribes at once; also RFC 8058 one-click (List-Unsubscribe=One-Click)
 * GET  /prefs/{token}    the preferences form
 * POST /prefs/{token}    saves them (CSRF field required), then 303 back to the form with a notice
 * GET  /archive          editions that went out, newest first
 * GET  /archive/{date}   the picks of one edition (yyyy-MM-dd)
 * GET  /archive.atom     the editions as an Atom 1.0 feed
 * GET  /healthz          {"status":"ok"} (200) or {"status":"unavailable"} (503)
 * GET  /subscribe        the sign-up form; POST /subscribe takes it, or JSON (OPTIONS: CORS preflight)
 * GET  /confirm/{token}  "Confirm?" with a button; POST confirms (sign-up, resubscription, new address)
 * POST /u/{token}/resubscribe      mails a link to confirm a comeback
 * POST /prefs/{token}/pause        pause for N weeks (0 resumes); /email: ask to move to a new address;
 *                                  /rotate: sign out all links
 * GET  /prefs/{token}/export       everything stored about the subscriber, as JSON
 * GET  /prefs/{token}/erase        "Erase?" with a button; POST erases
 * GET  /static/demo/{file}         the demo picks' images (a fixed list of PNGs in the jar; 404 for other names)
 * </pre>
 */
public final class PublicRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(PublicRoutes.class);

    private final Pages pages;
    private final UnsubscribePage unsubscribe;
    private final PreferencesPage preferences;
    private final ArchivePage archive;
    private final HealthPage health;
    private final SignupPage signup;
    private final ConfirmPage confirm;
    private final AccountActions account;
    private final DataRightsPage dataRights;
    private final DemoImagePage demoImages;

    public PublicRoutes(
            TemplateEngine templates,
            Catalogues catalogues,
            Languages languages,
            MailConfig mail,
            SubscriberService subscribers,
            Categories categories,
            LinkTokens tokens,
            CsrfTokens csrf,
            DSLContext db,
            Signups signups,
            Confirmations confirmations,
            AccountChanges accounts,
            SubscriberData data,
            SignupConfig signupConfig,
            HealthChecks healthChecks,
            DemoImages demoImages,
            Clock clock) {
        this.pages = new Pages(templates, catalogues, languages, mail.siteName(), mail.baseUrl());
        SubscriberLinks links = new SubscriberLinks(tokens, subscribers);
        this.unsubscribe = new UnsubscribePage(links, subscribers, csrf, pages);
        this.preferences = new PreferencesPage(links, subscribers, categories, csrf, pages);
        this.archive =
                new ArchivePage(db, pages, mail.siteName(), mail.baseUrl().toString(), clock);
        this.health = new HealthPage(healthChecks);
        this.signup = new SignupPage(signups, categories, pages, signupConfig.trustProxy());
        this.confirm = new ConfirmPage(confirmations, signups, accounts, tokens, csrf, pages);
        this.account = new AccountActions(links, accounts, signups, csrf, preferences, pages);
        this.dataRights = new DataRightsPage(links, data, csrf, pages);
        this.demoImages = new DemoImagePage(demoImages);
    }

    @Override
    public void register(RoutesConfig r) {
        r.before(Pages::securityHeaders);
        r.before(Pages::refuseDotSegments);

        r.get("/u/{token}", unsubscribe::show);
        r.post("/u/{token}", unsubscribe::submit);
        r.get("/prefs/{token}", preferences::show);
        r.post("/prefs/{token}", preferences::submit);
        r.get("/archive", archive::index);
        r.get("/archive.atom", archive::atom);
        r.get("/archive/{date}", archive::edition);
        r.get("/healthz", health::status);

        r.get("/subscribe", signup::show);
        r.post("/subscribe", signup::submit);
        r.options("/subscribe", signup::preflight);
        r.get("/subscribe.js", signup::script);
        r.get("/confirm/{token}", confirm::show);
        r.post("/confirm/{token}", confirm::submit);
        r.post("/u/{token}/resubscribe", account::resubscribe);
        r.post("/prefs/{token}/pause", account::pause);
        r.post("/prefs/{token}/email", account::changeEmail);
        r.post("/prefs/{token}/rotate", account::signOutAllLinks);
        r.get("/prefs/{token}/export", dataRights::export);
        r.get("/prefs/{token}/erase", dataRights::confirmErase);
        r.post("/prefs/{token}/erase", dataRights::erase);
        r.get(DemoImages.PATH + "{file}", demoImages::show);

        r.exception(WebError.class, (e, ctx) -> page(ctx, e));
        r.exception(Signups.TooManyRequests.class, (e, ctx) -> page(ctx, new WebError(429, "error.tooMany")));
        r.exception(Signups.Busy.class, (e, ctx) -> page(ctx, new WebError(503, "error.busy")));
        r.exception(
                InvalidInputException.class,
                (e, ctx) -> page(ctx, new WebError(400, "error.refused.title", null, e.getMessage())));
        r.exception(
                HttpResponseException.class,
                (e, ctx) -> page(
                        ctx,
                        e.getStatus() == 404 ? WebError.notFound() : new WebError(e.getStatus(), "error.request")));
        r.exception(Exception.class, (e, ctx) -> {
            Throwable root = rootCause(e);
            log.error(
                    "{} {} failed: {}: {}",
                    ctx.method(),
                    redact(ctx.path()),
                    root.getClass().getSimpleName(),
                    HealthChecks.oneLine(root));
            page(ctx, new WebError(500, "error.internal"));
        });
    }

    private void page(Context ctx, WebError e) {
        try {
            pages.error(ctx, e);
        } catch (RuntimeException failure) {
            log.error("error page {} failed: {}", e.status(), HealthChecks.oneLine(failure));
            Pages.plainError(ctx, e.status(), e.status() == 500 ? "Something went wrong" : "Error " + e.status());
        }
    }

    /** Link tokens are capabilities: they stay out of the logs. */
    static String redact(String path) {
        return path == null ? "" : path.replaceAll("^(/u/|/prefs/|/confirm/)[^/]+", "$1...");
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r;
    }
}
