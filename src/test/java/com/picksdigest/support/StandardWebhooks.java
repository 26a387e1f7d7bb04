package com.picksdigest.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification
 * (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md), independently of the production
 * signer: the secret is "whsec_" + base64 key; the signed content is webhook-id "." webhook-timestamp "." body; the
 * webhook-signature header is a space-separated list of "version,base64-signature" of which one "v1" must match
 * (compared in constant time); the timestamp must be within the tolerance of the receiver's clock.
 */
public final class StandardWebhooks {
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooks() {}

    /** @return null when the message verifies, otherwise why not */
    public static String problem(
            String secret, String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || timestamp == null || signatures == null) return "missing webhook-* headers";
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "timestamp is not a number: " + timestamp;
        }
        if (Math.abs(now.getEpochSecond() - ts) > TOLERANCE.toSeconds()) return "timestamp out of tolerance: " + ts;
        if (!secret.startsWith("whsec_")) return "secret without whsec_ prefix";
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] prefix = (id + "." + ts + ".").getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, content, 0, prefix.length);
            System.arraycopy(body, 0, content, prefix.length, body.length);
            expected = mac.doFinal(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String candidate : signatures.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) continue;
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) return null;
        }
        return "no v1 signature matches";
    }
}
