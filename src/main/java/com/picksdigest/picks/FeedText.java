package com.picksdigest.picks;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feed descriptions are HTML fragments; picks hold plain text (the pages and e-mails escape it). This keeps the
 * words: scripts and styles go whole, other tags go, entities are decoded, white space is folded.
 */
final class FeedText {
    private static final Pattern DROP = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>|<!--.*?-->");
    /** Tags that break a line become a space; inline ones (a, b, em, font...) vanish so words stay whole. */
    private static final Pattern BLOCK_TAG =
            Pattern.compile("(?is)</?(p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|hr|section|article)\\b[^>]*>");

    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ", "mdash", "—", "ndash", "–",
            "hellip", "…", "rsquo", "’");

    private FeedText() {}

    static String plain(String html) {
        if (html == null) return null;
        String s = DROP.matcher(html).replaceAll(" ");
        s = TAG.matcher(BLOCK_TAG.matcher(s).replaceAll(" ")).replaceAll("");
        return fold(decode(s));
    }

    /** One line: every run of white space or control characters becomes one space. */
    static String fold(String s) {
        if (s == null) return null;
        String f = s.replaceAll("[\\s\\p{Cntrl}\\u00a0]+", " ").strip();
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

    private static String decode(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r;
            if (e.startsWith("#x") || e.startsWith("#X")) r = codePoint(Integer.parseInt(e.substring(2), 16));
            else if (e.startsWith("#")) r = codePoint(Integer.parseInt(e.substring(1)));
            else r = NAMED.getOrDefault(e, m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A surrogate alone is no character: utf8mb4 cannot hold it, and the driver would store '?' instead. */
    private static String codePoint(int cp) {
        boolean character = Character.isValidCodePoint(cp) && cp >= 0x20 && !(cp >= 0xD800 && cp <= 0xDFFF);
        return character ? new String(Character.toChars(cp)) : " ";
    }
}
