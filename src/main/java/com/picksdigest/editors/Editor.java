package com.picksdigest.editors;

/** A signed-in (or listed) editor, without the password hash. */
public record Editor(long id, String email, String name, Role role) {

    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** What the audit log and the picks' created_by/updated_by columns record. */
    public String actor() {
        return email;
    }
}
