package com.picksdigest.support;

import java.util.List;
import java.util.Random;

/**
 * Random and malicious strings for hostile-input tests, the same for the same seed: header injections (CR, LF,
 * folded continuations), NUL and other controls, Unicode line separators and direction overrides, lone surrogates,
 * SQL and HTML metacharacters, template syntax, overlong and internationalised e-mail addresses, and sizes up to
 * 1 MB. Invalid UTF-8 cannot live in a Java string: the tests that need it build the bytes themselves.
 */
public final class Hostile {
    /** Fragments worth trying alone and in combination. */
    public static final List<String> NASTY = List.of(
            "x\r\nBcc: victim@example.org",
            "x\nBcc: victim@example.org",
            "x\rBcc: victim@example.org",
            "\r\n\r\n<html>body</html>",
            "x\r\n Subject: folded",
            "%0d%0aBcc:%20victim@example.org",
            "\u0000",
            "a\u0000b",
            "\u0007\u0008\u001b[31m",
            "\u007f",
            "\u0085",
            "\u2028",
            "\u2029",
            "\u202eevil\u202c",
            "\ufeff",
            "\ufffd",
            "\ud800",
            "\udfff",
            "\ud83d\ude00",
            "e\u0301",
            "\u0130",
            "' OR '1'='1",
            "'; DROP TABLE subscribers; --",
            "\" OR \"\"=\"",
            "\\",
            "\\'",
            "%",
            "_",
            "`",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "&amp;&lt;&#0;",
            "javascript:alert(1)",
            "${7*7}",
            "#{7*7}",
            "<#assign x=1>${x}",
            "[#ftl]",
            "{{7*7}}",
            "=?UTF-8?B?QmNjOiB2aWN0aW1AZXhhbXBsZS5vcmc=?=",
            "..",
            "../../etc/passwd",
            "/",
            "?",
            "#",
            ";",
            ",",
            "@",
            "\"quoted\"",
            "(comment)",
            "<angle@example.org>",
            "Robert'); --",
            "   ",
            "\t",
            "",
            "null",
            "undefined",
            "NaN",
            "-1",
            "0",
            "24",
            "99999999999999999999",
            "1e9",
            "0x10",
            "Europe/Paris\n",
            "UTC\u0000",
            "daily;weekly",
            "用户",
            "Ünïcödé",
            "עברית",
            "العربية",
            "ß",
            "ﬃ",
            "ｆｕｌｌｗｉｄｔｈ",
            "\u00a0");

    private static final List<String> EMAILS = List.of(
            "用户@例子.广告",
            "josé@bücher.de",
            "jose@xn--bcher-kva.de",
            "ñ@ñ.es",
            "a@b",
            "@example.org",
            "a@@example.org",
            "a@example..org",
            ".a@example.org",
            "a.@example.org",
            "a..b@example.org",
            "\"a b\"@example.org",
            "a@[127.0.0.1]",
            "a@localhost",
            "a@example.org\r\nBcc: v@example.org",
            "a@example.org, v@example.org",
            "a@example.org;v@example.org",
            "<a@example.org>",
            "A <a@example.org>",
            "a@example.org\u0000",
            "a+tag@example.org",
            "a%b@example.org",
            "a@-example.org",
            "a@example-.org",
            "a@exa_mple.org");

    private final Random random;

    public Hostile(long seed) {
        this.random = new Random(seed);
    }

    /** One hostile string, at most {@code maxLength} characters. */
    public String string(int maxLength) {
        String s = switch (random.nextInt(6)) {
            case 0 -> pick(NASTY);
            case 1 -> mix(1 + random.nextInt(5));
            case 2 -> randomCodePoints(1 + random.nextInt(40));
            case 3 ->
                pick(NASTY)
                        .repeat(1
                                + random.nextInt(Math.max(
                                        1, maxLength / Math.max(1, pick(NASTY).length() + 1))));
            case 4 -> email();
            default -> "plain " + mix(1) + " text";
        };
        return s.length() > maxLength ? s.substring(0, maxLength) : s;
    }

    /** Address-shaped input: internationalised, overlong parts, injections, or a fixed bad form. */
    public String email() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(EMAILS);
            case 1 -> "a".repeat(60 + random.nextInt(300)) + "@example.org";
            case 2 ->
                "reader@" + "d".repeat(60 + random.nextInt(10)) + "." + "e".repeat(1 + random.nextInt(300)) + ".org";
            case 3 -> "reader" + mix(1) + "@example.org";
            default -> mix(1) + "@" + mix(1) + ".org";
        };
    }

    /** A field of 1 MB: past every limit the application sets. */
    public String megabyte() {
        return pick(List.of("A", "é", "\r\n", "<b>", "'")).repeat(1 << 20).substring(0, 1 << 20);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** For assertion messages: controls and lone surrogates escaped, long strings cut. */
    public static String printable(String s) {
        String p = s.length() > 60 ? s.substring(0, 60) : s;
        return p.codePoints()
                        .mapToObj(c -> c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff)
                                ? String.format("\\u%04x", c)
                                : Character.toString(c))
                        .reduce("", String::concat)
                + (s.length() > 60 ? "...(" + s.length() + " chars)" : "");
    }

    private String mix(int parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            b.append(random.nextBoolean() ? pick(NASTY) : randomCodePoints(1 + random.nextInt(6)));
        }
        return b.toString();
    }

    private String randomCodePoints(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            int cp = switch (kind) {
                case 0 -> random.nextInt(0x80); // ASCII, controls included
                case 1 -> 0x80 + random.nextInt(0x780); // Latin and friends
                case 2 -> random.nextInt(0x10000); // anything in the BMP, surrogates included
                default -> 0x10000 + random.nextInt(0x100000); // astral planes
            };
            b.appendCodePoint(cp);
        }
        return b.toString();
    }
}
