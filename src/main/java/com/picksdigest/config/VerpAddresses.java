package com.picksdigest.config;

import com.picksdigest.common.Hmac;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The return path of one delivery, {@code bounces+ID.MAC@domain} (VERP), and the reading of such addresses in bounce
 * reports. MAC is the first 64 bits of HMAC-SHA256 over the decimal delivery id, keyed for this purpose only from
 * PICKS_SECRET, in lower-case hex: relays that change the case of a local part do not break it, and it is compared
 * without regard to case.
 *
 * <p>Why 64 bits is enough: the MAC cannot be checked anywhere but here, so a forger can only try guesses by mailing
 * them to the bounce mailbox, which reads at most 500 messages per 5-minute poll (144,000 a day). One guess in 2^64
 * succeeds: at that rate the expected time to one success is about 3.5 × 10^11 years. A subscriber sees the MAC of
 * their own deliveries in their Return-Path, which tells nothing about anyone else's.
 *
 * <p>Digests sent before return paths were signed carry {@code bounces+ID@domain}: reported as {@link Unsigned}, for
 * the caller to accept only for such old deliveries.
 */
public final class VerpAddresses {
    static final int MAC_BYTES = 8;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** What a report's address says about the delivery it names. */
    public sealed interface Found {}

    /** No address of this form. */
    public record None() implements Found {}

    /** A delivery id with its MAC, checked. */
    public record Signed(long deliveryId) implements Found {}

    /** A delivery id without a MAC, as return paths were before they were signed. */
    public record Unsigned(long deliveryId) implements Found {}

    /** A delivery id with a MAC that is not ours, or addresses naming different deliveries: a forgery. */
    public record Forged(String why) implements Found {}

    private final String prefix;
    private final String suffix;
    private final Pattern pattern;
    /** The sender calls {@link #format} for every message from several threads: one Mac and buffers per thread. */
    private final ThreadLocal<State> state;

    private static final class State {
        final Mac mac;
        final byte[] digits = new byte[20];
        final StringBuilder text = new StringBuilder(96);

        State(SecretKeySpec key) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
            }
        }
    }

    public VerpAddresses(InternetAddress bounceAddress, String secret) {
        String a = bounceAddress.getAddress();
        int at = a.lastIndexOf('@');
        this.prefix = a.substring(0, at) + "+";
        this.suffix = a.substring(at);
        this.pattern = Pattern.compile(
                "(?<![A-Za-z0-9._%+-])" + Pattern.quote(prefix) + "([0-9]{1,18})(?:\\.([A-Za-z0-9]{0,64}))?"
                        + Pattern.quote(suffix) + "(?![A-Za-z0-9.-])",
                Pattern.CASE_INSENSITIVE);
        SecretKeySpec key =
                new SecretKeySpec(Hmac.derive(secret, "verp").getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.state = ThreadLocal.withInitial(() -> new State(key));
    }

    /** {@code bounces+ID.MAC@domain}: the string and the HMAC are all it allocates. */
    public String format(long deliveryId) {
        if (deliveryId <= 0) throw new IllegalArgumentException("delivery ids are positive: " + deliveryId);
        State s = state.get();
        byte[] mac = mac(s, deliveryId);
        StringBuilder t = s.text;
        t.setLength(0);
        t.append(prefix).append(deliveryId).append('.');
        for (int i = 0; i < MAC_BYTES; i++) t.append(HEX[(mac[i] >> 4) & 0xf]).append(HEX[mac[i] & 0xf]);
        return t.append(suffix).toString();
    }

    /**
     * The delivery that these header values (a report's recipients, the quoted Return-Path...) name. Every address of
     * this form among them must carry a MAC that checks, or none at all, and all must name the same delivery;
     * otherwise the report is {@link Forged}.
     */
    public Found find(Iterable<String> values) {
        Long id = null;
        boolean signed = false;
        for (String value : values) {
            Matcher m = pattern.matcher(value);
            while (m.find()) {
                long found = Long.parseLong(m.group(1));
                if (id != null && id != found) return new Forged("its return paths name two deliveries");
                id = found;
                if (m.group(2) == null) continue;
                if (!matches(found, m.group(2))) {
                    return new Forged("its return path names delivery " + found + " with a signature that is not ours");
                }
                signed = true;
            }
        }
        if (id == null) return new None();
        return signed ? new Signed(id) : new Unsigned(id);
    }

    private boolean matches(long deliveryId, String givenHex) {
        if (givenHex.length() != 2 * MAC_BYTES) return false;
        byte[] mac = mac(state.get(), deliveryId);
        byte[] given = new byte[MAC_BYTES];
        String lower = givenHex.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MAC_BYTES; i++) {
            int hi = Character.digit(lower.charAt(2 * i), 16);
            int lo = Character.digit(lower.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) return false;
            given[i] = (byte) (hi << 4 | lo);
        }
        return MessageDigest.isEqual(Arrays.copyOf(mac, MAC_BYTES), given);
    }

    /** HMAC of the decimal digits of {@code deliveryId} (positive). */
    private static byte[] mac(State s, long deliveryId) {
        long v = deliveryId;
        int start = s.digits.length;
        do {
            s.digits[--start] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        s.mac.update(s.digits, start, s.digits.length - start);
        return s.mac.doFinal();
    }
}
