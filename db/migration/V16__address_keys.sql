-- An address key is already lower-cased by the application. Compared under utf8mb4_unicode_ci, zoë@example.org and
-- zoe@example.org (two mailboxes, now that a local part may be in Unicode) were one key: compare bytes instead.
ALTER TABLE subscribers MODIFY email_key VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE confirmations MODIFY new_email_key VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
