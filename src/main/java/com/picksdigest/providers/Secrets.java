package com.picksdigest.providers;

import com.picksdigest.common.Sha256;
import java.security.MessageDigest;

/** Comparisons of what a request presents with a configured secret, in time that tells nothing about either. */
final class Secrets {
    private Secrets() {}

    /** Equal strings; the digests make the comparison independent of where, and of whether the lengths, differ. */
    static boolean same(String presented, String expected) {
        if (presented == null) return false;
        return MessageDigest.isEqual(Sha256.of(presented), Sha256.of(expected));
    }
}
