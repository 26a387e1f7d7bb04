package com.picksdigest.common;

import java.util.regex.Pattern;

/**
 * The one rule for links shown to readers: only http(s) URLs become links. HTML escaping does not stop a
 * {@code javascript:} or {@code data:} URL, and picks come from feeds as well as from editors.
 */
public final class HttpLinks {
    private static final Pattern HTTP = Pattern.compile("(?i)https?://\\S+");

    private HttpLinks() {}

    /** The URL when it is an http(s) URL, else null (no link). */
    public static String orNull(String url) {
        return url != null && HTTP.matcher(url).matches() ? url : null;
    }
}
