// Bench: how long an edit on one instance takes to show on another, both running the real sync loop (push, PULL_FROM_FEED) through DynamoDB Local every 500 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Customer } from '../../core/domain/customer';
import { type Backend, createBackend } from '../../main/api/backend';
import { type CloudSync, startCloudSync } from '../../main/app/cloud-sync';
import { loadConfig, type PortsideConfig } from '../../main/config';
import type { Actor } from '../../main/services/unit-of-work';
import { createHttpServer } from '../../main/transport/http';
import { createTableIfMissing } from '../../sync/table-schema';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from '../../tests/support/dynamodb-local';
import { type ResultRow, resultRow } from '../scenario';

const INTERVAL_MS = 500;
const TABLE = 'bench-latency';
/** How often B's HTTP API is asked for the customer: the measurement's resolution. */
const POLL_MS = 5;
const READER = { username: 'latency-reader', displayName: 'Latency Reader', password: 'bench latency reader pw' };

interface Instance {
  dir: string;
  backend: Backend;
  sync: CloudSync;
  client: DynamoDBClient;
}

function startInstance(endpoint: string, region: string): Instance {
  const dir = mkdtempSync(join(tmpdir(), 'portside-bench-sync-'));
  const config: PortsideConfig = loadConfig(
    { PORTSIDE_TABLE: TABLE, PORTSIDE_DYNAMODB_ENDPOINT: endpoint, AWS_REGION: region, PORTSIDE_SYNC_INTERVAL_MS: String(INTERVAL_MS) },
    { dataDir: dir },
  );
  const client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
  const backend = createBackend(config, { log: () => undefined, dynamoDb: client });
  // No pull override: the loop's own step, PULL_FROM_FEED (pull, apply, merge), as the app runs it.
  const sync = startCloudSync(backend, config, { client, log: () => undefined });
  if (!sync) throw new Error('a table is configured: the loop must run');
  return { dir, backend, sync, client };
}

async function stopInstance(instance: Instance): Promise<void> {
  await instance.sync.stop();
  instance.backend.close();
  instance.client.destroy();
  rmSync(instance.dir, { recursive: true, force: true });
}

/** B's real HTTP API on a loopback port, signed in: what a screen on B asks. */
async function serveSignedIn(backend: Backend): Promise<{ server: Server; get: (path: string) => Promise<Response> }> {
  const server = createHttpServer({
    dispatcher: backend.dispatcher,
    events: backend.services.events,
    tickets: backend.services.eventTickets,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  backend.services.auth.createUser({
    username: READER.username,
    displayName: READER.displayName,
    password: READER.password,
    roles: ['CSR'],
  });
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: READER.username, password: READER.password }),
  });
  const { token } = (await login.json()) as { token: string };
  return { server, get: (path) => fetch(base + path, { headers: { authorization: `Bearer ${token}` } }) };
}

/** Asks B's API every POLL_MS until `accept` takes its answer; rejects after `timeoutMs`. */
async function untilAnswered(get: () => Promise<Response>, accept: (body: unknown) => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const response = await get();
    if (response.ok && accept(await response.json())) return;
    if (!response.ok) await response.arrayBuffer();
    if (performance.now() > deadline) throw new Error(`no answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Edits a customer's notes on A `edits` times and times from A's edit call returning to B's HTTP
 * API answering the new notes: A's debounced push, B's next 500 ms pull of the change feed, the
 * page applied to B's database.
 */
export async function remoteEditLatencyScenario(edits: number): Promise<ResultRow[]> {
  let ddb;
  try {
    ddb = await startDynamoDbLocal();
  } catch (error) {
    console.log(`  remote edit latency: skipped, DynamoDB Local did not start (${(error as Error).message.split('\n')[0]})`);
    return [];
  }
  const admin = ddb.client();
  const instances: Instance[] = [];
  let server: Server | null = null;
  try {
    await createTableIfMissing(admin, TABLE, { pollMs: 100 });
    const a = startInstance(ddb.endpoint, ddb.region);
    instances.push(a);
    const b = startInstance(ddb.endpoint, ddb.region);
    instances.push(b);
    await Promise.all([a.sync.started, b.sync.started]);
    const api = await serveSignedIn(b.backend);
    server = api.server;
    const actor: Actor = { id: null, name: 'Bench' };
    let customer = a.backend.services.customers.create(actor, { name: 'Latency Customer' });
    // The first download and the customer's arrival are not part of the measure.
    await untilAnswered(
      () => api.get(`/customers/${customer.id}`),
      () => true,
      30_000,
    );
    const samples: number[] = [];
    for (let i = 0; i < edits; i += 1) {
      // A random phase against B's 500 ms timer, as a real edit has.
      await new Promise((r) => setTimeout(r, Math.random() * INTERVAL_MS));
      const notes = `edit ${i}`;
      customer = a.backend.services.customers.update(actor, { id: customer.id, version: customer.version, notes });
      const started = performance.now();
      await untilAnswered(
        () => api.get(`/customers/${customer.id}`),
        (body) => (body as Customer).notes === notes,
        20_000,
      );
      samples.push(performance.now() - started);
    }
    return [
      resultRow(`remote edit shows in the other instance's API (${INTERVAL_MS} ms interval, real push and pull)`, samples, {
        metric: 'p95',
        maxMs: 2_000,
      }),
    ];
  } finally {
    if (server) {
      server.closeAllConnections();
      const closing = server;
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    }
    for (const instance of instances) await stopInstance(instance);
    admin.destroy();
    await ddb.stop();
  }
}
