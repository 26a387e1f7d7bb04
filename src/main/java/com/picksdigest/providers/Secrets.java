package com.picksdigest.providers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Comparisons of what a request presents with a configured secret, in time that tells nothing about either. */
final class Secrets {
    private Secrets() {}

    /** Equal strings; the digests make the comparison independent of where, and of whether the lengths, differ. */
    static boolean same(String presented, String expected) {
        if (presented == null) return false;
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
