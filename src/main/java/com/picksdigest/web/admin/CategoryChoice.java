package com.picksdigest.web.admin;

/**
 * An active category in the subscriber pages' filter (by id) and preferences form (by slug). Public: FreeMarker
 * reads only public classes' accessors.
 */
public record CategoryChoice(String id, String name, String slug) {}
