package com.picksdigest.subscribers;

import com.picksdigest.common.ClientNetwork;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits against subscription bombing (someone signing a victim up, or asking for links, again and again): sign-up
 * requests per client network ({@link ClientNetwork}), and self-service e-mails per recipient address, in sliding
 * windows. A request over the per-client limit gets 429; a mail over the per-recipient limit is silently not sent,
 * so the answer never tells a stranger anything about the address.
 */
public final class MailLimits {
    private static final Logger log = LoggerFactory.getLogger(MailLimits.class);
    public static final int REQUESTS_PER_CLIENT_PER_HOUR = 20;
    public static final int MAILS_PER_ADDRESS_PER_DAY = 3;

    private final SlidingWindowLimit perClient;
    private final SlidingWindowLimit perAddress;

    public MailLimits(Clock clock) {
        this.perClient = new SlidingWindowLimit(REQUESTS_PER_CLIENT_PER_HOUR, Duration.ofHours(1), clock);
        this.perAddress = new SlidingWindowLimit(MAILS_PER_ADDRESS_PER_DAY, Duration.ofDays(1), clock);
    }

    /** Counts one sign-up request for the client's network: its /64 for IPv6, its address for IPv4. */
    boolean allowRequestFrom(String clientAddress) {
        return perClient.tryAcquire(ClientNetwork.key(clientAddress));
    }

    boolean allowMailTo(String email) {
        if (perAddress.tryAcquire(EmailAddresses.key(email))) return true;
        log.info(
                "A self-service e-mail was not sent: its address already had {} in the last 24 hours",
                MAILS_PER_ADDRESS_PER_DAY);
        return false;
    }
}
