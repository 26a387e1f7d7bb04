package com.picksdigest.digest;

/**
 * A template could not be loaded, parsed or rendered. Unchecked so that a send run stops on it rather than mailing
 * half-rendered digests; the message names the template and the line so an operator can fix a restyled template.
 */
public final class TemplateFailure extends RuntimeException {

    TemplateFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
