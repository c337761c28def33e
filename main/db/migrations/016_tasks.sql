-- 016: follow-up tasks on an order (optionally about one of its vehicles): who does what by when.
-- Synced like the order's other records (version, updated at/by, deleted); `overdue_notified_at`
-- is this device's own memory of having told the assignee the task is overdue, never synced.
CREATE TABLE tasks (
  id                  TEXT PRIMARY KEY,
  order_id            TEXT NOT NULL REFERENCES orders(id),
  vehicle_id          TEXT REFERENCES vehicles(id),
  title               TEXT NOT NULL,
  notes               TEXT,
  assignee_id         TEXT NOT NULL,             -- a user id; names come from the people directory
  due_date            TEXT NOT NULL,             -- YYYY-MM-DD in the office's calendar
  done_at             TEXT,
  done_by             TEXT,
  created_at          TEXT NOT NULL,
  created_by          TEXT NOT NULL,
  version             INTEGER NOT NULL,
  updated_at          TEXT NOT NULL,
  updated_by          TEXT NOT NULL,
  deleted             INTEGER NOT NULL DEFAULT 0,
  overdue_notified_at TEXT,
  CHECK ((done_at IS NULL) = (done_by IS NULL))
) STRICT;
-- "My tasks": one assignee's open tasks by due date, or their done ones.
CREATE INDEX tasks_by_assignee ON tasks(assignee_id, done_at, due_date);
-- An order's Tasks tab and timeline.
CREATE INDEX tasks_by_order ON tasks(order_id, due_date);
-- The overdue notifier: open tasks not yet notified, by due date.
CREATE INDEX tasks_overdue_unnotified ON tasks(due_date) WHERE done_at IS NULL AND overdue_notified_at IS NULL AND deleted = 0;
-- A new due date or a reopened task (here or pulled from another device) may become overdue again:
-- the notifier tells the assignee again then.
CREATE TRIGGER tasks_overdue_renotify AFTER UPDATE OF due_date, done_at ON tasks
  WHEN NEW.overdue_notified_at IS NOT NULL AND (NEW.due_date IS NOT OLD.due_date OR NEW.done_at IS NOT OLD.done_at)
BEGIN
  UPDATE tasks SET overdue_notified_at = NULL WHERE id = NEW.id;
END;
