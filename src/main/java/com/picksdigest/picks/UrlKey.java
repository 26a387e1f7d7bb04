package com.picksdigest.picks;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.common.Sha256;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Normalises article URLs so that the same article reached by different links is stored once. */
public final class UrlKey {
    private UrlKey() {}

    public static URI parseHttp(String field, String raw) {
        if (raw == null || raw.isBlank()) throw new InvalidInputException(field + " is required.");
        if (raw.length() > 2000) throw new InvalidInputException(field + " is longer than 2000 characters.");
        try {
            URI u = new URI(raw.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new InvalidInputException(field + " must be an http(s) link, not \"" + abbreviate(raw) + "\".");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field + " is not a valid link: \"" + abbreviate(raw) + "\".");
        }
    }

    /** Lower-case scheme and host, no default port, no fragment, no trailing slash, no utm_* and click ids. */
    public static String normalise(URI u) {
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
        String query = u.getRawQuery() == null
                ? ""
                : Arrays.stream(u.getRawQuery().split("&"))
                        .filter(p -> !p.isEmpty())
                        .filter(p -> !isTracking(p.split("=", 2)[0].toLowerCase(Locale.ROOT)))
                        .collect(Collectors.joining("&"));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path + (query.isEmpty() ? "" : "?" + query);
    }

    private static boolean isTracking(String param) {
        return param.startsWith("utm_")
                || param.equals("fbclid")
                || param.equals("gclid")
                || param.equals("mc_cid")
                || param.equals("mc_eid")
                || param.equals("ref_src");
    }

    public static String key(URI u) {
        return Sha256.hex(normalise(u));
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
