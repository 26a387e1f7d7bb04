package com.picksdigest.web.admin;

import com.picksdigest.api.ApiKeys;
import com.picksdigest.api.ImportJobs;
import com.picksdigest.common.Conflict;
import com.picksdigest.config.AdminConfig;
import com.picksdigest.config.MailConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.digest.ClickLinks;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.TemplateEngine;
import com.picksdigest.editing.PickEditing;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.EditorAccounts;
import com.picksdigest.editors.Sessions;
import com.picksdigest.editors.SignIn;
import com.picksdigest.notes.EditionNotes;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.FeedImport;
import com.picksdigest.picks.Feeds;
import com.picksdigest.picks.PickService;
import com.picksdigest.previews.DigestPreviews;
import com.picksdigest.reports.EditionReports;
import com.picksdigest.reports.InsightReports;
import com.picksdigest.reports.SubscriberHistory;
import com.picksdigest.reports.SubscriberSearch;
import com.picksdigest.reports.SubscriberStats;
import com.picksdigest.subscribers.AccountChanges;
import com.picksdigest.subscribers.Signups;
import com.picksdigest.subscribers.SubscriberData;
import com.picksdigest.subscribers.SubscriberService;
import com.picksdigest.web.ClientAddress;
import com.picksdigest.web.CsrfTokens;
import com.picksdigest.web.RouteGroup;
import com.picksdigest.webhooks.Webhooks;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editors' workspace under /admin and the click counter /c/{id}, on the public
 * {@link com.picksdigest.web.WebServer}. Routes are all declared in {@link #register}.
 *
 * <pre>
 * GET  /admin                                       dashboard: today's edition, queue, feeds, candidates, chart summaries
 * GET  /admin/charts/{growth|editions|sending|clicks}?days=30|90|365   a chart (SVG) and its table
 * GET  /admin/login, POST /admin/login, POST /admin/logout
 * GET  /admin/picks?status=&category=&date=&q=       list; with a date, that day's digest order and up/down
 * GET  /admin/picks/new, POST /admin/picks            create
 * GET  /admin/picks/{id}, POST /admin/picks/{id}      edit
 * POST /admin/picks/{id}/publish | retract | move     (move: dir=up|down)
 * GET  /admin/candidates, GET /admin/candidates/{id}  feed items waiting; POST .../{id}/accept | dismiss
 * GET  /admin/categories, POST /admin/categories, POST /admin/categories/{id} (rename), .../{id}/retire
 * GET  /admin/feeds, POST /admin/feeds, POST /admin/feeds/{id}/poll | delete
 * GET  /admin/preview?email=|category=&show=1, GET /admin/preview/html?..., POST /admin/preview/send
 * GET  /admin/reports, GET /admin/reports/{date}
 * GET  /admin/notes[?date=], GET /admin/notes/{date}, POST /admin/notes/{date} (action=preview | save)
 * GET  /admin/subscribers?q=&name=&status=&category=&from=&to=, GET /admin/subscribers/export?... (CSV),
 * GET  /admin/subscribers/import, POST /admin/subscribers/import (upload: preview), POST .../import/start,
 * GET  /admin/subscribers/import/{id} (progress), GET .../import/{id}/errors.csv   CSV import ({@link ImportPages})
 * POST /admin/subscribers/unsubscribe (bulk, the search's fields), GET /admin/subscribers/{id} (record),
 * POST /admin/subscribers/{id}/confirmation | links | preferences | pause | unsubscribe | erase (erase: admins)
 * GET  /admin/account, POST /admin/account            own password
 * GET  /admin/editors, POST /admin/editors, POST /admin/editors/{id}, GET /admin/settings, GET /admin/audit (admins)
 * GET  /admin/api-keys, POST /admin/api-keys, POST /admin/api-keys/{id}/revoke  (admins)
 * GET  /admin/webhooks, POST /admin/webhooks, GET/POST /admin/webhooks/{id}, POST .../{id}/enable | disable | delete
 *                                                     webhook endpoints and their delivery log (admins)
 * GET  /c/{token}                                     click: count, then redirect to the pick
 * </pre>
 */
public final class AdminRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);

    private final AdminPages pages;
    private final AdminAccess access;
    private final PickPages picks;
    private final CategoryPages categories;
    private final FeedPages feeds;
    private final PreviewPage preview;
    private final NotePages notes;
    private final ReportPages reports;
    private final InsightPages insight;
    private final SubscriberPages subscriberPages;
    private final AccountPages accounts;
    private final ClickRedirect clicks;
    private final ApiKeyPages apiKeys;
    private final WebhookPages webhooks;
    private final ImportPages imports;

    public AdminRoutes(
            TemplateEngine templates,
            MailConfig mail,
            AdminConfig config,
            Settings settings,
            CsrfTokens csrf,
            Sessions sessions,
            SignIn signIn,
            EditorAccounts editorAccounts,
            AuditLog audit,
            PickService pickService,
            PickEditing editing,
            Categories categoryService,
            Feeds feedService,
            FeedImport feedImport,
            SubscriberService subscribers,
            DigestPreviews previews,
            DigestTemplates digestTemplates,
            EditionReports editionReports,
            SubscriberStats subscriberStats,
            InsightReports insightReports,
            SubscriberSearch subscriberSearch,
            SubscriberHistory subscriberHistory,
            Signups signups,
            AccountChanges accountChanges,
            SubscriberData subscriberData,
            ClickLinks clickLinks,
            ApiKeys apiKeys,
            Webhooks webhookService,
            EditionNotes editionNotes,
            ImportJobs importJobs,
            boolean trustProxy,
            DSLContext db,
            Clock clock) {
        String basePath = mail.baseUrl().getRawPath() == null
                ? ""
                : mail.baseUrl().getRawPath().replaceAll("/+$", "");
        this.pages = new AdminPages(templates, mail.siteName(), basePath, csrf, config.editorZone());
        this.access = new AdminAccess(
                sessions,
                signIn,
                pages,
                "https".equalsIgnoreCase(mail.baseUrl().getScheme()),
                new ClientAddress(trustProxy));
        this.picks = new PickPages(pickService, categoryService, editing, pages, clock);
        this.categories = new CategoryPages(categoryService, editing, db, pages);
        this.feeds = new FeedPages(feedService, feedImport, categoryService, audit, pages);
        this.preview = new PreviewPage(previews, categoryService, digestTemplates, audit, pages);
        this.notes = new NotePages(editionNotes, pages, clock);
        this.reports = new ReportPages(editionReports, pages, config.trackClicks());
        this.insight = new InsightPages(insightReports, editionReports, pages, config.trackClicks());
        this.subscriberPages = new SubscriberPages(
                subscriberStats,
                subscriberSearch,
                subscriberHistory,
                subscribers,
                signups,
                accountChanges,
                subscriberData,
                categoryService,
                audit,
                pages,
                clock);
        this.accounts = new AccountPages(editorAccounts, audit, settings, pages);
        this.clicks = new ClickRedirect(clickLinks, db, clock);
        this.apiKeys = new ApiKeyPages(apiKeys, audit, pages);
        this.webhooks = new WebhookPages(webhookService, audit, pages);
        this.imports = new ImportPages(importJobs, audit, pages, clock);
    }

    @Override
    public void register(RoutesConfig r) {
        // an oversized upload is refused before the guard parses its form for the CSRF token
        r.before("/admin/subscribers/import", imports::limitSize);
        r.before("/admin", access::guard);
        r.before("/admin/*", access::guard);

        r.get("/admin", insight::dashboard);
        r.get("/admin/charts/{name}", insight::chart);
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

        r.get("/admin/notes", notes::list);
        r.get("/admin/notes/{date}", notes::edit);
        r.post("/admin/notes/{date}", notes::save);
        r.get("/admin/reports", reports::index);
        r.get("/admin/reports/{date}", reports::edition);
        r.get("/admin/subscribers", subscriberPages::list);
        r.get("/admin/subscribers/export", subscriberPages::export);
        r.get("/admin/subscribers/import", imports::form);
        r.post("/admin/subscribers/import", imports::upload);
        r.post("/admin/subscribers/import/start", imports::start);
        r.get("/admin/subscribers/import/{id}", imports::job);
        r.get("/admin/subscribers/import/{id}/errors.csv", imports::errors);
        r.post("/admin/subscribers/unsubscribe", subscriberPages::bulkUnsubscribe);
        r.get("/admin/subscribers/{id}", subscriberPages::record);
        r.post("/admin/subscribers/{id}/confirmation", subscriberPages::resendConfirmation);
        r.post("/admin/subscribers/{id}/links", subscriberPages::sendLinks);
        r.post("/admin/subscribers/{id}/preferences", subscriberPages::preferences);
        r.post("/admin/subscribers/{id}/pause", subscriberPages::pause);
        r.post("/admin/subscribers/{id}/unsubscribe", subscriberPages::unsubscribe);
        r.post("/admin/subscribers/{id}/erase", subscriberPages::erase);

        r.get("/admin/account", accounts::account);
        r.post("/admin/account", accounts::changeOwnPassword);
        r.get("/admin/editors", accounts::editors);
        r.post("/admin/editors", accounts::addEditor);
        r.post("/admin/editors/{id}", accounts::changeEditor);
        r.get("/admin/settings", accounts::settings);
        r.get("/admin/audit", accounts::audit);
        r.get("/admin/api-keys", apiKeys::list);
        r.post("/admin/api-keys", apiKeys::create);
        r.post("/admin/api-keys/{id}/revoke", apiKeys::revoke);

        r.get("/admin/webhooks", webhooks::list);
        r.post("/admin/webhooks", webhooks::create);
        r.get("/admin/webhooks/{id}", webhooks::show);
        r.post("/admin/webhooks/{id}", webhooks::changeEvents);
        r.post("/admin/webhooks/{id}/enable", webhooks::enable);
        r.post("/admin/webhooks/{id}/disable", webhooks::disable);
        r.post("/admin/webhooks/{id}/delete", webhooks::remove);

        r.get("/c/{token}", clicks::handle);

        r.exception(AdminError.class, this::error);
        // a change the record's state does not allow (a candidate edited, a duplicate name)
        r.exception(Conflict.class, (e, ctx) -> error(new AdminError(409, e.getMessage()), ctx));
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
