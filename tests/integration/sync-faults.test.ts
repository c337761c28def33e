// Push through a faulty network: throttling, 500s, timeouts, dropped connections and lost acknowledgements at 20 % of calls, nothing lost or doubled.
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../sync/backoff';
import type { LocalStore } from '../../sync/local-store';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { dynamoDbRequestHandler } from '../../sync/request-timeouts';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, startDynamoDbLocal } from '../support/dynamodb-local';
import { createCustomer, createVehicles } from '../support/fixtures';
import { FAULT_KINDS, type FaultKind, type FaultPlan, type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { seededRandom } from '../support/seeded-random';
import {
  auditIdsInTable,
  localAuditIds,
  ordersWithMissingLines,
  outboxRows,
  scanTable,
  tableVersusDone,
} from '../support/sync-table-check';
import { DeviceWorkload } from '../support/sync-workload';

/** Short, so held calls cost little; a slow real answer timing out is one more lost acknowledgement, which push must survive too. */
const REQUEST_TIMEOUT_MS = 300;

let ddb: DynamoDbLocal;
let direct: DynamoDBClient;
let tables = 0;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  direct = ddb.client();
});
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});
afterAll(async () => {
  direct.destroy();
  await ddb.stop();
});

async function proxy(plan: FaultPlan): Promise<{ proxy: FaultProxy; client: DynamoDBClient }> {
  const started = await startFaultProxy(ddb.endpoint, plan);
  const client = new DynamoDBClient({
    endpoint: started.endpoint,
    region: ddb.region,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: dynamoDbRequestHandler({ connectionMs: 1_000, requestMs: REQUEST_TIMEOUT_MS }),
  });
  cleanups.push(async () => {
    client.destroy();
    await started.stop();
  });
  return { proxy: started, client };
}

async function newTable(): Promise<string> {
  tables += 1;
  const table = `faults-${tables}`;
  await createTableIfMissing(direct, table, { pollMs: 100 });
  return table;
}

const failureOf = async (promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; code?: string }> => {
  try {
    await promise;
  } catch (error) {
    const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name ?? 'Error', status: e.$metadata?.httpStatusCode, ...(e.code ? { code: e.code } : {}) };
  }
  throw new Error('the call was expected to fail');
};

describe('fault proxy', () => {
  const always = (kind: FaultKind): FaultPlan => ({ rate: 1, kinds: [kind], seed: 1, holdMs: 30_000 });

  it('answers throttling and 500 as DynamoDB does, so the SDK names them ThrottlingException and InternalServerError', async () => {
    const { proxy: p, client } = await proxy(always('throttle'));
    expect(await failureOf(client.send(new ListTablesCommand({})))).toEqual({ name: 'ThrottlingException', status: 400 });
    p.setPlan(always('internal'));
    expect(await failureOf(client.send(new ListTablesCommand({})))).toEqual({ name: 'InternalServerError', status: 500 });
    p.setPlan({ rate: 0, kinds: FAULT_KINDS, seed: 1 });
    await client.send(new ListTablesCommand({}));
    expect(p.counts).toMatchObject({ throttle: 1, internal: 1, passed: 1 });
  });

  it('holds a timed-out call until the SDK gives up at its request timeout, and cuts a dropped one', async () => {
    const { proxy: p, client } = await proxy(always('timeout'));
    expect(await failureOf(client.send(new ListTablesCommand({})))).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
    p.setPlan(always('drop'));
    expect(await failureOf(client.send(new ListTablesCommand({})))).toMatchObject({ code: 'ECONNRESET' });
    expect(p.counts).toMatchObject({ timeout: 1, drop: 1, passed: 0 });
  });

  it('commits a write and loses its acknowledgement, or delivers it after the caller gave up: the caller sees a failure, the table holds the item', async () => {
    const table = await newTable();
    const { proxy: p, client } = await proxy(always('commitThenDrop'));
    const lost = { PK: { S: 'PROBE#1' }, SK: { S: 'DETAILS' } };
    // The dropped answer reads as a reset; on a busy machine DynamoDB Local may answer the proxy after the client's own
    // request timeout, which reads as a timeout: either way the caller sees a failure while the write committed.
    expect(await failureOf(client.send(new PutItemCommand({ TableName: table, Item: lost })))).toMatchObject({
      code: expect.stringMatching(/^(ECONNRESET|ETIMEDOUT)$/),
    });
    expect((await direct.send(new GetItemCommand({ TableName: table, Key: lost, ConsistentRead: true }))).Item).toEqual(lost);
    p.setPlan(always('lateCommit'));
    const late = { PK: { S: 'PROBE#2' }, SK: { S: 'DETAILS' } };
    expect(await failureOf(client.send(new PutItemCommand({ TableName: table, Item: late })))).toMatchObject({ code: 'ETIMEDOUT' });
    await p.settled();
    expect((await direct.send(new GetItemCommand({ TableName: table, Key: late, ConsistentRead: true }))).Item).toEqual(late);
  });

  it('fails the same calls the same way for the same seed, and only the operations it is told to', async () => {
    const plan: FaultPlan = { rate: 0.5, kinds: ['throttle', 'internal'], seed: 42, operations: ['ListTables'] };
    const runs: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const { proxy: p, client } = await proxy(plan);
      for (let i = 0; i < 12; i++) await client.send(new ListTablesCommand({})).catch(() => undefined);
      await client.send(new GetItemCommand({ TableName: 'absent', Key: { PK: { S: 'x' }, SK: { S: 'y' } } })).catch(() => undefined);
      runs.push(p.log.map((l) => `${l.operation}:${l.outcome}`));
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]?.filter((l) => l !== 'ListTables:passed').length).toBeGreaterThan(0);
    expect(runs[0]?.at(-1)).toBe('GetItem:passed');
  });
});

