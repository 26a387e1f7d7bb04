package com.picksdigest.web.admin;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.notes.EditionNotes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The editor's note of an edition date: written in Markdown, previewed as the digest will show it, saved (audited),
 * removed by saving it blank. The date is the edition's, as readers' local dates name it.
 */
final class NotePages {
    private final EditionNotes notes;
    private final AdminPages pages;
    private final Clock clock;

    NotePages(EditionNotes notes, AdminPages pages, Clock clock) {
        this.notes = notes;
        this.pages = pages;
        this.clock = clock;
    }

    void list(Context ctx) {
        String picked = ctx.queryParam("date");
        if (picked != null) {
            pages.redirect(ctx, "/admin/notes/" + date(picked), null);
            return;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("today", LocalDate.now(clock.withZone(pages.zone())).toString());
        List<Map<String, Object>> rows = notes.recent(60).stream()
                .map(n -> Map.<String, Object>of(
                        "date", n.date().toString(),
                        "markdown", n.markdown(),
                        "updatedBy", n.updatedBy(),
                        "updatedAt", pages.time(n.updatedAt())))
                .toList();
        m.put("notes", rows);
        m.put("nav", "notes");
        pages.render(ctx, 200, "notes.html.ftl", m);
    }

    void edit(Context ctx) {
        LocalDate date = date(ctx.pathParam("date"));
        var saved = notes.find(date);
        show(ctx, 200, date, saved.map(EditionNotes.Saved::markdown).orElse(""), null, saved.isPresent());
    }

    void save(Context ctx) {
        LocalDate date = date(ctx.pathParam("date"));
        String markdown = ctx.formParam("note");
        if ("preview".equals(ctx.formParam("action"))) {
            show(
                    ctx,
                    200,
                    date,
                    markdown == null ? "" : markdown,
                    null,
                    notes.find(date).isPresent());
            return;
        }
        try {
            notes.save(date, markdown, AdminPages.session(ctx).editor().actor());
        } catch (InvalidInputException e) {
            show(ctx, 400, date, markdown, e.getMessage(), notes.find(date).isPresent());
            return;
        }
        pages.redirect(ctx, "/admin/notes/" + date, "saved");
    }

    private void show(Context ctx, int status, LocalDate date, String markdown, String error, boolean saved) {
        Map<String, Object> m = new HashMap<>();
        m.put("date", date.toString());
        m.put("markdown", markdown);
        m.put("max", EditionNotes.MAX_LENGTH);
        m.put("saved", saved);
        if (error != null) m.put("error", error);
        if (!markdown.isBlank()) {
            DigestModel.NoteView v = notes.preview(markdown);
            m.put("previewHtml", v.html());
            m.put("previewText", v.text());
        }
        m.put("nav", "notes");
        pages.render(ctx, status, "note.html.ftl", m);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw AdminError.notFound();
        }
    }
}
