-- The editor's note: an optional short Markdown text shown at the top of one edition date's digests.
CREATE TABLE edition_notes (
  edition_date DATE NOT NULL PRIMARY KEY,
  markdown     TEXT NOT NULL,
  updated_by   VARCHAR(190) NOT NULL,
  updated_at   DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
