// The DynamoDB table against DynamoDB Local: idempotent creation, every item type from real outbox data stored and read back, GSI1 and GSI2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAuditEntry } from '../../core/domain/audit';
import type { Customer } from '../../core/domain/customer';
import type { Order } from '../../core/domain/order';
import { type OutboxItem, SYNCED_ENTITIES } from '../../core/domain/outbox';
import type { VehicleDetail } from '../../core/domain/vehicle';
import { type PlainValue, type TableItem, unmarshallItem } from '../../sync/attribute-values';
import { fromTableItem, tableKeyOf, toTableItem } from '../../sync/item-mapping';
import { CHANGE_FEED_SHARDS, changeFeedPartition, changeFeedShard, createTableIfMissing, TableSetupError } from '../../sync/table-schema';
import { prepareTableIfAsked } from '../../sync/table-setup';
import { type ApiHarness, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, startDynamoDbLocal } from '../support/dynamodb-local';
import { cancelOrder, createCustomer, createOrder, createVehicles } from '../support/fixtures';
import { REPO, spawnServer } from '../support/server-process';

const TABLE = 'portside';
/** Push times: every record's first version reaches the table at T1, its latest at T2. */
const T1 = '2026-11-30T08:00:00.000Z';
const T2 = '2026-11-30T08:00:01.000Z';

let ddb: DynamoDbLocal;
let api: ApiHarness;
let client: DynamoDBClient;
beforeAll(async () => {
  [ddb, api] = await Promise.all([startDynamoDbLocal(), startApi()]);
  client = ddb.client();
});
afterAll(async () => {
  client.destroy();
  await Promise.all([api.close(), ddb.stop()]);
});

const awsEnv = (): Record<string, string> => ({
  AWS_REGION: ddb.region,
  PORTSIDE_DYNAMODB_ENDPOINT: ddb.endpoint,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
});

