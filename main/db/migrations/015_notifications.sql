-- 015: order assignees, followers and notifications.
--
-- An order has an assignee (the person responsible for it), the creator until a Manager reassigns
-- it. Orders written before this migration get their creator.
ALTER TABLE orders ADD COLUMN assignee_id TEXT;
UPDATE orders SET assignee_id = created_by;
CREATE INDEX orders_by_assignee ON orders(assignee_id, order_date) WHERE deleted = 0;

-- Who follows an order: synced (item ORDER#<orderId> / FOLLOWER#<userId>), mutable with a version;
-- unfollowing keeps the row with following = 0 so the change syncs like any other field.
CREATE TABLE order_followers (
  order_id   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  following  INTEGER NOT NULL CHECK (following IN (0, 1)),
  version    INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (order_id, user_id)
) STRICT, WITHOUT ROWID;
-- Every device derives the same rows for existing orders (their creators) at version 0: never synced,
-- so their first change is pushed as a create.
INSERT INTO order_followers (order_id, user_id, following, version, updated_at, updated_by)
SELECT id, created_by, 1, 0, created_at, created_by FROM orders WHERE created_by <> 'system' AND deleted = 0;

-- Notifications are local to this device and derived from the audit trail (local and pulled
-- entries alike), so they are never synced: each device tells its own users.
CREATE TABLE notifications (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL,
  order_id      TEXT NOT NULL,
  event_type    TEXT NOT NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  entity_type   TEXT NOT NULL,           -- what the latest fact was about
  entity_id     TEXT NOT NULL,
  digest        TEXT NOT NULL,           -- JSON: the facts it sums up (core/domain/notifications.ts)
  change_key    TEXT,                    -- the change set of its latest fact (device + time)
  last_event_at TEXT NOT NULL,           -- when its latest fact happened (the coalescing window)
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  read_at       TEXT,
  count         INTEGER NOT NULL,
  coalesce_key  TEXT NOT NULL            -- <orderId>:<eventType>
) STRICT;
-- The centre lists a user's notifications newest first (keyset on updated_at, id).
CREATE INDEX notifications_by_user ON notifications(user_id, updated_at, id);
-- Unread count, and the unread notification a new fact may join.
CREATE INDEX notifications_unread ON notifications(user_id, coalesce_key, last_event_at) WHERE read_at IS NULL;

-- Per user and event type: in the notification centre, and on the desktop. No row = both on.
CREATE TABLE notification_preferences (
  user_id    TEXT NOT NULL,
  event_type TEXT NOT NULL,
  in_app     INTEGER NOT NULL CHECK (in_app IN (0, 1)),
  desktop    INTEGER NOT NULL CHECK (desktop IN (0, 1)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, event_type)
) STRICT, WITHOUT ROWID;
