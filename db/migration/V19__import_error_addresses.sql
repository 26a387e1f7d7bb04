-- The address written on a refused import line (as written, cut to 254 characters), so the workspace's list of
-- refused lines says whose line it was, not only its number.
ALTER TABLE api_import_errors ADD COLUMN address VARCHAR(254) NULL;
