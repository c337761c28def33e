// The filtered orders list at scale on a real SQLite file: which index each filter walks, when a rare value drives the query, and the same rows either way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../main/db/database';
import { DRIVER_CAP } from '../../main/db/repos/orders-list-filters';
import { type OrderListFilter, OrdersRepo } from '../../main/db/repos/orders-repo';

describe('query plans and rows at scale', () => {
  // 6,000 orders (above the cap under which a rare filter drives the query): every one Japanese,
  // in transit, of a Trade dealer, so the common values are walked in date order; a few of each
  // other value are rare and found from their own index.
  let dir: string;
  let db: Db;
  let repo: OrdersRepo;
  const COUNT = DRIVER_CAP + 1000;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portside-list-plans-'));
    db = openDatabase(join(dir, 'plans.sqlite'));
    repo = new OrdersRepo(db);
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    const customer = db.prepare(
      `INSERT INTO customers (id, name, search_text, version, created_at, created_by, updated_at, updated_by, type, segments)
       VALUES (?, ?, ?, 1, ?, 'test', ?, 'test', ?, ?)`,
    );
    const vehicle = db.prepare(
      `INSERT INTO vehicles (id, vin, make, model, year, origin_country, stage, search_text, version, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, 'Toyota', 'Hilux', 2020, ?, ?, ?, 1, ?, 'test', ?, 'test')`,
    );
    const order = db.prepare(
      `INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency, progress,
         order_date, search_text, version, created_at, created_by, updated_at, updated_by, assignee_id)
       VALUES (?, ?, ?, 'Confirmed', 1, 0, 0, ?, 0, ?, ?, 1, ?, 'test', ?, 'test', ?)`,
    );
    const link = db.prepare(
      `INSERT INTO order_vehicles (order_id, vehicle_id, status, price, added_date, version, updated_at, updated_by)
       VALUES (?, ?, ?, 0, ?, 1, ?, 'test')`,
    );
    db.transaction(() => {
      customer.run('c-trade', 'Harbour Motors', 'harbour motors', at(0), at(0), 'dealer', '["Trade"]');
      customer.run('c-rare', 'Lone Buyer', 'lone buyer', at(0), at(0), 'private', '["Collector"]');
      for (let i = 0; i < COUNT; i++) {
        const rare = i % 1000 === 7;
        const id = `o-${String(i).padStart(5, '0')}`;
        const vin = `VIN${String(i).padStart(14, '0')}`;
        vehicle.run(`v-${i}`, vin, rare ? ' Korea ' : 'Japan', rare ? 'arrived' : 'in_transit', vin.toLowerCase(), at(i), at(i));
        order.run(
          id,
          `PS-2026-${String(i).padStart(5, '0')}`,
          rare ? 'c-rare' : 'c-trade',
          rare ? 'JPY' : 'USD',
          at(i),
          id,
          at(i),
          at(i),
          `u-${i % 4}`,
        );
        link.run(id, `v-${i}`, i % 500 === 3 ? 'Removed' : 'Active', at(i), at(i));
      }
    })();
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A full scan of the orders, or a sort in a temporary b-tree. */
  const sorts = (plan: string[]): boolean => plan.some((step) => /^SCAN o$|USE TEMP B-TREE/.test(step));
  const planOf = (filter: Omit<OrderListFilter, 'limit'>) => repo.listQueryPlan({ ...filter, limit: 50 });
  const from = '2026-02-01T00:00:00.000Z';
  const before = '2026-03-01T00:00:00.000Z';

  it.each<[string, Omit<OrderListFilter, 'limit'>, string]>([
    ['an assignee', { assigneeId: 'u-1' }, 'SEARCH o USING INDEX orders_live_by_assignee_date (assignee_id=?)'],
    [
      'an assignee after a cursor',
      { assigneeId: 'u-1', cursor: cursorAt(before) },
      'orders_live_by_assignee_date (assignee_id=? AND (order_date,id)<(?,?))',
    ],
    [
      'a date range',
      { orderDateFrom: from, orderDateBefore: before },
      'SEARCH o USING INDEX orders_by_date (order_date>? AND order_date<?)',
    ],
    ['a status and a date range', { status: 'Confirmed', orderDateFrom: from }, 'orders_by_status_date (status=? AND order_date>?)'],
    ['a currency', { currency: 'USD' }, 'SCAN o USING INDEX orders_by_date'],
    ['a common customer type and segment', { customerType: 'dealer', segment: 'trade' }, 'SCAN o USING INDEX orders_by_date'],
    ['a common origin and stage', { origin: 'japan', stage: 'in_transit' }, 'SCAN o USING INDEX orders_by_date'],
  ])('reads %s along a date-ordered index, without sorting', (_label, filter, step) => {
    const plan = planOf(filter);
    expect(plan.join('\n')).toContain(step);
    expect(sorts(plan)).toBe(false);
    expect(plan.join('\n')).not.toMatch(/SCAN (ct|cs|ov|v)\b/);
  });

  it.each<[string, Omit<OrderListFilter, 'limit'>, string]>([
    ['a rare origin', { origin: 'korea', stage: 'in_transit' }, 'SEARCH v USING INDEX vehicles_by_origin_key (<expr>=?)'],
    ['a rare stage', { stage: 'arrived', origin: 'japan' }, 'SEARCH v USING COVERING INDEX vehicles_by_stage (stage=?)'],
    [
      'a rare segment',
      { segment: 'collector', customerType: 'dealer' },
      'SEARCH cs USING COVERING INDEX customer_segments_by_segment (segment_key=?)',
    ],
  ])('finds %s from its own index and sorts only the keys', (_label, filter, step) => {
    const plan = planOf(filter).join('\n');
    expect(plan).toContain(step);
    expect(plan).toContain('CO-ROUTINE page');
    expect(plan).not.toMatch(/SCAN (o|ct|cs|ov|v)\b(?! USING)/);
  });

  /** The same rows by the plainest SQL, newest first. */
  function reference(where: string): string[] {
    return db
      .prepare<[], { id: string }>(
        `SELECT DISTINCT o.id, o.order_date FROM orders o JOIN customers c ON c.id = o.customer_id
         JOIN order_vehicles ov ON ov.order_id = o.id AND ov.status <> 'Removed' JOIN vehicles v ON v.id = ov.vehicle_id
         WHERE ${where} ORDER BY o.order_date DESC, o.id DESC`,
      )
      .all()
      .map((r) => r.id);
  }
  function pages(filter: Omit<OrderListFilter, 'limit'>, limit: number): string[] {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = repo.list({ ...filter, limit, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  it.each<[string, Omit<OrderListFilter, 'limit'>, string]>([
    ['walking the dates', { origin: 'JAPAN', stage: 'in_transit', segment: 'Trade' }, `lower(trim(v.origin_country)) = 'japan'`],
    ['from a rare origin', { origin: 'korea' }, `lower(trim(v.origin_country)) = 'korea'`],
    ['from a rare stage', { stage: 'arrived', currency: 'JPY' }, `v.stage = 'arrived' AND o.currency = 'JPY'`],
    ['from a rare segment', { segment: 'COLLECTOR' }, `c.id = 'c-rare'`],
  ])('pages through the same rows %s as plain SQL finds', (_label, filter, where) => {
    const want = reference(where);
    expect(want.length).toBeGreaterThan(2);
    expect(pages(filter, want.length > 100 ? 200 : 2)).toEqual(want);
  });
});

function cursorAt(orderDate: string): string {
  return Buffer.from(JSON.stringify([orderDate, 'o-zzz'])).toString('base64url');
}
