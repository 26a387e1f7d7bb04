-- Picks Digest schema. MySQL 8.0+ and MariaDB 10.6+; all times are UTC (the pool sets time_zone = '+00:00').

CREATE TABLE categories (
  id          INT          NOT NULL AUTO_INCREMENT,
  slug        VARCHAR(64)  NOT NULL,
  name        VARCHAR(100) NOT NULL,
  retired     BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_categories_slug UNIQUE (slug),
  CONSTRAINT uq_categories_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE editors (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  email          VARCHAR(254) NOT NULL,
  name           VARCHAR(200) NULL,
  password_hash  VARCHAR(255) NOT NULL,
  role           VARCHAR(16)  NOT NULL DEFAULT 'editor',
  created_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_editors_email UNIQUE (email),
  CONSTRAINT ck_editors_role CHECK (role IN ('editor', 'admin'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- url_key is the SHA-256 of the normalised URL: unique without a 2000-character index.
CREATE TABLE picks (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  url           VARCHAR(2000) NOT NULL,
  url_key       CHAR(64)      NOT NULL,
  title         VARCHAR(300)  NOT NULL,
  summary       TEXT          NULL,
  source_name   VARCHAR(200)  NULL,
  source_url    VARCHAR(2000) NULL,
  image_url     VARCHAR(2000) NULL,
  category_id   INT           NOT NULL,
  status        VARCHAR(16)   NOT NULL DEFAULT 'draft',
  published_at  DATETIME(3)   NULL,
  position      INT           NOT NULL DEFAULT 0,
  created_by    VARCHAR(254)  NOT NULL,
  updated_by    VARCHAR(254)  NOT NULL,
  created_at    DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at    DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_picks_url_key UNIQUE (url_key),
  CONSTRAINT fk_picks_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT ck_picks_status CHECK (status IN ('candidate', 'draft', 'published', 'retracted'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_picks_status_published ON picks (status, published_at);

-- email_key is the lower-cased address: uniqueness is case-insensitive whatever the server collation.
CREATE TABLE subscribers (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  email           VARCHAR(254) NOT NULL,
  email_key       VARCHAR(254) NOT NULL,
  name            VARCHAR(200) NULL,
  status          VARCHAR(16)  NOT NULL DEFAULT 'pending',
  timezone        VARCHAR(64)  NOT NULL DEFAULT 'UTC',
  send_hour       TINYINT      NOT NULL DEFAULT 8,
  frequency       VARCHAR(8)   NOT NULL DEFAULT 'daily',
  weekday         TINYINT      NULL,
  format          VARCHAR(8)   NOT NULL DEFAULT 'html',
  locale          VARCHAR(35)  NOT NULL DEFAULT 'en',
  watermark       DATETIME(3)  NULL,
  token_version   INT          NOT NULL DEFAULT 1,
  soft_bounces    INT          NOT NULL DEFAULT 0,
  paused_until    DATE         NULL,
  confirmed_at    DATETIME(3)  NULL,
  unsubscribed_at DATETIME(3)  NULL,
  created_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_subscribers_email_key UNIQUE (email_key),
  CONSTRAINT ck_subscribers_status CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced', 'complained')),
  CONSTRAINT ck_subscribers_hour CHECK (send_hour BETWEEN 0 AND 23),
  CONSTRAINT ck_subscribers_frequency CHECK (frequency IN ('daily', 'weekly')),
  CONSTRAINT ck_subscribers_weekday CHECK (weekday IS NULL OR weekday BETWEEN 1 AND 7),
  CONSTRAINT ck_subscribers_format CHECK (format IN ('html', 'text'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_subscribers_due ON subscribers (status, timezone, send_hour);

-- No row for a subscriber means "all categories".
CREATE TABLE subscriber_categories (
  subscriber_id BIGINT NOT NULL,
  category_id   INT    NOT NULL,
  PRIMARY KEY (subscriber_id, category_id),
  CONSTRAINT fk_subcat_subscriber FOREIGN KEY (subscriber_id) REFERENCES subscribers (id) ON DELETE CASCADE,
  CONSTRAINT fk_subcat_category FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One edition per calendar date; a subscriber's edition is their local date when the digest became due.
CREATE TABLE editions (
  id            BIGINT      NOT NULL AUTO_INCREMENT,
  edition_date  DATE        NOT NULL,
  created_at    DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_editions_date UNIQUE (edition_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The ledger. The unique key is what makes every enqueue idempotent (one digest per subscriber per edition).
CREATE TABLE deliveries (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  edition_id       BIGINT        NOT NULL,
  subscriber_id    BIGINT        NOT NULL,
  status           VARCHAR(16)   NOT NULL DEFAULT 'queued',
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  claimed_by       VARCHAR(100)  NULL,
  claimed_at       DATETIME(3)   NULL,
  last_reply       VARCHAR(1000) NULL,
  message_id       VARCHAR(255)  NULL,
  picks_through    DATETIME(3)   NULL,
  sent_at          DATETIME(3)   NULL,
  created_at       DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at       DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_deliveries_subscriber_edition UNIQUE (subscriber_id, edition_id),
  CONSTRAINT fk_deliveries_edition FOREIGN KEY (edition_id) REFERENCES editions (id),
  CONSTRAINT fk_deliveries_subscriber FOREIGN KEY (subscriber_id) REFERENCES subscribers (id) ON DELETE CASCADE,
  CONSTRAINT ck_deliveries_status CHECK (status IN ('queued', 'sending', 'sent', 'skipped', 'failed', 'suppressed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_deliveries_claim ON deliveries (status, next_attempt_at);
CREATE INDEX ix_deliveries_edition ON deliveries (edition_id, status);

CREATE TABLE delivery_picks (
  delivery_id BIGINT NOT NULL,
  pick_id     BIGINT NOT NULL,
  position    INT    NOT NULL,
  PRIMARY KEY (delivery_id, pick_id),
  CONSTRAINT fk_delpicks_delivery FOREIGN KEY (delivery_id) REFERENCES deliveries (id) ON DELETE CASCADE,
  CONSTRAINT fk_delpicks_pick FOREIGN KEY (pick_id) REFERENCES picks (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE events (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  subscriber_id  BIGINT        NULL,
  type           VARCHAR(24)   NOT NULL,
  delivery_id    BIGINT        NULL,
  pick_id        BIGINT        NULL,
  detail         VARCHAR(1000) NULL,
  created_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT fk_events_subscriber FOREIGN KEY (subscriber_id) REFERENCES subscribers (id) ON DELETE CASCADE,
  CONSTRAINT ck_events_type CHECK (type IN ('subscribed', 'confirmed', 'unsubscribed', 'resubscribed', 'bounced',
                                            'complained', 'clicked', 'preferences', 'erased'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_events_subscriber ON events (subscriber_id, created_at);

-- Erased addresses, kept only as a salted hash so an import cannot silently bring them back.
CREATE TABLE suppressions (
  email_hash  CHAR(64)    NOT NULL,
  reason      VARCHAR(32) NOT NULL,
  created_at  DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (email_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
