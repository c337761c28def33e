// Migration 009 on a real SQLite file: sync conflicts are kept with their values, close once, and their lookups keep their indexes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../main/db/database';
import { type NewConflict, SyncConflictsRepo } from '../../main/db/repos/sync-conflicts-repo';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-conflicts-'));
  db = openDatabase(join(dir, 'portside.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const conflict = (id: string, field = 'notes', createdAt = '2026-11-30T08:00:00.000Z'): NewConflict => ({
  id,
  entity: 'order',
  key: { id: 'o1' },
  itemKey: 'order:o1',
  orderId: 'o1',
  field,
  kind: 'field',
  base: null,
  mine: { text: 'mine' },
  theirs: 'theirs',
  myAuthor: 'u1',
  myAt: '2026-11-30T07:00:00.000Z',
  theirAuthor: 'u2',
  theirAt: '2026-11-30T07:30:00.000Z',
  message: 'Both changed it.',
  changeSetId: 'cs1',
  createdAt,
});

const plan = (sql: string, ...params: string[]): string =>
  db
    .prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => r.detail)
    .join('; ');

describe('migration 009: sync conflicts', () => {
  it('keeps every value as it was (null, text, objects), lists the open ones oldest first, and closes one only once', () => {
    const repo = new SyncConflictsRepo(db);
    repo.insert(conflict('c2', 'notes', '2026-11-30T09:00:00.000Z'));
    repo.insert(conflict('c1', 'currency', '2026-11-30T08:00:00.000Z'));
    expect(repo.get('c2')).toMatchObject({ base: null, mine: { text: 'mine' }, theirs: 'theirs', state: 'open', resolution: null });
    expect(repo.open().map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(repo.openFor('order:o1', 'notes')?.id).toBe('c2');
    expect(repo.countOpen()).toBe(2);

    const by = { by: 'u1', at: '2026-11-30T10:00:00.000Z', reason: 'Agreed.' };
    expect(repo.resolve('c2', { resolution: 'edit', value: 'edited', ...by })).toBe(true);
    expect(repo.resolve('c2', { resolution: 'theirs', value: null, ...by })).toBe(false);
    expect(repo.get('c2')).toMatchObject({ state: 'resolved', resolution: 'edit', resolvedValue: 'edited', resolvedReason: 'Agreed.' });
    expect(repo.openFor('order:o1', 'notes')).toBeNull();
    expect(repo.countOpen()).toBe(1);
  });

  it('refuses an unknown kind, state or resolution, and a resolved row without its resolution', () => {
    const repo = new SyncConflictsRepo(db);
    repo.insert(conflict('c1'));
    expect(() => db.prepare(`UPDATE sync_conflicts SET kind = 'guess' WHERE id = 'c1'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE sync_conflicts SET state = 'resolved' WHERE id = 'c1'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE sync_conflicts SET state = 'resolved', resolution = 'both' WHERE id = 'c1'`).run()).toThrow(/CHECK/);
  });

  it('finds the open conflicts and a record field’s open conflict through their partial indexes', () => {
    expect(plan(`SELECT * FROM sync_conflicts WHERE state = 'open' ORDER BY created_at, id`)).toMatch(
      /SCAN sync_conflicts USING INDEX sync_conflicts_open/,
    );
    expect(plan(`SELECT * FROM sync_conflicts WHERE item_key = ? AND field = ? AND state = 'open' LIMIT 1`, 'order:o1', 'notes')).toMatch(
      /SEARCH sync_conflicts USING INDEX sync_conflicts_by_item \(item_key=\? AND field=\?\)/,
    );
  });
});
