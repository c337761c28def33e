// The demo's history: 15 months of orders by five people that the dashboard's filters find over HTTP, on its own vehicles, the same every time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderSummary, Page } from '../../core/domain/order';
import { type Db, openDatabase } from '../../main/db/database';
import { DEMO_ACCOUNT_IDS, seedDemoData } from '../../main/services/demo-data';
import { HISTORY_ACCOUNTS } from '../../main/services/demo-history';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi({ demo: true });
}, 60_000);
afterAll(async () => {
  await api.close();
});

const day = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);
const DAY = 86_400_000;
const list = async (query: Record<string, string>) =>
  expectOk(await api.call<Page<OrderSummary>>('GET', `/orders?${new URLSearchParams({ limit: '200', ...query }).toString()}`)).items;
const one = <T>(sql: string, ...params: string[]): T => api.backend.db.prepare<string[], T>(sql).get(...params) as T;

describe('the demo history', () => {
  it('reaches back 15 months, with orders in each quarter', async () => {
    for (const [from, to] of [
      [day(456 * DAY), day(400 * DAY)],
      [day(360 * DAY), day(270 * DAY)],
      [day(180 * DAY), day(90 * DAY)],
      [day(60 * DAY), day(10 * DAY)],
    ] as const) {
      expect((await list({ from, to })).length, `${from}..${to}`).toBeGreaterThan(3);
    }
  });

  it('spreads the orders over five people, the three history CSRs signing in with the demo password', async () => {
    const ids = HISTORY_ACCOUNTS.map((a) => api.backend.services.deps.repos.users.byUsername(a.username)?.id ?? '');
    for (const assigneeId of [...ids, DEMO_ACCOUNT_IDS[0], DEMO_ACCOUNT_IDS[1]]) {
      expect((await list({ assigneeId })).length, assigneeId).toBeGreaterThan(5);
    }
    expect((await api.signIn('rangi', 'portside-demo')).user.roles).toEqual(['CSR']);
  });

  it('has orders for every filter value the dashboard offers a click on', async () => {
    const queries: Record<string, string>[] = [
      { currency: 'JPY' },
      { currency: 'EUR' },
      { customerType: 'private' },
      { customerType: 'dealer' },
      { customerType: 'fleet' },
      { segment: 'trade' },
      { segment: 'jdm enthusiast' },
      { origin: 'japan' },
      { origin: 'Germany' },
      { origin: 'united states' },
      { origin: 'United Kingdom' },
      { stage: 'arrived' },
      { stage: 'in_transit' },
      { status: 'Completed', paymentStatus: 'Paid' },
      { status: 'Cancelled', paymentStatus: 'Refunded' },
    ];
    for (const query of queries) {
      expect((await list(query)).length, JSON.stringify(query)).toBeGreaterThan(1);
    }
  });

  it('completes some orders after their target date, refunds some money and leaves open orders quiet for weeks', () => {
    const late = one<{ n: number }>(
      `SELECT count(*) AS n FROM orders WHERE status = 'Completed' AND substr(actual_completion_date, 1, 10) > target_completion_date`,
    );
    expect(late.n).toBeGreaterThan(10);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM payments WHERE kind = 'refund'`).n).toBeGreaterThan(5);
    const quiet = one<{ n: number }>(
      `SELECT count(*) AS n FROM orders o WHERE o.status IN ('Confirmed', 'In Progress') AND o.assignee_id IN (SELECT id FROM users WHERE username IN (?, ?, ?))
         AND coalesce((SELECT max(created_at) FROM communications c WHERE c.order_id = o.id AND c.channel <> 'note'), o.order_date) < ?`,
      ...HISTORY_ACCOUNTS.map((a) => a.username),
      new Date(Date.now() - 21 * DAY).toISOString(),
    );
    expect(quiet.n).toBeGreaterThan(1);
  });

  it('makes customs the slowest stage', () => {
    const slowest = one<{ stage: string }>(
      `WITH spans AS (SELECT stage, julianday(lead(at) OVER (PARTITION BY vehicle_id ORDER BY at, id)) - julianday(at) AS days FROM vehicle_stage_events)
       SELECT stage FROM spans WHERE days IS NOT NULL GROUP BY stage ORDER BY avg(days) DESC LIMIT 1`,
    );
    expect(slowest.stage).toBe('arrived');
  });

  it('offers none of its own vehicles as available: the ones on offer stay the main demo’s, which the end-to-end specs pick', () => {
    const available = api.backend.db
      .prepare<[], { created_by: string }>(
        `SELECT v.created_by FROM vehicles v WHERE v.deleted = 0 AND v.stage <> 'delivered' AND NOT EXISTS (
           SELECT 1 FROM order_vehicles ov JOIN orders o ON o.id = ov.order_id
           WHERE ov.vehicle_id = v.id AND ov.status <> 'Removed' AND o.status NOT IN ('Cancelled', 'Completed'))`,
      )
      .all();
    expect(available.length).toBeGreaterThan(20);
    const historyIds = new Set(HISTORY_ACCOUNTS.map((a) => api.backend.services.deps.repos.users.byUsername(a.username)?.id));
    expect(available.filter((v) => historyIds.has(v.created_by))).toEqual([]);
  });
});

describe('seeding the demo twice', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterAll(() => {
    for (const db of dbs) db.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same orders, vehicles and payments (a seeded random stream)', () => {
    const now = Date.parse('2026-11-30T15:00:00.000Z');
    const snapshots = [0, 1].map(() => {
      const dir = mkdtempSync(join(tmpdir(), 'portside-demo-'));
      dirs.push(dir);
      const db = openDatabase(join(dir, 'demo.sqlite'));
      dbs.push(db);
      seedDemoData(db, now);
      return {
        orders: db
          .prepare(`SELECT order_number, status, currency, order_value, order_date, balance_due FROM orders ORDER BY order_number`)
          .all(),
        vehicles: db.prepare(`SELECT vin, stage, stage_at, origin_country FROM vehicles ORDER BY vin`).all(),
        payments: db.prepare(`SELECT kind, amount, currency, paid_at FROM payments ORDER BY paid_at, kind, amount`).all(),
      };
    });
    expect(snapshots[0]?.orders.length).toBeGreaterThan(200);
    expect(snapshots[1]).toEqual(snapshots[0]);
  }, 60_000);
});
