package com.picksdigest.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hidden form field that proves a POST came from a page this server rendered for the same link:
 * base64url(HMAC-SHA256(secret, "csrf:" + linkToken)). Stateless (no session, no cookie), so any node of a cluster
 * accepts it. The "csrf:" prefix keeps it from ever equalling a link token's own signature over "id.version".
 */
public final class CsrfTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SecretKeySpec key;

    public CsrfTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String issue(String linkToken) {
        return B64.encodeToString(mac(linkToken));
    }

    /** Constant-time comparison; false for a missing or malformed value. */
    public boolean matches(String linkToken, String given) {
        if (linkToken == null || given == null || given.length() > 100) return false;
        return MessageDigest.isEqual(issue(linkToken).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String linkToken) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(("csrf:" + linkToken).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
