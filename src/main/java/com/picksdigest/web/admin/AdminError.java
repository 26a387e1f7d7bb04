package com.picksdigest.web.admin;

/** Ends a workspace request with an error page; nothing has changed when it is thrown. */
final class AdminError extends RuntimeException {
    private final int status;

    AdminError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static AdminError forbidden() {
        return new AdminError(403, "This page is for admins.");
    }

    static AdminError badCsrf() {
        return new AdminError(
                403,
                "The form could not be accepted: it did not come from this session's page. "
                        + "Reload the page and try again. Nothing was changed.");
    }

    static AdminError notFound() {
        return new AdminError(404, "There is no such page or record.");
    }
}
