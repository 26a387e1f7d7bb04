-- The REST API under /api/v1: its keys, the answers kept for retried creates, and bulk import jobs.

-- A key is shown once, when it is made; the row keeps only the SHA-256 of it, so a copy of this table opens
-- nothing. The prefix (its first characters) tells keys apart in the workspace without revealing them.
CREATE TABLE api_keys (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  name          VARCHAR(100)  NOT NULL,
  scopes        VARCHAR(200)  NOT NULL,
  key_hash      CHAR(64)      NOT NULL,
  prefix        VARCHAR(16)   NOT NULL,
  created_by    VARCHAR(254)  NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  last_used_at  DATETIME(3)   NULL,
  revoked_at    DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_api_keys_hash (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The first answer to a POST with an Idempotency-Key, replayed to a retry with the same key and body until it
-- expires. A row without a status is a request still being handled.
CREATE TABLE api_idempotency (
  key_id        BIGINT        NOT NULL,
  idem_key      VARCHAR(255)  NOT NULL,
  request_hash  CHAR(64)      NOT NULL,
  status        INT           NULL,
  location      VARCHAR(255)  NULL,
  body          MEDIUMTEXT    NULL,
  created_at    DATETIME(3)   NOT NULL,
  expires_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (key_id, idem_key),
  CONSTRAINT fk_api_idempotency_key FOREIGN KEY (key_id) REFERENCES api_keys (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_api_idempotency_expires ON api_idempotency (expires_at);

-- A bulk subscriber import: its counts as it runs, and the refused lines (at most a few thousand are kept).
CREATE TABLE api_import_jobs (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  key_id        BIGINT        NOT NULL,
  format        VARCHAR(10)   NOT NULL,
  state         VARCHAR(10)   NOT NULL,
  lines_read    INT           NOT NULL DEFAULT 0,
  imported      INT           NOT NULL DEFAULT 0,
  refused       INT           NOT NULL DEFAULT 0,
  failure       VARCHAR(1000) NULL,
  created_at    DATETIME(3)   NOT NULL,
  finished_at   DATETIME(3)   NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_import_errors (
  job_id        BIGINT        NOT NULL,
  line          INT           NOT NULL,
  message       VARCHAR(1000) NOT NULL,
  PRIMARY KEY (job_id, line),
  CONSTRAINT fk_api_import_errors_job FOREIGN KEY (job_id) REFERENCES api_import_jobs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The API's pages walk picks newest first and subscribers oldest first, by (created_at, id).
CREATE INDEX ix_picks_created ON picks (created_at, id);
CREATE INDEX ix_subscribers_created_id ON subscribers (created_at, id);
