// Migration 010 on a database written before it: stored author names become user ids, the people directory names them.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER_ID } from '../../core/domain/people';
import { type Db, migrate, schemaVersion } from '../../main/db/database';
import { MIGRATIONS } from '../../main/db/migrations';
import { PeopleRepo } from '../../main/db/repos/people-repo';

const PEOPLE = 10;
const AT = '2026-03-02T09:00:00.000Z';
const CASEY = '0193a000-0000-7000-8000-00000000ca5e';
const MORGAN = '0193a000-0000-7000-8000-0000000000f0';
const ALEX_1 = '0193a000-0000-7000-8000-0000000a1e01';
const ALEX_2 = '0193a000-0000-7000-8000-0000000a1e02';

let dir: string;
let db: Db;

/** A database as Portside left it before 010, holding display names where ids now go. */
function databaseBeforePeople(): Db {
  const raw = new Database(join(dir, 'portside.sqlite'));
  raw.pragma('foreign_keys = ON');
  migrate(
    raw,
    MIGRATIONS.filter((m) => m.version < PEOPLE),
  );
  const user = raw.prepare<[string, string, string]>(
    `INSERT INTO users (id, username, display_name, roles, password_hash, disabled, created_at) VALUES (?, ?, ?, '["CSR"]', 'x', 0, '${AT}')`,
  );
  user.run(CASEY, 'casey', 'Casey Tester');
  user.run(MORGAN, 'morgan', 'Morgan Manager');
  // Two accounts share a display name: which of them wrote a record cannot be told from the name.
  user.run(ALEX_1, 'alex1', 'Alex Kim');
  user.run(ALEX_2, 'alex2', 'Alex Kim');
  raw
    .prepare(
      `INSERT INTO customers (id, name, search_text, version, created_at, created_by, updated_at, updated_by)
       VALUES ('c1', 'Hiro Ito', 'hiro ito', 2, '${AT}', 'Casey Tester', '${AT}', 'Morgan Manager')`,
    )
    .run();
  raw
    .prepare(
      `INSERT INTO vehicles (id, vin, make, model, year, stage, search_text, version, created_at, created_by, updated_at, updated_by)
       VALUES ('v1', 'JT000000000000001', 'Toyota', 'Supra', 1998, 'purchased', 'jt', 2, '${AT}', 'Alex Kim', '${AT}', 'Portside')`,
    )
    .run();
  raw
    .prepare(
      `INSERT INTO vehicle_stage_events (id, vehicle_id, stage, at, note, recorded_by, recorded_at, retracted_at, retracted_by, retract_reason)
       VALUES ('e1', 'v1', 'purchased', '${AT}', NULL, 'Casey Tester', '${AT}', '${AT}', 'Former Rep', 'Wrong car.')`,
    )
    .run();
  raw
    .prepare(
      `INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency, progress,
         order_date, search_text, version, created_at, created_by, updated_at, updated_by)
       VALUES ('o1', 'PS-2026-00001', 'c1', 'Draft', 1, 0, 100, 'USD', 0, '${AT}', 'ps', 3, '${AT}', 'Casey Tester', '${AT}', 'Portside')`,
    )
    .run();
  raw
    .prepare(
      `INSERT INTO order_vehicles (order_id, vehicle_id, status, price, added_date, version, updated_at, updated_by)
       VALUES ('o1', 'v1', 'Added', 100, '${AT}', 1, '${AT}', 'Morgan Manager')`,
    )
    .run();
  const audit = raw.prepare<[string, string | null, string, string]>(
    `INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin)
     VALUES (?, ?, ?, ?, 'order', 'o1', 'o1', 'updated', '[]', NULL, 'local')`,
  );
  // Another device's user, known here only from the entries pulled with their work.
  audit.run('a1', '2026-03-01T09:00:00.000Z', 'remote-rep', 'Remote Rep (old name)');
  audit.run('a2', '2026-03-02T09:00:00.000Z', 'remote-rep', 'Remote Rep');
  const outbox = raw.prepare<[string, string, string]>(
    `INSERT INTO outbox (id, created_at, actor_id, operation, items, state) VALUES (?, '${AT}', NULL, 'test', ?, ?)`,
  );
  const orderItem = {
    entity: 'order',
    key: { id: 'o1' },
    baseVersion: 2,
    baseFields: { notes: null },
    data: { id: 'o1', notes: 'x', createdBy: 'Casey Tester', updatedBy: 'Portside' },
  };
  const stageItem = {
    entity: 'stage_event',
    key: { vehicleId: 'v1', id: 'e1' },
    baseVersion: null,
    baseFields: { retractedBy: null },
    data: { id: 'e1', recordedBy: 'Casey Tester', retractedBy: 'Former Rep' },
  };
  const lineItem = {
    entity: 'order_vehicle',
    key: { orderId: 'o1', vehicleId: 'v1' },
    baseVersion: null,
    baseFields: null,
    data: { updatedBy: 'Morgan Manager' },
  };
  const auditItem = {
    entity: 'audit',
    key: { id: 'a9' },
    baseVersion: null,
    baseFields: null,
    data: { id: 'a9', actorId: CASEY, actorName: 'Casey Tester' },
  };
  outbox.run('cs-pending', JSON.stringify([orderItem, lineItem, stageItem, auditItem]), 'pending');
  outbox.run('cs-done', JSON.stringify([orderItem]), 'done');
  return raw;
}

