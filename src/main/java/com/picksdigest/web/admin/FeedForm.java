package com.picksdigest.web.admin;

/** The register-a-feed form as typed (category by slug), "" when empty. Public: FreeMarker reads only public classes' accessors. */
public record FeedForm(String url, String category) {}
