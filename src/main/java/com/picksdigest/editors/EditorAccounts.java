package com.picksdigest.editors;

import static com.picksdigest.db.generated.Tables.EDITORS;
import static com.picksdigest.db.generated.Tables.EDITOR_SESSIONS;

import com.picksdigest.common.Fields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.EditorsRecord;
import com.picksdigest.subscribers.EmailAddresses;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;

/**
 * Editor accounts. Addresses are stored lower-cased, so sign-in is case-insensitive. There is always at least one
 * admin: the last one can be neither demoted nor removed.
 */
public final class EditorAccounts {
    private final DSLContext db;
    private final Passwords passwords;
    private final Clock clock;

    public EditorAccounts(DSLContext db, Passwords passwords, Clock clock) {
        this.db = db;
        this.passwords = passwords;
        this.clock = clock;
    }

    public Editor add(String email, String name, String password, Role role) {
        String address = EmailAddresses.parse(email).toLowerCase(Locale.ROOT);
        String n = Fields.line("Name", name, 200, false);
        String hash = passwords.hash(password);
        if (db.fetchExists(EDITORS, EDITORS.EMAIL.eq(address))) {
            throw new InvalidInputException("An editor with the address " + address + " already exists.");
        }
        EditorsRecord r = db.newRecord(EDITORS);
        r.setEmail(address);
        r.setName(n);
        r.setPasswordHash(hash);
        r.setRole(role.db());
        r.setCreatedAt(now());
        r.setUpdatedAt(now());
        r.store();
        return editor(r);
    }

    public List<Editor> list() {
        return db.selectFrom(EDITORS).orderBy(EDITORS.EMAIL).fetch(EditorAccounts::editor);
    }

    public Editor find(long id) {
        EditorsRecord r = db.selectFrom(EDITORS).where(EDITORS.ID.eq(id)).fetchAny();
        return r == null ? null : editor(r);
    }

    public Editor require(long id) {
        Editor e = find(id);
        if (e == null) throw new InvalidInputException("There is no editor #" + id + ".");
        return e;
    }

    /** The account and its hash for a sign-in attempt; null when no editor has this address. */
    EditorsRecord forSignIn(String email) {
        if (email == null || email.length() > 254) return null;
        return db.selectFrom(EDITORS)
                .where(EDITORS.EMAIL.eq(email.strip().toLowerCase(Locale.ROOT)))
                .fetchAny();
    }

    public boolean passwordMatches(long id, String password) {
        EditorsRecord r = db.selectFrom(EDITORS).where(EDITORS.ID.eq(id)).fetchAny();
        return passwords.matches(password, r == null ? null : r.getPasswordHash());
    }

    public void setRole(long id, Role role) {
        Editor e = require(id);
        if (e.role() == Role.ADMIN && role != Role.ADMIN) requireAnotherAdmin(id);
        db.update(EDITORS)
                .set(EDITORS.ROLE, role.db())
                .set(EDITORS.UPDATED_AT, now())
                .where(EDITORS.ID.eq(id))
                .execute();
    }

    /** Sets a new password and signs the editor out everywhere. */
    public void setPassword(long id, String password) {
        require(id);
        String hash = passwords.hash(password);
        db.transaction(tx -> {
            tx.dsl()
                    .update(EDITORS)
                    .set(EDITORS.PASSWORD_HASH, hash)
                    .set(EDITORS.UPDATED_AT, now())
                    .where(EDITORS.ID.eq(id))
                    .execute();
            tx.dsl()
                    .deleteFrom(EDITOR_SESSIONS)
                    .where(EDITOR_SESSIONS.EDITOR_ID.eq(id))
                    .execute();
        });
    }

    public void remove(long id, Editor actor) {
        Editor e = require(id);
        if (e.id() == actor.id()) throw new InvalidInputException("You cannot remove your own account.");
        if (e.role() == Role.ADMIN) requireAnotherAdmin(id);
        db.deleteFrom(EDITORS).where(EDITORS.ID.eq(id)).execute(); // sessions go with it (ON DELETE CASCADE)
    }

    private void requireAnotherAdmin(long id) {
        if (!db.fetchExists(EDITORS, EDITORS.ROLE.eq(Role.ADMIN.db()).and(EDITORS.ID.ne(id)))) {
            throw new InvalidInputException("There must be at least one admin: make someone else admin first.");
        }
    }

    static Editor editor(EditorsRecord r) {
        return new Editor(r.getId(), r.getEmail(), r.getName(), Role.of(r.getRole()));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
