package com.picksdigest.config;

/**
 * How people join and manage themselves.
 *
 * @param doubleOptIn a sign-up stays pending until its confirmation link is used (PICKS_DOUBLE_OPT_IN, default on)
 * @param trustProxy  the client address for rate limits is the last X-Forwarded-For entry, set by the reverse proxy
 *                    in front (PICKS_TRUST_PROXY, default off: without a proxy that header is the client's to forge)
 * @param welcome     a new subscriber gets the welcome mail (email/welcome.*.ftl) once they are in: at confirmation,
 *                    or at sign-up without double opt-in (PICKS_WELCOME, default on)
 */
public record SignupConfig(boolean doubleOptIn, boolean trustProxy, boolean welcome) {

    /** With the welcome mail on, as by default. */
    public SignupConfig(boolean doubleOptIn, boolean trustProxy) {
        this(doubleOptIn, trustProxy, true);
    }

    public static SignupConfig from(Settings s) {
        return new SignupConfig(
                s.bool("PICKS_DOUBLE_OPT_IN", true), s.bool("PICKS_TRUST_PROXY", false), s.bool("PICKS_WELCOME", true));
    }
}
