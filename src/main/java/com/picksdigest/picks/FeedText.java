package com.picksdigest.picks;

import org.jsoup.Jsoup;

/**
 * Feed descriptions are HTML fragments; picks hold plain text (the pages and e-mails escape it). This keeps the
 * words: scripts, styles and comments go whole, other tags go (block tags leave a space, inline ones nothing, so
 * words stay whole), character references are decoded, white space is folded. jsoup's HTML5 parser does the work in
 * one pass, so a hostile description costs time in proportion to its length, and the input is cut to
 * {@link #MAX_HTML} characters first, since a summary keeps at most 5,000 characters of text.
 */
final class FeedText {
    static final int MAX_HTML = 200_000;
    /** Longer than any real element name; see {@link #shortTagNames}. */
    static final int MAX_TAG_NAME = 64;

    private FeedText() {}

    static String plain(String html) {
        if (html == null) return null;
        if (html.length() <= MAX_HTML) return text(html);
        int end = Character.isHighSurrogate(html.charAt(MAX_HTML - 1)) ? MAX_HTML - 1 : MAX_HTML;
        return text(html.substring(0, end));
    }

    /** The text of an HTML fragment of any length, in time proportional to it; {@link #plain} bounds it first. */
    static String text(String html) {
        return fold(Jsoup.parseBodyFragment(shortTagNames(html)).body().text());
    }

    /**
     * jsoup 1.24 lower-cases a tag's whole name again each time it appends to it, and appends at every {@code <}
     * inside the name, so one unclosed tag such as {@code <a<a<a...} costs time in the square of its length
     * (measured: 0.25 s for 1 MB, 4.3 s for 4 MB). A space after {@link #MAX_TAG_NAME} characters of a name ends
     * it there (the rest reads as attributes, which cost linear time); no text changes, since a tag's name never
     * shows in the text.
     */
    static String shortTagNames(String html) {
        StringBuilder out = null;
        int copied = 0;
        int n = html.length();
        int i = 0;
        while (i < n) {
            if (html.charAt(i++) != '<') continue;
            if (i < n && html.charAt(i) == '/') i++;
            if (i >= n || !isAsciiLetter(html.charAt(i))) continue;
            int start = i;
            while (i < n && !endsTagName(html.charAt(i))) {
                if (i - start == MAX_TAG_NAME) {
                    if (out == null) out = new StringBuilder(n + n / MAX_TAG_NAME);
                    out.append(html, copied, i).append(' ');
                    copied = i;
                    break;
                }
                i++;
            }
        }
        return out == null ? html : out.append(html, copied, n).toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** What ends a tag name in the HTML5 tokenizer. */
    private static boolean endsTagName(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '/' || c == '>';
    }

    /**
     * One line: every run of white space, control characters or lone surrogates (jsoup decodes {@code &#xD800;}
     * to one; utf8mb4 cannot hold it and the driver would store '?') becomes one space.
     */
    static String fold(String s) {
        if (s == null) return null;
        String f = s.replaceAll("[\\s\\p{Cntrl}\\p{Cs}\\u00a0]+", " ").strip();
        return f.isEmpty() ? null : f;
    }

    static String clip(String s, int max) {
        if (s == null || s.length() <= max) return s;
        String cut = s.substring(0, max - 1);
        // never half of a character outside the BMP (an emoji): the driver would store the lone half as '?'
        if (Character.isHighSurrogate(cut.charAt(cut.length() - 1))) cut = cut.substring(0, cut.length() - 1);
        int space = cut.lastIndexOf(' ');
        return (space > max / 2 ? cut.substring(0, space) : cut).stripTrailing() + "…";
    }
}
