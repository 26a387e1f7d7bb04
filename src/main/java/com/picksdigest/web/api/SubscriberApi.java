package com.picksdigest.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.NotFound;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.picks.Categories;
import com.picksdigest.subscribers.Signups;
import com.picksdigest.subscribers.SubscriberData;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.subscribers.SubscriberService;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Subscribers: the same service calls as the CLI and the self-service pages (validation in
 * {@link SubscriberService}, the confirmation mail of a sign-up, the erasure with its suppression), each change
 * written to the audit log under the key's name.
 */
final class SubscriberApi implements ApiEndpoints {
    static final String READ = "subscribers:read";
    static final String WRITE = "subscribers:write";

    private final SubscriberService subscribers;
    private final Signups signups;
    private final SubscriberData data;
    private final Categories categories;
    private final AuditLog audit;

    SubscriberApi(
            SubscriberService subscribers,
            Signups signups,
            SubscriberData data,
            Categories categories,
            AuditLog audit) {
        this.subscribers = subscribers;
        this.signups = signups;
        this.data = data;
        this.categories = categories;
        this.audit = audit;
    }

    @Override
    public void register(ApiRoutes.Registrar r) {
        r.get("/subscribers", READ, this::list);
        r.create("/subscribers", WRITE, this::create);
        r.get("/subscribers/{id}", READ, c -> c.json(200, json(require(c.idParam()))));
        r.put("/subscribers/{id}/preferences", WRITE, this::preferences);
        r.post("/subscribers/{id}/unsubscribe", WRITE, c -> {
            SubscribersRecord s = require(c.idParam());
            if (subscribers.unsubscribe(s.getId(), "API key " + c.key.name()))
                audit.record(c.actor(), "unsubscribe", "subscriber", s.getId(), null);
            c.json(200, json(require(s.getId())));
        });
        r.delete("/subscribers/{id}", WRITE, c -> {
            SubscribersRecord s = require(c.idParam());
            if (data.erase(s)) audit.record(c.actor(), "erase", "subscriber", s.getId(), null);
            c.ctx.status(204);
        });
    }

    private void list(ApiCall c) {
        SubscriberStatus status = null;
        String st = c.query("status");
        if (st != null) {
            try {
                status = SubscriberStatus.valueOf(st.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                String m = "status must be pending, active, unsubscribed, bounced or complained.";
                throw Problem.invalid(m, Map.of("status", m));
            }
        }
        Integer categoryId = c.categoryQuery(categories);
        String q = c.query("q");
        if (q != null && q.length() > 254) q = q.substring(0, 254);
        Cursor after = Cursor.decode(c.query("cursor"));
        LocalDateTime afterCreated = after == null ? null : after.createdAt();
        int limit = c.limit();
        KeysetPage<SubscribersRecord> page = KeysetPage.of(
                subscribers.page(status, categoryId, q, afterCreated, after == null ? null : after.id(), limit + 1),
                limit,
                SubscribersRecord::getCreatedAt,
                SubscribersRecord::getId);
        Map<Long, List<String>> follows = subscribers.followedSlugs(
                page.rows().stream().map(SubscribersRecord::getId).toList());
        c.json(200, page.body(s -> json(s, follows.get(s.getId()))));
    }

    private ApiRoutes.Created create(ApiCall c) {
        ObjectNode b = c.body();
        String status = ApiCall.text(b, "status");
        boolean pending;
        if (status == null || status.equals(SubscriberStatus.PENDING.stored())) pending = true;
        else if (status.equals(SubscriberStatus.ACTIVE.stored())) pending = false;
        else {
            String m = "status must be active or pending (a confirmation mail is sent).";
            throw Problem.invalid(m, Map.of("status", m));
        }
        SubscribersRecord s = signups.addByOperator(input(b, ApiCall.text(b, "email")), pending);
        audit.record(c.actor(), "create", "subscriber", s.getId(), s.getStatus().stored());
        return new ApiRoutes.Created(201, ApiRoutes.PREFIX + "/subscribers/" + s.getId(), json(s));
    }

    private void preferences(ApiCall c) {
        SubscribersRecord s = require(c.idParam());
        if (!subscribers.updatePreferences(s.getId(), input(c.body(), s.getEmail())))
            throw Problem.notFound("There is no subscriber #" + s.getId() + ".");
        audit.record(c.actor(), "preferences", "subscriber", s.getId(), null);
        c.json(200, json(require(s.getId())));
    }

    /** The body's fields; a member of the wrong JSON type is reported next to its name like any other refusal. */
    private static SubscriberInput input(ObjectNode b, String email) {
        InvalidFields.Collector col = new InvalidFields.Collector();
        String name = col.check("name", () -> ApiCall.text(b, "name"));
        String tz = col.check("timezone", () -> ApiCall.text(b, "timezone"));
        Integer hour = col.check("hour", () -> ApiCall.integer(b, "hour"));
        String frequency = col.check("frequency", () -> ApiCall.text(b, "frequency"));
        Integer weekday = col.check("weekday", () -> ApiCall.integer(b, "weekday"));
        String format = col.check("format", () -> ApiCall.text(b, "format"));
        String locale = col.check("locale", () -> ApiCall.text(b, "locale"));
        List<String> cats = col.check("categories", () -> ApiCall.texts(b, "categories"));
        col.throwIfAny();
        return new SubscriberInput(email, name, tz, hour, frequency, weekday, format, locale, cats);
    }

    private SubscribersRecord require(long id) {
        SubscribersRecord s = subscribers.find(id);
        if (s == null) throw new NotFound("There is no subscriber #" + id + ".");
        return s;
    }

    private Map<String, Object> json(SubscribersRecord s) {
        return json(s, subscribers.followedSlugs(List.of(s.getId())).get(s.getId()));
    }

    private static Map<String, Object> json(SubscribersRecord s, List<String> follows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.getId());
        m.put("email", s.getEmail());
        m.put("name", s.getName());
        m.put("status", s.getStatus().stored());
        m.put("timezone", s.getTimezone());
        m.put("hour", s.getSendHour() == null ? null : s.getSendHour().intValue());
        m.put("frequency", s.getFrequency().stored());
        m.put("weekday", s.getWeekday() == null ? null : s.getWeekday().intValue());
        m.put("format", s.getFormat().stored());
        m.put("locale", s.getLocale());
        m.put("categories", follows);
        m.put("createdAt", PickApi.instant(s.getCreatedAt()));
        m.put("confirmedAt", PickApi.instant(s.getConfirmedAt()));
        m.put("unsubscribedAt", PickApi.instant(s.getUnsubscribedAt()));
        return m;
    }
}
