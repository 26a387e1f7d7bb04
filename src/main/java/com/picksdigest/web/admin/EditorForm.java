package com.picksdigest.web.admin;

/** The add-an-editor form as typed (role "editor" or "admin"). Public: FreeMarker reads only public classes' accessors. */
public record EditorForm(String email, String name, String role) {
    static final EditorForm EMPTY = new EditorForm("", "", "editor");
}
