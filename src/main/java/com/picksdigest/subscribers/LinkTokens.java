package com.picksdigest.subscribers;

import com.picksdigest.common.Hmac;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Capability tokens for subscriber links: "{id}.{version}.{HMAC-SHA256(secret, id.version)}" in base64url.
 * A token names exactly one subscriber; bumping the subscriber's token version revokes every old link.
 */
public final class LinkTokens {
    public sealed interface Verdict {}

    public record Valid(long subscriberId, int version) implements Verdict {}

    public record Malformed() implements Verdict {}

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final Hmac hmac;

    public LinkTokens(String secret) {
        this.hmac = new Hmac(secret);
    }

    public String issue(long subscriberId, int version) {
        String body = subscriberId + "." + version;
        return body + "." + B64.encodeToString(hmac.sign(body));
    }

    /** Checks the signature only; whether the version is still current is the caller's question. */
    public Verdict verify(String token) {
        if (token == null || token.length() > 200) return new Malformed();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].matches("[1-9][0-9]{0,18}") || !parts[1].matches("[1-9][0-9]{0,8}")) {
            return new Malformed();
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return new Malformed();
        }
        String body = parts[0] + "." + parts[1];
        if (!B64.encodeToString(given).equals(parts[2]) || !MessageDigest.isEqual(hmac.sign(body), given)) {
            return new Malformed();
        }
        return new Valid(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
    }
}
