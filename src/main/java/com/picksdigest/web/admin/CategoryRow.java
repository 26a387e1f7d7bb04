package com.picksdigest.web.admin;

/**
 * A category on the categories page (categories.html.ftl), with its counts and, after a refused rename, the
 * reason (null otherwise). Public: FreeMarker reads only public classes' accessors.
 */
public record CategoryRow(int id, String name, String slug, boolean retired, int picks, int followers, String error) {}
