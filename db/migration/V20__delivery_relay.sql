-- Which relay gave a delivery its last answer (RelaysConfig's name: host:port or the URL's ?name=), for the edition
-- report's per-relay figures. NULL until a relay answers (queued, skipped, suppressed, or no relay reachable).
ALTER TABLE deliveries ADD COLUMN relay VARCHAR(64) NULL;
