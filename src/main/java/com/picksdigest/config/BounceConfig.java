package com.picksdigest.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The bounce mailbox polled over IMAP (none when PICKS_BOUNCE_IMAP_HOST is not set) and how reports count.
 *
 * @param softBounceLimit soft bounces in a row (no successful send between them) that make a subscriber bounced
 * @param window          how long after a delivery was sent a report about it still counts
 */
public record BounceConfig(Optional<Imap> imap, int softBounceLimit, Duration window) {
    /** Connect, read and write timeouts: a hung mailbox ends the poll, the next one tries again. */
    static final Duration IMAP_TIMEOUT = Duration.ofSeconds(30);

    public record Imap(
            String host, int port, String user, String password, SmtpConfig.Tls tls, String folder, Duration timeout) {}

    public static BounceConfig from(Settings s) {
        int limit = s.integer("PICKS_SOFT_BOUNCE_LIMIT", 3, 1, 100);
        Duration window = Duration.ofDays(s.integer("PICKS_BOUNCE_WINDOW_DAYS", 30, 1, 365));
        Optional<String> host = s.optional("PICKS_BOUNCE_IMAP_HOST");
        if (host.isEmpty()) return new BounceConfig(Optional.empty(), limit, window);
        SmtpConfig.Tls tls = SmtpConfig.Tls.parse("PICKS_BOUNCE_IMAP_TLS", s.string("PICKS_BOUNCE_IMAP_TLS", "none"));
        String user = s.required("PICKS_BOUNCE_IMAP_USER");
        return new BounceConfig(
                Optional.of(new Imap(
                        host.get(),
                        s.integer("PICKS_BOUNCE_IMAP_PORT", tls == SmtpConfig.Tls.SSL ? 993 : 143, 1, 65535),
                        user,
                        s.string("PICKS_BOUNCE_IMAP_PASSWORD", ""),
                        tls,
                        s.string("PICKS_BOUNCE_IMAP_FOLDER", "INBOX"),
                        IMAP_TIMEOUT)),
                limit,
                window);
    }
}
