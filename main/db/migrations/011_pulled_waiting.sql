-- 011: pulled records that cannot be written yet. The change feed is read shard by shard, and an
-- order's lines, an order's customer or a vehicle's stage events can sit on another shard than the
-- row they refer to (foreign keys): such a record waits here, in the same transaction that moves
-- the pull cursor past it, until that row arrives. A record SQLite refuses (a VIN registered twice
-- on two devices) is kept here too with the reason, for a person: pulled data is never dropped.
CREATE TABLE pulled_waiting (
  entity     TEXT NOT NULL,
  item_key   TEXT NOT NULL,                -- core's outboxItemKey() of the record
  record     TEXT NOT NULL,                -- JSON {entity, key, data, version, deleted}
  waits_for  TEXT,                         -- the missing row, e.g. 'vehicle:<id>'; NULL when refused
  reason     TEXT NOT NULL,
  pulled_at  TEXT NOT NULL,
  PRIMARY KEY (entity, item_key)
) STRICT, WITHOUT ROWID;
-- Each applied parent row looks up the records waiting for it.
CREATE INDEX pulled_waiting_by_parent ON pulled_waiting(waits_for) WHERE waits_for IS NOT NULL;
