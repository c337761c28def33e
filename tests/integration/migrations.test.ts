// Schema migrations on real SQLite files: versioning in PRAGMA user_version, all-or-nothing steps, and query plans that keep their index.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, type Db, migrate, openDatabase, schemaVersion } from '../../main/db/database';
import { type Migration, MIGRATIONS } from '../../main/db/migrations';
import { OrderNumberBlocksRepo } from '../../main/db/repos/order-number-blocks-repo';
import { OrdersRepo } from '../../main/db/repos/orders-repo';

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

let dir: string;
let file: string;
const opened: Db[] = [];

function open(path = file): Db {
  const db = openDatabase(path);
  opened.push(db);
  return db;
}

function tables(db: Db): string[] {
  return db
    .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all()
    .map((r) => r.name);
}

function schema(db: Db): { type: string; name: string; sql: string | null }[] {
  return db
    .prepare<[], { type: string; name: string; sql: string | null }>(`SELECT type, name, sql FROM sqlite_master ORDER BY name`)
    .all();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-migrations-'));
  file = join(dir, 'portside.sqlite');
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3... in order, each named NNN_name', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const m of MIGRATIONS) expect(m.name).toMatch(new RegExp(`^${String(m.version).padStart(3, '0')}_[a-z0-9_]+$`));
  });

  it('bring a fresh database to the latest version', () => {
    const db = open();
    expect(schemaVersion(db)).toBe(LATEST);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'customers',
        'vehicles',
        'vehicle_stage_events',
        'orders',
        'order_vehicles',
        'audit_entries',
        'outbox',
      ]),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('do nothing when the database is re-opened: same version, same schema, data kept', () => {
    const first = open();
    first.prepare(`INSERT INTO settings (key, value) VALUES ('probe', 'kept')`).run();
    const before = schema(first);
    first.close();

    const again = open();
    expect(schemaVersion(again)).toBe(LATEST);
    expect(schema(again)).toEqual(before);
    expect(again.prepare<[], { value: string }>(`SELECT value FROM settings WHERE key = 'probe'`).get()?.value).toBe('kept');
    expect(migrate(again)).toBe(LATEST);
  });

  it('refuse a database written by a newer Portside with DatabaseTooNewError, leaving it untouched', () => {
    const newer = new Database(file);
    newer.pragma(`user_version = ${LATEST + 1}`);
    newer.close();

    let error: unknown;
    try {
      open();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect(error).toMatchObject({ found: LATEST + 1, supported: LATEST });
    expect((error as Error).message).toBe(
      `This database was written by a newer Portside (schema ${LATEST + 1}; this app knows up to ${LATEST}). Update Portside to open it.`,
    );

    // The refused connection is closed (no -wal/-shm left holding the file) and the file keeps its journal mode.
    expect(readdirSync(dir)).toEqual(['portside.sqlite']);
    const check = new Database(file);
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(LATEST + 1);
      expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(tables(check)).toEqual([]);
    } finally {
      check.close();
    }
  });

  it('roll a failing migration back whole: user_version unchanged, no partial tables', () => {
    const db = open();
    const failing: Migration = {
      version: LATEST + 1,
      name: 'broken',
      sql: `CREATE TABLE half_done (id TEXT PRIMARY KEY);
            INSERT INTO half_done (id) VALUES ('x');
            ALTER TABLE orders ADD COLUMN fee INTEGER NOT NULL DEFAULT 0;
            INSERT INTO no_such_table VALUES (1);`,
    };
    expect(() => migrate(db, [...MIGRATIONS, failing])).toThrow(/no such table: no_such_table/);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(tables(db)).not.toContain('half_done');
    const orderColumns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('orders')`).all();
    expect(orderColumns.map((c) => c.name)).not.toContain('fee');
  });

  it('apply the steps that succeed before a failing one, each in its own transaction', () => {
    const db = new Database(':memory:');
    opened.push(db);
    const steps: Migration[] = [
      { version: 1, name: '001_a', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: '002_b', sql: 'CREATE TABLE b (x INTEGER); CREATE TABLE b (y INTEGER);' },
    ];
    expect(() => migrate(db, steps)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a']);
  });
});

describe('query plans of the orders list', () => {
  let db: Db;
  let repo: OrdersRepo;
  beforeEach(() => {
    db = open();
    repo = new OrdersRepo(db);
  });

  /** A full table scan, or a sort in a temporary b-tree instead of reading an index in order. */
  const isSlow = (plan: string[]): boolean => plan.some((step) => /^SCAN o$|USE TEMP B-TREE/.test(step));

  it('filters by status through orders_by_status_date, already in date order', () => {
    const plan = repo.listQueryPlan({ status: 'In Progress', limit: 50 });
    expect(plan).toContain('SEARCH o USING INDEX orders_by_status_date (status=?)');
    expect(isSlow(plan)).toBe(false);
  });

  it('filters by customer through orders_by_customer_date, already in date order', () => {
    const plan = repo.listQueryPlan({ customerId: 'c-1', limit: 50 });
    expect(plan).toContain('SEARCH o USING INDEX orders_by_customer_date (customer_id=?)');
    expect(isSlow(plan)).toBe(false);
  });

  it('pages on from a cursor inside the same index', () => {
    const cursor = Buffer.from(JSON.stringify(['2026-03-01T00:00:00.000Z', 'o-1'])).toString('base64url');
    const plan = repo.listQueryPlan({ status: 'Draft', cursor, limit: 50 });
    expect(plan).toContain('SEARCH o USING INDEX orders_by_status_date (status=? AND (order_date,id)<(?,?))');
    expect(isSlow(plan)).toBe(false);
  });

  it('lists all orders newest first by reading orders_by_date in order', () => {
    const plan = repo.listQueryPlan({ limit: 50 });
    expect(plan).toContain('SCAN o USING INDEX orders_by_date');
    expect(isSlow(plan)).toBe(false);
  });

  it('returns the same rows whichever statement the filters pick', () => {
    const insert = db.prepare(
      `INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency, progress,
         order_date, search_text, version, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, NULL, ?, 0, 0, 0, 'USD', 0, ?, ?, 1, ?, 'test', ?, 'test')`,
    );
    const statuses = ['Draft', 'Confirmed', 'In Progress'];
    for (let i = 0; i < 30; i++) {
      const at = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
      insert.run(`o-${String(i).padStart(2, '0')}`, `PS-2026-${String(i).padStart(5, '0')}`, statuses[i % 3], at, `ps-2026-${i}`, at, at);
    }
    const ids = (filter: Parameters<OrdersRepo['list']>[0]): string[] => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = repo.list({ ...filter, cursor });
        out.push(...page.items.map((o) => o.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    };
    const all = ids({ limit: 7 });
    expect(all).toHaveLength(30);
    expect(all).toEqual([...all].sort().reverse());
    expect(ids({ status: 'Confirmed', limit: 4 })).toEqual(all.filter((id) => Number(id.slice(2)) % 3 === 1));
  });
});

describe('004: sign-in throttle counters', () => {
  const AT = '2026-03-02T09:00:00.000Z';
  const plan = (db: Db, sql: string, ...params: string[]): string =>
    db
      .prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => r.detail)
      .join('; ');

  it('keeps one counter per scope and account name, whatever its case', () => {
    const db = open();
    const save = db.prepare<[string, string]>(
      `INSERT INTO sign_in_throttle (scope, subject, failures, last_failure_at) VALUES (?, ?, 1, '${AT}')`,
    );
    save.run('user', 'Casey');
    expect(() => save.run('user', 'CASEY')).toThrow(/UNIQUE/);
    save.run('client', 'casey');
    expect(() => save.run('robot', 'x')).toThrow(/CHECK/);
  });

  it('finds a counter by its key and purges forgotten ones through the age index', () => {
    const db = open();
    expect(plan(db, `SELECT * FROM sign_in_throttle WHERE scope = ? AND subject = ?`, 'user', 'casey')).toMatch(
      /SEARCH sign_in_throttle USING PRIMARY KEY \(scope=\? AND subject=\?\)/,
    );
    const purge = plan(
      db,
      `DELETE FROM sign_in_throttle WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)`,
      AT,
      AT,
    );
    expect(purge).toMatch(/SEARCH sign_in_throttle USING (COVERING )?INDEX sign_in_throttle_by_age \(last_failure_at<\?\)/);
  });
});

describe('007: order number blocks', () => {
  const plan = (db: Db, sql: string, ...params: number[]): string =>
    db
      .prepare<number[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => r.detail)
      .join('; ');

  it('refuses a block that is empty, starts below 1 or has its next number outside it', () => {
    const db = open();
    const add = db.prepare<[number, number, number]>(
      `INSERT INTO order_number_blocks (year, first, last, next, reserved_at) VALUES (2026, ?, ?, ?, '2026-03-02T09:00:00.000Z')`,
    );
    add.run(1, 50, 1);
    add.run(51, 100, 101);
    expect(() => add.run(1, 50, 1)).toThrow(/UNIQUE/);
    for (const [first, last, next] of [
      [0, 10, 0],
      [200, 150, 200],
      [300, 349, 299],
      [400, 449, 451],
    ] as const) {
      expect(() => add.run(first, last, next)).toThrow(/CHECK/);
    }
  });

  it('takes each number from the oldest open block through the open-blocks index, skipping used-up ones', () => {
    const db = open();
    const repo = new OrderNumberBlocksRepo(db);
    repo.addBlock(2026, 101, 102);
    repo.addBlock(2026, 1, 2);
    repo.addBlock(2027, 1, 50);
    expect([1, 2, 3, 4, 5].map(() => repo.takeReserved(2026))).toEqual([1, 2, 101, 102, null]);
    expect(repo.openBlocks(2026)).toBe(0);
    expect(repo.openBlocks(2027)).toBe(1);
    expect(
      plan(
        db,
        `SELECT first FROM order_number_blocks INDEXED BY order_number_blocks_open WHERE year = ? AND next <= last ORDER BY first LIMIT 1`,
        2026,
      ),
    ).toMatch(/SEARCH order_number_blocks USING (COVERING )?INDEX order_number_blocks_open \(year=\?\)/);
  });
});

describe('011: pulled records waiting for their parent row', () => {
  it('keeps one record per entity and key, and finds the records waiting for a row through its index', () => {
    const db = open();
    const put = db.prepare<[string, string, string | null]>(
      `INSERT INTO pulled_waiting (entity, item_key, record, waits_for, reason, pulled_at) VALUES (?, ?, '{}', ?, 'why', '2026-11-30T08:00:00.000Z')`,
    );
    put.run('order_vehicle', 'order_vehicle:o1/v1', 'vehicle:v1');
    put.run('stage_event', 'stage_event:v1/e1', 'vehicle:v1');
    put.run('vehicle', 'vehicle:v2', null);
    expect(() => put.run('order_vehicle', 'order_vehicle:o1/v1', 'order:o1')).toThrow(/UNIQUE/);
    const plan = db
      .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN SELECT entity, item_key, record FROM pulled_waiting WHERE waits_for = ?`)
      .all('vehicle:v1')
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH pulled_waiting USING INDEX pulled_waiting_by_parent \(waits_for=\?\)/);
  });
});
