package com.picksdigest.web;

import com.picksdigest.i18n.Messages;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A page that differs between readers only by their address and link token, rendered once per language with
 * placeholders and filled per request, as digests are. In a JFR profile of GET /u/{token} under wrk, rendering the
 * page was a fifth of the request's samples. Whether the template prints both values as they are (an operator's
 * template might transform them) is checked on the first render of each language against a real render of a sample;
 * a language whose check fails is rendered in full on every request.
 */
final class SlotPage {
    static final String EMAIL = "\uE010email\uE011";
    static final String TOKEN = "\uE010token\uE011";
    private static final String SAMPLE_EMAIL = "o'neil&co@exa<mple>.org";
    private static final String SAMPLE_TOKEN = "9.9.Sample-token_9";

    /** Renders the page for a language with these values for the address (raw) and the token. */
    private final BiFunction<String, String[], String> render;

    private final Map<String, String> templates = new ConcurrentHashMap<>();
    private static final String UNFIT = "";

    /** @param render (language, {email, token}) to the page's HTML */
    SlotPage(BiFunction<String, String[], String> render) {
        this.render = render;
    }

    String html(String language, String email, String token) {
        String t = templates.computeIfAbsent(language, this::prepare);
        if (t.equals(UNFIT)) return render.apply(language, new String[] {email, token});
        return fill(t, email, token);
    }

    private String prepare(String language) {
        String t = render.apply(language, new String[] {EMAIL, TOKEN});
        String expected = render.apply(language, new String[] {SAMPLE_EMAIL, SAMPLE_TOKEN});
        return fill(t, SAMPLE_EMAIL, SAMPLE_TOKEN).equals(expected) ? t : UNFIT;
    }

    private static String fill(String template, String email, String token) {
        return template.replace(EMAIL, Messages.escape(email)).replace(TOKEN, token);
    }
}
