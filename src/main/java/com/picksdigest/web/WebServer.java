package com.picksdigest.web;

import com.picksdigest.InvalidInputException;
import com.picksdigest.config.MailConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.db.Database;
import com.picksdigest.digest.TemplateEngine;
import com.picksdigest.picks.Categories;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.SelfService;
import com.picksdigest.subscribers.Signups;
import com.picksdigest.subscribers.SubscriberService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public web server: subscriber pages reached from the links in every digest, the archive, and /healthz.
 * Every route is declared in {@link #routes}; the work is in one small class per feature. Pages are server-rendered
 * (templates/web/*.html.ftl, auto-escaped) and need no JavaScript.
 *
 * <pre>
 * GET  /u/{token}        "Unsubscribe ADDRESS from SITE?" with a button (and an optional reason)
 * POST /u/{token}        unsubscribes at once; also RFC 8058 one-click (List-Unsubscribe=One-Click)
 * GET  /prefs/{token}    the preferences form
 * POST /prefs/{token}    saves them (CSRF field required), then 303 back to the form with a notice
 * GET  /archive          editions that went out, newest first
 * GET  /archive/{date}   the picks of one edition (yyyy-MM-dd)
 * GET  /healthz          JSON; 200 when everything is ok, 503 otherwise
 *
 * Self-service ({@link SelfService}):
 * GET  /subscribe                  the sign-up form; POST /subscribe takes it, or JSON (OPTIONS: CORS preflight)
 * GET  /confirm/{token}            "Confirm?" with a button; POST confirms (sign-up, resubscription, new address)
 * POST /u/{token}/resubscribe      mails a link to confirm a comeback
 * POST /prefs/{token}/pause        pause for N weeks (0 resumes); /email: ask to move to a new address;
 *                                  /rotate: sign out all links
 * GET  /prefs/{token}/export       everything stored about the subscriber, as JSON
 * GET  /prefs/{token}/erase        "Erase?" with a button; POST erases
 * </pre>
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** Forms here are a few fields; anything bigger is refused (413) before it is parsed. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final Pages pages;
    private final UnsubscribePage unsubscribe;
    private final PreferencesPage preferences;
    private final ArchivePage archive;
    private final Health health;
    private final SelfService selfService;
    private final SignupPage signup;
    private final ConfirmPage confirm;
    private final AccountActions account;
    private final DataRightsPage dataRights;
    private final List<Consumer<io.javalin.config.RoutesConfig>> moreRoutes = new ArrayList<>();
    private MeterRegistry metrics;
    private Javalin app;

    /**
     * @param healthChecks called on every /healthz: name to "ok" or a short description of what is wrong (e.g.
     *                     "scheduler" to "ok", "smtp" to "connection refused"); may be null
     */
    public WebServer(
            Database database,
            SubscriberService subscribers,
            Categories categories,
            LinkTokens tokens,
            MailConfig mail,
            Clock clock,
            Supplier<Map<String, String>> healthChecks) {
        this(
                database,
                subscribers,
                categories,
                tokens,
                mail,
                clock,
                healthChecks,
                SelfService.create(
                        database.dsl(),
                        subscribers,
                        categories,
                        mail,
                        SmtpConfig.from(Settings.of(Map.of())),
                        new SignupConfig(true, false),
                        UnaryOperator.identity(),
                        clock));
    }

    /**
     * @param selfService sign-up, confirmation and account pages act through it; this server closes it on
     *                    {@link #close} (the constructor above builds one that cannot mail: for servers and tests
     *                    that send nothing)
     */
    public WebServer(
            Database database,
            SubscriberService subscribers,
            Categories categories,
            LinkTokens tokens,
            MailConfig mail,
            Clock clock,
            Supplier<Map<String, String>> healthChecks,
            SelfService selfService) {
        this.pages = new Pages(new TemplateEngine(mail.templatesDir()), mail.siteName(), mail.baseUrl());
        SubscriberLinks links = new SubscriberLinks(tokens, subscribers);
        CsrfTokens csrf = new CsrfTokens(mail.secret());
        this.unsubscribe = new UnsubscribePage(links, subscribers, csrf, pages);
        this.preferences = new PreferencesPage(links, subscribers, categories, csrf, pages);
        this.archive = new ArchivePage(database.dsl(), pages, clock);
        this.health = new Health(database.dataSource(), healthChecks);
        this.selfService = selfService;
        this.signup = new SignupPage(
                selfService.signups(), categories, pages, selfService.config().trustProxy());
        this.confirm = new ConfirmPage(
                selfService.confirmations(), selfService.signups(), selfService.accounts(), tokens, csrf, pages);
        this.account =
                new AccountActions(links, selfService.accounts(), selfService.signups(), csrf, preferences, pages);
        this.dataRights = new DataRightsPage(links, selfService.data(), csrf, pages);
    }

    /** Adds another feature's routes (the editors' workspace...); call before {@link #start}. */
    public WebServer with(Consumer<io.javalin.config.RoutesConfig> routes) {
        moreRoutes.add(routes);
        return this;
    }

    /** Times every request and watches the thread pool into {@code registry} (jetty_*); call before {@link #start}. */
    public WebServer measuredBy(MeterRegistry registry) {
        this.metrics = registry;
        return this;
    }

    /** Starts on all interfaces; port 0 takes any free port (see {@link #port()}). */
    public WebServer start(int port) {
        return start("0.0.0.0", port);
    }

    public synchronized WebServer start(String host, int port) {
        if (app != null) throw new IllegalStateException("already started");
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            if (metrics != null) config.jetty.modifyServer(server -> HttpMetrics.bind(server, metrics));
            routes(config.routes);
        });
        app.start(host, port);
        return this;
    }

    private void routes(io.javalin.config.RoutesConfig r) {
        r.before(Pages::securityHeaders);

        r.get("/u/{token}", unsubscribe::show);
        r.post("/u/{token}", unsubscribe::submit);
        r.get("/prefs/{token}", preferences::show);
        r.post("/prefs/{token}", preferences::submit);
        r.get("/archive", archive::index);
        r.get("/archive/{date}", archive::edition);
        r.get("/healthz", health::handle);
        moreRoutes.forEach(more -> more.accept(r));

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

        r.exception(WebError.class, (e, ctx) -> page(ctx, e));
        r.exception(
                Signups.TooManyRequests.class,
                (e, ctx) -> page(ctx, new WebError(429, "Too many requests", e.getMessage())));
        r.exception(Signups.Busy.class, (e, ctx) -> page(ctx, new WebError(503, "Busy", e.getMessage())));
        r.exception(
                InvalidInputException.class,
                (e, ctx) -> page(ctx, new WebError(400, "That could not be accepted", e.getMessage())));
        r.exception(
                HttpResponseException.class,
                (e, ctx) -> page(
                        ctx,
                        e.getStatus() == 404
                                ? WebError.notFound()
                                : new WebError(
                                        e.getStatus(),
                                        HttpStatus.forStatus(e.getStatus()).getMessage(),
                                        "The request could not be handled. Nothing was changed.")));
        r.exception(Exception.class, (e, ctx) -> {
            Throwable root = rootCause(e);
            log.error(
                    "{} {} failed: {}: {}",
                    ctx.method(),
                    redact(ctx.path()),
                    root.getClass().getSimpleName(),
                    Health.oneLine(root));
            page(
                    ctx,
                    new WebError(
                            500,
                            "Something went wrong",
                            "The page could not be shown because of a problem on our side. Nothing was changed by it; "
                                    + "please try again in a few minutes."));
        });
    }

    private void page(Context ctx, WebError e) {
        try {
            pages.error(ctx, e);
        } catch (RuntimeException failure) {
            log.error("error page {} failed: {}", e.status(), Health.oneLine(failure));
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

    /** The port listened on; the chosen one when started with port 0. */
    public int port() {
        if (app == null) throw new IllegalStateException("not started");
        return app.port();
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
        health.close();
        selfService.close();
    }
}
