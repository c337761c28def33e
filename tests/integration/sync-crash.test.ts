// Push killed at every step and restarted over the same SQLite file: no change set lost, no audit entry doubled, no half order readable.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VEHICLES_PER_ORDER, type Order } from '../../core/domain/order';
import { openDatabase } from '../../main/db/database';
import { OutboxRepo } from '../../main/db/repos/outbox-repo';
import type { LocalStore } from '../../sync/local-store';
import { dynamoPushClient, type PushClient, type PushResult, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { createCustomer, createVehicles } from '../support/fixtures';
import { pickIndex, seededRandom } from '../support/seeded-random';
import {
  auditIdsInTable,
  localAuditIds,
  ordersWithMissingLines,
  outboxRows,
  type PlainItem,
  READER_CHECK_ATTRIBUTES,
  scanTable,
  tableVersusDone,
  text,
} from '../support/sync-table-check';
import { DeviceWorkload } from '../support/sync-workload';

const SEED = 20261130;
const ROUNDS = 24;
/** An order holds at most 200 vehicles (core's rule), so its create and confirm are the largest change sets: 400+ items. */
const MAX_VEHICLES = MAX_VEHICLES_PER_ORDER;

let ddb: DynamoDbLocal;
let direct: DynamoDBClient;
let tables = 0;
const harnesses: ApiHarness[] = [];

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  direct = ddb.client();
});
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});
afterAll(async () => {
  direct.destroy();
  await ddb.stop();
});

async function setup(): Promise<{ api: ApiHarness; table: string }> {
  tables += 1;
  const table = `crash-${tables}`;
  const [api] = await Promise.all([startApi(), createTableIfMissing(direct, table, { pollMs: 100 })]);
  harnesses.push(api);
  return { api, table };
}

/** Where the process dies: in its n-th table write (before sending it, or after DynamoDB committed it) or its n-th acknowledgement. */
const KILL_POINTS = ['beforeWrite', 'afterCommit', 'beforeAck', 'afterAck'] as const;
type KillPoint = { at: (typeof KILL_POINTS)[number]; n: number };

class Killed extends Error {
  override name = 'Killed';
}

interface Death {
  point: KillPoint;
  /** The token of the part being written when the process died (write kills only). */
  token: string | null;
}

/**
 * A push process over a fresh connection to the device's SQLite file (as after a restart), killed at
 * `point`: from then on every call it makes into DynamoDB or SQLite throws, as nothing runs in a dead
 * process. Returns how it died, or null when the pass ended before reaching the point.
 */
async function pushInFreshProcess(api: ApiHarness, table: string, point: KillPoint | null): Promise<Death | null> {
  const db = openDatabase(join(api.dataDir, 'portside.sqlite'));
  let death: Death | null = null;
  const die = (token: string | null): never => {
    death = point && { point, token };
    throw new Killed('the process was killed');
  };
  const alive = (): void => {
    if (death) throw new Killed('the process is dead');
  };
  let writes = 0;
  let acks = 0;
  const real = dynamoPushClient(direct);
  const client: PushClient = {
    async getItems(t, keys) {
      alive();
      return real.getItems(t, keys);
    },
    async transactWrite(input) {
      alive();
      writes += 1;
      if (point?.at === 'beforeWrite' && writes === point.n) die(input.ClientRequestToken);
      const out = await real.transactWrite(input);
      if (point?.at === 'afterCommit' && writes === point.n) die(input.ClientRequestToken);
      return out;
    },
  };
  const repo = new OutboxRepo(db);
  const store = new Proxy<LocalStore>(repo, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        alive();
        if (property !== 'markPushed') return (value as (...a: unknown[]) => unknown).apply(target, args);
        acks += 1;
        if (point?.at === 'beforeAck' && acks === point.n) die(null);
        const out = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (point?.at === 'afterAck' && acks === point.n) die(null);
        return out;
      };
    },
  });
  try {
    await pushPending({ client, tableName: table, store });
    return null;
  } catch (error) {
    if (!(error instanceof Killed)) throw error;
    return death;
  } finally {
    db.close();
  }
}

/** What any reader of the table may see at any moment: no order missing a line it lists, no audit entry twice. */
function expectReadable(items: PlainItem[]): void {
  expect(ordersWithMissingLines(items)).toEqual([]);
  expect([...auditIdsInTable(items).entries()].filter(([, n]) => n > 1)).toEqual([]);
}

/** After the last restart: every change set done, the table holding exactly them, every local audit entry once. */
async function expectDrainedExactlyOnce(api: ApiHarness, table: string): Promise<PlainItem[]> {
  expect(api.backend.services.deps.repos.outbox.outboxCounts()).toMatchObject({ pending: 0, parked: 0, conflicts: 0 });
  const items = await scanTable(direct, table);
  expect(tableVersusDone(items, outboxRows(api.backend.db))).toEqual([]);
  expectReadable(items);
  expect(new Set(auditIdsInTable(items).keys())).toEqual(localAuditIds(api.backend.db));
  return items;
}

const partIndex = (token: string | null): number => Number(token?.split('-')[1] ?? -1);

