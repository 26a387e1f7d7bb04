package com.picksdigest.web;

import com.picksdigest.common.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The hidden form field that proves a POST came from a page this server rendered for the same link:
 * base64url(HMAC-SHA256(secret, "csrf:" + linkToken)). Stateless (no session, no cookie), so any node of a cluster
 * accepts it. The "csrf:" prefix keeps it from ever equalling a link token's own signature over "id.version".
 */
public final class CsrfTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final Hmac hmac;

    public CsrfTokens(String secret) {
        this.hmac = new Hmac(secret);
    }

    public String issue(String linkToken) {
        return B64.encodeToString(hmac.sign("csrf:" + linkToken));
    }

    /** Constant-time comparison; false for a missing or malformed value. */
    public boolean matches(String linkToken, String given) {
        if (linkToken == null || given == null || given.length() > 100) return false;
        return MessageDigest.isEqual(
                issue(linkToken).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
    }
}
