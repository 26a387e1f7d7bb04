package com.picksdigest.web.admin;

/** An active category on the preview page, ticked when the preview is for its followers. */
public record PreviewCategory(String slug, String name, boolean checked) {}
