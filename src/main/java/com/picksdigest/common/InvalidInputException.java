package com.picksdigest.common;

/** Input that was refused before anything changed; the message is a sentence fit for the user. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
