-- 010: records name their authors by user id; a people directory turns ids into display names.
-- Until now orders, customers and vehicles (created_by, updated_by), order lines (updated_by) and
-- stage events (recorded_by, retracted_by) held the actor's display name. Records sync to devices
-- whose users table does not know this device's users, and a display name can change where an id
-- cannot, so they now hold the user's id, or 'system' (core SYSTEM_USER_ID) when Portside acted.
--
-- The directory (id -> display name) is filled without any caller having to remember it:
--   * local users, by triggers on `users` (created, renamed): a local account is authoritative;
--   * audit entries, by a trigger on `audit_entries`: every entry carries actor_id + actor_name,
--     and entries pulled from other devices land in the same table, so the names of other
--     devices' users arrive with their entries without the pull code knowing;
--   * 'system' -> 'Portside', here.
-- A sighting older than the one kept never overwrites it (seen_at), so an old entry pulled late
-- does not bring back a name its user has since changed.

CREATE TABLE people (
  id           TEXT PRIMARY KEY,  -- a user id, 'system', or a name kept from before 010 (see below)
  display_name TEXT NOT NULL,
  seen_at      TEXT NOT NULL      -- when this name was last seen in use (ISO 8601); '' = never seen live
) STRICT, WITHOUT ROWID;

CREATE TRIGGER people_from_new_user AFTER INSERT ON users
BEGIN
  INSERT INTO people (id, display_name, seen_at) VALUES (NEW.id, NEW.display_name, NEW.created_at)
  ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, seen_at = max(people.seen_at, excluded.seen_at);
END;