const one = <T>(sql: string): T => db.prepare<[], T>(sql).get() as T;
const itemsOf = (id: string): { entity: string; baseFields: unknown; data: Record<string, unknown> }[] =>
  JSON.parse(db.prepare<[string], { items: string }>(`SELECT items FROM outbox WHERE id = ?`).get(id)?.items ?? '[]') as never;

// The tests only read the migrated database: migrated once.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-migration-people-'));
  db = databaseBeforePeople();
  migrate(db);
});
afterAll(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('010: authors as user ids, named by the people directory', () => {
  it('brings the database to the latest version', () => {
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
  });

  it("turns a name exactly one local user has into that user's id, in every table that names an author", () => {
    expect(one(`SELECT created_by, updated_by FROM customers`)).toEqual({ created_by: CASEY, updated_by: MORGAN });
    expect(one(`SELECT created_by, updated_by FROM orders`)).toEqual({ created_by: CASEY, updated_by: SYSTEM_USER_ID });
    expect(one(`SELECT updated_by FROM order_vehicles`)).toEqual({ updated_by: MORGAN });
    expect(one(`SELECT recorded_by FROM vehicle_stage_events`)).toEqual({ recorded_by: CASEY });
  });

  it("turns the system actor's name 'Portside' into the stable id 'system'", () => {
    expect(one(`SELECT updated_by FROM vehicles`)).toEqual({ updated_by: SYSTEM_USER_ID });
  });

  it('keeps a name no local user has, or several have, as it was, and still shows it as that name', () => {
    expect(one(`SELECT created_by FROM vehicles`)).toEqual({ created_by: 'Alex Kim' });
    expect(one(`SELECT retracted_by FROM vehicle_stage_events`)).toEqual({ retracted_by: 'Former Rep' });
    const names = new PeopleRepo(db).names(['Alex Kim', 'Former Rep']);
    expect([names.nameOf('Alex Kim'), names.nameOf('Former Rep')]).toEqual(['Alex Kim', 'Former Rep']);
  });

  it('fills the directory from local users, the latest name of each audit actor, and the system actor', () => {
    const names = new PeopleRepo(db).names([CASEY, MORGAN, ALEX_2, 'remote-rep', SYSTEM_USER_ID]);
    expect([CASEY, MORGAN, ALEX_2, 'remote-rep', SYSTEM_USER_ID].map((id) => names.nameOf(id))).toEqual([
      'Casey Tester',
      'Morgan Manager',
      'Alex Kim',
      'Remote Rep',
      'Portside',
    ]);
  });

  it('rewrites the authors in change sets not yet pushed, and leaves audit items and pushed change sets alone', () => {
    const [order, line, stage, audit] = itemsOf('cs-pending');
    expect(order?.data).toEqual({ id: 'o1', notes: 'x', createdBy: CASEY, updatedBy: SYSTEM_USER_ID });
    expect(order?.baseFields).toEqual({ notes: null });
    expect(line?.data).toEqual({ updatedBy: MORGAN });
    expect(stage?.data).toEqual({ id: 'e1', recordedBy: CASEY, retractedBy: 'Former Rep' });
    expect(stage?.baseFields).toEqual({ retractedBy: null });
    // An audit entry's actorName is part of its hash, and it says who it was at the time.
    expect(audit?.data).toEqual({ id: 'a9', actorId: CASEY, actorName: 'Casey Tester' });
    expect(itemsOf('cs-done')[0]?.data).toMatchObject({ createdBy: 'Casey Tester' });
  });

  it('names a page of authors with one search of the directory by its key', () => {
    const plan = db
      .prepare<[string], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT id, display_name FROM people WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .all('[]')
      .map((r) => r.detail);
    expect(plan.join('; ')).toMatch(/SEARCH people USING PRIMARY KEY \(id=\?\)/);
  });
});
