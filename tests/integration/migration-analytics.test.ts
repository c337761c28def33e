// Migration 018 (analytics): stage spans kept by triggers whatever order events arrive in, dirty marks, backfill and query plans.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate } from '../../main/db/database';
import { MIGRATIONS } from '../../main/db/migrations';
import { registerAnalyticsFunctions } from '../../main/db/analytics-functions';
import { AnalyticsRefreshRepo } from '../../main/db/repos/analytics-refresh-repo';

const ANALYTICS = 18;
const AT = '2026-03-02T09:00:00.000Z';

let dir: string;
let db: Db;

function open(upTo = Infinity): Db {
  const raw = new Database(join(dir, 'portside.sqlite'));
  raw.pragma('foreign_keys = ON');
  migrate(
    raw,
    MIGRATIONS.filter((m) => m.version <= upTo),
  );
  return raw;
}

function insertVehicle(id: string, origin: string | null = 'Japan'): void {
  db.prepare(
    `INSERT INTO vehicles (id, vin, make, model, year, origin_country, stage, search_text, version, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, 'Toyota', 'Supra', 1998, ?, 'purchased', 'x', 1, '${AT}', 'u', '${AT}', 'u')`,
  ).run(id, `JT00000000000${id.padStart(4, '0')}`, origin);
}

function insertEvent(id: string, vehicleId: string, stage: string, at: string): void {
  db.prepare(`INSERT INTO vehicle_stage_events (id, vehicle_id, stage, at, recorded_by, recorded_at) VALUES (?, ?, ?, ?, 'u', ?)`).run(
    id,
    vehicleId,
    stage,
    at,
    at,
  );
}

function insertOrder(id: string, customerId: string | null = null): void {
  db.prepare(
    `INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency, progress,
       order_date, search_text, version, created_at, created_by, updated_at, updated_by, assignee_id)
     VALUES (?, ?, ?, 'Confirmed', 0, 0, 100, 'USD', 0, '${AT}', 'x', 1, '${AT}', 'u', '${AT}', 'u', 'u')`,
  ).run(id, `PS-${id}`, customerId);
}

function spans(vehicleId: string) {
  return db.prepare(`SELECT stage, left_at AS leftAt, tenths FROM stage_spans WHERE vehicle_id = ? ORDER BY entered_at`).all(vehicleId);
}

function dirty(): string[] {
  return db
    .prepare<[], { order_id: string }>('SELECT order_id FROM analytics_dirty ORDER BY order_id')
    .all()
    .map((r) => r.order_id);
}

