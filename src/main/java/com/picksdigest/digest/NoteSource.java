package com.picksdigest.digest;

import java.time.LocalDate;
import java.util.Optional;

/** The editor's note of an edition date, already rendered, if there is one. */
@FunctionalInterface
public interface NoteSource {
    NoteSource NONE = date -> Optional.empty();

    Optional<DigestModel.NoteView> forDate(LocalDate editionDate);
}
