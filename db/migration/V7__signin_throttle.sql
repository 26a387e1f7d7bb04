-- The sign-in throttle (editors/LoginThrottle) counts an attempt before its password is checked: it reserves the
-- attempt's row in login_failures, and deletes it again when the password was right. While it counts and reserves,
-- it holds this table's row for the client and the row for the address (lock_key "c:<client network>" and
-- "a:<address>"), so parallel attempts are counted one after another on every node of a cluster.
-- login_failures.ip now holds the client's network as limits count it: an IPv6 /64 ("2001:db8:1:2::/64") or an IPv4
-- address.
CREATE TABLE login_throttle_locks (
  lock_key    VARCHAR(300) NOT NULL,
  touched_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (lock_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_login_throttle_locks_touched ON login_throttle_locks (touched_at);
CREATE INDEX ix_login_failures_created ON login_failures (created_at);
