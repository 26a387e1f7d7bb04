package com.picksdigest.mail;

/** How the relay answered one message. */
public sealed interface SendResult {
    String reply();

    /** 250: the relay took responsibility for the message. */
    record Accepted(String reply) implements SendResult {}

    /** 4xx, a dropped connection or a timeout: worth trying again later. */
    record Transient(String reply) implements SendResult {}

    /**
     * The relay could not be reached or refused the session (connection refused, a 421 greeting, AUTH rejected):
     * nothing is wrong with this message, so it is tried again without counting against the subscriber.
     */
    record Unavailable(String reply) implements SendResult {}

    /** 5xx: will never succeed as is. */
    record Permanent(String reply) implements SendResult {}
}