CREATE TRIGGER people_from_renamed_user AFTER UPDATE OF display_name ON users
BEGIN
  INSERT INTO people (id, display_name, seen_at) VALUES (NEW.id, NEW.display_name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, seen_at = max(people.seen_at, excluded.seen_at);
END;

CREATE TRIGGER people_from_audit AFTER INSERT ON audit_entries
WHEN NEW.actor_id IS NOT NULL
BEGIN
  INSERT INTO people (id, display_name, seen_at) VALUES (NEW.actor_id, NEW.actor_name, NEW.at)
  ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, seen_at = excluded.seen_at
  WHERE excluded.seen_at >= people.seen_at;
END;

-- Fill the directory from what this device already knows: its users first (they win), then the
-- latest name each audit actor was seen under, then the system actor.
INSERT OR IGNORE INTO people (id, display_name, seen_at) SELECT id, display_name, created_at FROM users;
INSERT OR IGNORE INTO people (id, display_name, seen_at)
SELECT actor_id, actor_name, max(at) FROM audit_entries WHERE actor_id IS NOT NULL GROUP BY actor_id;
INSERT OR IGNORE INTO people (id, display_name, seen_at) VALUES ('system', 'Portside', '');

-- Which stored names become which id: a name exactly one local user has as display name; and
-- 'Portside' (the system actor's name) -> 'system' unless a user is called that.
CREATE TEMP TABLE migration_010_names (name TEXT PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO migration_010_names (name, id)
SELECT display_name, min(id) FROM users GROUP BY display_name HAVING count(*) = 1;
INSERT OR IGNORE INTO migration_010_names (name, id) VALUES ('Portside', 'system');

UPDATE orders SET created_by = (SELECT id FROM migration_010_names WHERE name = created_by)
WHERE created_by IN (SELECT name FROM migration_010_names);
UPDATE orders SET updated_by = (SELECT id FROM migration_010_names WHERE name = updated_by)
WHERE updated_by IN (SELECT name FROM migration_010_names);
UPDATE order_vehicles SET updated_by = (SELECT id FROM migration_010_names WHERE name = updated_by)
WHERE updated_by IN (SELECT name FROM migration_010_names);
UPDATE customers SET created_by = (SELECT id FROM migration_010_names WHERE name = created_by)
WHERE created_by IN (SELECT name FROM migration_010_names);
UPDATE customers SET updated_by = (SELECT id FROM migration_010_names WHERE name = updated_by)
WHERE updated_by IN (SELECT name FROM migration_010_names);
UPDATE vehicles SET created_by = (SELECT id FROM migration_010_names WHERE name = created_by)
WHERE created_by IN (SELECT name FROM migration_010_names);
UPDATE vehicles SET updated_by = (SELECT id FROM migration_010_names WHERE name = updated_by)
WHERE updated_by IN (SELECT name FROM migration_010_names);
UPDATE vehicle_stage_events SET recorded_by = (SELECT id FROM migration_010_names WHERE name = recorded_by)
WHERE recorded_by IN (SELECT name FROM migration_010_names);
UPDATE vehicle_stage_events SET retracted_by = (SELECT id FROM migration_010_names WHERE name = retracted_by)
WHERE retracted_by IN (SELECT name FROM migration_010_names);

-- The change sets not yet pushed carry the same records in their items' `data`: they get the ids
-- too, so no name is ever pushed as an author. Audit items are left alone: an entry's actorName is
-- part of its hash, and it is a name on purpose (who it was at the time). One statement per field.
UPDATE outbox SET items = (
  SELECT json_group_array(
    CASE WHEN i.value ->> '$.entity' <> 'audit' AND n.id IS NOT NULL THEN json_set(i.value, '$.data.createdBy', n.id) ELSE json(i.value) END
    ORDER BY i.key)
  FROM json_each(outbox.items) i LEFT JOIN migration_010_names n ON n.name = i.value ->> '$.data.createdBy'
)
WHERE state <> 'done';
UPDATE outbox SET items = (
  SELECT json_group_array(
    CASE WHEN i.value ->> '$.entity' <> 'audit' AND n.id IS NOT NULL THEN json_set(i.value, '$.data.updatedBy', n.id) ELSE json(i.value) END
    ORDER BY i.key)
  FROM json_each(outbox.items) i LEFT JOIN migration_010_names n ON n.name = i.value ->> '$.data.updatedBy'
)
WHERE state <> 'done';
UPDATE outbox SET items = (
  SELECT json_group_array(
    CASE WHEN i.value ->> '$.entity' <> 'audit' AND n.id IS NOT NULL THEN json_set(i.value, '$.data.recordedBy', n.id) ELSE json(i.value) END
    ORDER BY i.key)
  FROM json_each(outbox.items) i LEFT JOIN migration_010_names n ON n.name = i.value ->> '$.data.recordedBy'
)
WHERE state <> 'done';
UPDATE outbox SET items = (
  SELECT json_group_array(
    CASE WHEN i.value ->> '$.entity' <> 'audit' AND n.id IS NOT NULL THEN json_set(i.value, '$.data.retractedBy', n.id) ELSE json(i.value) END
    ORDER BY i.key)
  FROM json_each(outbox.items) i LEFT JOIN migration_010_names n ON n.name = i.value ->> '$.data.retractedBy'
)
WHERE state <> 'done';

-- A stored name no local user has (or several have) stays as it is: guessing would put one
-- person's work under another's name. Flagged here, and given a directory entry under itself so
-- it still shows as the name it always was; it is never seen live ('') so nothing else collides.
INSERT OR IGNORE INTO people (id, display_name, seen_at)
SELECT author, author, '' FROM (
  SELECT created_by AS author FROM orders UNION SELECT updated_by FROM orders
  UNION SELECT updated_by FROM order_vehicles
  UNION SELECT created_by FROM customers UNION SELECT updated_by FROM customers
  UNION SELECT created_by FROM vehicles UNION SELECT updated_by FROM vehicles
  UNION SELECT recorded_by FROM vehicle_stage_events UNION SELECT retracted_by FROM vehicle_stage_events
)
WHERE author IS NOT NULL;

DROP TABLE migration_010_names;
