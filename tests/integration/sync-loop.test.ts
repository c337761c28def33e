// The sync loop against DynamoDB Local: edits reach the table with nobody calling push, an outage goes offline and drains on recovery, one demo seed.
import { DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../core/domain/customer';
import type { SyncStatus } from '../../core/domain/sync-status';
import { type CloudSync, type CloudSyncOptions, startCloudSync } from '../../main/app/cloud-sync';
import { createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { DEMO_CLAIM_KEY } from '../../sync/demo-claim';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi, TEST_PASSWORD, TEST_USER } from '../support/api-harness';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, startDynamoDbLocal } from '../support/dynamodb-local';
import { createCustomer } from '../support/fixtures';
import { type LinkSwitch, startLinkSwitch } from '../support/link-switch';
import { spawnServer, stopServer } from '../support/server-process';

let ddb: DynamoDbLocal;
let admin: DynamoDBClient;
let tables = 0;
const running: { api: ApiHarness; sync: CloudSync | null; client: DynamoDBClient }[] = [];
const links: LinkSwitch[] = [];

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  admin = ddb.client();
});
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.sync?.stop();
    await r.api.close();
    r.client.destroy();
  }
  await Promise.all(links.splice(0).map((l) => l.close()));
});
afterAll(async () => {
  admin.destroy();
  await ddb.stop();
});

async function freshTable(): Promise<string> {
  tables += 1;
  const table = `loop-${tables}`;
  await createTableIfMissing(admin, table, { pollMs: 100 });
  return table;
}

/** A client as Portside builds one, but with DynamoDB Local's test credentials and no SDK retries. */
const clientFor = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: ddb.region,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  });

