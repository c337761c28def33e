-- 009: conflicts a person resolves. When another device changed a record first, the sync merge
-- keeps theirs for each field both sides changed to different values and records it here, one row
-- per field (kind 'field'); a rule the merged data breaks (a vehicle now in two open orders, a
-- vehicle removed here but delivered there) is a row of kind 'rule'. Rows are never deleted: a
-- resolution closes the row and says how (mine, theirs, or an edited value) and who did it.
-- base, mine and theirs hold the field's values as JSON text ('null' for none).
CREATE TABLE sync_conflicts (
  id              TEXT PRIMARY KEY,
  entity          TEXT NOT NULL,
  -- The record's key as JSON ({"id": ...} or {"orderId": ..., "vehicleId": ...}).
  entity_key      TEXT NOT NULL,
  -- outboxItemKey() of the record, e.g. order:<id>: what a screen links by and duplicates are checked on.
  item_key        TEXT NOT NULL,
  -- The order this record belongs to (for links back to the order), when it has one.
  order_id        TEXT,
  field           TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('field', 'rule')),
  base            TEXT,
  mine            TEXT,
  theirs          TEXT,
  my_author       TEXT,
  my_at           TEXT,
  their_author    TEXT,
  their_at        TEXT,
  message         TEXT NOT NULL,
  -- The change set whose merge found it (null for rule conflicts found after a pull).
  change_set_id   TEXT,
  created_at      TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
  resolution      TEXT CHECK (resolution IN ('mine', 'theirs', 'edit')),
  resolved_value  TEXT,
  resolved_reason TEXT,
  resolved_by     TEXT,
  resolved_at     TEXT,
  CHECK ((state = 'open') = (resolution IS NULL))
) STRICT;
-- The Conflicts screen and the status pill read the open ones, oldest first.
CREATE INDEX sync_conflicts_open ON sync_conflicts(created_at, id) WHERE state = 'open';
-- "Is this rule conflict already recorded?" after every merge and pull.
CREATE INDEX sync_conflicts_by_item ON sync_conflicts(item_key, field) WHERE state = 'open';
