// Scenario 5: push throughput (change sets through pushPending) against raw TransactWriteItems of the same items, both on DynamoDB Local.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  ScanCommand,
  type ScanCommandOutput,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import { customerCreateInput } from '../../core/domain/customer';
import { orderCreateInput, type Order } from '../../core/domain/order';
import { IMPORT_STAGES } from '../../core/domain/stages';
import { vehicleCreateInput } from '../../core/domain/vehicle';
import { openDatabase } from '../../main/db/database';
import { createServices, type Services } from '../../main/services';
import type { Actor } from '../../main/services/unit-of-work';
import type { LocalStore, PendingChangeSet } from '../../sync/local-store';
import { dynamoPushClient, partToken, prepareWrites, pushPending, splitParts, transactItem } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { startDynamoDbLocal } from '../../tests/support/dynamodb-local';
import { pickIndex, seededRandom } from '../../tests/support/seeded-random';
import { type BenchContext, type ResultRow, resultRow, scaled } from '../scenario';

const ACTOR: Actor = { id: '0190a1b2-0000-7000-8000-00000000b0b0', name: 'Bench Pusher' };
const VEHICLES_PER_ORDER = 5;
/** Change sets per timed chunk; push and raw alternate chunk by chunk so both see the same table growth and machine noise. */
const CHUNK = 25;
/** Push must reach this share of raw's change sets per second (the floor; 0.9 is the aim). */
const MIN_SHARE = 0.7;

interface Workload {
  services: Services;
  orders: Order[];
  stock: string[];
  random: () => number;
  serial: number;
}

function vin(serial: number): string {
  return `ZVW30-${String(2_000_000 + serial)}`;
}

/** The measured change sets: new orders of five vehicles, notes and price edits, stage events (each also rewrites its order). */
function makeChangeSet(w: Workload, i: number): void {
  const { services, random } = w;
  const kind = w.orders.length < 4 ? 0 : i % 4;
  if (kind === 0 && w.stock.length >= VEHICLES_PER_ORDER) {
    const customer = services.customers.create(ACTOR, customerCreateInput.parse({ name: `Fleet ${i}` }));
    const lines = w.stock.splice(0, VEHICLES_PER_ORDER).map((vehicleId) => ({ vehicleId, price: 1_500_000 }));
    w.orders.push(services.orders.create(ACTOR, orderCreateInput.parse({ customerId: customer.id, currency: 'USD', vehicles: lines })));
    return;
  }
  const index = pickIndex(random, w.orders.length);
  const order = services.orders.get(w.orders[index]?.id ?? '');
  const line = order.vehicles[pickIndex(random, order.vehicles.length)];
  if (kind === 2 && line && line.stage !== 'in_transit') {
    const next = IMPORT_STAGES[IMPORT_STAGES.indexOf(line.stage) + 1] ?? 'purchased';
    services.vehicles.recordStage(ACTOR, { id: line.vehicleId, stage: next });
  } else if (kind === 3 && line) {
    w.orders[index] = services.orders.updateVehicle(ACTOR, {
      id: order.id,
      version: order.version,
      vehicleId: line.vehicleId,
      price: 1_000_000 + pickIndex(random, 900_000),
    });
  } else {
    w.orders[index] = services.orders.update(ACTOR, {
      id: order.id,
      version: order.version,
      notes: `Call ${i}: customer asked for an ETA.`,
    });
  }
}

async function copyTable(client: DynamoDBClient, from: string, to: string): Promise<void> {
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await client.send(new ScanCommand({ TableName: from, ExclusiveStartKey: start }));
    const items = page.Items ?? [];
    for (let i = 0; i < items.length; i += 25) {
      let request: Record<string, { PutRequest: { Item: NonNullable<typeof items>[number] } }[]> | undefined = {
        [to]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
      };
      while (request && Object.keys(request).length > 0) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: request }));
        request = out.UnprocessedItems as typeof request;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
}

/** The calls push makes for a change set, built straight from its items: what the SDK alone would send. */
function rawRequests(table: string, cs: PendingChangeSet, changedAt: string): TransactWriteItemsCommandInput[] {
  return splitParts(prepareWrites(cs, changedAt)).map((part, index) => ({
    // A token of its own (tokens are per account, not per table): push's would be refused as reused with other items.
    ClientRequestToken: `r${partToken(cs.id, index).slice(1)}`,
    TransactItems: part.map((w) => transactItem(table, w)),
  }));
}

/** The outbox as push sees it, cut off after `lastSeq`: push drains exactly the chunk being timed. */
function upTo(store: LocalStore, lastSeq: () => number): LocalStore {
  return Object.assign(Object.create(store) as LocalStore, {
    pendingChangeSets: (limit: number, afterSeq = 0) =>
      afterSeq >= lastSeq() ? [] : store.pendingChangeSets(limit, afterSeq).filter((cs) => cs.seq <= lastSeq()),
  });
}

export interface PushThroughput {
  rows: ResultRow[];
  changeSets: number;
  items: number;
  pushMs: number;
  rawMs: number;
}

