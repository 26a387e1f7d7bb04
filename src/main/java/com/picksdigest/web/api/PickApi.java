package com.picksdigest.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.picksdigest.common.InvalidFields;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.editing.PickEditing;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.PickInput;
import com.picksdigest.picks.PickService;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks, candidates and categories: read through {@link PickService} and {@link Categories}, changed through
 * {@link PickEditing}, the same calls the workspace's pages make (so the same checks, status rules and audit rows).
 */
final class PickApi implements ApiEndpoints {
    static final String READ = "picks:read";
    static final String WRITE = "picks:write";

    private final PickService picks;
    private final Categories categories;
    private final PickEditing editing;
    private final ZoneId editorZone;

    PickApi(PickService picks, Categories categories, PickEditing editing, ZoneId editorZone) {
        this.picks = picks;
        this.categories = categories;
        this.editing = editing;
        this.editorZone = editorZone;
    }

    @Override
    public void register(ApiRoutes.Registrar r) {
        r.get("/picks", READ, c -> list(c, status(c.query("status"))));
        r.create("/picks", WRITE, this::create);
        r.get("/picks/{id}", READ, c -> c.json(200, json(picks.require(c.idParam()))));
        r.put("/picks/{id}", WRITE, this::update);
        r.post("/picks/{id}/publish", WRITE, c -> c.json(200, json(editing.publish(c.idParam(), c.actor()))));
        r.post("/picks/{id}/retract", WRITE, c -> c.json(200, json(editing.retract(c.idParam(), c.actor()))));
        r.post("/picks/{id}/move", WRITE, this::move);

        r.get("/candidates", READ, c -> list(c, PickStatus.CANDIDATE));
        r.post("/candidates/{id}/accept", WRITE, this::accept);
        r.post("/candidates/{id}/dismiss", WRITE, c -> {
            editing.dismiss(c.idParam(), c.actor());
            c.ctx.status(204);
        });

        r.get(
                "/categories",
                READ,
                c -> c.json(
                        200,
                        Map.of(
                                "items",
                                categories.all().stream().map(PickApi::json).toList())));
        r.create("/categories", WRITE, c -> {
            CategoriesRecord cat = editing.addCategory(ApiCall.text(c.body(), "name"), c.actor());
            return new ApiRoutes.Created(201, ApiRoutes.PREFIX + "/categories/" + cat.getId(), json(cat));
        });
        r.put(
                "/categories/{id}",
                WRITE,
                c -> c.json(
                        200, json(editing.renameCategory(categoryId(c), ApiCall.text(c.body(), "name"), c.actor()))));
        r.post(
                "/categories/{id}/retire",
                WRITE,
                c -> c.json(200, json(editing.retireCategory(categoryId(c), true, c.actor()))));
        r.post(
                "/categories/{id}/restore",
                WRITE,
                c -> c.json(200, json(editing.retireCategory(categoryId(c), false, c.actor()))));
    }

    private void list(ApiCall c, PickStatus status) {
        Integer categoryId = c.categoryQuery(categories);
        Cursor after = Cursor.decode(c.query("cursor"));
        int limit = c.limit();
        List<PicksRecord> rows = picks.page(
                status,
                categoryId,
                after == null ? null : after.createdAt(),
                after == null ? null : after.id(),
                limit + 1);
        c.json(
                200,
                KeysetPage.of(rows, limit, PicksRecord::getCreatedAt, PicksRecord::getId)
                        .body(this::json));
    }

    private ApiRoutes.Created create(ApiCall c) {
        PicksRecord p = editing.create(input(c.body(), null), c.actor());
        return new ApiRoutes.Created(201, ApiRoutes.PREFIX + "/picks/" + p.getId(), json(picks.require(p.getId())));
    }

    private void update(ApiCall c) {
        long id = c.idParam();
        picks.require(id);
        PicksRecord p = editing.update(id, input(c.body(), id), c.actor());
        c.json(200, json(picks.require(p.getId())));
    }

