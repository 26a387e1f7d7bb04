package com.picksdigest.web.admin;

import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.Editor;
import com.picksdigest.mail.SendResult;
import com.picksdigest.picks.Categories;
import com.picksdigest.previews.DigestPreviews;
import com.picksdigest.previews.DigestPreviews.Preview;
import com.picksdigest.previews.DigestPreviews.Target;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.StringJoiner;

/**
 * The preview page: the next digest as {@link DigestPreviews} makes it, HTML in a sandboxed frame beside the text
 * part. "Send test to me" sends it to the signed-in editor.
 */
final class PreviewPage {
    /** The HTML frame gets its own policy: no scripts, nothing loaded but https images, framed only by us. */
    static final String FRAME_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox allow-popups allow-popups-to-escape-sandbox";

    private final DigestPreviews previews;
    private final Categories categories;
    private final DigestTemplates templates;
    private final AuditLog audit;
    private final AdminPages pages;

    PreviewPage(
            DigestPreviews previews,
            Categories categories,
            DigestTemplates templates,
            AuditLog audit,
            AdminPages pages) {
        this.previews = previews;
        this.categories = categories;
        this.templates = templates;
        this.audit = audit;
        this.pages = pages;
    }

    void show(Context ctx) {
        Target t = target(ctx);
        List<PreviewCategory> cats = new ArrayList<>();
        for (CategoriesRecord c : categories.active()) {
            cats.add(new PreviewCategory(
                    c.getSlug(), c.getName(), t.categorySlugs().contains(c.getSlug())));
        }
        Preview p = ctx.queryParam("show") == null ? null : previews.preview(t);
        boolean built = p != null && p.model() != null;
        View view = new View(
                t.email() == null ? "" : t.email(),
                cats,
                p == null ? null : p.description(),
                p == null ? null : p.reason(),
                built ? p.model().subject() : null,
                built ? templates.renderText(p.model()) : null,
                built ? pages.path("/admin/preview/html?" + query(t)) : null,
                "1".equals(ctx.queryParam("sent"))
                        ? "Test message sent to "
                                + AdminPages.session(ctx).editor().email() + "."
                        : null);
        // The one workspace page that frames another: only our own preview route.
        ctx.header("Content-Security-Policy", ctx.res().getHeader("Content-Security-Policy") + "; frame-src 'self'");
        pages.render(ctx, 200, "preview.html.ftl", AdminNav.PREVIEW, view);
    }

    /**
     * The preview page. Absent (null) until asked to show: description, error (why nothing would be sent), and with
     * a digest built, subject, text and frameUrl.
     */
    record View(
            String email,
            List<PreviewCategory> categories,
            String description,
            String error,
            String subject,
            String text,
            String frameUrl,
            String notice) {}

    void html(Context ctx) {
        Preview p = previews.preview(target(ctx));
        if (p.model() == null) throw AdminError.notFound();
        ctx.header("Content-Security-Policy", FRAME_CSP);
        ctx.header("X-Frame-Options", "SAMEORIGIN");
        ctx.contentType("text/html; charset=utf-8").result(templates.renderHtml(p.model()));
    }

    void sendTest(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        Target t = target(ctx);
        Preview p = previews.preview(t);
        if (p.empty()) {
            throw new AdminError(409, p.reason() != null ? p.reason() : "Nothing to send: " + p.description());
        }
        SendResult result;
        try {
            result = previews.sendTest(p, me.email(), me.name());
        } catch (IllegalStateException e) {
            throw new AdminError(500, e.getMessage());
        }
        if (!(result instanceof SendResult.Accepted)) {
            throw new AdminError(502, "The mail relay did not accept the test message: " + result.reply());
        }
        audit.record(me.actor(), "test-send", "digest", null, p.description());
        ctx.redirect(pages.path("/admin/preview?" + query(t) + "&show=1&sent=1"), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private Target target(Context ctx) {
        boolean post = ctx.method() == io.javalin.http.HandlerType.POST;
        String email = post ? ctx.formParam("email") : ctx.queryParam("email");
        List<String> cats = post ? ctx.formParams("category") : ctx.queryParams("category");
        String e = email == null || email.isBlank() ? null : email.strip();
        if (e != null && e.length() > 254) e = e.substring(0, 254);
        return new Target(e, new LinkedHashSet<>(cats.size() > 100 ? cats.subList(0, 100) : cats));
    }

    private static String query(Target t) {
        StringJoiner q = new StringJoiner("&");
        if (t.email() != null) q.add("email=" + URLEncoder.encode(t.email(), StandardCharsets.UTF_8));
        for (String c : t.categorySlugs()) q.add("category=" + URLEncoder.encode(c, StandardCharsets.UTF_8));
        return q.toString();
    }
}
