package com.picksdigest.web.admin;

/** A category in a pick form's select or the picks list's filter. Public: FreeMarker reads only public classes' accessors. */
public record CategoryOption(String slug, String name) {}
