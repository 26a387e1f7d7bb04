-- "What is new for a subscriber" no longer depends on when a publish was committed. Every pick gets a number when it
-- becomes published, taken from one counter row whose lock is held until the publishing transaction commits, so
-- numbers become visible strictly in order: a digest that read the counter at N has seen every pick numbered up to
-- N. A digest holds the picks numbered after the subscriber's last digest's number or published (by time) after
-- its cut-off time, and up to its own number and time; scheduled picks wait for their time, not for a number.
CREATE TABLE publish_sequence (
  id        TINYINT NOT NULL,
  last_seq  BIGINT  NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE picks ADD COLUMN publish_seq BIGINT NULL;
-- Set when a pick is numbered again (published again after a retraction, its publish time changed): some readers
-- may have had it under its old number, so digests leave it out for those who did.
ALTER TABLE picks ADD COLUMN relisted BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ix_picks_status_seq ON picks (status, publish_seq);
ALTER TABLE subscribers ADD COLUMN watermark_seq BIGINT NULL;
ALTER TABLE deliveries ADD COLUMN picks_through_seq BIGINT NULL;

-- [jooq ignore start]
-- Existing picks are numbered in publish-time order, and each subscriber's watermark becomes the number of the last
-- pick published by its time: exactly the picks the time watermark counted as sent stay sent.
UPDATE picks p
  JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY published_at, id) AS seq
        FROM picks WHERE status = 'published' AND published_at IS NOT NULL) n ON n.id = p.id
  SET p.publish_seq = n.seq;
INSERT INTO publish_sequence (id, last_seq) SELECT 1, COALESCE(MAX(publish_seq), 0) FROM picks;
UPDATE subscribers s
  SET s.watermark_seq = (SELECT COALESCE(MAX(p.publish_seq), 0) FROM picks p
                         WHERE p.publish_seq IS NOT NULL AND p.published_at <= s.watermark)
  WHERE s.watermark IS NOT NULL;
UPDATE deliveries d
  SET d.picks_through_seq = (SELECT COALESCE(MAX(p.publish_seq), 0) FROM picks p
                             WHERE p.publish_seq IS NOT NULL AND p.published_at <= d.picks_through)
  WHERE d.picks_through IS NOT NULL;
-- [jooq ignore stop]
