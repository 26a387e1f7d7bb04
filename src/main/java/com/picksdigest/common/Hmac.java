package com.picksdigest.common;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one primitive behind link tokens, CSRF fields, derived keys and the suppression hashes. */
public final class Hmac {
    /**
     * One initialised Mac per thread: getting and keying a new one for every token took a sixth of a GET /u/{token}
     * in the profile. doFinal leaves it ready for the next message.
     */
    private final ThreadLocal<Mac> mac;

    public Hmac(String secret) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public byte[] sign(String text) {
        return mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
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
