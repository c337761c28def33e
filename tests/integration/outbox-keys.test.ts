// The outbox's item-key index: "does this row have a pending change?" answered by an index lookup, kept right as change sets finish.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OutboxChangeSet, type OutboxItem, outboxItemKey } from '../../core/domain/outbox';
import { type Db, migrate, openDatabase } from '../../main/db/database';
import { MIGRATIONS } from '../../main/db/migrations';
import { OutboxRepo } from '../../main/db/repos/outbox-repo';

let dir: string;
const opened: Db[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-outbox-keys-'));
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(): Db {
  const db = openDatabase(join(dir, 'portside.sqlite'));
  opened.push(db);
  return db;
}

const item = (entity: OutboxItem['entity'], key: Record<string, string>): OutboxItem => ({
  entity,
  key,
  baseVersion: null,
  baseFields: null,
  data: { ...key },
});

let n = 0;
function changeSet(...items: OutboxItem[]): OutboxChangeSet {
  n += 1;
  return { id: `cs-${n}`, createdAt: '2026-11-30T07:00:00.000Z', actorId: 'u-1', operation: 'orders.update', items };
}

/** Every entity's key shape, as the services write them. */
const ONE_OF_EACH: OutboxItem[] = [
  item('order', { id: 'o-1' }),
  item('order_vehicle', { orderId: 'o-1', vehicleId: 'JTDBR32E540012345' }),
  item('vehicle', { id: 'v-1' }),
  item('stage_event', { vehicleId: 'v-1', id: 'e-1' }),
  item('customer', { id: 'c-1' }),
  item('audit', { id: 'a-1' }),
];

/** The rows pull could overwrite: every entity but the append-only audit entries. */
const MUTABLE = ONE_OF_EACH.filter((i) => i.entity !== 'audit');

function setState(db: Db, id: string, state: 'pending' | 'parked' | 'done'): void {
  db.prepare(`UPDATE outbox SET state = ? WHERE id = ?`).run(state, id);
}

function keyRows(db: Db): { change_set_seq: number; entity: string; item_key: string }[] {
  return db
    .prepare<[], { change_set_seq: number; entity: string; item_key: string }>(
      `SELECT * FROM outbox_keys ORDER BY change_set_seq, entity, item_key`,
    )
    .all();
}

describe('outboxItemKey', () => {
  it('writes each entity key as `<entity>:<key fields joined by />`', () => {
    expect(ONE_OF_EACH.map((i) => outboxItemKey(i.entity, i.key))).toEqual([
      'order:o-1',
      'order_vehicle:o-1/JTDBR32E540012345',
      'vehicle:v-1',
      'stage_event:v-1/e-1',
      'customer:c-1',
      'audit:a-1',
    ]);
  });

  it('refuses a key missing one of its fields, naming it', () => {
    expect(() => outboxItemKey('order_vehicle', { orderId: 'o-1' })).toThrow(/order_vehicle outbox item's key needs a non-empty vehicleId/);
  });
});

describe('hasPendingChange and pendingKeys', () => {
  it('see a row touched by a pending change set, and not a row no change set touches', () => {
    const db = open();
    const outbox = new OutboxRepo(db);
    outbox.append(changeSet(...ONE_OF_EACH));
    for (const i of MUTABLE) expect(outbox.hasPendingChange(i.entity, i.key)).toBe(true);
    // Audit entries are append-only: pull never overwrites one, so they are not looked up.
    expect(outbox.hasPendingChange('audit', { id: 'a-1' })).toBe(false);
    expect(outbox.hasPendingChange('order', { id: 'o-2' })).toBe(false);
    // The same id under another entity is another row.
    expect(outbox.hasPendingChange('customer', { id: 'o-1' })).toBe(false);
  });

  it('count a parked change set as pending: its change has not reached the table', () => {
    const db = open();
    const outbox = new OutboxRepo(db);
    const cs = changeSet(item('order', { id: 'o-1' }));
    outbox.append(cs);
    setState(db, cs.id, 'parked');
    expect(outbox.hasPendingChange('order', { id: 'o-1' })).toBe(true);
    expect(outbox.pendingKeys('order', [{ id: 'o-1' }])).toEqual(new Set(['order:o-1']));
  });

  it('stop counting a change set once it is done, and forget its keys', () => {
    const db = open();
    const outbox = new OutboxRepo(db);
    const first = changeSet(item('order', { id: 'o-1' }), item('customer', { id: 'c-1' }));
    const second = changeSet(item('order', { id: 'o-1' }));
    outbox.append(first);
    outbox.append(second);
    setState(db, first.id, 'done');
    // o-1 still has the second change set waiting; c-1 had only the first.
    expect(outbox.hasPendingChange('order', { id: 'o-1' })).toBe(true);
    expect(outbox.hasPendingChange('customer', { id: 'c-1' })).toBe(false);
    setState(db, second.id, 'done');
    expect(outbox.hasPendingChange('order', { id: 'o-1' })).toBe(false);
    expect(keyRows(db)).toEqual([]);
  });

  it('never count a stale key of a done change set, even when its delete was missed', () => {
    const db = open();
    const outbox = new OutboxRepo(db);
    const cs = changeSet(item('order', { id: 'o-1' }));
    outbox.append(cs);
    db.exec(`DROP TRIGGER outbox_done_forgets_keys`);
    setState(db, cs.id, 'done');
    expect(keyRows(db)).toHaveLength(1);
    expect(outbox.hasPendingChange('order', { id: 'o-1' })).toBe(false);
    expect(outbox.pendingKeys('order', [{ id: 'o-1' }])).toEqual(new Set());
    expect(outbox.forgetDone()).toBe(1);
    expect(keyRows(db)).toEqual([]);
  });

  it('answer a batch of keys in one call, beyond one query batch, ignoring duplicates', () => {
    const db = open();
    const outbox = new OutboxRepo(db);
    const ids = Array.from({ length: 1200 }, (_, i) => `o-${i}`);
    outbox.append(changeSet(...ids.filter((_, i) => i % 3 === 0).map((id) => item('order', { id }))));
    const asked = [...ids, ...ids].map((id) => ({ id }));
    const found = outbox.pendingKeys('order', asked);
    expect(found.size).toBe(400);
    expect(found.has('order:o-0')).toBe(true);
    expect(found.has('order:o-1')).toBe(false);
    expect(found.has('order:o-1197')).toBe(true);
    expect(outbox.pendingKeys('order', [])).toEqual(new Set());
  });

  it('write the keys in the change set’s transaction: a rolled-back write leaves no key behind', () => {
    const db = open();
    const outbox = new OutboxRepo(db);
    expect(() =>
      db.transaction(() => {
        outbox.append(changeSet(item('order', { id: 'o-1' })));
        throw new Error('refused later in the same unit of work');
      })(),
    ).toThrow(/refused later/);
    expect(keyRows(db)).toEqual([]);
    expect(outbox.hasPendingChange('order', { id: 'o-1' })).toBe(false);
  });
});

describe('query plans of the pending-change lookups', () => {
  it('search outbox_keys by its (entity, item_key) index and outbox by its primary key, never a scan', () => {
    const db = open();
    const { single, batch } = new OutboxRepo(db).keyLookupPlans();
    for (const plan of [single, batch]) {
      expect(plan.some((step) => /^SEARCH k USING COVERING INDEX outbox_keys_by_item \(entity=\? AND item_key=\?\)$/.test(step))).toBe(
        true,
      );
      expect(plan).toContain('SEARCH o USING INTEGER PRIMARY KEY (rowid=?)');
      expect(plan.some((step) => /^SCAN (k|o)\b/.test(step))).toBe(false);
    }
  });
});

describe('migration 008', () => {
  it('backfills the keys of pending and parked change sets with the same text as outboxItemKey, skipping done ones', () => {
    const file = join(dir, 'portside.sqlite');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    migrate(
      raw,
      MIGRATIONS.filter((m) => m.version < 8),
    );
    const insert = raw.prepare(`INSERT INTO outbox (id, created_at, actor_id, operation, items, state) VALUES (?, 't', NULL, 'op', ?, ?)`);
    insert.run('waiting', JSON.stringify(ONE_OF_EACH), 'pending');
    insert.run('stuck', JSON.stringify([item('order', { id: 'o-9' })]), 'parked');
    insert.run('finished', JSON.stringify([item('order', { id: 'o-8' })]), 'done');
    migrate(raw);
    raw.close();

    const db = open();
    const outbox = new OutboxRepo(db);
    expect(keyRows(db).map((r) => r.item_key)).toEqual([...MUTABLE.map((i) => outboxItemKey(i.entity, i.key)).sort(), 'order:o-9']);
    for (const i of MUTABLE) expect(outbox.hasPendingChange(i.entity, i.key)).toBe(true);
    expect(outbox.hasPendingChange('order', { id: 'o-9' })).toBe(true);
    expect(outbox.hasPendingChange('order', { id: 'o-8' })).toBe(false);
  });
});
