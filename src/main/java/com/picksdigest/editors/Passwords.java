package com.picksdigest.editors;

import com.picksdigest.common.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * bcrypt (Spring Security's implementation) with a per-hash salt. bcrypt reads at most 72 bytes, so longer
 * passwords are refused rather than silently cut.
 */
public final class Passwords {
    public static final int DEFAULT_COST = 12;
    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder;
    /** Compared against when the address is unknown, so a wrong address costs as long as a wrong password. */
    private final String decoy;

    public Passwords(int cost) {
        this(new BCryptPasswordEncoder(cost));
    }

    /** @param encoder the bcrypt implementation; tests hand in one that counts its checks */
    public Passwords(BCryptPasswordEncoder encoder) {
        this.encoder = encoder;
        this.decoy = encoder.encode("decoy password that matches nothing");
    }

    public String hash(String password) {
        check(password);
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            encoder.matches("x", decoy);
            return false;
        }
        return encoder.matches(password, hash == null ? decoy : hash) && hash != null;
    }

    static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidInputException("Password must be at least " + MIN_LENGTH + " characters long.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException(
                    "Password must be at most " + MAX_BYTES + " bytes long (bcrypt reads no more).");
        }
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException("Password must not contain control characters.");
        }
    }
}
