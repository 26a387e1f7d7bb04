package com.picksdigest.i18n;

import com.picksdigest.common.InvalidInputException;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/**
 * The languages readers can choose: those with a catalogue. The one place a language tag from outside (CLI, CSV,
 * API, forms, Accept-Language) becomes a stored one, so every way in accepts and refuses the same tags.
 */
public final class Languages {
    public static final String DEFAULT = "en";

    private final List<String> tags;

    public Languages(Catalogues catalogues) {
        this.tags = catalogues.tags();
    }

    public List<String> tags() {
        return tags;
    }

    /**
     * The supported language a BCP 47 tag names: the same tag ("pt-BR"), else the supported one of its language
     * ("fr-CA" is "fr", "pt" is "pt-BR"); none given is English. Throws, with the list of supported tags, for any other.
     */
    public String parse(String raw) {
        if (raw == null || raw.isBlank()) return DEFAULT;
        String v = raw.strip();
        String found = find(v);
        if (found == null) {
            throw new InvalidInputException("\"" + (v.length() > 35 ? v.substring(0, 32) + "..." : v)
                    + "\" is not a supported language; supported: " + String.join(", ", tags) + ".");
        }
        return found;
    }

    /** The best supported match for an Accept-Language header, in the order of its weights; English if none. */
    public String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 500) return DEFAULT;
        try {
            for (Locale.LanguageRange r : Locale.LanguageRange.parse(header)) {
                if (r.getWeight() == 0 || r.getRange().equals("*")) continue;
                String found = match(canonical(r.getRange()));
                if (found != null) return found;
            }
        } catch (IllegalArgumentException e) {
            // A malformed header is a browser's problem, not the reader's: the page is shown in the default.
        }
        return DEFAULT;
    }

    /** What {@link #parse} accepts, or null instead of an exception (a page's ?lang= that names no language). */
    public String find(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 35) return null;
        return match(canonical(raw.strip()));
    }

    private String match(String tag) {
        if (tag == null) return null;
        for (String t : tags) if (t.equalsIgnoreCase(tag)) return t;
        String language = Locale.forLanguageTag(tag).getLanguage();
        for (String t : tags) if (Locale.forLanguageTag(t).getLanguage().equals(language)) return t;
        return null;
    }

    /** The canonical form of a well-formed tag ("pt_br" is "pt-BR"), or null when it is not one. */
    static String canonical(String raw) {
        try {
            Locale l =
                    new Locale.Builder().setLanguageTag(raw.replace('_', '-')).build();
            return l.getLanguage().isEmpty() ? null : l.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }
}
