-- The workspace's charts read events by type over a period (joins and departures per day, clicks per pick): without
-- this index each chart would scan every event ever recorded, clicks included.
CREATE INDEX ix_events_type_created ON events (type, created_at);