/** A backend over HTTP in cloud mode on `table` through `endpoint`, with its sync loop running (nobody else pushes). */
async function startInstance(
  table: string,
  endpoint: string,
  options: { demo?: boolean; sync?: Partial<CloudSyncOptions> } = {},
): Promise<{ api: ApiHarness; sync: CloudSync }> {
  const client = clientFor(endpoint);
  const env = { PORTSIDE_TABLE: table, PORTSIDE_DYNAMODB_ENDPOINT: endpoint, AWS_REGION: ddb.region };
  const api = await startApi({ env, dynamoDb: client, ...(options.demo ? { demo: true } : {}) });
  const config = loadConfig({ ...env, PORTSIDE_DEMO: options.demo ? '1' : '0' }, { dataDir: api.dataDir });
  const sync = startCloudSync(api.backend, config, {
    client,
    log: (message) => api.logged.push(message),
    // A long interval: only the loop's own triggers (start, local change, backoff) can explain a push.
    engine: { intervalMs: 600_000, backoff: { baseMs: 50, capMs: 400 } },
    ...options.sync,
  });
  if (!sync) throw new Error('a table is configured: the loop must run');
  running.push({ api, sync, client });
  await sync.started;
  return { api, sync };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function tableItem(table: string, PK: string, SK: string): Promise<Record<string, unknown> | null> {
  const { Item } = await admin.send(new GetItemCommand({ TableName: table, Key: { PK: { S: PK }, SK: { S: SK } }, ConsistentRead: true }));
  return Item ?? null;
}

const status = async (api: ApiHarness): Promise<SyncStatus> => expectOk(await api.call<SyncStatus>('GET', '/sync/status'));

describe('sync loop', () => {
  it('pushes an edit made through the HTTP API to the table without anyone calling push', async () => {
    const table = await freshTable();
    const { api, sync } = await startInstance(table, ddb.endpoint);
    let passes = 0;
    sync.engine.onPass(() => (passes += 1));
    const customer = await createCustomer(api, { name: 'Aroha Ngata' });
    const item = await waitFor('the customer in the table', () => tableItem(table, `CUSTOMER#${customer.id}`, 'PROFILE'));
    expect(item).toMatchObject({ name: { S: 'Aroha Ngata' } });
    const changed = expectOk(
      await api.call<Customer>('PUT', `/customers/${customer.id}`, { version: customer.version, phone: '+64 21 555 0101' }),
    );
    await waitFor('the phone change in the table', async () => {
      const stored = await tableItem(table, `CUSTOMER#${customer.id}`, 'PROFILE');
      return (stored?.version as { N?: string } | undefined)?.N === String(changed.version);
    });
    const after = await waitFor('an idle loop with an empty queue', async () => {
      const s = await status(api);
      return s.pending === 0 && s.progress === null && s.lastSuccessAt !== null ? s : null;
    });
    expect(after).toMatchObject({ mode: 'cloud', online: true, pending: 0, lastError: null });
    // Debounced: two edits, each its own pass at most; the 10-minute timer never fired.
    expect(passes).toBeGreaterThanOrEqual(1);
    expect(passes).toBeLessThanOrEqual(3);
  });

  it('goes offline when the link is cut, keeps the edits, and drains the queue once the link is back', async () => {
    const table = await freshTable();
    const link = await startLinkSwitch(ddb.endpoint);
    links.push(link);
    const { api } = await startInstance(table, link.endpoint);
    await waitFor('a first good pass', async () => (await status(api)).lastSuccessAt);

    await link.cut();
    const offline = await createCustomer(api, { name: 'Tama Offline' });
    const edited = expectOk(
      await api.call<Customer>('PUT', `/customers/${offline.id}`, { version: offline.version, notes: 'Called twice.' }),
    );
    const down = await waitFor('the loop to notice', async () => {
      const s = await status(api);
      return !s.online && s.lastError ? s : null;
    });
    expect(down.lastError).toMatch(/^Offline: DynamoDB could not be reached/);
    expect(down.pending).toBeGreaterThanOrEqual(2);
    expect(await tableItem(table, `CUSTOMER#${offline.id}`, 'PROFILE')).toBeNull();

    // Nobody asks for a sync: the loop's backoff retries find the link again.
    await link.restore();
    const up = await waitFor('the queue to drain', async () => {
      const s = await status(api);
      return s.online && s.pending === 0 ? s : null;
    });
    expect(up).toMatchObject({ online: true, pending: 0, parked: 0, lastError: null });
    const stored = await tableItem(table, `CUSTOMER#${offline.id}`, 'PROFILE');
    expect(stored).toMatchObject({ notes: { S: 'Called twice.' }, version: { N: String(edited.version) } });
  });

  it('stays online while DynamoDB throttles (it answered), backs off, and drains once the throttling stops', async () => {
    const table = await freshTable();
    const { api, sync } = await startInstance(table, ddb.endpoint);
    await waitFor('a first good pass', async () => (await status(api)).lastSuccessAt);
    // The next three TransactWriteItems calls are throttled, as DynamoDB does under load (an SDK middleware, not a mock).
    let throttle = 3;
    const failures: boolean[] = [];
    sync.engine.onPass((outcome) => failures.push(!outcome.ok));
    running.at(-1)?.client.middlewareStack.add(
      (next) => (args) => {
        const input = args.input as { TransactItems?: unknown };
        if (input.TransactItems && throttle > 0) {
          throttle -= 1;
          return Promise.reject(
            Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
              name: 'ThrottlingException',
              $metadata: { httpStatusCode: 400 },
            }),
          );
        }
        return next(args);
      },
      { step: 'initialize', name: 'throttleForTest' },
    );
    const customer = await createCustomer(api, { name: 'Throttled Customer' });
    const busy = await waitFor('the throttled pass', async () => {
      const s = await status(api);
      return s.lastError ? s : null;
    });
    expect(busy.online).toBe(true);
    expect(busy.lastError).toMatch(/^DynamoDB is busy \(ThrottlingException/);
    await waitFor('the queue to drain', async () => {
      const s = await status(api);
      return s.pending === 0 && s.lastError === null ? s : null;
    });
    expect(throttle).toBe(0);
    expect(failures.filter(Boolean)).toHaveLength(3);
    expect(await tableItem(table, `CUSTOMER#${customer.id}`, 'PROFILE')).not.toBeNull();
  });

  it('stops cleanly: the running pass ends, nothing runs after stop, and requests are ignored', async () => {
    const table = await freshTable();
    const { api, sync } = await startInstance(table, ddb.endpoint);
    await waitFor('a first good pass', async () => (await status(api)).lastSuccessAt);
    await sync.stop();
    let passes = 0;
    sync.engine.onPass(() => (passes += 1));
    await createCustomer(api);
    api.backend.services.syncControl.requestSync('manual');
    await new Promise((r) => setTimeout(r, 800));
    expect(passes).toBe(0);
    expect((await status(api)).pending).toBe(1);
  });
});

