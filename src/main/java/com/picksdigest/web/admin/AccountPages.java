package com.picksdigest.web.admin;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.config.Settings;
import com.picksdigest.db.generated.tables.records.AuditLogRecord;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.Editor;
import com.picksdigest.editors.EditorAccounts;
import com.picksdigest.editors.Role;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Admin-only: editors (add, change role, set a password, remove), the settings in force (read-only: they come
 * from the environment or the --config file, secrets masked) and the audit log. Also every editor's own password.
 */
final class AccountPages {
    static final int AUDIT_SHOWN = 300;

    private final EditorAccounts accounts;
    private final AuditLog audit;
    private final Settings settings;
    private final AdminPages pages;

    AccountPages(EditorAccounts accounts, AuditLog audit, Settings settings, AdminPages pages) {
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.pages = pages;
    }

    void editors(Context ctx) {
        showEditors(ctx, 200, Map.of("email", "", "name", "", "role", "editor"), null, null, null);
    }

    void addEditor(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        Map<String, String> v = Map.of(
                "email",
                nz(ctx.formParam("email")),
                "name",
                nz(ctx.formParam("name")),
                "role",
                nz(ctx.formParam("role")));
        try {
            Editor e = accounts.add(v.get("email"), v.get("name"), ctx.formParam("password"), Role.of(v.get("role")));
            audit.record(
                    me.actor(),
                    "create",
                    "editor",
                    e.id(),
                    e.email() + " as " + e.role().db());
        } catch (InvalidInputException e) {
            showEditors(ctx, 400, v, e.getMessage(), null, null);
            return;
        }
        pages.redirect(ctx, "/admin/editors", "editor-added");
    }

    void changeEditor(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        long id = id(ctx);
        String action = nz(ctx.formParam("action"));
        try {
            Editor target = accounts.require(id);
            switch (action) {
                case "role" -> {
                    Role role = Role.of(ctx.formParam("role"));
                    accounts.setRole(id, role);
                    audit.record(me.actor(), "set-role", "editor", id, target.email() + " as " + role.db());
                }
                case "password" -> {
                    accounts.setPassword(id, ctx.formParam("password"));
                    audit.record(me.actor(), "set-password", "editor", id, target.email());
                }
                case "remove" -> {
                    accounts.remove(id, me);
                    audit.record(me.actor(), "remove", "editor", id, target.email());
                }
                default -> throw new InvalidInputException("Unknown action.");
            }
        } catch (InvalidInputException e) {
            showEditors(ctx, 400, Map.of("email", "", "name", "", "role", "editor"), null, id, e.getMessage());
            return;
        }
        pages.redirect(ctx, "/admin/editors", "saved");
    }

    void account(Context ctx) {
        pages.render(ctx, 200, "account.html.ftl", Map.of("nav", "account"));
    }

    /** Every editor's own password: the current one first, so a borrowed session cannot take the account over. */
    void changeOwnPassword(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        try {
            if (!accounts.passwordMatches(me.id(), ctx.formParam("current"))) {
                throw new InvalidInputException("The current password is not right.");
            }
            accounts.setPassword(me.id(), ctx.formParam("password"));
        } catch (InvalidInputException e) {
            pages.render(ctx, 400, "account.html.ftl", Map.of("nav", "account", "error", e.getMessage()));
            return;
        }
        audit.record(me.actor(), "set-password", "editor", me.id(), "own");
        pages.redirect(ctx, "/admin/login", null); // every session ended with the change, this one too
    }

    void settings(Context ctx) {
        List<Map<String, String>> rows = new ArrayList<>();
        new TreeMap<>(settings.all()).forEach((k, v) -> rows.add(Map.of("key", k, "value", masked(k, v))));
        pages.render(ctx, 200, "settings.html.ftl", Map.of("settings", rows, "nav", "settings"));
    }

    void audit(Context ctx) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditLogRecord r : audit.recent(AUDIT_SHOWN)) {
            Map<String, Object> m = new HashMap<>();
            m.put("at", pages.time(r.getCreatedAt()));
            m.put("actor", r.getActor());
            m.put("action", r.getAction());
            m.put("subject", r.getSubject() + (r.getSubjectId() == null ? "" : " #" + r.getSubjectId()));
            m.put("detail", nz(r.getDetail()));
            rows.add(m);
        }
        pages.render(ctx, 200, "audit.html.ftl", Map.of("entries", rows, "nav", "audit"));
    }

    private void showEditors(
            Context ctx, int status, Map<String, String> v, String addError, Long rowId, String rowError) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Editor e : accounts.list()) {
            Map<String, Object> r = new HashMap<>();
            r.put("id", e.id());
            r.put("email", e.email());
            r.put("name", nz(e.name()));
            r.put("role", e.role().db());
            r.put("self", e.id() == AdminPages.session(ctx).editor().id());
            if (rowId != null && rowId == e.id()) r.put("error", rowError);
            rows.add(r);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("editors", rows);
        m.put("v", v);
        if (addError != null) m.put("addError", addError);
        m.put("nav", "editors");
        pages.render(ctx, status, "editors.html.ftl", m);
    }

    /** Passwords, secrets and keys never reach a page. */
    static String masked(String key, String value) {
        if (key.matches(".*(SECRET|PASSWORD|KEY|TOKEN).*")) return "••••••";
        return value.replaceAll("(?i)(password=)[^&]*", "$1••••••");
    }

    private long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw AdminError.notFound();
        }
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
