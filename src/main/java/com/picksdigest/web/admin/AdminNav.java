package com.picksdigest.web.admin;

/** The workspace menu item a page belongs under; layout.html.ftl marks it current by its key. */
enum AdminNav {
    DASHBOARD("dashboard"),
    PICKS("picks"),
    CANDIDATES("candidates"),
    CATEGORIES("categories"),
    FEEDS("feeds"),
    NOTES("notes"),
    PREVIEW("preview"),
    REPORTS("reports"),
    SUBSCRIBERS("subscribers"),
    EDITORS("editors"),
    SETTINGS("settings"),
    AUDIT("audit"),
    API_KEYS("api-keys"),
    WEBHOOKS("webhooks"),
    /** The own-password page: no menu item, reached from the signed-in address. */
    ACCOUNT("account");

    private final String key;

    AdminNav(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
