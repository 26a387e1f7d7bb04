package com.picksdigest.editing;

import com.picksdigest.common.Conflict;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.PickInput;
import com.picksdigest.picks.PickService;
import java.time.ZoneId;

/**
 * What an editor does to picks, candidates and categories, from the workspace pages or the REST API alike: the
 * rules about which status allows what, the change itself, and its audit log row, each written once here.
 * The actor is the editor's address or "api key NAME".
 */
public final class PickEditing {
    private final PickService picks;
    private final Categories categories;
    private final AuditLog audit;

    public PickEditing(PickService picks, Categories categories, AuditLog audit) {
        this.picks = picks;
        this.categories = categories;
        this.audit = audit;
    }

    public PicksRecord create(PickInput in, String actor) {
        PicksRecord r = picks.add(in, actor);
        audit.record(actor, "create", "pick", r.getId(), r.getStatus() + ": " + r.getTitle());
        return r;
    }

    public PicksRecord update(long id, PickInput in, String actor) {
        notCandidate(picks.require(id));
        PicksRecord r = picks.update(id, in, actor);
        audit.record(actor, "edit", "pick", r.getId(), r.getStatus() + ": " + r.getTitle());
        return r;
    }

    public PicksRecord publish(long id, String actor) {
        notCandidate(picks.require(id));
        PicksRecord r = picks.publish(id, actor);
        audit.record(actor, "publish", "pick", id, r.getTitle());
        return r;
    }

    public PicksRecord retract(long id, String actor) {
        notCandidate(picks.require(id));
        PicksRecord r = picks.retract(id, actor);
        audit.record(actor, "retract", "pick", id, r.getTitle());
        return r;
    }

    /** @return false when the pick was first (or last) of its day already: nothing changed, nothing audited */
    public boolean move(long id, boolean up, ZoneId zone, String actor) {
        PicksRecord p = picks.require(id);
        if (!picks.move(id, up, zone, actor)) return false;
        audit.record(actor, up ? "move-up" : "move-down", "pick", id, p.getTitle());
        return true;
    }

    public PicksRecord accept(long id, PickInput in, String actor) {
        PicksRecord r = picks.accept(id, in, actor);
        audit.record(actor, "accept", "pick", r.getId(), r.getStatus() + ": " + r.getTitle());
        return r;
    }

    public void dismiss(long id, String actor) {
        PicksRecord p = picks.require(id);
        picks.dismiss(id, actor);
        audit.record(actor, "dismiss", "pick", id, p.getTitle());
    }

    public CategoriesRecord addCategory(String name, String actor) {
        CategoriesRecord c = categories.add(name);
        audit.record(actor, "create", "category", (long) c.getId(), c.getName());
        return c;
    }

    public CategoriesRecord renameCategory(int id, String name, String actor) {
        CategoriesRecord c = categories.rename(id, name);
        audit.record(actor, "rename", "category", (long) id, c.getName());
        return c;
    }

    public CategoriesRecord retireCategory(int id, boolean retire, String actor) {
        CategoriesRecord c = categories.setRetired(id, retire);
        audit.record(actor, retire ? "retire" : "restore", "category", (long) id, c.getName());
        return c;
    }

    /** A candidate is accepted or dismissed first; editing, publishing or retracting it would skip that choice. */
    private static void notCandidate(PicksRecord p) {
        if (PickStatus.CANDIDATE == p.getStatus()) throw new Conflict("Accept or dismiss a candidate first.");
    }
}
