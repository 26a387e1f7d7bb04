package com.picksdigest.web;

/**
 * A request that ends with an error page: the status, a short title and one or two sentences for the reader.
 * Thrown by handlers and turned into a page in one place ({@link WebServer}); nothing has changed when it is thrown.
 */
final class WebError extends RuntimeException {
    private final int status;
    private final String title;

    WebError(int status, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    static WebError notFound() {
        return new WebError(404, "Page not found", "There is no page at this address.");
    }

    /** The same words whatever the reason, so the page never tells whether an address or subscriber exists. */
    static WebError invalidLink() {
        return new WebError(
                400,
                "This link is not valid",
                "The link is incomplete or was changed. Copy the whole link from the e-mail, or use the link at the "
                        + "bottom of your most recent digest.");
    }

    static WebError revokedLink() {
        return new WebError(
                410,
                "This link has expired",
                "The link was replaced by a newer one or no longer applies: links stop working when all links are "
                        + "signed out from the preferences page, when the subscription moves to another address, and "
                        + "when its data is erased. Use the link at the bottom of your most recent digest.");
    }

    static WebError badCsrf() {
        return new WebError(
                403,
                "The form could not be accepted",
                "The form was not sent from this site's page, or it was incomplete. Open the link from your e-mail "
                        + "again and resubmit the form. Nothing was changed.");
    }
}
