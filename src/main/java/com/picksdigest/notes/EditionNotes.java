package com.picksdigest.notes;

import static com.picksdigest.db.generated.Tables.EDITION_NOTES;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.EditionNotesRecord;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.NoteSource;
import com.picksdigest.editors.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The editor's notes, one per edition date. Digests read a note through a short cache: an edition renders each
 * distinct digest once, and a save on another node reaches this one's digests within {@link #FRESH_FOR}.
 */
public final class EditionNotes implements NoteSource {
    public static final int MAX_LENGTH = 2_000;
    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    public record Saved(LocalDate date, String markdown, String updatedBy, LocalDateTime updatedAt) {}

    private final DSLContext db;
    private final AuditLog audit;
    private final NoteRendering rendering;
    private final Clock clock;
    private final Cache<LocalDate, Optional<DigestModel.NoteView>> rendered =
            Caffeine.newBuilder().maximumSize(64).expireAfterWrite(FRESH_FOR).build();

    public EditionNotes(DSLContext db, AuditLog audit, NoteRendering rendering, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.rendering = rendering;
        this.clock = clock;
    }

    @Override
    public Optional<DigestModel.NoteView> forDate(LocalDate editionDate) {
        return rendered.get(editionDate, d -> find(d).map(n -> rendering.render(n.markdown())));
    }

    public Optional<Saved> find(LocalDate date) {
        return db.selectFrom(EDITION_NOTES)
                .where(EDITION_NOTES.EDITION_DATE.eq(date))
                .fetchOptional()
                .map(EditionNotes::saved);
    }

    public List<Saved> recent(int limit) {
        return db.selectFrom(EDITION_NOTES)
                .orderBy(EDITION_NOTES.EDITION_DATE.desc())
                .limit(limit)
                .fetch(EditionNotes::saved);
    }

    /** Saves the note of a date; a blank note removes it. Audited. */
    public void save(LocalDate date, String markdown, String actor) {
        String note = markdown == null ? "" : markdown.replace("\r\n", "\n").strip();
        if (note.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "The note is " + note.length() + " characters long; at most " + MAX_LENGTH + ".");
        }
        if (note.isEmpty()) {
            int removed = db.deleteFrom(EDITION_NOTES)
                    .where(EDITION_NOTES.EDITION_DATE.eq(date))
                    .execute();
            if (removed > 0) audit.record(actor, "remove", "note", null, date.toString());
        } else {
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
            db.insertInto(EDITION_NOTES)
                    .set(EDITION_NOTES.EDITION_DATE, date)
                    .set(EDITION_NOTES.MARKDOWN, note)
                    .set(EDITION_NOTES.UPDATED_BY, actor)
                    .set(EDITION_NOTES.UPDATED_AT, now)
                    .onDuplicateKeyUpdate()
                    .set(EDITION_NOTES.MARKDOWN, note)
                    .set(EDITION_NOTES.UPDATED_BY, actor)
                    .set(EDITION_NOTES.UPDATED_AT, now)
                    .execute();
            audit.record(actor, "save", "note", null, date + ": " + note);
        }
        rendered.invalidate(date);
    }

    /** What a note would look like, for the workspace's preview before saving. */
    public DigestModel.NoteView preview(String markdown) {
        return rendering.render(markdown == null ? "" : markdown);
    }

    private static Saved saved(EditionNotesRecord r) {
        return new Saved(r.getEditionDate(), r.getMarkdown(), r.getUpdatedBy(), r.getUpdatedAt());
    }
}
