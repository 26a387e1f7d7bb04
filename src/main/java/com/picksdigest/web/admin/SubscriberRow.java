package com.picksdigest.web.admin;

/**
 * A subscriber found by the subscribers page's search (subscribers.html.ftl): schedule as "daily 07:00 Europe/Paris",
 * times as the editors read them. Public: FreeMarker reads only public classes' accessors.
 */
public record SubscriberRow(
        String id, String email, String name, String status, String schedule, String since, String lastDigest) {}
