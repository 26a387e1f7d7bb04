package com.picksdigest.editors;

import com.picksdigest.common.InvalidInputException;
import java.util.Locale;

/** Editors curate; admins also manage editors and see the settings and the audit log. */
public enum Role {
    EDITOR,
    ADMIN;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "editor" -> EDITOR;
            case "admin" -> ADMIN;
            default -> throw new InvalidInputException("Role must be editor or admin.");
        };
    }
}
