-- 021: the Admin screen. Accounts carry a version (an Admin's edit made on a stale screen is refused,
-- never silently overwriting another Admin's) and when they were last changed. The sign-in history
-- reads the trail's user entries newest first; the partial index keeps that one indexed range,
-- however many order entries the trail holds. Sessions are counted and ended per user.
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN updated_at TEXT;
CREATE INDEX audit_user_entries ON audit_entries(at, id) WHERE entity_type = 'user';
-- 020 indexed sessions by user alone; this one also serves counting a user's live sessions.
DROP INDEX IF EXISTS sessions_by_user;
CREATE INDEX sessions_by_user ON sessions(user_id, expires_at);
