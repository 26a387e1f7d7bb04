package com.picksdigest.digest;

/**
 * A template could not be loaded, parsed or rendered. Unchecked so that a send run stops on it rather than mailing
 * half-rendered digests; the message names the template and the line so an operator can fix a restyled template.
 */
public final class TemplateFailure extends RuntimeException {
    private final String template;

    TemplateFailure(String template, String message, Throwable cause) {
        super(message, cause);
        this.template = template;
    }

    /** The name of the template at fault, relative to the templates root (e.g. "web/layout.html.ftl"). */
    public String template() {
        return template;
    }
}
