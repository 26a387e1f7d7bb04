-- The editors' workspace: sign-in sessions, login throttling, the audit log, feeds and their candidates.

-- A session row holds the SHA-256 of the cookie value, never the value itself: a copy of this table signs no one in.
CREATE TABLE editor_sessions (
  id_hash       CHAR(64)     NOT NULL,
  editor_id     BIGINT       NOT NULL,
  created_at    DATETIME(3)  NOT NULL,
  last_seen_at  DATETIME(3)  NOT NULL,
  expires_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id_hash),
  CONSTRAINT fk_editor_sessions_editor FOREIGN KEY (editor_id) REFERENCES editors (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_editor_sessions_editor ON editor_sessions (editor_id);

-- One row per refused sign-in; counted per address and per client address over a sliding window.
CREATE TABLE login_failures (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  email_key   VARCHAR(254) NOT NULL,
  ip          VARCHAR(64)  NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_login_failures_email ON login_failures (email_key, created_at);
CREATE INDEX ix_login_failures_ip ON login_failures (ip, created_at);

-- Every change made through the workspace or the editors command: who, what, on which record.
CREATE TABLE audit_log (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  actor       VARCHAR(254)  NOT NULL,
  action      VARCHAR(40)   NOT NULL,
  subject     VARCHAR(40)   NOT NULL,
  subject_id  BIGINT        NULL,
  detail      VARCHAR(1000) NULL,
  created_at  DATETIME(3)   NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_audit_log_created ON audit_log (created_at);

CREATE TABLE feeds (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  url              VARCHAR(2000) NOT NULL,
  url_key          CHAR(64)      NOT NULL,
  title            VARCHAR(300)  NULL,
  category_id      INT           NOT NULL,
  etag             VARCHAR(500)  NULL,
  last_modified    VARCHAR(100)  NULL,
  last_fetched_at  DATETIME(3)   NULL,
  next_fetch_at    DATETIME(3)   NOT NULL,
  last_error       VARCHAR(1000) NULL,
  failures         INT           NOT NULL DEFAULT 0,
  items_imported   INT           NOT NULL DEFAULT 0,
  created_by       VARCHAR(254)  NOT NULL,
  created_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_feeds_url_key UNIQUE (url_key),
  CONSTRAINT fk_feeds_category FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_feeds_due ON feeds (next_fetch_at);

-- Which feed a candidate came from (NULL for picks added by hand).
ALTER TABLE picks ADD COLUMN feed_id BIGINT NULL;
ALTER TABLE picks ADD CONSTRAINT fk_picks_feed FOREIGN KEY (feed_id) REFERENCES feeds (id) ON DELETE SET NULL;
CREATE INDEX ix_picks_feed ON picks (feed_id);

-- Dismissed candidates leave the picks table; their normalised URL stays here so the next poll does not bring
-- them back.
CREATE TABLE dismissed_urls (
  url_key       CHAR(64)     NOT NULL,
  dismissed_by  VARCHAR(254) NOT NULL,
  dismissed_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (url_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Clicks are 'clicked' rows in events (delivery and pick named); the report counts them per pick.
CREATE INDEX ix_events_delivery ON events (delivery_id, type);
