package com.picksdigest.web;

import com.picksdigest.common.Fields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.subscribers.EmailAddresses;
import com.picksdigest.subscribers.SubscriberService;
import io.javalin.http.Context;

/**
 * /u/{token}. GET only asks (mail scanners and link previews fetch GETs; they must not unsubscribe anyone);
 * POST acts at once.
 *
 * <p>POST takes no CSRF field on purpose. RFC 8058 one-click unsubscribe has the mail client POST
 * "List-Unsubscribe=One-Click" to this URL with nothing from our page, so no CSRF token can be sent. The signed
 * link token is the capability: only someone holding the digest can build this request, and the one thing it can
 * do, unsubscribing that same reader, is what the link exists for. The optional reason comes from the page's form.
 */
final class UnsubscribePage {
    static final int MAX_REASON = 500;

    private final SubscriberLinks links;
    private final SubscriberService subscribers;
    private final CsrfTokens csrf;
    private final Pages pages;
    /** The question as GET shows it: the same for every reader of a language but for their address and link. */
    private final SlotPage question;

    UnsubscribePage(SubscriberLinks links, SubscriberService subscribers, CsrfTokens csrf, Pages pages) {
        this.links = links;
        this.subscribers = subscribers;
        this.csrf = csrf;
        this.pages = pages;
        this.question = new SlotPage((language, values) ->
                pages.html("unsubscribe.html.ftl", question(values[0], values[1], null, null, null), language));
    }

    void show(Context ctx) {
        String token = ctx.pathParam("token");
        SubscriberService.LinkHolder s = links.holder(token);
        if (s.status() == SubscriberStatus.UNSUBSCRIBED) {
            done(ctx, token, s);
            return;
        }
        String html = question.html(pages.language(ctx, s.locale()), EmailAddresses.forDisplay(s.email()), token);
        Pages.send(ctx, 200, html);
    }

    void submit(Context ctx) {
        String token = ctx.pathParam("token");
        SubscriberService.LinkHolder s = links.holder(token);
        String rawReason = FormData.of(ctx).first("reason");
        String reason;
        try {
            reason = Fields.line("Reason", rawReason, MAX_REASON, false);
        } catch (InvalidInputException e) {
            form(ctx, 400, token, s, rawReason, pages.refusal(e, pages.language(ctx, s.locale()), "reason"));
            return;
        }
        subscribers.unsubscribe(s.id(), reason); // false when already unsubscribed: same page, nothing to do
        done(ctx, token, s);
    }

    private void form(
            Context ctx, int status, String token, SubscriberService.LinkHolder s, String reason, String error) {
        pages.render(
                ctx,
                status,
                "unsubscribe.html.ftl",
                question(EmailAddresses.forDisplay(s.email()), token, reason, error, s.locale()));
    }

    /** @param locale the reader's language; null where the caller renders for a language of its choosing */
    private Question question(String email, String token, String reason, String error, String locale) {
        return new Question(
                email, reason == null ? "" : reason, MAX_REASON, pages.path("/prefs/" + token), error, locale);
    }

    /** The question, with the reason typed so far and why it was refused (null when it was not). */
    record Question(String email, String reason, int maxReason, String preferencesUrl, String error, String locale) {}

    record Unsubscribed(String email, String resubscribeUrl, String csrf, String locale) {}

    /** The page after unsubscribing, with "Resubscribe" (which mails a link to confirm: coming back needs the mailbox). */
    private void done(Context ctx, String token, SubscriberService.LinkHolder s) {
        pages.render(
                ctx,
                200,
                "unsubscribed.html.ftl",
                new Unsubscribed(s.email(), pages.path("/u/" + token + "/resubscribe"), csrf.issue(token), s.locale()));
    }
}
