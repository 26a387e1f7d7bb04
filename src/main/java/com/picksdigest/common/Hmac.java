package com.picksdigest.common;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one primitive behind link tokens, CSRF fields, derived keys and the suppression hashes. */
public final class Hmac {
    private final SecretKeySpec key;

    public Hmac(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public byte[] sign(String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public String hex(String text) {
        return HexFormat.of().formatHex(sign(text));
    }

    /**
     * A key for one purpose, derived from the server secret, so that a value signed for one purpose (a link to the
     * preference centre) can never pass for another (a confirmation link) even when both carry the same numbers.
     */
    public static String derive(String secret, String purpose) {
        return new Hmac(secret).hex("purpose:" + purpose);
    }
}
