// The background fold works through a backlog of changed orders in small batches, and keeps going after a failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../main/db/database';
import { createServices, type Services } from '../../main/services';
import { startAnalyticsFolding } from '../../main/services/analytics-folding';

const AT = '2026-03-02T09:00:00.000Z';
let dir: string;
let db: Db;
let services: Services;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-analytics-folding-'));
  db = openDatabase(join(dir, 'portside.sqlite'));
  services = createServices(db, { timeZone: 'Europe/London' });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function bulkLoad(orders: number): void {
  const insert = db.prepare(
    `INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency, progress,
       order_date, search_text, version, created_at, created_by, updated_at, updated_by, assignee_id)
     VALUES (?, ?, NULL, 'Confirmed', 0, 0, 100, 'USD', 0, '${AT}', 'x', 1, '${AT}', 'u', '${AT}', 'u', 'u')`,
  );
  db.transaction(() => {
    for (let i = 0; i < orders; i++) insert.run(`o${i}`, `PS-${i}`);
  })();
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('background analytics fold', () => {
  it('folds a bulk load in batches until nothing waits, and the dashboard then reads it without folding', async () => {
    bulkLoad(25);
    expect(services.analytics.pending()).toBe(25);
    const folding = startAnalyticsFolding(services.analytics, { busyMs: 1, idleMs: 1_000, batch: 10 });
    await until(() => services.analytics.pending() === 0);
    folding.stop();
    expect(services.analytics.pending()).toBe(0);
    expect(services.analytics.refresh()).toBe(0);
    expect(services.analytics.dashboard({ staleDays: 14 }).ordersByStatus.Confirmed).toBe(25);
  });

  it('logs a failed batch and tries again', async () => {
    let calls = 0;
    let waiting = 3;
    const logged: string[] = [];
    const folding = startAnalyticsFolding(
      {
        pending: () => waiting,
        refresh: () => {
          calls += 1;
          if (calls === 1) throw new Error('database is locked');
          waiting -= 1;
          return 1;
        },
      },
      { busyMs: 1, idleMs: 1, log: (message) => logged.push(message) },
    );
    await until(() => waiting === 0);
    folding.stop();
    expect(logged).toEqual(['analytics: background fold failed']);
    expect(waiting).toBe(0);
  });
});
