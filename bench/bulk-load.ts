// Bulk loading: an index built once over millions of rows costs a fraction of keeping it up to date row by row.
import type { Db } from '../main/db/database';

/**
 * Secondary indexes the history replay fills with millions of rows in no order of their keys.
 * Not stage_events_by_vehicle: the stage-span trigger (migration 018) reads a vehicle's events
 * through it on every insert, and would scan the whole table without it.
 */
const DEFERRED_INDEXES = ['audit_by_order', 'audit_by_entity', 'audit_chain'];

/**
 * Runs `load` with the deferred indexes and the people directory's audit trigger dropped, then
 * puts them back exactly as the migrations wrote them (sqlite_master's own text) and does once
 * what the trigger does per entry: the directory ends as if every entry had passed through it.
 * Uniqueness is still enforced when an index is rebuilt, so a duplicate would fail the load.
 */
export function withDeferredIndexes<T>(db: Db, load: () => T): T {
  const names = [...DEFERRED_INDEXES, 'people_from_audit'];
  const saved = db
    .prepare<[string], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE name IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(names));
  if (saved.length !== names.length)
    throw new Error(`bench: expected ${names.join(', ')} in the schema, found ${saved.map((s) => s.name).join(', ')}`);
  const kind = (name: string): string => (name === 'people_from_audit' ? 'TRIGGER' : 'INDEX');
  db.transaction(() => {
    for (const { name } of saved) db.exec(`DROP ${kind(name)} ${name}`);
  })();
  try {
    return load();
  } finally {
    db.transaction(() => {
      for (const { sql } of saved) db.exec(sql);
      // What people_from_audit does for each entry: the latest name each actor was seen under.
      db.exec(`INSERT INTO people (id, display_name, seen_at)
               SELECT actor_id, actor_name, max(at) FROM audit_entries WHERE actor_id IS NOT NULL GROUP BY actor_id
               ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, seen_at = excluded.seen_at
               WHERE excluded.seen_at >= people.seen_at`);
    })();
  }
}