describe('creating the table', () => {
  it('creates the table with PK/SK, GSI1 and GSI2 on demand, and a second run changes nothing', async () => {
    expect((await createTableIfMissing(client, TABLE, { pollMs: 100 })).created).toBe(true);
    expect((await createTableIfMissing(client, TABLE, { pollMs: 100 })).created).toBe(false);
    const table = (await client.send(new DescribeTableCommand({ TableName: TABLE }))).Table;
    expect(table?.TableStatus).toBe('ACTIVE');
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    const indexes = Object.fromEntries((table?.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName, [g.KeySchema, g.Projection]]));
    expect(indexes).toEqual({
      GSI1: [
        [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        { ProjectionType: 'ALL' },
      ],
      GSI2: [
        [
          { AttributeName: 'GSI2PK', KeyType: 'HASH' },
          { AttributeName: 'GSI2SK', KeyType: 'RANGE' },
        ],
        { ProjectionType: 'ALL' },
      ],
    });
    expect(new Set(table?.AttributeDefinitions?.map((a) => a.AttributeType))).toEqual(new Set(['S']));
  });

  it('lets two devices race to create the table: one creates it, the other finds it', async () => {
    const results = await Promise.all([
      createTableIfMissing(client, 'raced', { pollMs: 100 }),
      createTableIfMissing(client, 'raced', { pollMs: 100 }),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
  });

  it('refuses a table of that name with another key schema, naming what differs', async () => {
    await client.send(
      new CreateTableCommand({
        TableName: 'not-portside',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const attempt = createTableIfMissing(client, 'not-portside', { pollMs: 100 });
    await expect(attempt).rejects.toThrow(TableSetupError);
    await expect(attempt).rejects.toThrow(
      /its key is id \(HASH, S\); Portside needs PK \(HASH, S\) \+ SK \(RANGE, S\); it has no index GSI1; it has no index GSI2/,
    );
  });

  it('npm run table:create creates the configured table, then finds it; without a table name it exits 2', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portside-table-'));
    try {
      const run = (env: Record<string, string>) =>
        spawnSync(process.execPath, ['--import', './scripts/raw-loader.mjs', '--import', 'tsx', 'scripts/table-create.ts'], {
          cwd: REPO,
          env: { ...process.env, PORTSIDE_DATA_DIR: dataDir, ...env },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const first = run({ ...awsEnv(), PORTSIDE_TABLE: 'from-script' });
      expect([first.status, first.stdout]).toEqual([0, expect.stringMatching(/Created table "from-script"/)]);
      const second = run({ ...awsEnv(), PORTSIDE_TABLE: 'from-script' });
      expect([second.status, second.stdout]).toEqual([0, expect.stringMatching(/"from-script" already exists/)]);
      const unnamed = run({ ...awsEnv(), PORTSIDE_TABLE: '' });
      expect([unnamed.status, unnamed.stderr]).toEqual([2, expect.stringMatching(/PORTSIDE_TABLE is not set/)]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('PORTSIDE_CREATE_TABLE=1 creates the table at start; an unreachable DynamoDB is logged and local work goes on', async () => {
    const logged: string[] = [];
    const log = (line: string): number => logged.push(line);
    const config = { createTable: true, table: 'at-start', region: ddb.region, dynamodbEndpoint: ddb.endpoint };
    // The default credential chain reads these, as it would on a CSR's machine.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
    try {
      expect(await prepareTableIfAsked(config, log)).toEqual({ status: 'ready', created: true });
      expect(await prepareTableIfAsked({ ...config, dynamodbEndpoint: 'http://127.0.0.1:1' }, log)).toMatchObject({ status: 'failed' });
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
    expect(prepareTableIfAsked({ ...config, createTable: false }, log)).toBeNull();
    expect(logged).toEqual([
      'DynamoDB table "at-start" created and is ready.',
      expect.stringMatching(
        /^DynamoDB table "at-start" could not be prepared; working locally: DynamoDB at http:\/\/127\.0\.0\.1:1 could not be reached/,
      ),
    ]);
  });

  it('the headless server with PORTSIDE_CREATE_TABLE=1 serves at once and creates the table in the background', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portside-table-'));
    const server = spawnServer({ ...awsEnv(), PORTSIDE_DATA_DIR: dataDir, PORTSIDE_TABLE: 'from-server', PORTSIDE_CREATE_TABLE: '1' });
    try {
      const baseUrl = await server.ready;
      expect((await fetch(`${baseUrl}/system/info`)).status).toBe(200);
      await expect.poll(() => server.stderr(), { timeout: 30_000 }).toMatch(/DynamoDB table "from-server" created and is ready/);
      expect((await client.send(new DescribeTableCommand({ TableName: 'from-server' }))).Table?.TableStatus).toBe('ACTIVE');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A whole order life through the real API, so the items below are built from outbox data the services wrote. */
async function buildScenario() {
  const customer = await createCustomer(api, { name: 'Table Customer', company: '' });
  expectOk(await api.call<Customer>('PUT', `/customers/${customer.id}`, { version: customer.version, phone: '+64 21 555 0199' }));
  const [v0, v1, v2, v3, v4] = await createVehicles(api, 5);
  if (!v0 || !v1 || !v2 || !v3 || !v4) throw new Error('five vehicles expected');
  const lines = [v0, v1, v3].map((v, i) => ({ vehicleId: v.id, price: 1_000_000 + i }));
  let order = await createOrder(api, { customerId: customer.id, vehicles: lines, notes: 'Two sedans and a van.' });
  order = expectOk(
    await api.call<Order>('DELETE', `/orders/${order.id}/vehicles/${v3.id}?version=${order.version}&reason=Customer%20changed%20mind`),
  );
  order = expectOk(await api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, status: 'Confirmed', reason: 'Signed.' }));
  const deposit = { kind: 'deposit', amount: 200_000, currency: 'USD', method: 'bank_transfer', reference: 'TT-1' };
  expectOk(await api.call('POST', `/orders/${order.id}/payments`, deposit), 201);
  for (const v of [v0, v1]) expectOk(await api.call('POST', `/vehicles/${v.id}/stages`, { stage: 'purchased' }), 201);
  const v1Detail = expectOk(await api.call<VehicleDetail>('GET', `/vehicles/${v1.id}`));
  const eventId = v1Detail.stageHistory.at(-1)?.id ?? '';
  expectOk(await api.call('POST', `/vehicles/${v1.id}/stages/${eventId}/retract`, { reason: 'Recorded on the wrong vehicle.' }));
  const cancelled = await createOrder(api, { customerId: customer.id, vehicles: [{ vehicleId: v2.id, price: 2_000_000 }] });
  const confirmed = expectOk(await api.call<Order>('PUT', `/orders/${cancelled.id}`, { version: cancelled.version, status: 'Confirmed' }));
  await cancelOrder(api, confirmed);
  const noCustomer = await createOrder(api, { vehicles: [{ vehicleId: v4.id, price: 500_000 }] });
  // A follow-up task, created then completed: a mutable item under its order.
  const task = expectOk(
    await api.call<{ id: string; version: number }>('POST', `/orders/${order.id}/tasks`, {
      title: 'Call the customer',
      dueDate: '2026-12-01',
      vehicleId: v0.id,
    }),
    201,
  );
  expectOk(await api.call('POST', `/tasks/${task.id}/complete`, { version: task.version }));
  // A call logged on the order (append-only content, mutable delivery state) and an Admin's template edit.
  expectOk(
    await api.call('POST', `/orders/${order.id}/communication`, { channel: 'phone', direction: 'in', body: 'Asked about shipping.' }),
    201,
  );
  api.backend.services.auth.createUser({ username: 'table-admin', displayName: 'Table Admin', password: TEST_PASSWORD, roles: ['Admin'] });
  const admin = await api.signIn('table-admin', TEST_PASSWORD);
  const templates = expectOk(
    await api.call<{ items: { id: string; version: number }[] }>('GET', '/templates', undefined, { token: admin.token }),
  );
  const template = templates.items[0];
  if (!template) throw new Error('the default templates expected');
  expectOk(
    await api.call(
      'PUT',
      `/templates/${template.id}`,
      { version: template.version, name: 'Status update (edited)' },
      { token: admin.token },
    ),
  );
  return { customerId: customer.id, orderIds: [order.id, cancelled.id, noCustomer.id] as const };
}

interface Versions {
  first: OutboxItem;
  last: OutboxItem;
}

/** Every outbox item, grouped by the table item it becomes: its first and latest version. */
function outboxByTableKey(): Map<string, Versions> {
  const rows = api.backend.db.prepare<[], { items: string }>('SELECT items FROM outbox ORDER BY seq').all();
  const byKey = new Map<string, Versions>();
  for (const item of rows.flatMap((r) => JSON.parse(r.items) as OutboxItem[])) {
    const { PK, SK } = tableKeyOf(item.entity, item.key, item.data);
    const seen = byKey.get(`${PK}|${SK}`);
    byKey.set(`${PK}|${SK}`, { first: seen?.first ?? item, last: item });
  }
  return byKey;
}

const text = (value: PlainValue | undefined): string => (typeof value === 'string' ? value : '');

async function getItem(pk: string, sk: string): Promise<TableItem> {
  const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { PK: { S: pk }, SK: { S: sk } }, ConsistentRead: true }));
  if (!Item) throw new Error(`no item ${pk} / ${sk}`);
  return Item;
}

async function queryAll(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Record<string, PlainValue>[]> {
  const out: Record<string, PlainValue>[] = [];
  let start: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    out.push(...(page.Items ?? []).map(unmarshallItem));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

describe('items from real outbox data', () => {
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let byKey: Map<string, Versions>;

  beforeAll(async () => {
    await createTableIfMissing(client, TABLE, { pollMs: 100 });
    scenario = await buildScenario();
    byKey = outboxByTableKey();
    const put = (item: OutboxItem, changedAt: string, baseVersion: number | null) =>
      client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: toTableItem(item, { changedAt }),
          ...(baseVersion === null
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : { ConditionExpression: 'version = :base', ExpressionAttributeValues: { ':base': { N: String(baseVersion) } } }),
        }),
      );
    const groups = [...byKey.values()];
    await Promise.all(groups.map((g) => put(g.first, T1, null)));
    const storedVersion = (item: OutboxItem): number => fromTableItem(toTableItem(item, { changedAt: T1 }))?.version ?? 0;
    await Promise.all(groups.filter((g) => g.last !== g.first).map((g) => put(g.last, T2, storedVersion(g.first))));
  });

  it('covers every synced entity, both audit key styles, a retracted stage, a removed line and a cancelled order', () => {
    const lasts = [...byKey.values()].map((g) => g.last);
    expect(new Set(lasts.map((i) => i.entity))).toEqual(new Set(SYNCED_ENTITIES));
    const keys = [...byKey.keys()];
    expect(keys.some((k) => /^ORDER#[^|]+\|AUDIT#/.test(k))).toBe(true);
    expect(keys.some((k) => /^AUDIT#[^|]+\|SEQ#\d{12}$/.test(k))).toBe(true);
    expect(lasts.some((i) => i.entity === 'stage_event' && i.data.retractedAt !== null)).toBe(true);
    expect(lasts.some((i) => i.entity === 'order_vehicle' && i.data.status === 'Removed')).toBe(true);
    expect(lasts.some((i) => i.entity === 'order' && i.data.status === 'Cancelled' && i.data.cancelSnapshot !== null)).toBe(true);
  });

  it('reads every stored item back as the latest record its outbox items carried', async () => {
    for (const [key, { last }] of byKey) {
      const [pk = '', sk = ''] = key.split('|');
      const back = fromTableItem(await getItem(pk, sk));
      expect(back, key).toMatchObject({ entity: last.entity, key: last.key, data: last.data, deleted: false });
    }
  });

  it("stores each order's DETAILS with the seed's attributes, attribute by attribute, as the API shows the order", async () => {
    const seed = ['orderId', 'customerId', 'orderNumber', 'status', 'vehicles', 'totalVehicles', 'completedVehicles', 'orderValue'];
    const more = ['currency', 'orderDate', 'estimatedCompletionDate', 'actualCompletionDate', 'notes', 'createdAt', 'updatedAt'];
    const local = ['createdBy', 'updatedBy', 'version', 'progress', 'targetCompletionDate', 'cancelReason'];
    for (const orderId of scenario.orderIds) {
      const order = expectOk(await api.call<Order>('GET', `/orders/${orderId}`));
      const item = unmarshallItem(await getItem(`ORDER#${orderId}`, 'DETAILS'));
      const expected: Record<string, unknown> = { ...order, orderId: order.id, vehicles: order.vehicleIds };
      for (const attribute of [...seed, ...more, ...local]) {
        expect(item, `${order.orderNumber}.${attribute}`).toHaveProperty(attribute);
        expect(item[attribute], `${order.orderNumber}.${attribute}`).toEqual(expected[attribute]);
      }
      expect(item.deleted).toBe(false);
      expect(item).toHaveProperty('cancelSnapshot');
    }
    const cancelled = unmarshallItem(await getItem(`ORDER#${scenario.orderIds[1]}`, 'DETAILS'));
    expect(cancelled).toMatchObject({
      status: 'Cancelled',
      cancelReason: 'Customer withdrew.',
      cancelSnapshot: { stages: expect.any(Object) },
    });
  });

  it("stores each order line with the seed's attributes as the API shows it, removed lines too", async () => {
    const order = expectOk(await api.call<Order>('GET', `/orders/${scenario.orderIds[0]}`));
    expect(order.vehicles.map((l) => l.status).sort()).toEqual(['Active', 'Active', 'Removed']);
    for (const line of order.vehicles) {
      const item = unmarshallItem(await getItem(`ORDER#${order.id}`, `VEHICLE#${line.vehicleId}`));
      expect(item).toMatchObject({
        orderId: order.id,
        vehicleId: line.vehicleId,
        addedDate: line.addedDate,
        status: line.status,
        notes: line.notes,
        price: line.price,
        removedReason: line.removedReason,
        removedDate: line.removedDate,
        version: expect.any(Number),
        updatedAt: expect.any(String),
        updatedBy: expect.any(String),
        deleted: false,
      });
    }
  });

  it("stores each order's audit entries append-only with their hash chain, as the API lists them", async () => {
    for (const orderId of scenario.orderIds) {
      const entries = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${orderId}/audit`));
      const items = await queryAll({
        TableName: TABLE,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :audit)',
        ExpressionAttributeValues: { ':pk': { S: `ORDER#${orderId}` }, ':audit': { S: 'AUDIT#' } },
      });
      const chain = (e: { deviceId: unknown; seq: unknown; prevHash: unknown; hash: unknown }) => [e.deviceId, e.seq, e.prevHash, e.hash];
      expect(items.map((i) => chain(i as never)).sort()).toEqual(entries.map(chain).sort());
      expect(items.every((i) => !('version' in i) && !('deleted' in i))).toBe(true);
    }
    // Append-only: pushing an entry a second time is refused, never a second copy.
    const entry = [...byKey.values()].find((g) => g.first.entity === 'audit')?.first;
    if (!entry) throw new Error('an audit entry expected');
    const again = new PutItemCommand({
      TableName: TABLE,
      Item: toTableItem(entry, { changedAt: T2 }),
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    await expect(client.send(again)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });

  it("lists a customer's orders from GSI1, oldest first; an order without a customer is in no list", async () => {
    const listed = await queryAll({
      TableName: TABLE,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :customer AND begins_with(GSI1SK, :orders)',
      ExpressionAttributeValues: { ':customer': { S: `CUSTOMER#${scenario.customerId}` }, ':orders': { S: 'ORDER#' } },
    });
    expect(listed.map((i) => i.orderId)).toEqual([scenario.orderIds[0], scenario.orderIds[1]]);
    expect(listed.map((i) => i.orderNumber)).toEqual([expect.stringMatching(/^PS-/), expect.stringMatching(/^PS-/)]);
    const noCustomer = unmarshallItem(await getItem(`ORDER#${scenario.orderIds[2]}`, 'DETAILS'));
    expect(noCustomer).not.toHaveProperty('GSI1PK');
  });

  it('reads the changes since a time from the GSI2 shards: everything since T1, only the later versions since T2', async () => {
    const since = async (time: string): Promise<Record<string, PlainValue>[]> => {
      const shards = Array.from({ length: CHANGE_FEED_SHARDS }, (_, shard) =>
        queryAll({
          TableName: TABLE,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :shard AND GSI2SK > :since',
          ExpressionAttributeValues: { ':shard': { S: changeFeedPartition(shard) }, ':since': { S: time } },
        }),
      );
      return (await Promise.all(shards)).flat();
    };
    const all = await since(T1);
    expect(all).toHaveLength(byKey.size);
    for (const item of all) expect(item.GSI2PK).toBe(changeFeedPartition(changeFeedShard(text(item.PK))));
    const changedLater = [...byKey].filter(([, g]) => g.last !== g.first).map(([key]) => key);
    const feed = (await since(T2)).map((i) => `${text(i.PK)}|${text(i.SK)}`);
    expect(feed.sort()).toEqual(changedLater.sort());
    expect(changedLater.length).toBeGreaterThan(5);
  });
});
