package com.picksdigest.mail;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;

/**
 * The one way out for mail: "send these bytes to this envelope". Digests go through a {@link MailChannel} per send
 * worker (one reused connection, each message announcing the next); notices and test sends go one at a time.
 * Nothing else in the application opens a connection to a relay.
 */
public interface Messenger {
    /** A channel for one sending thread; it connects on first use and reconnects after a failure. */
    MailChannel openChannel();

    /**
     * One message built with Jakarta Mail, on a connection of its own (notices are rare). Never throws: a message
     * that cannot be written or a relay that cannot be reached is an outcome like any other.
     */
    SendResult send(MimeMessage message, Envelope envelope);

    /** Whether the relay can be reached now: "ok", or what is wrong in a few words (for the health report). */
    String probe(Duration timeout);
}
