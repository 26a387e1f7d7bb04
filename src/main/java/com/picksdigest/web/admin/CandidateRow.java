package com.picksdigest.web.admin;

/** A candidate as the candidates page edits it in place (candidates.html.ftl). Public: FreeMarker reads only public classes' accessors. */
public record CandidateRow(
        long id, String title, String url, String summary, String source, String category, String categorySlug) {}
