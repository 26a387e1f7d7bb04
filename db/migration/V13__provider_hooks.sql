-- Provider bounce webhooks name a digest by its Message-ID alone (the provider's signature vouches for the report):
-- the lookup needs its own index.
CREATE INDEX ix_deliveries_message_id ON deliveries (message_id);

-- Mailgun's one-time tokens seen within the replay window: a signed request whose token is here already is a replay.
-- Rows older than the window are deleted as new ones come in.
CREATE TABLE hook_tokens (
  provider VARCHAR(16)  NOT NULL,
  token    VARCHAR(128) NOT NULL,
  seen_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (provider, token)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_hook_tokens_seen ON hook_tokens (seen_at);
