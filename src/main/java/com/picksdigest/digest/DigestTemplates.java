package com.picksdigest.digest;

/**
 * Renders the e-mail templates. One instance is shared by all sender threads: the FreeMarker configuration
 * ({@link TemplateEngine}) is complete when the constructor returns and never changes afterwards, which is what
 * makes it safe to share.
 */
public final class DigestTemplates {

    /**
     * What an edition renders in place of a reader's link token (inside unsubscribeUrl and preferencesUrl) and name
     * (recipientName) when it renders a digest once for everyone who gets it; each reader's values go in after
     * encoding. Control characters no template emits. The digest templates must print these values untransformed:
     * {@link TemplateCheck} verifies it at start.
     */
    public static final String TOKEN_SLOT = "\u0001T\u0001";

    public static final String NAME_SLOT = "\u0001N\u0001";

    static final String DIR = "email/";
    static final String HTML = DIR + "digest.html.ftl";
    static final String TEXT = DIR + "digest.txt.ftl";

    private final TemplateEngine engine;

    /** Shares one engine (and so one template cache) with the web pages. */
    public DigestTemplates(TemplateEngine engine) {
        this.engine = engine;
    }

    public String renderHtml(DigestModel model) {
        return engine.render(HTML, model);
    }

    public String renderText(DigestModel model) {
        return engine.render(TEXT, model);
    }

    /** Renders any template under email/ by name, e.g. "confirm.txt.ftl", with a Map or record model. */
    public String render(String templateName, Object model) {
        if (templateName.contains("/") || templateName.contains("\\")) {
            throw new IllegalArgumentException("A template name under email/, without a path: " + templateName);
        }
        return engine.render(DIR + templateName, model);
    }

    /**
     * Loads and parses both digest templates; throws TemplateFailure on a syntax error. Call before a send run so a
     * broken template stops the edition before any mail goes out.
     */
    public void check() {
        engine.check(HTML);
        engine.check(TEXT);
    }
}