export async function measurePushThroughput(wanted: number): Promise<PushThroughput> {
  const dir = mkdtempSync(join(tmpdir(), 'portside-bench-push-'));
  const ddb = await startDynamoDbLocal();
  const client = ddb.client();
  try {
    await Promise.all([
      createTableIfMissing(client, 'bench-push', { pollMs: 100 }),
      createTableIfMissing(client, 'bench-raw', { pollMs: 100 }),
    ]);
    const db = openDatabase(join(dir, 'bench.sqlite'));
    const services = createServices(db);
    const store: LocalStore = services.deps.repos.outbox;
    const push = dynamoPushClient(client);

    // Stock vehicles for the new orders, pushed (untimed) and copied so both tables start equal.
    const workload: Workload = { services, orders: [], stock: [], random: seededRandom(5), serial: 0 };
    const orders = Math.ceil(wanted / 4) + 8;
    for (let i = 0; i < orders * VEHICLES_PER_ORDER; i++) {
      const input = vehicleCreateInput.parse({
        vin: vin(i),
        make: 'Toyota',
        model: 'Prius',
        year: 2019,
        purchasePrice: 1_250_000,
        currency: 'USD',
      });
      workload.stock.push(services.vehicles.create(ACTOR, input).id);
    }
    for (let i = 0; i < 8; i++) makeChangeSet(workload, i);
    await pushPending({ client: push, tableName: 'bench-push', store, pageSize: 200 });
    await copyTable(client, 'bench-push', 'bench-raw');

    // The measured change sets, queued up front as after a day offline.
    for (let i = 8; store.outboxCounts().pending < wanted; i++) makeChangeSet(workload, i);
    // A new order is two change sets (its customer, then the order): the last one may overshoot by one.
    const pending = store.pendingChangeSets(wanted + 2);
    const changeSets = pending.length;
    const raw = pending.map((cs) => rawRequests('bench-raw', cs, new Date().toISOString()));
    const items = raw.flat().reduce((n, r) => n + (r.TransactItems?.length ?? 0), 0);

    const pushSamples: number[] = [];
    const rawSamples: number[] = [];
    let cutOff = 0;
    const limited = upTo(store, () => cutOff);
    for (let c = 0; c * CHUNK < changeSets; c++) {
      const chunk = pending.slice(c * CHUNK, (c + 1) * CHUNK);
      const timePush = async (): Promise<void> => {
        cutOff = chunk.at(-1)?.seq ?? 0;
        const started = performance.now();
        const result = await pushPending({ client: push, tableName: 'bench-push', store: limited, pageSize: CHUNK });
        pushSamples.push((performance.now() - started) / chunk.length);
        if (result.pushed !== chunk.length) throw new Error(`push pushed ${result.pushed} of ${chunk.length}: ${result.lastError}`);
      };
      const timeRaw = async (): Promise<void> => {
        const started = performance.now();
        for (const requests of raw.slice(c * CHUNK, (c + 1) * CHUNK)) {
          for (const request of requests) await client.send(new TransactWriteItemsCommand(request));
        }
        rawSamples.push((performance.now() - started) / chunk.length);
      };
      if (c % 2 === 0) {
        await timePush();
        await timeRaw();
      } else {
        await timeRaw();
        await timePush();
      }
    }
    db.close();
    const pushMs = pushSamples.reduce((a, b) => a + b, 0) * CHUNK;
    const rawMs = rawSamples.reduce((a, b) => a + b, 0) * CHUNK;
    const baselineName = 'push: raw TransactWriteItems of the same items, ms per change set (baseline)';
    const baseline = resultRow(baselineName, rawSamples, null);
    const rows = [
      resultRow(
        'push: change sets through pushPending, ms per change set',
        pushSamples,
        { metric: 'p50', maxMs: 1_000, maxRatio: Math.round(100 / MIN_SHARE) / 100 },
        { name: baselineName, timing: baseline },
      ),
      baseline,
    ];
    return { rows, changeSets, items, pushMs, rawMs };
  } finally {
    client.destroy();
    await ddb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeThroughput(t: PushThroughput): string {
  const rate = (ms: number, n: number): string => (n / (ms / 1000)).toFixed(0);
  return (
    `  push throughput: ${t.changeSets} change sets (${t.items} items) - push ${rate(t.pushMs, t.changeSets)} change sets/s, ` +
    `${rate(t.pushMs, t.items)} items/s; raw ${rate(t.rawMs, t.changeSets)} change sets/s, ${rate(t.rawMs, t.items)} items/s; ` +
    `push at ${((100 * t.rawMs) / t.pushMs).toFixed(0)} % of raw (target >= ${MIN_SHARE * 100} %)`
  );
}

export async function pushThroughputScenario(ctx: BenchContext): Promise<ResultRow[]> {
  try {
    const result = await measurePushThroughput(scaled(ctx, 600));
    console.log(describeThroughput(result));
    return result.rows;
  } catch (error) {
    // Without Java, DynamoDB Local cannot start: the other scenarios' results still count, this row fails.
    console.error(`  push throughput could not be measured: ${String(error)}`);
    return [resultRow('push: change sets through pushPending, ms per change set', [], { metric: 'p50', maxMs: 1_000 })];
  }
}
