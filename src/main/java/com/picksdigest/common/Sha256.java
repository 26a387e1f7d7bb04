package com.picksdigest.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a string's UTF-8 bytes: how secrets that are only ever compared are stored (API keys, session ids), how
 * a presented secret is compared in constant time, and the key a URL is known by.
 */
public final class Sha256 {
    private Sha256() {}

    public static byte[] of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The digest in lower-case hex, 64 characters. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
