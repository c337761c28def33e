// Order numbers across devices against the real DynamoDB Local: reserved blocks are disjoint, the offline fallback stays unique, local mode and the office's year.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deviceCodeFor, isDeviceCode, parseOrderNumber, type ParsedOrderNumber } from '../../core/domain/order-number';
import { ManualClock } from '../../core/domain/runtime';
import { type Backend, createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import {
  claimDeviceCode,
  deviceCodeKey,
  orderNumberCounterKey,
  type OrderNumberBlockStore,
  reserveOrderNumberBlocks,
} from '../../main/services/order-number-reserver';
import type { Actor } from '../../main/services/unit-of-work';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, startDynamoDbLocal } from '../support/dynamodb-local';

const ACTOR: Actor = { id: null, name: 'Casey Tester' };
let ddb: DynamoDbLocal;
let client: DynamoDBClient;
/** A client for a device that is offline: nothing listens on its port, so no test ever reaches real AWS. */
let offline: DynamoDBClient;
let tableCount = 0;
const opened: { backend: Backend; dir: string }[] = [];

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  client = ddb.client();
  offline = new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: ddb.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}, 90_000);
afterAll(async () => {
  client.destroy();
  offline.destroy();
  await ddb.stop();
});
afterEach(() => {
  for (const { backend, dir } of opened.splice(0)) {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh table with just the keys the counter items need (the full schema belongs to the sync issue). */
async function freshTable(): Promise<string> {
  tableCount += 1;
  const name = `order-numbers-${tableCount}`;
  await client.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return name;
}

interface DeviceOptions {
  table?: string;
  timeZone?: string;
  at?: string;
  dynamoDb?: DynamoDBClient;
  endpoint?: string;
}

/** One "device": its own data folder and backend, pointed at the shared table (or none: local mode). */
function device(options: DeviceOptions = {}): { backend: Backend; logged: string[]; createOrder(): string } {
  const dir = mkdtempSync(join(tmpdir(), 'portside-order-numbers-'));
  const logged: string[] = [];
  const config = loadConfig({
    PORTSIDE_DATA_DIR: dir,
    PORTSIDE_TIME_ZONE: options.timeZone ?? 'Pacific/Auckland',
    AWS_REGION: ddb.region,
    ...(options.table ? { PORTSIDE_TABLE: options.table } : {}),
    ...(options.endpoint ? { PORTSIDE_DYNAMODB_ENDPOINT: options.endpoint } : {}),
  });
  const backend = createBackend(config, {
    log: (message) => logged.push(message),
    clock: new ManualClock(options.at ?? '2026-06-15T00:00:00.000Z'),
    // Offline unless told otherwise; a test of the client built from the config gives an endpoint instead.
    ...(options.endpoint ? {} : { dynamoDb: options.dynamoDb ?? offline }),
  });
  opened.push({ backend, dir });
  const customer = backend.services.customers.create(ACTOR, { name: 'Aroha Ngata' });
  return {
    backend,
    logged,
    createOrder: () => backend.services.orders.create(ACTOR, { customerId: customer.id, currency: 'NZD', vehicles: [] }).orderNumber,
  };
}

const parsed = (number: string): ParsedOrderNumber => {
  const result = parseOrderNumber(number);
  if (!result) throw new Error(`not an order number: ${number}`);
  return result;
};

describe('order numbers in cloud mode (blocks reserved from the table)', () => {
  it('gives two devices reserving concurrently from one table disjoint blocks with no gaps between them', async () => {
    const table = await freshTable();
    const a = device({ table, dynamoDb: client });
    const b = device({ table, dynamoDb: client });
    await Promise.all([a.backend.orderNumbersAtStart, b.backend.orderNumbersAtStart]);
    const stores = [a, b].map((d) => d.backend.services.deps.repos.orderNumberBlocks);
    // 10 rounds, both devices at once, each asking for 5 more blocks of 7 every round.
    for (let round = 1; round <= 10; round += 1) {
      await Promise.all(
        stores.map((store) => reserveOrderNumberBlocks(client, table, store, { year: 2026, blockSize: 7, keepAhead: 2 + round * 5 })),
      );
    }
    const blocks = stores.flatMap((store) => store.blocks(2026)).sort((x, y) => x.first - y.first);
    expect(blocks.length).toBe(2 * (2 + 10 * 5));
    // The start reserved 2 blocks of 50 each; then 100 blocks of 7: every number once, in one run.
    let expectedFirst = 1;
    for (const block of blocks) {
      expect(block.first).toBe(expectedFirst);
      expectedFirst = block.last + 1;
    }
    const counter = await client.send(
      new GetItemCommand({ TableName: table, Key: { PK: { S: orderNumberCounterKey(2026).PK }, SK: { S: 'COUNTER' } } }),
    );
    expect(Number(counter.Item?.last?.N)).toBe(expectedFirst - 1);
  });

  it('reserves two blocks of 50 at start and numbers orders from them', async () => {
    const table = await freshTable();
    const a = device({ table, dynamoDb: client });
    await a.backend.orderNumbersAtStart;
    expect(a.backend.services.deps.repos.orderNumberBlocks.blocks(2026)).toEqual([
      { year: 2026, first: 1, last: 50, next: 1 },
      { year: 2026, first: 51, last: 100, next: 51 },
    ]);
    expect([a.createOrder(), a.createOrder()]).toEqual(['PS-2026-00001', 'PS-2026-00002']);
    expect(a.logged).toEqual([]);
  });

  it('gives the number back when the create is refused: the next order takes it', async () => {
    const table = await freshTable();
    const a = device({ table, dynamoDb: client });
    await a.backend.orderNumbersAtStart;
    const customer = a.backend.services.customers.create(ACTOR, { name: 'Mere Parata' });
    expect(() =>
      a.backend.services.orders.create(ACTOR, { customerId: customer.id, currency: 'NZD', vehicles: [{ vehicleId: 'no-such-vehicle' }] }),
    ).toThrow();
    expect(a.createOrder()).toBe('PS-2026-00001');
  });

  it('falls back to device-coded numbers when the reserved ones run out, all unique across both devices', async () => {
    const table = await freshTable();
    const [a, b] = [device({ table }), device({ table })];
    for (const d of [a, b]) {
      const store = d.backend.services.deps.repos.orderNumberBlocks;
      await claimDeviceCode(client, table, store);
      await reserveOrderNumberBlocks(client, table, store, { year: 2026, blockSize: 5, keepAhead: 2 });
    }
    // Offline now: each device makes 16 orders on 10 reserved numbers.
    const numbers = Array.from({ length: 16 }, () => [a.createOrder(), b.createOrder()]).flat();
    expect(new Set(numbers).size).toBe(32);
    const sequenced = numbers.map(parsed).filter((n) => n.kind === 'sequenced');
    expect(sequenced.map((n) => n.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const provisional = numbers.map(parsed).filter((n) => n.kind === 'provisional');
    expect(provisional).toHaveLength(12);
    const codes = new Set(provisional.map((n) => n.deviceCode));
    expect(codes.size).toBe(2);
    for (const code of codes) {
      expect(isDeviceCode(code)).toBe(true);
      expect(provisional.filter((n) => n.deviceCode === code).map((n) => n.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    expect(numbers.slice(-2).every((n) => /^PS-2026-[0-9AFHJKMNQRUWXY]{4}-0006$/.test(n))).toBe(true);
  });

  it('never renumbers a provisional order once blocks arrive: later orders take the new block', async () => {
    const table = await freshTable();
    const a = device({ table });
    const customer = a.backend.services.customers.create(ACTOR, { name: 'Tama Rangi' });
    const early = a.backend.services.orders.create(ACTOR, { customerId: customer.id, currency: 'NZD', vehicles: [] });
    expect(parsed(early.orderNumber).kind).toBe('provisional');
    await reserveOrderNumberBlocks(client, table, a.backend.services.deps.repos.orderNumberBlocks, {
      year: 2026,
      blockSize: 50,
      keepAhead: 2,
    });
    expect(a.createOrder()).toBe('PS-2026-00001');
    expect(a.backend.services.orders.get(early.id).orderNumber).toBe(early.orderNumber);
  });

  it('keeps working when the table cannot be reached at start: logs it, and numbers orders provisionally', async () => {
    const a = device({ table: 'portside' });
    await a.backend.orderNumbersAtStart;
    expect(a.logged.join('\n')).toMatch(/order numbers: could not reserve blocks from table portside \(.+\); working on/);
    expect(parsed(a.createOrder())).toMatchObject({ kind: 'provisional', year: 2026, seq: 1 });
  });

  it('keeps working when the client built from the configuration has no credentials', async () => {
    const a = device({ table: 'portside', endpoint: 'http://127.0.0.1:9' });
    await a.backend.orderNumbersAtStart;
    expect(a.logged.join('\n')).toMatch(/order numbers: could not reserve blocks from table portside \(.+\); working on/);
    expect(parsed(a.createOrder())).toMatchObject({ kind: 'provisional', year: 2026, seq: 1 });
  });

  it('reserves next year’s first block in December (office time), so New Year’s Day starts from the shared sequence offline', async () => {
    const table = await freshTable();
    // 2026-11-30T11:30Z is already 1 December in Auckland.
    const a = device({ table, dynamoDb: client, at: '2026-11-30T11:30:00.000Z' });
    await a.backend.orderNumbersAtStart;
    expect(a.backend.services.deps.repos.orderNumberBlocks.blocks(2027)).toEqual([{ year: 2027, first: 1, last: 50, next: 1 }]);
    const utc = device({ table, dynamoDb: client, at: '2026-11-30T11:30:00.000Z', timeZone: 'UTC' });
    await utc.backend.orderNumbersAtStart;
    expect(utc.backend.services.deps.repos.orderNumberBlocks.blocks(2027)).toEqual([]);
  });

  it('gives a device another code when its derived code is held by another device', async () => {
    const table = await freshTable();
    // Two device ids whose first derived codes collide, found by search.
    const seen = new Map<string, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null; i += 1) {
      const id = `device-${i}`;
      const code = deviceCodeFor(id);
      const other = seen.get(code);
      if (other !== undefined) pair = [other, id];
      seen.set(code, id);
    }
    const store = (deviceId: string): OrderNumberBlockStore & { code: string | null } => ({
      code: null,
      openBlocks: () => 0,
      addBlock: () => undefined,
      deviceId: () => deviceId,
      claimedDeviceCode() {
        return this.code;
      },
      setClaimedDeviceCode(code: string) {
        this.code = code;
      },
    });
    const [first, second] = [store(pair[0]), store(pair[1])];
    const firstCode = await claimDeviceCode(client, table, first);
    const secondCode = await claimDeviceCode(client, table, second);
    expect(firstCode).toBe(deviceCodeFor(pair[0]));
    expect(secondCode).not.toBe(firstCode);
    expect(secondCode).toBe(deviceCodeFor(pair[1], 1));
    // Claiming again is idempotent and the table names the holder.
    expect(await claimDeviceCode(client, table, { ...first, claimedDeviceCode: () => null })).toBe(firstCode);
    const holder = await client.send(
      new GetItemCommand({ TableName: table, Key: { PK: { S: deviceCodeKey(firstCode).PK }, SK: { S: 'DEVICE_CODE' } } }),
    );
    expect(holder.Item?.deviceId?.S).toBe(pair[0]);
  });
});

describe('order numbers in local mode (no table)', () => {
  it('keeps the local counter: PS-YYYY-NNNNN, one after another', () => {
    const a = device();
    expect([a.createOrder(), a.createOrder(), a.createOrder()]).toEqual(['PS-2026-00001', 'PS-2026-00002', 'PS-2026-00003']);
    expect(a.backend.services.deps.repos.orderNumberBlocks.blocks(2026)).toEqual([]);
  });

  it('takes the year from the office time zone: 2026-12-31T11:30Z is 2027 in Auckland, still 2026 in UTC', () => {
    expect(device({ at: '2026-12-31T11:30:00.000Z', timeZone: 'Pacific/Auckland' }).createOrder()).toBe('PS-2027-00001');
    expect(device({ at: '2026-12-31T11:30:00.000Z', timeZone: 'UTC' }).createOrder()).toBe('PS-2026-00001');
  });
});

describe('order numbers in cloud mode across the New Year', () => {
  it('numbers an order made on New Year’s Day in Auckland from next year’s reserved block', async () => {
    const table = await freshTable();
    const a = device({ table, dynamoDb: client, at: '2026-12-31T11:30:00.000Z' });
    await a.backend.orderNumbersAtStart;
    expect(a.createOrder()).toBe('PS-2027-00001');
  });
});
