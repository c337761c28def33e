// The tamper-evident audit trail on real SQLite files: the hash chain, what verify names, the order totals check and the offline CLI.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../core/auth/permissions';
import type { AuditVerifyReport } from '../../core/domain/audit-chain';
import type { Order } from '../../core/domain/order';
import { isSignedIn } from '../../core/domain/auth';
import { type Backend, createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { APPEND_ONLY_TRIGGERS, CHAIN_HEAD_KEY, DEVICE_ID_KEY, HEAD_GUARD_TRIGGERS } from '../../main/db/audit-chain';
import { type Db, openDatabase } from '../../main/db/database';
import { MIGRATIONS } from '../../main/db/migrations';
import { verifyIntegrity } from '../../main/services/integrity-service';
import { inTransaction, SYSTEM_ACTOR } from '../../main/services/unit-of-work';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { createConfirmedOrder } from '../support/fixtures';

/** Calls made straight to the dispatcher, as a transport would (the sign-in throttle counts per client). */
const TEST_CLIENT = { client: 'test' };

interface ChainRow {
  id: string;
  device_id: string | null;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

const chainRows = (db: Db): ChainRow[] =>
  db.prepare<[], ChainRow>(`SELECT id, device_id, seq, prev_hash, hash FROM audit_entries ORDER BY seq`).all();
const setting = (db: Db, key: string): string | undefined =>
  db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`).get(key)?.value;
const entryAt = (db: Db, seq: number): ChainRow => {
  const row = db.prepare<[number], ChainRow>(`SELECT id, device_id, seq, prev_hash, hash FROM audit_entries WHERE seq = ?`).get(seq);
  if (!row) throw new Error(`no entry at seq ${seq}`);
  return row;
};
const lastSeq = (db: Db): number => db.prepare<[], { n: number }>(`SELECT max(seq) AS n FROM audit_entries`).get()?.n ?? 0;

describe('the audit hash chain', () => {
  let api: ApiHarness;
  let db: Db;
  let order: Order;

  const verify = async (): Promise<AuditVerifyReport> => expectOk(await api.call<AuditVerifyReport>('GET', '/audit/verify'));

  beforeEach(async () => {
    api = await startApi({ roles: ['Admin'] });
    db = api.backend.db;
    ({ order } = await createConfirmedOrder(api, 2));
  });
  afterEach(async () => {
    await api.close();
  });

  it('verifies a clean database: every entry chained, the guards in place, every order total matching', async () => {
    const report = await verify();
    expect(report).toEqual({
      ok: true,
      checked: chainRows(db).length,
      problems: [],
      orders: { checked: 1, mismatches: [], mismatchCount: 0 },
    });
    expect(report.firstBroken).toBeUndefined();
  });

  it('links each entry to the one before it, numbered per device, with the head kept in settings', () => {
    const rows = chainRows(db);
    expect(rows.length).toBeGreaterThan(5);
    const deviceId = setting(db, DEVICE_ID_KEY);
    rows.forEach((row, i) => {
      expect(row).toMatchObject({ device_id: deviceId, seq: i + 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(row.prev_hash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1]?.hash);
    });
    expect(JSON.parse(setting(db, CHAIN_HEAD_KEY) ?? 'null')).toEqual({ seq: rows.length, hash: rows.at(-1)?.hash });
  });

  it('queues each entry for sync with its place in the chain, so the cloud copy can verify it', () => {
    const pushed = db
      .prepare<[], { items: string }>(`SELECT items FROM outbox ORDER BY seq`)
      .all()
      .flatMap((r) => JSON.parse(r.items) as { entity: string; data: Record<string, unknown> }[])
      .filter((item) => item.entity === 'audit')
      .map((item) => [item.data.id, item.data.seq, item.data.prevHash, item.data.hash, item.data.deviceId]);
    expect(pushed).toEqual(chainRows(db).map((r) => [r.id, r.seq, r.prev_hash, r.hash, r.device_id]));
  });

  it('rolls the chain back with the transaction that wrote the entry', async () => {
    const head = setting(db, CHAIN_HEAD_KEY);
    const count = chainRows(db).length;
    expect(() =>
      inTransaction(api.backend.services.deps, SYSTEM_ACTOR, 'test.rollback', (uow) => {
        uow.audit({ entityType: 'order', entityId: order.id, orderId: order.id, action: 'noted', changes: [] });
        throw new Error('the rest of the change failed');
      }),
    ).toThrow('the rest of the change failed');
    expect(setting(db, CHAIN_HEAD_KEY)).toBe(head);
    expect(chainRows(db)).toHaveLength(count);
    expectOk(await api.call('PUT', `/orders/${order.id}`, { version: order.version, notes: 'After the rollback.' }));
    expect(entryAt(db, count + 1).prev_hash).toBe(entryAt(db, count).hash);
    expect((await verify()).ok).toBe(true);
  });

  it('keeps text with a lone surrogate verifiable: hashed as SQLite stores it', async () => {
    inTransaction(api.backend.services.deps, SYSTEM_ACTOR, 'test.surrogate', (uow) => {
      uow.audit({
        entityType: 'order',
        entityId: order.id,
        orderId: order.id,
        action: 'noted',
        changes: [{ field: 'notes', before: null, after: 'a\uD800b 🚗' }],
      });
    });
    expect((await verify()).ok).toBe(true);
  });

  it('names a forged insert that is in no chain', async () => {
    db.prepare(
      `INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin)
       VALUES ('forged-1', '2026-01-01T00:00:00.000Z', NULL, 'Manager', 'order', ?, ?, 'updated', '[]', 'approved', 'local')`,
    ).run(order.id, order.id);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ id: 'forged-1', seq: null, reason: expect.stringMatching(/in no chain/) });
  });

  it('names a forged insert that poses as the next link of the chain', async () => {
    const last = entryAt(db, lastSeq(db));
    db.prepare(
      `INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin,
         device_id, seq, prev_hash, hash)
       VALUES ('forged-2', '2026-01-01T00:00:00.000Z', NULL, 'Manager', 'order', ?, ?, 'updated', '[]', NULL, 'local', ?, ?, ?, ?)`,
    ).run(order.id, order.id, last.device_id, (last.seq ?? 0) + 1, last.hash, 'f'.repeat(64));
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({
      id: 'forged-2',
      seq: (last.seq ?? 0) + 1,
      reason: expect.stringMatching(/does not match its hash/),
    });
    expect(report.problems.map((p) => p.reason)).toContainEqual(expect.stringMatching(/appended outside Portside/));
  });

  it('names an edited entry, and the dropped trigger that let it be edited', async () => {
    expect(() => db.prepare(`UPDATE audit_entries SET actor_name = 'Someone else' WHERE seq = 3`).run()).toThrow(/append-only/);
    db.exec(`DROP TRIGGER audit_entries_no_update`);
    db.prepare(`UPDATE audit_entries SET actor_name = 'Someone else' WHERE seq = 3`).run();
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ id: entryAt(db, 3).id, seq: 3, reason: expect.stringMatching(/does not match its hash/) });
    expect(report.problems.map((p) => p.reason)).toContainEqual(expect.stringMatching(/audit_entries_no_update was dropped/));
  });

  it('names an entry deleted from the middle of the chain', async () => {
    db.exec(`DROP TRIGGER audit_entries_no_delete`);
    db.prepare(`DELETE FROM audit_entries WHERE seq = 3`).run();
    const report = await verify();
    expect(report.firstBroken).toEqual({ id: entryAt(db, 4).id, seq: 4, reason: expect.stringMatching(/seq 3 are missing .* deleted/) });
    expect(report.problems.map((p) => p.reason)).toContainEqual(expect.stringMatching(/audit_entries_no_delete was dropped/));
  });

  it('names entries deleted from the end of the chain: the head in settings remembers them', async () => {
    const last = lastSeq(db);
    db.exec(`DROP TRIGGER audit_entries_no_delete`);
    db.prepare(`DELETE FROM audit_entries WHERE seq >= ?`).run(last - 1);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({
      id: null,
      seq: last - 1,
      reason: `the chain head in settings is at seq ${last} but the last entry is seq ${last - 2}: entries at the end were deleted`,
    });
  });

  it('refuses to move the chain head back, delete it or change the device id, whichever way SQL tries', () => {
    const last = entryAt(db, lastSeq(db) - 2);
    const rewound = JSON.stringify({ seq: last.seq, hash: last.hash });
    const head = setting(db, CHAIN_HEAD_KEY);
    const deviceId = setting(db, DEVICE_ID_KEY);
    // The whole attack of "delete the last entries, recreate the trigger word for word, move the head back".
    db.exec(`DROP TRIGGER audit_entries_no_delete`);
    db.prepare(`DELETE FROM audit_entries WHERE seq > ?`).run(last.seq);
    db.exec(APPEND_ONLY_TRIGGERS[1].sql);
    const attempts = [
      () => db.prepare(`UPDATE settings SET value = ? WHERE key = ?`).run(rewound, CHAIN_HEAD_KEY),
      () => db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)`).run(CHAIN_HEAD_KEY, rewound),
      () => db.prepare(`REPLACE INTO settings (key, value) VALUES (?, ?)`).run(CHAIN_HEAD_KEY, 'not json'),
      () =>
        db
          .prepare(`UPDATE settings SET value = ? WHERE key = ?`)
          .run(JSON.stringify({ seq: String(lastSeq(db) + 2), hash: 'x' }), CHAIN_HEAD_KEY),
      () => db.prepare(`DELETE FROM settings WHERE key = ?`).run(CHAIN_HEAD_KEY),
      () => db.prepare(`UPDATE settings SET key = 'old_head' WHERE key = ?`).run(CHAIN_HEAD_KEY),
      () => db.prepare(`UPDATE settings SET value = 'another-device' WHERE key = ?`).run(DEVICE_ID_KEY),
      () => db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, 'another-device')`).run(DEVICE_ID_KEY),
      () => db.prepare(`DELETE FROM settings WHERE key = ?`).run(DEVICE_ID_KEY),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(/audit chain head|device id/);
    expect(setting(db, CHAIN_HEAD_KEY)).toBe(head);
    expect(setting(db, DEVICE_ID_KEY)).toBe(deviceId);
  });

  it('still moves the head forward and keeps other settings free to change', async () => {
    db.prepare(`INSERT INTO settings (key, value) VALUES ('probe', 'a')`).run();
    db.prepare(`UPDATE settings SET value = 'b' WHERE key = 'probe'`).run();
    db.prepare(`DELETE FROM settings WHERE key = 'probe'`).run();
    expectOk(await api.call('PUT', `/orders/${order.id}`, { version: order.version, notes: 'The head moves on.' }));
    expect(JSON.parse(setting(db, CHAIN_HEAD_KEY) ?? 'null')).toMatchObject({ seq: lastSeq(db) });
    expect((await verify()).ok).toBe(true);
  });

  it.each(HEAD_GUARD_TRIGGERS.map((t) => t.name))('names the dropped head guard %s', async (name) => {
    expect(HEAD_GUARD_TRIGGERS).toHaveLength(6);
    db.exec(`DROP TRIGGER ${name}`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({
      id: null,
      seq: null,
      reason: `the audit head guard trigger ${name} was dropped: the chain head or device id in settings can be moved`,
    });
  });

  it('names a head guard recreated to let a lower head through', async () => {
    const [guard] = HEAD_GUARD_TRIGGERS;
    if (!guard) throw new Error('no head guard');
    db.exec(`DROP TRIGGER ${guard.name}`);
    db.exec(guard.sql.replace('WHEN ', 'WHEN 0 AND '));
    const report = await verify();
    expect(report.firstBroken?.reason).toMatch(new RegExp(`${guard.name} was altered`));
  });

  it('names a dropped append-only trigger even when no entry was touched', async () => {
    db.exec(`DROP TRIGGER audit_entries_no_delete`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ id: null, seq: null, reason: expect.stringMatching(/audit_entries_no_delete was dropped/) });
  });

  it('names an append-only trigger altered to let changes through', async () => {
    db.exec(`DROP TRIGGER audit_entries_no_update`);
    db.exec(`CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries WHEN 0
             BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`);
    const report = await verify();
    expect(report.firstBroken).toEqual({ id: null, seq: null, reason: expect.stringMatching(/audit_entries_no_update was altered/) });
  });

  it('reports an order whose stored value was edited by hand (UPDATE orders SET order_value=1)', async () => {
    db.prepare(`UPDATE orders SET order_value = 1`).run();
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([]);
    expect(report.orders).toEqual({
      checked: 1,
      mismatchCount: 1,
      mismatches: [{ orderId: order.id, orderNumber: order.orderNumber, field: 'orderValue', stored: 1, expected: 200_000 }],
    });
  });

  it('reports edited counts and progress of an open order', async () => {
    db.prepare(`UPDATE orders SET total_vehicles = 5, completed_vehicles = 1, progress = 0.5`).run();
    const { orders } = await verify();
    expect(orders.mismatches.map((m) => [m.field, m.stored, m.expected])).toEqual([
      ['totalVehicles', 5, 2],
      ['completedVehicles', 1, 0],
      ['progress', 0.5, 0],
    ]);
  });

  it('checks a Cancelled order against its vehicles as at cancellation: moving on is fine, edited counts or snapshot are not', async () => {
    const cancelled = expectOk(
      await api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, status: 'Cancelled', reason: 'Customer withdrew.' }),
    );
    expect(cancelled.status).toBe('Cancelled');
    // Its vehicles move on (here: straight in the table, as another order would move them): still consistent.
    db.prepare(`UPDATE vehicles SET stage = 'delivered' WHERE id IN (SELECT vehicle_id FROM order_vehicles WHERE order_id = ?)`).run(
      order.id,
    );
    expect((await verify()).ok).toBe(true);
    db.prepare(`UPDATE orders SET completed_vehicles = 2, progress = 1 WHERE id = ?`).run(order.id);
    expect((await verify()).orders.mismatches).toEqual([
      expect.objectContaining({ field: 'completedVehicles', stored: 2, expected: 0 }),
      expect.objectContaining({ field: 'progress', stored: 1, expected: 0 }),
    ]);
    db.prepare(`UPDATE orders SET completed_vehicles = 0, progress = 0, cancel_snapshot = '{"stages":{}}' WHERE id = ?`).run(order.id);
    expect((await verify()).orders.mismatches).toEqual([
      expect.objectContaining({ field: 'cancelSnapshot', stored: 0, expected: 2 }),
      expect.objectContaining({ field: 'completedVehicles', stored: 0, expected: 2 }),
      expect.objectContaining({ field: 'progress', stored: 0, expected: 1 }),
    ]);
  });
});

describe('GET /audit/verify per role', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi({ roles: ['Admin'] });
  });
  afterEach(async () => {
    await api.close();
  });

  it.each<[Role, number]>([
    ['CSR', 403],
    ['Manager', 403],
    ['Admin', 200],
  ])('answers a %s with %i', async (role, status) => {
    api.backend.services.auth.createUser({
      username: `as-${role.toLowerCase()}`,
      displayName: role,
      password: TEST_PASSWORD,
      roles: [role],
    });
    const { token } = await api.signIn(`as-${role.toLowerCase()}`, TEST_PASSWORD);
    const res = await api.call<AuditVerifyReport>('GET', '/audit/verify', undefined, { token });
    if (status === 403) expectError(res, 'FORBIDDEN');
    else expect(expectOk(res).ok).toBe(true);
  });

  it('needs a session', async () => {
    expectError(await api.call('GET', '/audit/verify', undefined, { token: null }), 'UNAUTHENTICATED');
  });
});

describe('a database from before the chain', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portside-chain-'));
    file = join(dir, 'portside.sqlite');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const insertLegacy = (db: Database.Database, id: string): void => {
    db.prepare(
      `INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin)
       VALUES (?, '2026-01-01T00:00:00.000Z', NULL, 'Portside', 'customer', 'c-1', NULL, 'created', '[{"field":"name","before":null,"after":"A"}]', NULL, 'local')`,
    ).run(id);
  };

  it('is sealed into the chain in id order at the first open after the upgrade, and only then', () => {
    const old = new Database(file);
    for (const m of MIGRATIONS.filter((m) => m.version < 5)) old.exec(m.sql);
    old.pragma('user_version = 4');
    for (const id of ['0190-c', '0190-a', '0190-b']) insertLegacy(old, id);
    old.close();

    let db = openDatabase(file);
    expect(chainRows(db).map((r) => [r.id, r.seq])).toEqual([
      ['0190-a', 1],
      ['0190-b', 2],
      ['0190-c', 3],
    ]);
    const guards = db.prepare<[], { sql: string }>(
      `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_entries_no_%' ORDER BY name`,
    );
    expect(guards.all().map((g) => g.sql)).toEqual(APPEND_ONLY_TRIGGERS.map((t) => t.sql).sort());
    expect(verifyIntegrity(db).ok).toBe(true);

    // A row slipped in after the upgrade is reported, never sealed by a later open.
    insertLegacy(db, '0190-d');
    db.close();
    db = openDatabase(file);
    expect(chainRows(db).find((r) => r.id === '0190-d')?.seq).toBeNull();
    expect(verifyIntegrity(db).firstBroken).toMatchObject({ id: '0190-d', reason: expect.stringMatching(/in no chain/) });
    db.close();
  });
});

