package com.picksdigest.web.admin;

import com.picksdigest.api.ApiKeys;
import com.picksdigest.common.InvalidFields;
import com.picksdigest.db.generated.tables.records.ApiKeysRecord;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.Editor;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Admins make API keys (the secret is shown once, in the answer to the form), see when each was last used, revoke. */
final class ApiKeyPages {
    private final ApiKeys keys;
    private final AuditLog audit;
    private final AdminPages pages;

    ApiKeyPages(ApiKeys keys, AuditLog audit, AdminPages pages) {
        this.keys = keys;
        this.audit = audit;
        this.pages = pages;
    }

    void list(Context ctx) {
        show(ctx, 200, "", List.of(), Map.of(), null, null);
    }

    void create(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        String name = ctx.formParam("name");
        List<String> scopes = ctx.formParams("scopes");
        ApiKeys.Created c;
        try {
            c = keys.create(name, scopes, me.actor());
        } catch (InvalidFields e) {
            show(ctx, 400, name, scopes, e.errors(), null, null);
            return;
        }
        audit.record(
                me.actor(),
                "create",
                "api-key",
                c.row().getId(),
                c.row().getName() + ": " + c.row().getScopes());
        // The one answer that holds the secret: never kept by a cache, never re-shown.
        ctx.header("Cache-Control", "no-store");
        show(ctx, 200, "", List.of(), Map.of(), c.secret(), c.row().getName());
    }

    void revoke(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw AdminError.notFound();
        }
        String name = keys.revoke(id);
        if (name != null) audit.record(me.actor(), "revoke", "api-key", id, name);
        pages.redirect(ctx, "/admin/api-keys", "saved");
    }

    private void show(
            Context ctx,
            int status,
            String name,
            List<String> chosen,
            Map<String, String> errors,
            String secret,
            String newName) {
        List<ApiKeyRow> rows = new ArrayList<>();
        for (ApiKeysRecord k : keys.all()) {
            rows.add(new ApiKeyRow(
                    k.getId(),
                    k.getName(),
                    k.getPrefix(),
                    k.getScopes(),
                    k.getCreatedBy(),
                    pages.time(k.getCreatedAt()),
                    k.getLastUsedAt() == null ? "never" : pages.time(k.getLastUsedAt()),
                    pages.time(k.getRevokedAt())));
        }
        pages.render(
                ctx,
                status,
                "api-keys.html.ftl",
                AdminNav.API_KEYS,
                new View(
                        rows,
                        ApiKeys.SCOPES,
                        name == null ? "" : name,
                        chosen,
                        errors,
                        secret,
                        secret == null ? null : newName));
    }

    /**
     * The keys page and its form.
     *
     * @param secret a key just created, shown this once with newName; null otherwise
     */
    record View(
            List<ApiKeyRow> keys,
            List<String> scopes,
            String name,
            List<String> chosen,
            Map<String, String> errors,
            String secret,
            String newName) {}
}
