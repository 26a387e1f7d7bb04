package com.picksdigest.web;

/** An active category in the sign-up and preference forms, ticked when the reader follows (or chose) it. */
public record FormCategory(String slug, String name, boolean checked) {}