describe('the consistency check at start and the offline CLI', () => {
  let dir: string;
  const logged: string[] = [];
  /** What the consistency check logged: slow-call lines depend on the machine's load, not on the data. */
  const consistencyLog = (): string[] => logged.filter((line) => !line.startsWith('slow call'));
  const open = (): Backend =>
    createBackend(loadConfig({ PORTSIDE_DEMO: '0' }, { dataDir: dir }), { log: (message) => void logged.push(message) });

  /** One confirmed order made through the dispatcher (the path both transports take), then closed. */
  async function databaseWithOneOrder(): Promise<Order> {
    const backend = open();
    try {
      backend.services.auth.createUser({ username: 'admin', displayName: 'Admin', password: TEST_PASSWORD, roles: ['Admin'] });
      const login = await backend.dispatcher.call('auth.login', { username: 'admin', password: TEST_PASSWORD }, null, TEST_CLIENT);
      if (!isSignedIn(login)) throw new Error('local sign-in answered a challenge');
      const { token } = login;
      const customer = await backend.dispatcher.call('customers.create', { name: 'Aroha Ngata' }, token, TEST_CLIENT);
      const vehicle = await backend.dispatcher.call(
        'vehicles.create',
        { vin: 'ZVW30-7654321', make: 'Toyota', model: 'Prius', year: 2019, purchasePrice: 900_000, currency: 'USD' },
        token,
        TEST_CLIENT,
      );
      return await backend.dispatcher.call(
        'orders.create',
        { customerId: customer.id, currency: 'USD', vehicles: [{ vehicleId: vehicle.id, price: 1_100_000 }] },
        token,
        TEST_CLIENT,
      );
    } finally {
      backend.close();
    }
  }

  function tamper(sql: string): void {
    const db = new Database(join(dir, 'portside.sqlite'));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const run = spawnSync(
      process.execPath,
      ['--import', './scripts/raw-loader.mjs', '--import', 'tsx', 'scripts/audit-verify.ts', ...args],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portside-verify-'));
    logged.length = 0;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs each order whose derived fields differ from its vehicles at start, and starts anyway', async () => {
    const order = await databaseWithOneOrder();
    expect(consistencyLog()).toEqual([]);
    tamper(`UPDATE orders SET order_value = 1`);
    const backend = open();
    try {
      expect(consistencyLog()).toHaveLength(1);
      expect(consistencyLog()[0]).toContain(`order ${order.orderNumber} (${order.id}): orderValue is 1, its vehicles give 1100000`);
      expect(backend.services.orders.get(order.id).orderValue).toBe(1);
    } finally {
      backend.close();
    }
  });

  it('audit:verify exits 0 on an intact database, 1 naming what is broken, 2 on a usage error', async () => {
    const order = await databaseWithOneOrder();
    const clean = cli(dir);
    expect(clean.stdout).toContain('OK');
    expect(clean.status).toBe(0);

    tamper(
      `DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET reason = 'approved' WHERE seq = 2; UPDATE orders SET order_value = 1`,
    );
    const broken = cli(dir);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/first broken: entry \S+ \(seq 2\)/);
    expect(broken.stdout).toContain('audit_entries_no_update was dropped');
    expect(broken.stdout).toContain(`order ${order.orderNumber}`);
    expect(broken.stdout).toContain('BROKEN');

    expect(cli().status).toBe(2);
    const missing = cli(join(dir, 'no-such-folder'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});
