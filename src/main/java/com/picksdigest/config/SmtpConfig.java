package com.picksdigest.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The outgoing relay. An empty host means "none configured" (demo then starts an embedded GreenMail). */
public record SmtpConfig(
        Optional<String> host, int port, Optional<String> user, String password, Tls tls, Duration timeout) {

    public enum Tls {
        NONE,
        STARTTLS,
        SSL;

        /** The value of setting {@code key}: none, starttls or ssl (any case). */
        public static Tls parse(String key, String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + " must be none, starttls or ssl, not \"" + text + "\".");
            }
        }
    }

    public static SmtpConfig from(Settings s) {
        Tls tls = Tls.parse("PICKS_SMTP_TLS", s.string("PICKS_SMTP_TLS", "none"));
        int defaultPort = switch (tls) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case SSL -> 465;
        };
        return new SmtpConfig(
                s.optional("PICKS_SMTP_HOST"),
                s.integer("PICKS_SMTP_PORT", defaultPort, 1, 65535),
                s.optional("PICKS_SMTP_USER"),
                s.string("PICKS_SMTP_PASSWORD", ""),
                tls,
                s.seconds("PICKS_SMTP_TIMEOUT_SECONDS", 30, 1, 600));
    }

    public SmtpConfig withServer(String host, int port) {
        return new SmtpConfig(Optional.of(host), port, user, password, tls, timeout);
    }

    public String requireHost() {
        return host.orElseThrow(() -> new ConfigException("PICKS_SMTP_HOST is required to send mail but not set."));
    }
}
