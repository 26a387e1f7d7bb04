-- Feed polls run in the background: polling_since marks a poll under way (set when a node claims the feed,
-- cleared when the poll ends), so "Poll now" answers at once, no two polls of one feed overlap across the
-- cluster, and the feeds page can say "polling..." and then show last_result, the last successful poll's outcome.
ALTER TABLE feeds
  ADD COLUMN polling_since DATETIME(3)  NULL,
  ADD COLUMN last_result   VARCHAR(300) NULL;
