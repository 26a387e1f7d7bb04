package com.picksdigest.mail;

/** One sending thread's way to the relay: messages one after another over a connection kept open between them. */
public interface MailChannel extends AutoCloseable {
    /**
     * @param next the envelope of the message the caller sends right after this one, if it knows it: the relay can
     *             then be asked for it in the same round trip. The caller must then send exactly that next message,
     *             or call {@link #abandonOpenTransaction()}.
     */
    SendResult send(MessagePayload message, Envelope envelope, Envelope next);

    /**
     * The name of the relay that gave the last {@link #send} its answer (as {@code RelaysConfig.Relay#name}), for
     * the per-relay figures kept with each delivery. Not meaningful after an {@link SendResult.Unavailable}: no relay
     * answered then.
     */
    String relay();

    /** Drops a transaction announced for a message that will not come now (its build failed, the worker stops). */
    void abandonOpenTransaction();

    @Override
    void close();
}