interface DrainReport {
  passes: number;
  retries: { attempts: number; delayMs: number }[];
}

/**
 * Push passes as the sync loop runs them, on a fake clock that jumps to the next due retry, until
 * nothing is pending; every retry the store is asked to schedule is recorded for the backoff checks.
 */
async function drain(api: ApiHarness, client: DynamoDBClient, table: string, seed: number): Promise<DrainReport> {
  const db = api.backend.db;
  const real: LocalStore = api.backend.services.deps.repos.outbox;
  const random = seededRandom(seed);
  let clock = Date.parse('2026-11-30T08:00:00.000Z');
  const report: DrainReport = { passes: 0, retries: [] };
  const attemptsOf = db.prepare<[string], { attempts: number }>('SELECT attempts FROM outbox WHERE id = ?');
  const store: LocalStore = Object.assign(Object.create(real) as LocalStore, {
    scheduleRetry(id: string, failure: { error: string; nextAttemptAt: string }) {
      real.scheduleRetry(id, failure);
      report.retries.push({ attempts: attemptsOf.get(id)?.attempts ?? -1, delayMs: Date.parse(failure.nextAttemptAt) - clock });
    },
  });
  const nextDue = db.prepare<[], { at: string | null }>(`SELECT max(next_attempt_at) AS at FROM outbox WHERE state = 'pending'`);
  while (store.outboxCounts().pending > 0) {
    report.passes += 1;
    if (report.passes > 3_000) throw new Error('push did not drain the queue in 3,000 passes');
    const now = new Date(clock);
    await pushPending({ client: dynamoPushClient(client), tableName: table, store, now: () => now, random });
    const due = nextDue.get()?.at;
    clock = Math.max(clock + 1, due ? Date.parse(due) : clock);
  }
  return report;
}

describe('push through faults', () => {
  const cases: [string, readonly FaultKind[]][] = [
    ...FAULT_KINDS.map((kind): [string, readonly FaultKind[]] => [kind, [kind]]),
    ['all kinds mixed', FAULT_KINDS],
  ];

  it.each(cases)(
    'with 20 %% of calls failing (%s), every change set reaches the table once, every audit entry once, with bounded backoff',
    async (_name, kinds) => {
      const seed = 1_000 + kinds.length * 17 + FAULT_KINDS.indexOf(kinds[0] ?? 'throttle');
      const api = await startApi();
      cleanups.push(() => api.close());
      const table = await newTable();
      const { proxy: p, client } = await proxy({ rate: 0.2, kinds, seed, holdMs: 30_000 });

      const workload = new DeviceWorkload(api, seededRandom(seed));
      const mixed = kinds.length > 1;
      if (mixed) {
        // One order over the 100-item transaction limit (50 lines, 51 audit entries, DETAILS: two parts), its vehicles pushed first.
        const vehicles = await createVehicles(api, 50);
        await drain(api, direct, table, seed);
        const customer = await createCustomer(api);
        expectOk(
          await api.call('POST', '/orders', {
            customerId: customer.id,
            currency: 'USD',
            vehicles: vehicles.map((v) => ({ vehicleId: v.id })),
          }),
          201,
        );
      }
      for (let i = 0; i < 3; i++) await workload.createOrder();
      await workload.run(mixed ? 40 : 20);
      const queued = api.backend.services.deps.repos.outbox.outboxCounts().pending;
      const done = api.backend.services.deps.repos.outbox.outboxCounts().done;
      expect(queued).toBeGreaterThan(30);

      const report = await drain(api, client, table, seed);

      await p.settled();
      // Each kind alone is known to have struck; mixed, the seed decides which did.
      if (kinds.length === 1) expect(p.counts[kinds[0] ?? 'throttle'], 'faults injected').toBeGreaterThan(0);
      expect(p.log.filter((l) => l.outcome !== 'passed').length).toBeGreaterThan(0);
      expect(api.backend.services.deps.repos.outbox.outboxCounts()).toEqual({ pending: 0, parked: 0, conflicts: 0, done: done + queued });
      const items = await scanTable(direct, table);
      expect(tableVersusDone(items, outboxRows(api.backend.db))).toEqual([]);
      const audit = auditIdsInTable(items);
      expect([...audit.values()].filter((n) => n > 1)).toEqual([]);
      expect(new Set(audit.keys())).toEqual(localAuditIds(api.backend.db));
      expect(ordersWithMissingLines(items)).toEqual([]);

      // Backoff: each retry waited within full jitter's ceiling for its attempt, never past the cap.
      expect(report.retries.length).toBeGreaterThan(0);
      for (const { attempts, delayMs } of report.retries) {
        expect(delayMs).toBeGreaterThanOrEqual(0);
        expect(delayMs).toBeLessThanOrEqual(backoffDelayMs(attempts, () => 0.999_999_999));
        expect(delayMs).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
      }
      expect(Math.max(...report.retries.map((r) => r.attempts))).toBeLessThan(12);
    },
    120_000,
  );
});
