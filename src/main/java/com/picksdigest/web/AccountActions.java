package com.picksdigest.web;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.subscribers.AccountChanges;
import com.picksdigest.subscribers.Signups;
import io.javalin.http.Context;

/**
 * The smaller forms reached from a subscriber's links: pause, new address and "sign out all links" on the preference
 * centre, "Resubscribe" on the unsubscribe page. Each is a POST with the page's CSRF field; bad input re-renders the
 * preference centre with the message (400) and changes nothing.
 */
final class AccountActions {
    private final SubscriberLinks links;
    private final AccountChanges accounts;
    private final Signups signups;
    private final CsrfTokens csrf;
    private final PreferencesPage preferences;
    private final Pages pages;

    AccountActions(
            SubscriberLinks links,
            AccountChanges accounts,
            Signups signups,
            CsrfTokens csrf,
            PreferencesPage preferences,
            Pages pages) {
        this.links = links;
        this.accounts = accounts;
        this.signups = signups;
        this.csrf = csrf;
        this.preferences = preferences;
        this.pages = pages;
    }

    /** The link's subscriber, once the link and the CSRF field check out (400/410, 403 otherwise). */
    private record Request(String token, SubscribersRecord subscriber, FormData form) {}

    private Request authorise(Context ctx) {
        String token = ctx.pathParam("token");
        SubscribersRecord s = links.resolve(token);
        FormData form = FormData.of(ctx);
        if (!csrf.matches(token, form.first("csrf"))) throw WebError.badCsrf();
        return new Request(token, s, form);
    }

    void pause(Context ctx) {
        Request r = authorise(ctx);
        boolean paused;
        try {
            Integer weeks = PreferencesPage.number("Pause", r.form().first("weeks"), "of weeks");
            if (weeks == null) throw new InvalidInputException("Choose how many weeks to pause for.");
            paused = accounts.pause(r.subscriber(), weeks) != null;
        } catch (InvalidInputException e) {
            preferences.refuse(ctx, r.token(), r.subscriber(), e, "weeks");
            return;
        }
        backToPreferences(ctx, r, paused ? "paused" : "resumed");
    }

    void changeEmail(Context ctx) {
        Request r = authorise(ctx);
        try {
            accounts.requestEmailChange(r.subscriber(), r.form().first("email"));
        } catch (InvalidInputException e) {
            preferences.refuse(ctx, r.token(), r.subscriber(), e, "email");
            return;
        }
        backToPreferences(ctx, r, "email");
    }

    void signOutAllLinks(Context ctx) {
        Request r = authorise(ctx);
        accounts.signOutAllLinks(r.subscriber());
        pages.render(
                ctx,
                200,
                "check-inbox.html.ftl",
                new CheckInbox(
                        "inbox.signedOut.heading",
                        "inbox.signedOut.message",
                        r.subscriber().getEmail(),
                        r.subscriber().getLocale()));
    }

    void resubscribe(Context ctx) {
        Request r = authorise(ctx);
        if (SubscriberStatus.ACTIVE == r.subscriber().getStatus()) {
            ctx.header("Location", pages.path("/prefs/" + r.token())).status(303);
            return;
        }
        signups.resubscribe(r.subscriber());
        pages.render(
                ctx,
                200,
                "check-inbox.html.ftl",
                new CheckInbox(
                        "inbox.heading",
                        "inbox.resubscribe.message",
                        r.subscriber().getEmail(),
                        r.subscriber().getLocale()));
    }

    private void backToPreferences(Context ctx, Request r, String done) {
        ctx.header("Location", pages.path("/prefs/" + r.token() + "?done=" + done))
                .status(303);
    }
}
