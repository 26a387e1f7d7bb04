package com.picksdigest.config;

/**
 * URLs fetched on someone's behalf (feeds).
 *
 * @param feedsAllowPrivate feeds may be on private (intranet) addresses; loopback and link-local stay refused
 */
public record OutboundConfig(boolean feedsAllowPrivate) {

    public static OutboundConfig from(Settings s) {
        return new OutboundConfig(s.bool("PICKS_FEED_ALLOW_PRIVATE", false));
    }
}
