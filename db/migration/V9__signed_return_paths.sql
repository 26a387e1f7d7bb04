-- From this version on, the return path of a digest carries a MAC of its delivery id (bounces+ID.MAC@...). Bounces
-- to the old form (bounces+ID@...) are believed only for deliveries sent before this moment, and only within the
-- bounce window: this migration runs before the first digest with a signed return path can leave, so every
-- delivery sent after it was signed, and an unsigned address naming one of them is a forgery.
-- [jooq ignore start]
INSERT INTO app_settings (name, value)
  VALUES ('verp_signed_since', DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'));
-- [jooq ignore stop]
