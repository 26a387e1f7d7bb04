package com.picksdigest.web.admin;

import com.picksdigest.AppContext;
import com.picksdigest.Mailer;
import com.picksdigest.config.AdminConfig;
import com.picksdigest.config.MailConfig;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.digest.ClickLinks;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.PickSelector;
import com.picksdigest.digest.TemplateEngine;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.EditorAccounts;
import com.picksdigest.editors.LoginThrottle;
import com.picksdigest.editors.Passwords;
import com.picksdigest.editors.Sessions;
import com.picksdigest.editors.SignIn;
import com.picksdigest.picks.FeedImport;
import com.picksdigest.picks.Feeds;
import com.picksdigest.reports.EditionReports;
import com.picksdigest.reports.SubscriberStats;
import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.web.CsrfTokens;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editors' workspace under /admin, the click counter /c/{id} and /metrics, wired from the application's
 * services and added to the public {@link com.picksdigest.web.WebServer}. Routes are all declared in {@link #register}.
 *
 * <pre>
 * GET  /admin/login, POST /admin/login, POST /admin/logout
 * GET  /admin/picks?status=&category=&date=&q=       list; with a date, that day's digest order and up/down
 * GET  /admin/picks/new, POST /admin/picks            create
 * GET  /admin/picks/{id}, POST /admin/picks/{id}      edit
 * POST /admin/picks/{id}/publish | retract | move     (move: dir=up|down)
 * GET  /admin/candidates, GET /admin/candidates/{id}  feed items waiting; POST .../{id}/accept | dismiss
 * GET  /admin/categories, POST /admin/categories, POST /admin/categories/{id} (rename), .../{id}/retire
 * GET  /admin/feeds, POST /admin/feeds, POST /admin/feeds/{id}/poll | delete
 * GET  /admin/preview?email=|category=&show=1, GET /admin/preview/html?..., POST /admin/preview/send
 * GET  /admin/reports, GET /admin/reports/{date}, GET /admin/subscribers?q=
 * GET  /admin/account, POST /admin/account            own password
 * GET  /admin/editors, POST /admin/editors, POST /admin/editors/{id}, GET /admin/settings, GET /admin/audit (admins)
 * GET  /c/{token}                                     click: count, then redirect to the pick
 * GET  /metrics                                       Prometheus text format
 * </pre>
 */
public final class AdminRoutes {
    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);

    private final AdminPages pages;
    private final AdminAccess access;
    private final PickPages picks;
    private final CategoryPages categories;
    private final FeedPages feeds;
    private final PreviewPage preview;
    private final ReportPages reports;
    private final AccountPages accounts;
    private final ClickRedirect clicks;
    private final MetricsPage metrics;
    private final FeedImport feedImport;
    private final AdminConfig config;

    public AdminRoutes(AppContext app, Mailer mailer, SmtpConfig smtp) {
        this(app, mailer, smtp, new Passwords(Passwords.DEFAULT_COST));
    }

    /** @param passwords the bcrypt cost is the tests' to lower; production uses {@link Passwords#DEFAULT_COST} */
    public AdminRoutes(AppContext app, Mailer mailer, SmtpConfig smtp, Passwords passwords) {
        MailConfig mail = MailConfig.from(app.settings());
        this.config = AdminConfig.from(app.settings());
        DSLContext db = app.database().dsl();
        TemplateEngine engine = new TemplateEngine(mail.templatesDir());
        String basePath = mail.baseUrl().getRawPath() == null
                ? ""
                : mail.baseUrl().getRawPath().replaceAll("/+$", "");
        this.pages =
                new AdminPages(engine, mail.siteName(), basePath, new CsrfTokens(mail.secret()), config.editorZone());
        AuditLog audit = new AuditLog(db, app.clock());
        EditorAccounts editorAccounts = new EditorAccounts(db, passwords, app.clock());
        Sessions sessions = new Sessions(db, config.session(), app.clock());
        this.access = new AdminAccess(
                sessions,
                new SignIn(editorAccounts, passwords, new LoginThrottle(db, app.clock()), sessions, audit),
                pages,
                "https".equalsIgnoreCase(mail.baseUrl().getScheme()));
        this.picks = new PickPages(app.picks(), app.categories(), audit, pages);
        this.categories = new CategoryPages(app.categories(), db, audit, pages);
        this.feedImport =
                new FeedImport(db, "PicksDigest/0.1 (+" + mail.baseUrl() + ")", config.feedPoll(), app.clock());
        this.feeds =
                new FeedPages(new Feeds(db, app.categories(), app.clock()), feedImport, app.categories(), audit, pages);
        this.preview = new PreviewPage(
                app.subscribers(),
                app.categories(),
                new PickSelector(db, mail.maxItems()),
                new DigestTemplates(engine),
                mail,
                smtp,
                audit,
                pages,
                app.clock());
        this.reports = new ReportPages(
                new EditionReports(db), new SubscriberStats(db), pages, config.trackClicks(), app.clock());
        this.accounts = new AccountPages(editorAccounts, audit, app.settings(), pages);
        this.clicks =
                new ClickRedirect(new ClickLinks(mail.secret(), mail.baseUrl().toString()), db, app.clock());
        this.metrics = new MetricsPage(app.metrics(), db);
    }

    /** Feed polling for the cluster's scheduler: every five minutes, each feed when its own time has come. */
    public ScheduledTask feedTask() {
        return new ScheduledTask("feeds", "0 */5 * * * ?", feedImport::pollDue);
    }

    public void register(RoutesConfig r) {
        r.before("/admin", access::guard);
        r.before("/admin/*", access::guard);

        r.get("/admin", ctx -> pages.redirect(ctx, "/admin/picks", null));
        r.get("/admin/login", access::showLogin);
        r.post("/admin/login", access::submitLogin);
        r.post("/admin/logout", access::logout);

        r.get("/admin/picks", picks::list);
        r.get("/admin/picks/new", picks::newForm);
        r.post("/admin/picks", picks::create);
        r.get("/admin/picks/{id}", picks::edit);
        r.post("/admin/picks/{id}", picks::update);
        r.post("/admin/picks/{id}/publish", picks::publish);
        r.post("/admin/picks/{id}/retract", picks::retract);
        r.post("/admin/picks/{id}/move", picks::move);
        r.get("/admin/candidates", picks::candidates);
        r.get("/admin/candidates/{id}", picks::edit);
        r.post("/admin/candidates/{id}/accept", picks::accept);
        r.post("/admin/candidates/{id}/dismiss", picks::dismiss);

        r.get("/admin/categories", categories::list);
        r.post("/admin/categories", categories::create);
        r.post("/admin/categories/{id}", categories::rename);
        r.post("/admin/categories/{id}/retire", categories::retire);

        r.get("/admin/feeds", feeds::list);
        r.post("/admin/feeds", feeds::create);
        r.post("/admin/feeds/{id}/poll", feeds::poll);
        r.post("/admin/feeds/{id}/delete", feeds::remove);

        r.get("/admin/preview", preview::show);
        r.get("/admin/preview/html", preview::html);
        r.post("/admin/preview/send", preview::sendTest);

        r.get("/admin/reports", reports::index);
        r.get("/admin/reports/{date}", reports::edition);
        r.get("/admin/subscribers", reports::subscribers);

        r.get("/admin/account", accounts::account);
        r.post("/admin/account", accounts::changeOwnPassword);
        r.get("/admin/editors", accounts::editors);
        r.post("/admin/editors", accounts::addEditor);
        r.post("/admin/editors/{id}", accounts::changeEditor);
        r.get("/admin/settings", accounts::settings);
        r.get("/admin/audit", accounts::audit);

        r.get("/c/{token}", clicks::handle);
        r.get("/metrics", metrics::handle);

        r.exception(AdminError.class, this::error);
    }

    private void error(AdminError e, Context ctx) {
        if (e.status() >= 500) log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        Map<String, Object> m = new HashMap<>();
        m.put("status", e.status());
        m.put("title", HttpStatus.forStatus(e.status()).getMessage());
        m.put("message", e.getMessage());
        pages.render(ctx, e.status(), "error.html.ftl", m);
    }
}