    private void move(ApiCall c) {
        long id = c.idParam();
        String dir = ApiCall.text(c.body(), "direction");
        if (!"up".equals(dir) && !"down".equals(dir))
            throw Problem.invalid(
                    "direction must be up or down.", Map.of("direction", "direction must be up or down."));
        boolean moved = editing.move(id, dir.equals("up"), editorZone, c.actor());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("moved", moved);
        m.put("pick", json(picks.require(id)));
        c.json(200, m);
    }

    /** A candidate's fields as they are, with whatever the body gives instead (as the workspace's accept form does). */
    private void accept(ApiCall c) {
        long id = c.idParam();
        PicksRecord p = picks.require(id);
        ObjectNode b = c.ctx.contentLength() > 0 ? c.body() : ApiCall.JSON.createObjectNode();
        ObjectNode merged = ApiCall.JSON.createObjectNode();
        merged.put("title", p.getTitle());
        merged.put("url", p.getUrl());
        merged.put("summary", p.getSummary());
        merged.put("source", p.getSourceName());
        merged.put("sourceUrl", p.getSourceUrl());
        merged.put("imageUrl", p.getImageUrl());
        merged.put("category", categories.require(p.getCategoryId()).getSlug());
        merged.setAll(b);
        PicksRecord r = editing.accept(id, input(merged, id), c.actor());
        c.json(200, json(picks.require(r.getId())));
    }

    /** The body's fields with the service's checks and the API's own (publishAt) reported together. */
    private PickInput input(ObjectNode b, Long self) {
        InvalidFields.Collector col = new InvalidFields.Collector();
        Boolean publish = col.check("publish", () -> ApiCall.bool(b, "publish"));
        Instant at = col.check("publishAt", () -> {
            String v = ApiCall.text(b, "publishAt");
            if (v == null) return null;
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new com.picksdigest.common.InvalidInputException(
                        "Publish time must be an ISO 8601 instant such as 2026-11-25T08:00:00Z.");
            }
        });
        Map<String, String> texts = new HashMap<>();
        for (String f : List.of("title", "url", "summary", "source", "sourceUrl", "imageUrl", "category")) {
            texts.put(f, col.check(f, () -> ApiCall.text(b, f)));
        }
        PickInput in = new PickInput(
                texts.get("title"),
                texts.get("url"),
                texts.get("summary"),
                texts.get("source"),
                texts.get("sourceUrl"),
                texts.get("imageUrl"),
                texts.get("category"),
                null,
                Boolean.TRUE.equals(publish),
                at);
        try {
            picks.check(in, self);
        } catch (InvalidFields e) {
            e.errors().forEach(col::add);
        }
        col.throwIfAny();
        return in;
    }

    private int categoryId(ApiCall c) {
        long id = c.idParam();
        if (id > Integer.MAX_VALUE) throw Problem.notFound("There is no category #" + id + ".");
        categories.require((int) id);
        return (int) id;
    }

    private Map<String, Object> json(PicksRecord p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.getId());
        m.put("status", p.getStatus().stored());
        m.put("title", p.getTitle());
        m.put("url", p.getUrl());
        m.put("summary", p.getSummary());
        m.put("source", p.getSourceName());
        m.put("sourceUrl", p.getSourceUrl());
        m.put("imageUrl", p.getImageUrl());
        m.put("category", categories.require(p.getCategoryId()).getSlug());
        m.put("publishedAt", instant(p.getPublishedAt()));
        m.put("position", p.getPosition());
        m.put("createdAt", instant(p.getCreatedAt()));
        m.put("updatedAt", instant(p.getUpdatedAt()));
        m.put("updatedBy", p.getUpdatedBy());
        return m;
    }

    static Map<String, Object> json(CategoriesRecord c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("name", c.getName());
        m.put("slug", c.getSlug());
        m.put("retired", c.getRetired());
        return m;
    }

    static String instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC).toString();
    }

    private static PickStatus status(String v) {
        if (v == null) return null;
        try {
            return PickStatus.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(
                    "status must be draft, published, retracted or candidate.",
                    Map.of("status", "status must be draft, published, retracted or candidate."));
        }
    }
}
