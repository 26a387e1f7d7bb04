package com.picksdigest.web.admin;

/** A row of the picks list (picks.html.ftl). Public: FreeMarker reads only public classes' accessors. */
public record PickRow(
        long id,
        String title,
        String source,
        String status,
        String category,
        String published,
        boolean scheduled,
        boolean movable) {}
