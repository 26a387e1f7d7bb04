package com.picksdigest.web.admin;

/**
 * A change in a subscriber's history (subscriber.html.ftl); edition "" when the event names none. Public: FreeMarker
 * reads only public classes' accessors.
 */
public record SubscriberEventRow(String at, String type, String detail, String edition) {}
