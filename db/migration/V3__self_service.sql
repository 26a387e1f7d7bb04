-- Subscriber self-service: confirmations (double opt-in, new address), bounce and account events, and the salt of
-- the suppression list. MySQL 8.0.19+ and MariaDB 10.6+ (DROP CONSTRAINT is the syntax both accept).

ALTER TABLE events DROP CONSTRAINT ck_events_type;
ALTER TABLE events ADD CONSTRAINT ck_events_type CHECK (type IN ('subscribed', 'confirmed', 'unsubscribed',
  'resubscribed', 'bounced', 'complained', 'clicked', 'preferences', 'erased', 'email_changed', 'soft_bounce',
  'paused', 'resumed', 'links_rotated', 'expired'));

-- One row per link sent for confirmation, used once. purpose 'subscribe' activates the subscriber (a new sign-up or
-- a resubscription); 'email' moves the subscriber to new_email. The link names the row and the subscriber's token
-- version, so "sign out all links" and erasure revoke pending confirmations too.
CREATE TABLE confirmations (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  subscriber_id  BIGINT       NOT NULL,
  purpose        VARCHAR(16)  NOT NULL,
  new_email      VARCHAR(254) NULL,
  new_email_key  VARCHAR(254) NULL,
  created_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at     DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_confirmations_subscriber FOREIGN KEY (subscriber_id) REFERENCES subscribers (id) ON DELETE CASCADE,
  CONSTRAINT ck_confirmations_purpose CHECK (purpose IN ('subscribe', 'email')),
  CONSTRAINT ck_confirmations_email CHECK ((purpose = 'email') = (new_email IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_confirmations_expires ON confirmations (expires_at);
CREATE INDEX ix_confirmations_new_email ON confirmations (new_email_key);

-- Values the application generates once per database and every node must share (the suppression salt).
CREATE TABLE app_settings (
  name        VARCHAR(64)  NOT NULL,
  value       VARCHAR(255) NOT NULL,
  created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The hourly expiry of unconfirmed sign-ups looks for old pending rows.
CREATE INDEX ix_subscribers_created ON subscribers (status, created_at);
