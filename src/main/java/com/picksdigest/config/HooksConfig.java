package com.picksdigest.config;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The providers' bounce and complaint webhooks (POST /hooks/bounces/...). Each is off until its credential is set; a
 * route that is off answers 404.
 *
 * @param sesTopicArns       PICKS_HOOKS_SES_TOPIC_ARN (comma-separated): the SNS topics whose messages are believed;
 *                           anyone can have AWS sign messages for a topic of their own, so the topic is what makes a
 *                           signed message ours
 * @param postmark           PICKS_HOOKS_POSTMARK_USER and _PASSWORD: the basic-auth credentials put in the webhook URL
 * @param sendgridPublicKey  PICKS_HOOKS_SENDGRID_PUBLIC_KEY: the signed event webhook's verification key, base64 DER
 *                           as SendGrid shows it (EC P-256)
 * @param mailgunSigningKey  PICKS_HOOKS_MAILGUN_SIGNING_KEY: the HTTP webhook signing key
 * @param genericKey         PICKS_HOOKS_GENERIC_KEY: the bearer key of the generic JSON endpoint
 */
public record HooksConfig(
        Set<String> sesTopicArns,
        Optional<Credentials> postmark,
        Optional<PublicKey> sendgridPublicKey,
        Optional<String> mailgunSigningKey,
        Optional<String> genericKey) {

    public record Credentials(String user, String password) {}

    /** Shorter shared secrets are too easy to guess for something that can mark subscribers as bounced. */
    static final int MIN_SECRET = 16;

    public static HooksConfig from(Settings s) {
        Set<String> topics = s.optional("PICKS_HOOKS_SES_TOPIC_ARN").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .peek(HooksConfig::checkArn)
                .collect(Collectors.toUnmodifiableSet());
        Optional<String> user = s.optional("PICKS_HOOKS_POSTMARK_USER");
        Optional<Credentials> postmark = user.map(u -> {
            if (u.contains(":")) throw new ConfigException("PICKS_HOOKS_POSTMARK_USER must not contain ':'");
            return new Credentials(u, secret(s, "PICKS_HOOKS_POSTMARK_PASSWORD"));
        });
        Optional<PublicKey> sendgrid =
                s.optional("PICKS_HOOKS_SENDGRID_PUBLIC_KEY").map(HooksConfig::ecKey);
        Optional<String> mailgun =
                s.optional("PICKS_HOOKS_MAILGUN_SIGNING_KEY").map(k -> checked(k, "PICKS_HOOKS_MAILGUN_SIGNING_KEY"));
        Optional<String> generic =
                s.optional("PICKS_HOOKS_GENERIC_KEY").map(k -> checked(k, "PICKS_HOOKS_GENERIC_KEY"));
        return new HooksConfig(topics, postmark, sendgrid, mailgun, generic);
    }

    private static String secret(Settings s, String key) {
        return checked(s.required(key), key);
    }

    private static String checked(String value, String key) {
        if (value.length() < MIN_SECRET) {
            throw new ConfigException(key + " must be at least " + MIN_SECRET + " characters long");
        }
        return value;
    }

    private static void checkArn(String arn) {
        if (!arn.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]{1,256}")) {
            throw new ConfigException("PICKS_HOOKS_SES_TOPIC_ARN: \"" + arn + "\" is not an SNS topic ARN"
                    + " (arn:aws:sns:REGION:ACCOUNT:TOPIC)");
        }
    }

    /** The key as SendGrid's settings page shows it: base64 of the DER SubjectPublicKeyInfo, PEM armour allowed. */
    static PublicKey ecKey(String text) {
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
            if (!(key instanceof ECPublicKey ec)
                    || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new ConfigException("PICKS_HOOKS_SENDGRID_PUBLIC_KEY is not an EC P-256 public key");
            }
            return key;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new ConfigException("PICKS_HOOKS_SENDGRID_PUBLIC_KEY is not a base64 EC public key (copy the"
                    + " verification key from SendGrid's Mail Settings, Signed Event Webhook)");
        }
    }
}
