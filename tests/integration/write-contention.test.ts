// Two writers on one SQLite file: writes begin IMMEDIATE and wait their turn; a database busy past the timeout answers BUSY, never INTERNAL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../core/api/errors';
import type { Order } from '../../core/domain/order';
import { openDatabase } from '../../main/db/database';
import { createServices } from '../../main/services';
import { inTransaction, SYSTEM_ACTOR } from '../../main/services/unit-of-work';
import { type ApiHarness, startApi } from '../support/api-harness';
import { holdSqliteLock } from '../support/server-process';

let api: ApiHarness;
let file: string;

beforeAll(async () => {
  api = await startApi();
  file = join(api.dataDir, 'portside.sqlite');
});
afterAll(async () => {
  await api.close();
});

async function newOrder(): Promise<Order> {
  const customer = await api.call<{ id: string }>('POST', '/customers', { name: 'Aroha Ngata' });
  const order = await api.call<Order>('POST', '/orders', { customerId: customer.body.id, currency: 'NZD' });
  expect(order.status).toBe(201);
  return order.body;
}

describe('writes under contention', () => {
  it('waits for another process’s write to commit, then saves on fresh data instead of failing', async () => {
    const order = await newOrder();
    const holder = holdSqliteLock(file, 'write', 400);
    await holder.held;
    // The update reads the order, then writes: begun DEFERRED it would read a snapshot the
    // other commit makes stale, and fail with SQLITE_BUSY_SNAPSHOT however long it waited.
    const res = await api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Call before delivery.' });
    expect(await holder.exited).toBe(0);
    expect(res.status).toBe(200);
    expect(res.body.notes).toBe('Call before delivery.');
  });

  it('answers BUSY (503, Retry-After) when the database stays locked past the busy timeout, and saves nothing', async () => {
    const order = await newOrder();
    const holder = holdSqliteLock(file, 'write', 60_000);
    try {
      await holder.held;
      const res = await api.call<ErrorBody>('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Never saved' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.body).toEqual({
        code: 'BUSY',
        message: 'Portside is busy saving other changes and nothing was saved. Try again in a moment.',
      });
    } finally {
      holder.release();
      await holder.exited;
    }
    const after = await api.call<Order>('GET', `/orders/${order.id}`);
    expect(after.body.notes).not.toBe('Never saved');
    expect(after.body.version).toBe(order.version);
  });
});

describe('two connections on one file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portside-contention-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the write lock from the first statement of a service transaction, so no other commit slips in between', () => {
    const path = join(dir, 'portside.sqlite');
    const mine = openDatabase(path);
    const other = openDatabase(path, { busyTimeoutMs: 50 });
    try {
      const services = createServices(mine);
      let otherWrite: unknown = null;
      inTransaction(services.deps, SYSTEM_ACTOR, 'test', () => {
        services.deps.repos.users.count();
        try {
          other.prepare('DELETE FROM sessions').run();
        } catch (error) {
          otherWrite = error;
        }
      });
      expect(otherWrite).toMatchObject({ code: 'SQLITE_BUSY' });
      // Once the transaction has committed, the other connection writes normally.
      expect(() => other.prepare('DELETE FROM sessions').run()).not.toThrow();
    } finally {
      mine.close();
      other.close();
    }
  });
});