describe('demo in cloud mode', () => {
  const SMALL = { customers: 3, vehicles: 8, orders: 5 };

  it('two fresh demo instances on one empty table: exactly one seeds, with numbers from reserved blocks, and its data reaches the table', async () => {
    const table = await freshTable();
    const [a, b] = await Promise.all([
      startInstance(table, ddb.endpoint, { demo: true, sync: { demoSize: SMALL } }),
      startInstance(table, ddb.endpoint, { demo: true, sync: { demoSize: SMALL } }),
    ]);
    const orderCount = (api: ApiHarness): number =>
      api.backend.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orders').get()?.n ?? 0;
    const decided = (api: ApiHarness): boolean =>
      api.backend.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM settings WHERE key LIKE 'demo.%'`).get()?.n === 1;
    await waitFor('both instances to learn who seeds', () => decided(a.api) && decided(b.api));
    const counts = [orderCount(a.api), orderCount(b.api)].sort();
    expect(counts).toEqual([0, SMALL.orders]);
    const winner = orderCount(a.api) > 0 ? a.api : b.api;

    const claim = await tableItem(table, DEMO_CLAIM_KEY.PK, DEMO_CLAIM_KEY.SK);
    expect(claim?.deviceId).toEqual({ S: winner.backend.services.deps.repos.orderNumberBlocks.deviceId() });
    const numbers = winner.backend.db.prepare<[], { order_number: string }>('SELECT order_number FROM orders').all();
    // PS-YYYY-NNNNN from the shared counter's blocks: never the local counter, never provisional (device-coded).
    for (const { order_number } of numbers) expect(order_number).toMatch(/^PS-\d{4}-\d{5}$/);

    await waitFor('the winner to push its demo data', async () => (await status(winner)).pending === 0);
    const { Items = [] } = await admin.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    const tableNumbers = Items.filter((i) => i.SK?.S === 'DETAILS' && i.PK?.S?.startsWith('ORDER#')).map((i) => i.orderNumber?.S);
    expect(tableNumbers.sort()).toEqual(numbers.map((n) => n.order_number).sort());
    expect(new Set(tableNumbers).size).toBe(SMALL.orders);

    // The other instance pulls it: one set of demo data, the same on both.
    const loser = winner === a.api ? b.api : a.api;
    // This test's loops run on a long interval: ask the other instance for a pass, as "Sync now" does.
    const pulled = (): boolean => {
      loser.backend.services.syncControl.requestSync('manual');
      return orderCount(loser) === SMALL.orders;
    };
    await waitFor('the other instance to pull the demo data', pulled);
    const snapshot = (api: ApiHarness): unknown =>
      api.backend.db.prepare(`SELECT order_number, status, total_vehicles, order_value, version FROM orders ORDER BY order_number`).all();
    await waitFor('both instances to hold the same orders', () => JSON.stringify(snapshot(loser)) === JSON.stringify(snapshot(winner)));
    expect((await status(loser)).bootstrapped).toBe(true);
  });

  it('offline at start: seeds nothing until the table decides, and says why', async () => {
    const table = await freshTable();
    const link = await startLinkSwitch(ddb.endpoint);
    links.push(link);
    await link.cut();
    const { api } = await startInstance(table, link.endpoint, { demo: true, sync: { demoSize: SMALL } });
    const waiting = await waitFor('the first failed pass', async () => (await status(api)).lastError);
    expect(waiting).toMatch(/demo data waits until the table answers/);
    expect(api.backend.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orders').get()?.n).toBe(0);
    expect(api.logged.join('\n')).toMatch(/seeds no demo data until the table decides/);

    await link.restore();
    await waitFor(
      'the seed once the table answers',
      () => api.backend.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orders').get()?.n,
    );
  });
});

describe('server mode', () => {
  it('npm run server with a table: creates it at start, syncs edits in the background, and stops cleanly on SIGTERM', async () => {
    tables += 1;
    const table = `loop-server-${tables}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'portside-loop-server-'));
    try {
      // A user to sign in with, made before the server takes the folder.
      const setup = createBackend(loadConfig({}, { dataDir }), { log: () => undefined });
      setup.services.auth.createUser({ ...TEST_USER, password: TEST_PASSWORD, roles: ['CSR'] });
      setup.close();
      const server = spawnServer({
        PORTSIDE_DATA_DIR: dataDir,
        PORTSIDE_TABLE: table,
        PORTSIDE_CREATE_TABLE: '1',
        PORTSIDE_DYNAMODB_ENDPOINT: ddb.endpoint,
        PORTSIDE_SYNC_INTERVAL_MS: '500',
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      });
      try {
        const base = await server.ready;
        const login = await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: TEST_USER.username, password: TEST_PASSWORD }),
        });
        const { token } = (await login.json()) as { token: string };
        const created = await fetch(`${base}/customers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ name: 'Server Mode Customer' }),
        });
        expect(created.status).toBe(201);
        const customer = (await created.json()) as Customer;
        await waitFor('the customer in the table', async () => {
          try {
            return await tableItem(table, `CUSTOMER#${customer.id}`, 'PROFILE');
          } catch {
            return null; // the table may still be being created
          }
        });
      } finally {
        await stopServer(server);
      }
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.stderr()).toMatch(new RegExp(`DynamoDB table "${table}" created`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
