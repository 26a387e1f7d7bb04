package com.picksdigest.web;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.subscribers.AccountChanges;
import com.picksdigest.subscribers.Confirmations;
import com.picksdigest.subscribers.EmailAddresses;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.Signups;
import io.javalin.http.Context;

/**
 * /confirm/{token}, the link in a confirmation e-mail. GET shows what will happen and a button (mail scanners open
 * links, and must not confirm anything); POST, with the page's CSRF field, does it: activates a sign-up or a
 * resubscription, or moves the subscription to the confirmed new address.
 */
final class ConfirmPage {
    private final Confirmations confirmations;
    private final Signups signups;
    private final AccountChanges accounts;
    private final LinkTokens tokens;
    private final CsrfTokens csrf;
    private final Pages pages;

    ConfirmPage(
            Confirmations confirmations,
            Signups signups,
            AccountChanges accounts,
            LinkTokens tokens,
            CsrfTokens csrf,
            Pages pages) {
        this.confirmations = confirmations;
        this.signups = signups;
        this.accounts = accounts;
        this.tokens = tokens;
        this.csrf = csrf;
        this.pages = pages;
    }

    void show(Context ctx) {
        String token = ctx.pathParam("token");
        Confirmations.Pending p = pending(token);
        pages.render(
                ctx,
                200,
                "confirm.html.ftl",
                new Question(
                        action(p), address(p), csrf.issue(token), p.subscriber().getLocale()));
    }

    /** @param action what confirming does: "subscribe", "email" (a new address) or "resubscribe" */
    record Question(String action, String email, String csrf, String locale) {}

    record Confirmed(String action, String email, String preferencesUrl, String locale) {}

    void submit(Context ctx) {
        String token = ctx.pathParam("token");
        Confirmations.Pending p = pending(token);
        if (!csrf.matches(token, FormData.of(ctx).first("csrf"))) throw WebError.badCsrf();
        SubscribersRecord s;
        if (p.purpose() == Confirmations.Purpose.EMAIL) {
            try {
                s = accounts.applyEmailChange(p);
            } catch (InvalidInputException e) {
                throw new WebError(409, "error.addressUnusable.title", "error.nothingChanged", e.getMessage());
            }
        } else {
            s = signups.activate(p) ? p.subscriber() : null;
        }
        if (s == null) throw expired();
        pages.render(
                ctx,
                200,
                "confirmed.html.ftl",
                new Confirmed(
                        action(p),
                        EmailAddresses.forDisplay(s.getEmail()),
                        pages.path("/prefs/" + tokens.issue(s.getId(), s.getTokenVersion())),
                        s.getLocale()));
    }

    private Confirmations.Pending pending(String token) {
        Confirmations.Lookup lookup = confirmations.find(token);
        if (lookup instanceof Confirmations.Found found) return found.pending();
        if (lookup instanceof Confirmations.Gone) throw expired();
        throw WebError.invalidLink();
    }

    private static String action(Confirmations.Pending p) {
        if (p.purpose() == Confirmations.Purpose.EMAIL) return "email";
        SubscriberStatus status = p.subscriber().getStatus();
        return SubscriberStatus.PENDING == status || SubscriberStatus.ACTIVE == status ? "subscribe" : "resubscribe";
    }

    private static String address(Confirmations.Pending p) {
        return EmailAddresses.forDisplay(
                p.purpose() == Confirmations.Purpose.EMAIL
                        ? p.newEmail()
                        : p.subscriber().getEmail());
    }

    private static WebError expired() {
        return new WebError(410, "error.confirmExpired");
    }
}
