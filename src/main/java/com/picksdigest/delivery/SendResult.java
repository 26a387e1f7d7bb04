package com.picksdigest.delivery;

/** How the relay answered one message. */
public sealed interface SendResult {
    String reply();

    /** 250: the relay took responsibility for the message. */
    record Accepted(String reply) implements SendResult {}

    /** 4xx, a dropped connection or a timeout: worth trying again later. */
    record Transient(String reply) implements SendResult {}

    /** 5xx: will never succeed as is. */
    record Permanent(String reply) implements SendResult {}
}
