package com.picksdigest.web.admin;

/** A webhook event type as a checkbox of the webhook forms. Public: FreeMarker reads only public classes' accessors. */
public record EventChoice(String name, boolean checked) {}
