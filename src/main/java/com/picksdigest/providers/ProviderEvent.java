package com.picksdigest.providers;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One bounce or complaint as a provider's webhook reports it, read from its payload but not yet believed.
 *
 * @param kind        what the provider says happened
 * @param recipient   the address the provider says it is about
 * @param messageId   our Message-ID as the provider quotes it, in angle brackets
 * @param returnPaths envelope senders the provider quotes, where our signed return path (VERP) may be
 * @param status      the enhanced status code (5.1.1) the provider gives, or the class of failure (5.0.0, 4.0.0)
 * @param detail      the provider's name and reason, for the subscriber's event log
 */
record ProviderEvent(
        Kind kind,
        String recipient,
        Optional<String> messageId,
        List<String> returnPaths,
        String status,
        String detail) {

    enum Kind {
        HARD_BOUNCE,
        SOFT_BOUNCE,
        COMPLAINT,
        /** Delivered, deferred, opened...: acknowledged, nothing changes. */
        OTHER
    }

    static ProviderEvent other(String what) {
        return new ProviderEvent(Kind.OTHER, "", Optional.empty(), List.of(), "", what);
    }

    /**
     * A Message-ID as providers quote it (some without the angle brackets, some with spaces around) in the form the
     * ledger keeps; empty when it cannot be one of ours.
     */
    static Optional<String> messageId(String quoted) {
        if (quoted == null) return Optional.empty();
        String v = quoted.strip();
        if (v.startsWith("<") && v.endsWith(">")) v = v.substring(1, v.length() - 1);
        if (v.isEmpty() || v.length() > 250 || !v.matches("[^<>\\s]+@[^<>\\s]+")) return Optional.empty();
        return Optional.of("<" + v + ">");
    }

    /** The status code given, when it looks like one (5.1.1), else the class of failure of this kind. */
    static String status(Kind kind, String given) {
        if (given != null && given.strip().matches("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}")) return given.strip();
        return kind == Kind.SOFT_BOUNCE ? "4.0.0" : "5.0.0";
    }

    static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
