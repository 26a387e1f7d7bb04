package com.picksdigest.common;

/**
 * Refused because of the state the record is in, not because of how the request was typed: a duplicate name, an
 * action that does not fit the record's status. Pages show it like any refusal; the API answers 409.
 */
public class Conflict extends InvalidInputException {
    public Conflict(String message) {
        super(message);
    }
}