describe('push killed and restarted', () => {
  it('loses and doubles nothing when killed at random steps (before a write, after a commit, around the acknowledgement, between the parts of a 200-vehicle change set)', async () => {
    const { api, table } = await setup();
    const random = seededRandom(SEED);
    const workload = new DeviceWorkload(api, random);
    const customer = await createCustomer(api);
    const vehicles = await createVehicles(api, MAX_VEHICLES);
    expect(await pushInFreshProcess(api, table, null)).toBeNull();

    // The largest order there is (200 lines, 201 audit entries, DETAILS: five parts), queued first, ordinary work behind it.
    const big = expectOk(
      await api.call<Order>('POST', '/orders', {
        customerId: customer.id,
        currency: 'USD',
        vehicles: vehicles.map((v) => ({ vehicleId: v.id })),
      }),
      201,
    );
    await workload.createOrder();
    await workload.run(4);

    // First a kill known to land between parts: DynamoDB holds parts 0 and 1 of the order, not its DETAILS.
    expect(await pushInFreshProcess(api, table, { at: 'afterCommit', n: 2 })).toMatchObject({ token: expect.stringMatching(/-1$/) });
    const midway = await scanTable(direct, table);
    expectReadable(midway);
    expect(midway.filter((i) => i.PK === `ORDER#${big.id}` && text(i.SK).startsWith('VEHICLE#')).length).toBeGreaterThan(0);
    expect(midway.find((i) => i.PK === `ORDER#${big.id}` && i.SK === 'DETAILS')).toBeUndefined();

    const deaths: Death[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round === 8) {
        // Confirming the big order rewrites its 200 lines and DETAILS: another multi-part change set, over an order readers already see.
        const order = expectOk(await api.call<Order>('GET', `/orders/${big.id}`));
        expectOk(await api.call('PUT', `/orders/${big.id}`, { version: order.version, status: 'Confirmed', reason: 'Signed.' }));
      }
      await workload.run(pickIndex(random, 4));
      const point: KillPoint = { at: KILL_POINTS[pickIndex(random, KILL_POINTS.length)] ?? 'beforeWrite', n: 1 + pickIndex(random, 6) };
      const death = await pushInFreshProcess(api, table, point);
      if (death) deaths.push(death);
      expectReadable(await scanTable(direct, table, READER_CHECK_ATTRIBUTES));
    }

    expect(await pushInFreshProcess(api, table, null)).toBeNull();
    const items = await expectDrainedExactlyOnce(api, table);
    expect(items.find((i) => i.PK === `ORDER#${big.id}` && i.SK === 'DETAILS')).toMatchObject({
      status: 'Confirmed',
      totalVehicles: MAX_VEHICLES,
    });
    // The seeded loop really died at every kind of point, and inside multi-part change sets.
    for (const at of KILL_POINTS) expect(deaths.filter((d) => d.point.at === at).length, at).toBeGreaterThan(0);
    expect(deaths.filter((d) => partIndex(d.token) > 0).length).toBeGreaterThan(0);
  }, 150_000); // ~25 s on two idle cores (mostly DynamoDB Local); the margin is for a loaded CI machine.

  it('loses and doubles nothing when the pushing process is SIGKILLed mid-pass and the device pushes again', async () => {
    const { api, table } = await setup();
    const customer = await createCustomer(api);
    const vehicles = await createVehicles(api, 150);
    expect(await pushInFreshProcess(api, table, null)).toBeNull();
    const order = expectOk(
      await api.call<Order>('POST', '/orders', {
        customerId: customer.id,
        currency: 'USD',
        vehicles: vehicles.map((v) => ({ vehicleId: v.id })),
      }),
      201,
    );
    await new DeviceWorkload(api, seededRandom(SEED + 1)).run(10);

    const output = await runChildUntil(api, table, (lines) => lines.filter((l) => l.startsWith('committed ')).length >= 2);
    expect(output.some((l) => l.startsWith('finished'))).toBe(false);
    expectReadable(await scanTable(direct, table));

    // The device starts again and pushes with its own connection to the same file.
    const result: PushResult = await pushPending({
      client: dynamoPushClient(direct),
      tableName: table,
      store: api.backend.services.deps.repos.outbox,
    });
    expect(result).toMatchObject({ conflicts: 0, parked: 0, stoppedEarly: false });
    const items = await expectDrainedExactlyOnce(api, table);
    expect(items.find((i) => i.PK === `ORDER#${order.id}` && i.SK === 'DETAILS')).toMatchObject({ totalVehicles: 150 });
  }, 120_000);
});

/** Runs tests/support/push-child.ts on the device's file and SIGKILLs it once `enough` holds for its output lines. */
function runChildUntil(api: ApiHarness, table: string, enough: (lines: string[]) => boolean): Promise<string[]> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      './scripts/raw-loader.mjs',
      '--import',
      'tsx',
      'tests/support/push-child.ts',
      join(api.dataDir, 'portside.sqlite'),
      ddb.endpoint,
      table,
    ],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let errors = '';
  let buffered = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      lines.push(...complete);
      if (enough(lines)) child.kill('SIGKILL');
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`the push process ended by itself (code ${code}) before it was killed:\n${lines.join('\n')}\n${errors}`));
    });
  });
}
