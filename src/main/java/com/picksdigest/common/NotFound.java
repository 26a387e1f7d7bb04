package com.picksdigest.common;

/** The record named does not exist (any more). Pages show it like any refusal; the API answers 404. */
public class NotFound extends InvalidInputException {
    public NotFound(String message) {
        super(message);
    }
}
