-- 008: the outbox indexed by item key. Pull asks "does this row have a pending change?" for every
-- item it applies; the change sets keep their items as one JSON blob, so each change set's item
-- keys are also written here (same transaction as the change set) and looked up by index.
-- item_key is core's outboxItemKey(): `<entity>:<key fields joined by '/'>`, e.g. `order:<id>`,
-- `order_vehicle:<orderId>/<vehicleId>`, `stage_event:<vehicleId>/<id>`. Audit entries are
-- append-only (pull never overwrites one), so they get no keys.
CREATE TABLE outbox_keys (
  change_set_seq INTEGER NOT NULL REFERENCES outbox(seq) ON DELETE CASCADE,
  entity         TEXT NOT NULL,
  item_key       TEXT NOT NULL,
  PRIMARY KEY (change_set_seq, entity, item_key)
) STRICT, WITHOUT ROWID;
-- The lookup pull makes; change_set_seq rides along in the index, so the join to outbox needs no table read.
CREATE INDEX outbox_keys_by_item ON outbox_keys(entity, item_key);

-- A change set that is done no longer holds its rows back: its keys go as its state changes,
-- whoever changes it (lookups also join on the state, so a missed delete never counts).
CREATE TRIGGER outbox_done_forgets_keys AFTER UPDATE OF state ON outbox
WHEN NEW.state = 'done'
BEGIN
  DELETE FROM outbox_keys WHERE change_set_seq = NEW.seq;
END;

-- Backfill from the change sets still waiting (pending or parked); the CASE mirrors OUTBOX_KEY_FIELDS.
INSERT OR IGNORE INTO outbox_keys (change_set_seq, entity, item_key)
SELECT o.seq,
       json_extract(i.value, '$.entity'),
       json_extract(i.value, '$.entity') || ':' ||
         CASE json_extract(i.value, '$.entity')
           WHEN 'order_vehicle' THEN json_extract(i.value, '$.key.orderId') || '/' || json_extract(i.value, '$.key.vehicleId')
           WHEN 'stage_event' THEN json_extract(i.value, '$.key.vehicleId') || '/' || json_extract(i.value, '$.key.id')
           ELSE json_extract(i.value, '$.key.id')
         END
FROM outbox o, json_each(o.items) i
WHERE o.state <> 'done'
  AND json_extract(i.value, '$.entity') IS NOT NULL
  AND json_extract(i.value, '$.entity') <> 'audit';
