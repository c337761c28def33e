-- 005: failed sign-in counters, per account name and per client, so a lockout survives a restart.
-- A row exists only while failures are being counted; a successful sign-in or an Admin's unlock
-- deletes the account's row. `subject` is the username as typed (known or not: an attacker must
-- not learn which names exist) or the client (remote address, or 'ipc').
CREATE TABLE sign_in_throttle (
  scope           TEXT NOT NULL CHECK (scope IN ('user', 'client')),
  subject         TEXT NOT NULL COLLATE NOCASE,
  failures        INTEGER NOT NULL CHECK (failures > 0),
  last_failure_at TEXT NOT NULL,
  locked_until    TEXT,
  PRIMARY KEY (scope, subject)
) STRICT, WITHOUT ROWID;
-- Forgotten counters are purged by age.
CREATE INDEX sign_in_throttle_by_age ON sign_in_throttle(last_failure_at);
