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
import java.util.List;
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
        showEditors(ctx, 200, EditorForm.EMPTY, null, null, null);
    }

    void addEditor(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        EditorForm v = new EditorForm(nz(ctx.formParam("email")), nz(ctx.formParam("name")), nz(ctx.formParam("role")));
        try {
            Editor e = accounts.add(v.email(), v.name(), ctx.formParam("password"), Role.of(v.role()));
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
            showEditors(ctx, 400, EditorForm.EMPTY, null, id, e.getMessage());
            return;
        }
        pages.redirect(ctx, "/admin/editors", "saved");
    }

    void account(Context ctx) {
        pages.render(ctx, 200, "account.html.ftl", AdminNav.ACCOUNT, new AccountView(null));
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
            pages.render(ctx, 400, "account.html.ftl", AdminNav.ACCOUNT, new AccountView(e.getMessage()));
            return;
        }
        audit.record(me.actor(), "set-password", "editor", me.id(), "own");
        pages.redirect(ctx, "/admin/login", null); // every session ended with the change, this one too
    }

    void settings(Context ctx) {
        List<SettingRow> rows = new ArrayList<>();
        new TreeMap<>(settings.all()).forEach((k, v) -> rows.add(new SettingRow(k, masked(k, v))));
        pages.render(ctx, 200, "settings.html.ftl", AdminNav.SETTINGS, new SettingsView(rows));
    }

    void audit(Context ctx) {
        List<AuditRow> rows = new ArrayList<>();
        for (AuditLogRecord r : audit.recent(AUDIT_SHOWN)) {
            rows.add(new AuditRow(
                    pages.time(r.getCreatedAt()),
                    r.getActor(),
                    r.getAction(),
                    r.getSubject() + (r.getSubjectId() == null ? "" : " #" + r.getSubjectId()),
                    nz(r.getDetail())));
        }
        pages.render(ctx, 200, "audit.html.ftl", AdminNav.AUDIT, new AuditView(rows));
    }

    /** The editors page; addError is why the add form was refused, null otherwise. */
    record EditorsView(List<EditorRow> editors, EditorForm v, String addError) {}

    /** The own-password page; error is why a change was refused, null otherwise. */
    record AccountView(String error) {}

    record SettingsView(List<SettingRow> settings) {}

    /** The audit log, newest first. */
    record AuditView(List<AuditRow> entries) {}

    private void showEditors(Context ctx, int status, EditorForm v, String addError, Long rowId, String rowError) {
        long self = AdminPages.session(ctx).editor().id();
        List<EditorRow> rows = new ArrayList<>();
        for (Editor e : accounts.list()) {
            rows.add(new EditorRow(
                    e.id(),
                    e.email(),
                    nz(e.name()),
                    e.role().db(),
                    e.id() == self,
                    rowId != null && rowId == e.id() ? rowError : null));
        }
        pages.render(ctx, status, "editors.html.ftl", AdminNav.EDITORS, new EditorsView(rows, v, addError));
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
