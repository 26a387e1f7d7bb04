package com.picksdigest.web;

/**
 * A request that ends with an error page: the status, a short title and one or two sentences for the reader, as
 * message keys of the catalogues (the page is in the reader's language), with an optional detail from a service.
 * Thrown by handlers and turned into a page in one place ({@link WebServer}); nothing has changed when it is thrown.
 */
final class WebError extends RuntimeException {
    private final int status;
    private final String titleKey;
    private final String messageKey;

    /** @param detail a sentence from a service (null for none), shown before the message */
    WebError(int status, String titleKey, String messageKey, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.titleKey = titleKey;
        this.messageKey = messageKey;
    }

    WebError(int status, String key) {
        this(status, key + ".title", key + ".message", null);
    }

    int status() {
        return status;
    }

    String titleKey() {
        return titleKey;
    }

    /** Null when the detail says it all. */
    String messageKey() {
        return messageKey;
    }

    static WebError notFound() {
        return new WebError(404, "error.notFound");
    }

    /** The same words whatever the reason, so the page never tells whether an address or subscriber exists. */
    static WebError invalidLink() {
        return new WebError(400, "error.invalidLink");
    }

    static WebError revokedLink() {
        return new WebError(410, "error.revokedLink");
    }

    static WebError badCsrf() {
        return new WebError(403, "error.badCsrf");
    }
}
