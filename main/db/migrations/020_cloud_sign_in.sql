-- 020: cloud sign-in. A Cognito pool user is a local users row keyed by its `sub` (records it
-- creates carry that id); its roles are the groups seen at the last online sign-in. The offline
-- verifier is a scrypt hash of the password last used online: it unlocks the app when the pool
-- cannot be reached (NULL: this device cannot unlock offline for the user). Sessions unlocked that
-- way are marked offline; a session ended by the pool (disabled, signed out everywhere) keeps its
-- reason until it expires, so the next request is told why.
ALTER TABLE users ADD COLUMN source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'cognito'));
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN offline_verifier TEXT;
ALTER TABLE users ADD COLUMN online_at TEXT;

ALTER TABLE sessions ADD COLUMN offline INTEGER NOT NULL DEFAULT 0 CHECK (offline IN (0, 1));
ALTER TABLE sessions ADD COLUMN ended_reason TEXT;
CREATE INDEX sessions_by_user ON sessions(user_id);
