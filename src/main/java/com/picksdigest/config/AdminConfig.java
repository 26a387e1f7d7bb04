package com.picksdigest.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The editors' workspace and what it adds to sending: click tracking, feed polling, the editors' time zone.
 *
 * @param editorZone  how publish times are shown and typed in the workspace, and what "a day" is when reordering
 * @param feedPoll    time between two polls of a healthy feed (failing feeds back off from there)
 * @param session     how long a sign-in lasts at most (it also ends after two hours without a request)
 * @param trackClicks links in digests go through /c/{signed id}, which counts the click and redirects
 */
public record AdminConfig(ZoneId editorZone, Duration feedPoll, Duration session, boolean trackClicks) {

    public static AdminConfig from(Settings s) {
        String zone = s.string("PICKS_EDITOR_TIMEZONE", "UTC");
        ZoneId z;
        try {
            z = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new ConfigException(
                    "PICKS_EDITOR_TIMEZONE must be a time zone such as Europe/Paris, not \"" + zone + "\".");
        }
        return new AdminConfig(
                z,
                Duration.ofMinutes(s.integer("PICKS_FEED_POLL_MINUTES", 30, 5, 1440)),
                Duration.ofHours(s.integer("PICKS_SESSION_HOURS", 12, 1, 720)),
                s.bool("PICKS_TRACK_CLICKS", false));
    }
}
