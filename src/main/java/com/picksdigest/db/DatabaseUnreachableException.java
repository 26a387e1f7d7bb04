package com.picksdigest.db;

/** The database could not be reached or logged into; the message names the URL and is shown as is. */
public final class DatabaseUnreachableException extends RuntimeException {
    public DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
