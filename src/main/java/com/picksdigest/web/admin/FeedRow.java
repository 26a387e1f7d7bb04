package com.picksdigest.web.admin;

/**
 * A registered feed on the feeds page (feeds.html.ftl): times as the editors read them, "" (title, error) for none;
 * waiting counts its candidates not yet decided. Public: FreeMarker reads only public classes' accessors.
 */
public record FeedRow(
        long id,
        String url,
        String title,
        String category,
        String lastFetched,
        String nextFetch,
        String error,
        int failures,
        int imported,
        int waiting,
        boolean polling) {}
