-- Outbound webhooks. An endpoint subscribes to some event types; every change that is such an event writes one
-- webhook_events row (the outbox) and one webhook_deliveries row per subscribed endpoint in the transaction that
-- makes the change, so a crash can lose neither the change's event nor make an event without its change.
CREATE TABLE webhook_endpoints (
  id                   BIGINT        NOT NULL AUTO_INCREMENT,
  url                  VARCHAR(2000) NOT NULL,
  -- comma-separated event types, e.g. 'subscriber.created,pick.published'
  event_types          VARCHAR(500)  NOT NULL,
  -- whsec_ + base64 of the signing key (Standard Webhooks)
  secret               VARCHAR(100)  NOT NULL,
  enabled              BOOLEAN       NOT NULL DEFAULT TRUE,
  -- set when the endpoint failed without a success for too long; nothing is sent to it until resumed
  paused_at            DATETIME(3)   NULL,
  paused_reason        VARCHAR(300)  NULL,
  -- the first failure since the last success; NULL while it answers
  failing_since        DATETIME(3)   NULL,
  consecutive_failures INT           NOT NULL DEFAULT 0,
  last_status          INT           NULL,
  last_error           VARCHAR(300)  NULL,
  last_attempt_at      DATETIME(3)   NULL,
  last_success_at      DATETIME(3)   NULL,
  created_by           VARCHAR(254)  NOT NULL,
  created_at           DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE webhook_events (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  -- the webhook-id header: the same for every endpoint and every retry, for the receiver's de-duplication
  message_id  VARCHAR(40)  NOT NULL,
  event_type  VARCHAR(40)  NOT NULL,
  -- what the event is about (subscriber:12, pick:7, edition:2026-12-04): one subject's events go out in order
  subject     VARCHAR(60)  NOT NULL,
  payload     MEDIUMTEXT   NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_webhook_events_message UNIQUE (message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE webhook_deliveries (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  event_id         BIGINT        NOT NULL,
  endpoint_id      BIGINT        NOT NULL,
  subject          VARCHAR(60)   NOT NULL,
  state            VARCHAR(16)   NOT NULL DEFAULT 'queued',
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3)   NOT NULL,
  give_up_at       DATETIME(3)   NOT NULL,
  claimed_by       VARCHAR(100)  NULL,
  claimed_at       DATETIME(3)   NULL,
  last_status      INT           NULL,
  last_error       VARCHAR(300)  NULL,
  last_attempt_at  DATETIME(3)   NULL,
  delivered_at     DATETIME(3)   NULL,
  created_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_webhook_deliveries UNIQUE (event_id, endpoint_id),
  CONSTRAINT fk_webhook_deliveries_event FOREIGN KEY (event_id) REFERENCES webhook_events (id) ON DELETE CASCADE,
  CONSTRAINT fk_webhook_deliveries_endpoint FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id)
    ON DELETE CASCADE,
  CONSTRAINT ck_webhook_deliveries_state CHECK (state IN ('queued', 'sending', 'delivered', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_order ON webhook_deliveries (endpoint_id, subject, id);

-- An edition (a date) is completed once its date has ended everywhere and none of its deliveries is left to send.
ALTER TABLE editions ADD COLUMN completed_at DATETIME(3) NULL;
-- [jooq ignore start]
-- Editions from before this version are history, not news.
UPDATE editions SET completed_at = UTC_TIMESTAMP(3) WHERE edition_date < UTC_DATE() - INTERVAL 2 DAY;
-- [jooq ignore stop]
