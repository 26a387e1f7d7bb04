package com.picksdigest.web.admin;

import com.picksdigest.config.MailConfig;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.delivery.DigestMessage;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestPlanner;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.Editor;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.Messenger;
import com.picksdigest.mail.SendResult;
import com.picksdigest.picks.Categories;
import com.picksdigest.subscribers.SubscriberService;
import io.javalin.http.Context;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The next digest as a chosen subscriber would get it now (or as a new subscriber following some categories),
 * rendered by the same selector, composer and templates as the real sends: HTML in a sandboxed frame beside the
 * text part. "Send test to me" builds the real MIME message and sends it to the signed-in editor.
 *
 * <p>Previews carry a dummy link token: their unsubscribe and preference links lead to the "not valid" page, so a
 * test message in an editor's inbox can never act on a subscriber.
 */
final class PreviewPage {
    static final String DUMMY_TOKEN = "preview";
    /** The HTML frame gets its own policy: no scripts, nothing loaded but https images, framed only by us. */
    static final String FRAME_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox allow-popups allow-popups-to-escape-sandbox";

    private final SubscriberService subscribers;
    private final Categories categories;
    private final DigestPlanner planner;
    private final DigestComposer composer;
    private final DigestTemplates templates;
    private final DigestMessage messages;
    private final MailConfig mail;
    private final Messenger messenger;
    private final AuditLog audit;
    private final AdminPages pages;
    private final Clock clock;

    PreviewPage(
            SubscriberService subscribers,
            Categories categories,
            DigestPlanner planner,
            DigestComposer composer,
            DigestTemplates templates,
            DigestMessage messages,
            Messenger messenger,
            MailConfig mail,
            AuditLog audit,
            AdminPages pages,
            Clock clock) {
        this.subscribers = subscribers;
        this.categories = categories;
        this.planner = planner;
        this.composer = composer;
        this.templates = templates;
        this.messages = messages;
        this.messenger = messenger;
        this.mail = mail;
        this.audit = audit;
        this.pages = pages;
        this.clock = clock;
    }

    /** Who the preview is for, read from the query (GET) or form (POST). */
    private record Target(String email, Set<String> categorySlugs) {}

    /** @param model null when there is nothing new: no e-mail would go out */
    private record Preview(String description, DigestModel model, String error) {}

    void show(Context ctx) {
        Target t = target(ctx);
        Map<String, Object> m = new HashMap<>();
        m.put("email", t.email() == null ? "" : t.email());
        List<Map<String, Object>> cats = new ArrayList<>();
        for (CategoriesRecord c : categories.active()) {
            cats.add(Map.of(
                    "slug",
                    c.getSlug(),
                    "name",
                    c.getName(),
                    "checked",
                    t.categorySlugs().contains(c.getSlug())));
        }
        m.put("categories", cats);
        m.put("nav", "preview");
        if (ctx.queryParam("show") != null) {
            Preview p = preview(t);
            m.put("description", p.description());
            if (p.error() != null) m.put("error", p.error());
            if (p.model() != null) {
                m.put("subject", p.model().subject());
                m.put("text", templates.renderText(p.model()));
                m.put("frameUrl", pages.path("/admin/preview/html?" + query(t)));
            }
        }
        String sent = ctx.queryParam("sent");
        if ("1".equals(sent))
            m.put(
                    "notice",
                    "Test message sent to " + AdminPages.session(ctx).editor().email() + ".");
        // The one workspace page that frames another: only our own preview route.
        ctx.header("Content-Security-Policy", ctx.res().getHeader("Content-Security-Policy") + "; frame-src 'self'");
        pages.render(ctx, 200, "preview.html.ftl", m);
    }

    void html(Context ctx) {
        Preview p = preview(target(ctx));
        if (p.model() == null) throw AdminError.notFound();
        ctx.header("Content-Security-Policy", FRAME_CSP);
        ctx.header("X-Frame-Options", "SAMEORIGIN");
        ctx.contentType("text/html; charset=utf-8").result(templates.renderHtml(p.model()));
    }

    void sendTest(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        Target t = target(ctx);
        Preview p = preview(t);
        if (p.model() == null) {
            throw new AdminError(409, p.error() != null ? p.error() : "Nothing to send: " + p.description());
        }
        DigestModel m = p.model();
        DigestModel test = m.withSubject("[Test] " + m.subject());
        SendResult result;
        try {
            MimeMessage message = messages.build(
                    me.email(), me.name(), DUMMY_TOKEN, test, templates.renderText(test), templates.renderHtml(test));
            result = messenger.send(message, new Envelope(mail.from().getAddress(), me.email()));
        } catch (MessagingException e) {
            throw new AdminError(500, "The test message could not be built: " + e.getMessage());
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

    private Preview preview(Target t) {
        DigestPlanner.Cut cut = planner.cutNow();
        if (t.email() != null) {
            SubscribersRecord s = subscribers.findByEmail(t.email());
            if (s == null) return new Preview("", null, "No subscriber has the address " + t.email() + ".");
            List<SelectedPick> picks = planner.next(
                    new DigestPlanner.Reader(
                            s.getId(),
                            DigestPlanner.seen(s.getWatermarkSeq(), s.getWatermark()),
                            s.getFrequency() == Frequency.WEEKLY),
                    cut);
            String who = "the next digest of " + s.getEmail() + " (" + s.getStatus() + ", " + s.getFrequency() + ")";
            if (picks.isEmpty())
                return new Preview(who, null, "Nothing new since their last digest: no e-mail would go out now.");
            ZoneId zone = zone(s.getTimezone());
            return new Preview(
                    who,
                    composer.compose(
                            LocalDate.now(clock.withZone(zone)),
                            picks,
                            new DigestComposer.Recipient(s.getName(), s.getTimezone(), s.getLocale(), DUMMY_TOKEN)),
                    null);
        }
        Set<Integer> ids = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (CategoriesRecord c : categories.active()) {
            if (t.categorySlugs().contains(c.getSlug())) {
                ids.add(c.getId());
                names.add(c.getName());
            }
        }
        String who =
                "a new daily subscriber following " + (names.isEmpty() ? "every category" : String.join(", ", names));
        List<SelectedPick> picks = planner.forNewReader(ids, false, cut);
        if (picks.isEmpty())
            return new Preview(who, null, "Nothing published in the last 24 hours for these categories.");
        String zone = pages.zone().getId();
        return new Preview(
                who,
                composer.compose(
                        LocalDate.now(clock.withZone(pages.zone())),
                        picks,
                        new DigestComposer.Recipient(null, zone, "en", DUMMY_TOKEN)),
                null);
    }

    private static String query(Target t) {
        StringJoiner q = new StringJoiner("&");
        if (t.email() != null) q.add("email=" + URLEncoder.encode(t.email(), StandardCharsets.UTF_8));
        for (String c : t.categorySlugs()) q.add("category=" + URLEncoder.encode(c, StandardCharsets.UTF_8));
        return q.toString();
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
