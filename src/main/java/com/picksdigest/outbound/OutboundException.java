package com.picksdigest.outbound;

/**
 * A fetch that did not bring an answer. The message is one sentence written by us (which rule refused, what
 * timed out, how large the answer was); it never quotes the bytes a server sent, so it may be shown to editors.
 */
public class OutboundException extends Exception {
    public OutboundException(String message) {
        super(message, null, false, false);
    }

    /** Refused by a rule before any connection to the refused address: scheme, port, address or redirects. */
    public static final class Refused extends OutboundException {
        public Refused(String message) {
            super(message);
        }
    }
}
