package com.picksdigest.web.admin;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.notes.EditionNotes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

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
        List<NoteRow> rows = notes.recent(60).stream()
                .map(n -> new NoteRow(n.date().toString(), n.markdown(), n.updatedBy(), pages.time(n.updatedAt())))
                .toList();
        pages.render(
                ctx,
                200,
                "notes.html.ftl",
                AdminNav.NOTES,
                new ListView(LocalDate.now(clock.withZone(pages.zone())).toString(), rows));
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

    /** The notes list: today is the date form's default, in the editors' zone. */
    record ListView(String today, List<NoteRow> notes) {}

    /**
     * One date's note as written, with saved telling whether one is stored; error after a refused save, the preview
     * (previewHtml safe HTML) when the note is not blank, else null.
     */
    record EditView(
            String date,
            String markdown,
            int max,
            boolean saved,
            String error,
            String previewHtml,
            String previewText) {}

    private void show(Context ctx, int status, LocalDate date, String markdown, String error, boolean saved) {
        DigestModel.NoteView preview = markdown.isBlank() ? null : notes.preview(markdown);
        pages.render(
                ctx,
                status,
                "note.html.ftl",
                AdminNav.NOTES,
                new EditView(
                        date.toString(),
                        markdown,
                        EditionNotes.MAX_LENGTH,
                        saved,
                        error,
                        preview == null ? null : preview.html(),
                        preview == null ? null : preview.text()));
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw AdminError.notFound();
        }
    }
}
