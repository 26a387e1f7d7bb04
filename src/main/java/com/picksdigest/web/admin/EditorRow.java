package com.picksdigest.web.admin;

/**
 * An editor on the editors page (editors.html.ftl): self marks the one signed in (not removable); error is why a
 * change to this row was refused, null otherwise. Public: FreeMarker reads only public classes' accessors.
 */
public record EditorRow(long id, String email, String name, String role, boolean self, String error) {}
