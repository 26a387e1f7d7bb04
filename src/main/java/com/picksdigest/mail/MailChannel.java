package com.picksdigest.mail;

/** One sending thread's way to the relay: messages one after another over a connection kept open between them. */
public interface MailChannel extends AutoCloseable {
    /**
     * @param next the envelope of the message the caller sends right after this one, if it knows it: the relay can
     *             then be asked for it in the same round trip. The caller must then send exactly that next message,
     *             or call {@link #abandonOpenTransaction()}.
     */
    SendResult send(MessagePayload message, Envelope envelope, Envelope next);

    /** Drops a transaction announced for a message that will not come now (its build failed, the worker stops). */
    void abandonOpenTransaction();

    @Override
    void close();
}
