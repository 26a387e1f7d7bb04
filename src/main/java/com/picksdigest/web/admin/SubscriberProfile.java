package com.picksdigest.web.admin;

/**
 * A subscriber on their record page (subscriber.html.ftl): what the search shows of them (see {@link SubscriberRow})
 * and their preferences and state as the preferences form edits them, "" for none. Public: FreeMarker reads only
 * public classes' accessors.
 */
public record SubscriberProfile(
        String id,
        String email,
        String name,
        String status,
        String schedule,
        String since,
        String lastDigest,
        String timezone,
        int sendHour,
        String frequency,
        String weekday,
        String format,
        String locale,
        String pausedUntil,
        String confirmedAt,
        String unsubscribedAt,
        int softBounces) {}
