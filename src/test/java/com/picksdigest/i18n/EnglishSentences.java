package com.picksdigest.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The English catalogue's sentences as a reader would meet them, to find any left in a page or mail of another
 * language: the literal runs of each English message (arguments and plural syntax removed) of three words or more.
 */
public final class EnglishSentences {
    private static final Pattern LETTERS = Pattern.compile("\\p{L}{2,}");

    private EnglishSentences() {}

    /** Whether a message has words of its own, beyond its arguments and punctuation. */
    static boolean hasWords(String pattern) {
        return LETTERS.matcher(pattern.replaceAll("\\{[^{}]*\\}", "")).find();
    }

    /** Runs of at least three English words from the shipped English catalogue. */
    public static List<String> all() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e :
                new Catalogues(Optional.empty()).entries("en").entrySet()) {
            for (String run : e.getValue().split("\\{[^{}]*(\\{[^{}]*\\}[^{}]*)*\\}|#")) {
                String s = run.strip();
                if (s.split("\\s+").length >= 3) out.add(s);
            }
        }
        return out;
    }

    /** The English sentences found in text (HTML escaping of quotes and apostrophes undone). */
    public static List<String> in(String text) {
        String plain = text.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
        return all().stream().filter(plain::contains).toList();
    }
}
