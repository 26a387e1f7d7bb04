package com.picksdigest.web.admin;

/**
 * An API key on the API keys page (api-keys.html.ftl); times as the editors read them, "" (revoked) or "never"
 * (lastUsed) for none. Public: FreeMarker reads only public classes' accessors.
 */
public record ApiKeyRow(
        long id,
        String name,
        String prefix,
        String scopes,
        String createdBy,
        String created,
        String lastUsed,
        String revoked) {}