function plan(sql: string, params: Record<string, unknown> = {}): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(params)
    .map((r) => (r as { detail: string }).detail)
    .join(' | ');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-migration-analytics-'));
});
afterEach(() => {
  if (db?.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 018: analytics', () => {
  it('keeps each vehicle’s spans in event order, measured in whole tenths of a day, even when events arrive out of order', () => {
    db = open();
    insertVehicle('1');
    insertEvent('e3', '1', 'at_origin_port', '2026-03-06T09:00:00.000Z');
    insertEvent('e1', '1', 'purchased', AT);
    // 2 days less one millisecond after purchase: 19 tenths, not 20.
    insertEvent('e2', '1', 'export_cleared', '2026-03-04T08:59:59.999Z');
    expect(spans('1')).toEqual([
      { stage: 'purchased', leftAt: '2026-03-04T08:59:59.999Z', tenths: 19 },
      { stage: 'export_cleared', leftAt: '2026-03-06T09:00:00.000Z', tenths: 20 },
      { stage: 'at_origin_port', leftAt: null, tenths: null },
    ]);
  });

  it('reopens the previous span when the latest event is retracted', () => {
    db = open();
    insertVehicle('1');
    insertEvent('e1', '1', 'purchased', AT);
    insertEvent('e2', '1', 'export_cleared', '2026-03-03T09:00:00.000Z');
    db.prepare(`UPDATE vehicle_stage_events SET retracted_at = ?, retracted_by = 'u', retract_reason = 'Wrong car' WHERE id = 'e2'`).run(
      AT,
    );
    expect(spans('1')).toEqual([{ stage: 'purchased', leftAt: null, tenths: null }]);
  });

  it('marks the orders whose figures a change touches', () => {
    db = open();
    db.prepare(
      `INSERT INTO customers (id, name, search_text, version, created_at, created_by, updated_at, updated_by) VALUES ('c1', 'Hiro', 'hiro', 1, '${AT}', 'u', '${AT}', 'u')`,
    ).run();
    insertOrder('o1', 'c1');
    insertOrder('o2');
    insertVehicle('1');
    db.prepare(
      `INSERT INTO order_vehicles (order_id, vehicle_id, status, price, added_date, version, updated_at, updated_by) VALUES ('o2', '1', 'Active', 100, '${AT}', 1, '${AT}', 'u')`,
    ).run();
    const clear = () => db.exec('DELETE FROM analytics_dirty');
    clear();
    insertEvent('e1', '1', 'purchased', AT);
    expect(dirty()).toEqual(['o2']);
    clear();
    db.prepare(`UPDATE customers SET type = 'dealer' WHERE id = 'c1'`).run();
    expect(dirty()).toEqual(['o1']);
    clear();
    db.prepare(`INSERT INTO customer_segments (customer_id, segment_key, segment) VALUES ('c1', 'trade', 'Trade')`).run();
    expect(dirty()).toEqual(['o1']);
    clear();
    db.prepare(
      `INSERT INTO payments (id, order_id, kind, amount, currency, method, paid_at, recorded_at, recorded_by) VALUES ('p1', 'o2', 'deposit', 10, 'USD', 'cash', '${AT}', '${AT}', 'u')`,
    ).run();
    expect(dirty()).toEqual(['o2']);
    clear();
    db.prepare(`UPDATE vehicles SET origin_country = 'Thailand' WHERE id = '1'`).run();
    expect(dirty()).toEqual(['o2']);
  });

  it('on a database from before it, measures the recorded events and marks every order to compute', () => {
    db = open(ANALYTICS - 1);
    insertVehicle('1');
    insertEvent('e1', '1', 'purchased', AT);
    insertEvent('e2', '1', 'export_cleared', '2026-03-03T09:00:00.000Z');
    insertOrder('o1');
    migrate(db);
    expect(spans('1')).toEqual([
      { stage: 'purchased', leftAt: '2026-03-03T09:00:00.000Z', tenths: 10 },
      { stage: 'export_cleared', leftAt: null, tenths: null },
    ]);
    expect(dirty()).toEqual(['o1']);
    registerAnalyticsFunctions(db, 'Europe/London');
    expect(new AnalyticsRefreshRepo(db).refreshDirty()).toBe(1);
    expect(dirty()).toEqual([]);
    expect(db.prepare(`SELECT n FROM analytics_cells WHERE dim = 'all' AND measure = 'status' AND k1 = 'Confirmed'`).get()).toEqual({
      n: 1,
    });
  });

  it('reads the dashboard’s sums, balances and quiet orders through their indexes', () => {
    db = open();
    expect(
      plan(`SELECT measure, k1, k2, n, amount FROM analytics_cells WHERE dim = @dim AND val = @val AND measure IN ('status')`, {
        dim: 'all',
        val: '',
      }),
    ).toMatch(/SEARCH analytics_cells USING PRIMARY KEY \(dim=\? AND val=\? AND measure=\?\)/);
    expect(
      plan(`SELECT count(*) FROM analytics_orders f WHERE f.status IN ('Confirmed', 'In Progress') AND f.last_touch <= @cutoff`, {
        cutoff: AT,
      }),
    ).toContain('analytics_orders_quiet');
    expect(
      plan(
        `SELECT f.currency, sum(f.balance_due) FROM analytics_orders f WHERE f.balance_due > 0 AND f.status IN ('Confirmed', 'In Progress', 'Completed') GROUP BY f.currency`,
      ),
    ).toContain('analytics_orders_owing');
    expect(plan(`SELECT * FROM stage_spans WHERE vehicle_id = @v`, { v: '1' })).toContain('stage_spans_by_vehicle');
  });
});
