package com.picksdigest.web.admin;

/** A saved editor's note on the notes list (notes.html.ftl). Public: FreeMarker reads only public classes' accessors. */
public record NoteRow(String date, String markdown, String updatedBy, String updatedAt) {}
