// Pull against DynamoDB Local: what one device pushed arrives whole on another, once, never over a pending local edit, with its cursor.
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerDetail } from '../../core/domain/customer';
import type { Order } from '../../core/domain/order';
import type { OutboxItem } from '../../core/domain/outbox';
import type { VehicleDetail } from '../../core/domain/vehicle';
import { RemoteApply, type RemoteApplyOptions } from '../../main/services/remote-apply';
import { fromTableItem, toTableItem } from '../../sync/item-mapping';
import type { PulledPage, PullStore } from '../../sync/local-store';
import { dynamoPullClient, EMPTY_SHARD_CURSOR, feedTimeOf, type PullOptions, type PullProgress, pullChanges } from '../../sync/pull';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { changeFeedShard, createTableIfMissing, GSI2 } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { cancelOrder, createCustomer, createOrder, createVehicles } from '../support/fixtures';

let ddb: DynamoDbLocal;
let client: DynamoDBClient;
let tables = 0;
const harnesses: ApiHarness[] = [];

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  client = ddb.client();
});
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});
afterAll(async () => {
  client.destroy();
  await ddb.stop();
});

interface Device {
  api: ApiHarness;
  store: RemoteApply;
  push: () => ReturnType<typeof pushPending>;
  pull: (o?: Partial<PullOptions>) => ReturnType<typeof pullChanges>;
}

/** Two devices (each its own SQLite folder and device id) on one fresh table. */
async function twoDevices(options: { storeOptionsB?: RemoteApplyOptions } = {}) {
  tables += 1;
  const table = `pull-${tables}`;
  const [a, b] = await Promise.all([startApi(), startApi(), createTableIfMissing(client, table, { pollMs: 100 })]);
  harnesses.push(a, b);
  const device = (api: ApiHarness, storeOptions?: RemoteApplyOptions): Device => {
    const store = new RemoteApply(api.backend.services.deps, storeOptions);
    return {
      api,
      store,
      push: () => pushPending({ client: dynamoPushClient(client), tableName: table, store: api.backend.services.deps.repos.outbox }),
      pull: (o = {}) => pullChanges({ client: dynamoPullClient(client), tableName: table, store, ...o }),
    };
  };
  return { table, a: device(a), b: device(b, options.storeOptionsB) };
}

const pendingOutbox = (api: ApiHarness): number => api.backend.services.deps.repos.outbox.outboxCounts().pending;
const count = (api: ApiHarness, sql: string): number => api.backend.db.prepare<[], { n: number }>(sql).get()?.n ?? -1;

/** Everything a CSR can read about these records, through the services' read API over HTTP. */
async function readAll(api: ApiHarness, ids: { orders: string[]; vehicles: string[]; customers: string[] }) {
  const get = async <T>(path: string): Promise<T> => expectOk(await api.call<T>('GET', path));
  return {
    // Whether the reader follows an order depends on who reads it (each device signs in its own user).
    orders: (await Promise.all(ids.orders.map((id) => get<Order>(`/orders/${id}`)))).map(({ following: _viewer, ...order }) => order),
    audit: await Promise.all(ids.orders.map((id) => get<unknown[]>(`/orders/${id}/audit`))),
    vehicles: await Promise.all(ids.vehicles.map((id) => get<VehicleDetail>(`/vehicles/${id}`))),
    customers: await Promise.all(ids.customers.map((id) => get<CustomerDetail>(`/customers/${id}`))),
  };
}

/** Device A's working day: customers, orders of several vehicles, a price change, a removal, stages, a retraction, a cancellation. */
async function busyDay(api: ApiHarness) {
  const [alice, bob] = [await createCustomer(api, { name: 'Alice Import' }), await createCustomer(api, { name: 'Bob Freight' })];
  const vehicles = await createVehicles(api, 6);
  const [v0, v1, v2, v3, v4, v5] = vehicles;
  if (!v0 || !v1 || !v2 || !v3 || !v4 || !v5) throw new Error('six vehicles expected');
  let order = await createOrder(api, { customerId: alice.id, vehicles: [v0, v1, v2].map((v) => ({ vehicleId: v.id, price: 1_000_000 })) });
  order = expectOk(await api.call<Order>('PUT', `/orders/${order.id}/vehicles/${v1.id}`, { version: order.version, price: 1_250_000 }));
  order = expectOk(await api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, status: 'Confirmed', reason: 'Signed.' }));
  order = expectOk(
    await api.call<Order>('DELETE', `/orders/${order.id}/vehicles/${v2.id}?version=${order.version}&reason=Customer%20changed%20mind`),
  );
  for (const stage of ['purchased', 'export_cleared']) expectOk(await api.call('POST', `/vehicles/${v0.id}/stages`, { stage }), 201);
  expectOk(await api.call('POST', `/vehicles/${v1.id}/stages`, { stage: 'purchased' }), 201);
  const wrong = expectOk(await api.call<VehicleDetail>('GET', `/vehicles/${v1.id}`)).stageHistory.at(-1)?.id ?? '';
  expectOk(await api.call('POST', `/vehicles/${v1.id}/stages/${wrong}/retract`, { reason: 'Recorded on the wrong vehicle.' }));
  let second = await createOrder(api, { customerId: bob.id, vehicles: [v3, v4].map((v) => ({ vehicleId: v.id, price: 800_000 })) });
  second = expectOk(
    await api.call<Order>('PUT', `/orders/${second.id}`, { version: second.version, status: 'Confirmed', reason: 'Signed.' }),
  );
  expectOk(await api.call('POST', `/vehicles/${v3.id}/stages`, { stage: 'purchased' }), 201);
  second = expectOk(await api.call<Order>('GET', `/orders/${second.id}`));
  await cancelOrder(api, second, 'Finance fell through.');
  return { orders: [order.id, second.id], vehicles: vehicles.map((v) => v.id), customers: [alice.id, bob.id] };
}

describe('pull', () => {
  it('brings everything device A pushed to a fresh device B, which then reads exactly what A reads', async () => {
    const { a, b } = await twoDevices();
    const ids = await busyDay(a.api);
    expect((await a.push()).stoppedEarly).toBe(false);
    expect(pendingOutbox(a.api)).toBe(0);
    const outboxBefore = count(b.api, 'SELECT count(*) AS n FROM outbox');
    const auditBefore = count(
      b.api,
      `SELECT count(*) AS n FROM audit_entries WHERE device_id = (SELECT value FROM settings WHERE key = 'device_id')`,
    );

    const progress: PullProgress[] = [];
    const first = await b.pull({ onProgress: (p) => progress.push(p), pageSize: 7 });
    expect(first).toMatchObject({ bootstrap: true, skippedPending: 0, malformed: [], refused: [], skippedUnknown: 0 });
    expect(first.applied).toBeGreaterThan(40);
    expect(await readAll(b.api, ids)).toEqual(await readAll(a.api, ids));
    const [, secondOrder] = (await readAll(b.api, ids)).orders;
    expect(secondOrder).toMatchObject({ status: 'Cancelled', cancelReason: 'Finance fell through.' });

    // Lines pulled before their vehicle (another shard) waited and were written once it came: nothing is left waiting.
    expect(b.store.waitingRecords()).toEqual([]);
    // A first download shows progress: it says so, and counts up to every item read.
    expect(progress[0]).toEqual({ phase: 'bootstrapping', done: 0, total: null });
    expect(progress.every((p) => p.phase === 'bootstrapping')).toBe(true);
    expect(progress.at(-1)?.done).toBe(first.read);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((x, y) => x - y));
    // Pulled writes queue nothing to push and add nothing to B's own audit chain; A's chain verifies on B.
    expect(count(b.api, 'SELECT count(*) AS n FROM outbox')).toBe(outboxBefore);
    expect(
      count(b.api, `SELECT count(*) AS n FROM audit_entries WHERE device_id = (SELECT value FROM settings WHERE key = 'device_id')`),
    ).toBe(auditBefore);
    expect(b.api.backend.services.integrity.verify()).toMatchObject({ ok: true, problems: [], orders: { mismatchCount: 0 } });

    // Pulling again changes nothing: every item is skipped by version (or already here).
    const before = await readAll(b.api, ids);
    const again: PullProgress[] = [];
    const second = await b.pull({ onProgress: (p) => again.push(p) });
    expect(second).toMatchObject({ bootstrap: false, applied: 0, waiting: 0 });
    expect(again.every((p) => p.phase === 'pulling')).toBe(true);
    expect(await readAll(b.api, ids)).toEqual(before);
  });

  it('a later edit on A arrives on B as a delta, and B emits change events for the rows it touched', async () => {
    const { a, b } = await twoDevices();
    const ids = await busyDay(a.api);
    await a.push();
    await b.pull();
    const events: string[] = [];
    const stop = b.api.backend.services.events.subscribe((e) => events.push(`${e.entity}:${e.id}:${e.cause}`));
    const [orderId] = ids.orders;
    const order = expectOk(await a.api.call<Order>('GET', `/orders/${orderId ?? ''}`));
    expectOk(await a.api.call('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Ship together, please.' }));
    await a.push();
    const delta = await b.pull();
    stop();
    expect(delta.applied).toBeGreaterThanOrEqual(2); // the order and its audit entry
    expect(expectOk(await b.api.call<Order>('GET', `/orders/${order.id}`))).toMatchObject({ notes: 'Ship together, please.' });
    expect(events).toContain(`order:${order.id}:sync.pull`);
  });

  it('never overwrites a row that has a pending local change: it is counted and left for the conflict path', async () => {
    const { a, b } = await twoDevices();
    const customer = await createCustomer(a.api, { name: 'Shared Customer' });
    await a.push();
    await b.pull();
    const onB = expectOk(await b.api.call<CustomerDetail>('GET', `/customers/${customer.id}`));
    expectOk(await b.api.call('PUT', `/customers/${customer.id}`, { version: onB.version, phone: '+64 9 000 0002' }));
    expectOk(await a.api.call('PUT', `/customers/${customer.id}`, { version: customer.version, phone: '+64 9 000 0001' }));
    await a.push();
    const pendingBefore = pendingOutbox(b.api);

    const result = await b.pull();
    expect(result.skippedPending).toBe(1);
    expect(expectOk(await b.api.call<CustomerDetail>('GET', `/customers/${customer.id}`))).toMatchObject({
      phone: '+6490000002', // stored in E.164
      version: onB.version + 1,
    });
    expect(pendingOutbox(b.api)).toBe(pendingBefore);
  });

  it('a first download over a table whose feed shards are partly empty is done once: the next pull is a delta', async () => {
    const { a, b } = await twoDevices();
    await createCustomer(a.api, { name: 'Only Customer' });
    await a.push();
    // One customer and its audit entries: at most two of the four shards hold anything.
    expect(await b.pull()).toMatchObject({ bootstrap: true });
    expect(Object.keys(b.store.pullCursors())).toHaveLength(4);
    const second = await b.pull();
    expect(second).toMatchObject({ bootstrap: false, applied: 0 });
  });

  it('commits a page and its cursor together: a failure mid-apply moves neither, and the next pull brings the page', async () => {
    let failOnPage = 2;
    let pageCalls = 0;
    // Only pages holding records count: a shard that held nothing is marked read with an empty page.
    let pageHasRecords = false;
    const { table, a, b } = await twoDevices({
      storeOptionsB: {
        afterApply: () => {
          if (!pageHasRecords) return;
          pageCalls += 1;
          if (pageCalls === failOnPage) throw new Error('simulated crash inside the page transaction');
        },
      },
    });
    await busyDay(a.api);
    await a.push();
    const pages: PulledPage[] = [];
    const recording: PullStore = {
      pullCursors: () => b.store.pullCursors(),
      applyPulledPage: (page) => {
        pageHasRecords = page.records.length > 0;
        if (pageHasRecords) pages.push(page);
        return b.store.applyPulledPage(page);
      },
    };
    await expect(pullChanges({ client: dynamoPullClient(client), tableName: table, store: recording, pageSize: 5 })).rejects.toThrow(
      /simulated crash/,
    );
    const [committed, failed] = pages;
    if (!committed || !failed) throw new Error('two pages expected');
    // Shards read before it that held nothing keep an empty cursor; the failed page moved none.
    const moved = Object.fromEntries(Object.entries(b.store.pullCursors()).filter(([, cursor]) => cursor !== EMPTY_SHARD_CURSOR));
    expect(moved).toEqual({ [committed.shard]: committed.cursor });
    // Every record of the committed page is here, none of the failed page's (which kinds a page holds depends on the shards).
    const TABLES = {
      audit: ['audit_entries', 'id = ?'],
      customer: ['customers', 'id = ?'],
      vehicle: ['vehicles', 'id = ?'],
      order: ['orders', 'id = ?'],
      stage_event: ['vehicle_stage_events', 'id = ?'],
      order_vehicle: ['order_vehicles', 'order_id = ? AND vehicle_id = ?'],
      payment: ['payments', 'id = ?'],
      template: ['message_templates', 'id = ?'],
      communication: ['communications', 'id = ?'],
      task: ['tasks', 'id = ?'],
      order_follower: ['order_followers', 'order_id = ? AND user_id = ?'],
    } as const;
    const isHere = (record: PulledPage['records'][number]): boolean => {
      const [name, where] = TABLES[record.entity];
      const params =
        record.entity === 'order_vehicle'
          ? [record.key.orderId, record.key.vehicleId]
          : record.entity === 'order_follower'
            ? [record.key.orderId, record.key.userId]
            : [record.key.id];
      return b.api.backend.db.prepare(`SELECT 1 FROM ${name} WHERE ${where}`).get(...params) !== undefined;
    };
    expect(committed.records.length).toBeGreaterThan(0);
    expect(failed.records.length).toBeGreaterThan(0);
    expect(committed.records.every(isHere)).toBe(true);
    expect(failed.records.some(isHere)).toBe(false);

    failOnPage = -1;
    const rest = await b.pull();
    expect(rest.applied).toBeGreaterThan(0);
    expect(b.store.waitingRecords()).toEqual([]);
    expect(failed.records.every(isHere)).toBe(true);
  });

  it('still pulls an item pushed with a feed time inside the overlap window behind the cursor, and not one older than the window', async () => {
    const { table, a, b } = await twoDevices();
    await busyDay(a.api);
    await a.push();
    await b.pull();
    const cursors = b.store.pullCursors();
    // A device whose clock runs 1 minute (inside the window) and 10 minutes (outside it) behind pushes a new customer each.
    const customerAt = async (tag: string, name: string, behindMs: number): Promise<string> => {
      for (let i = 0; ; i++) {
        const id = `0190c0de-0000-7000-${tag}-${String(i).padStart(12, '0')}`;
        const cursor = cursors[changeFeedShard(`CUSTOMER#${id}`)];
        // A shard that held nothing has an empty cursor (no time to be behind of): look for another id.
        if (cursor === undefined || cursor === EMPTY_SHARD_CURSOR) continue;
        const changedAt = new Date(Date.parse(feedTimeOf(cursor)) - behindMs).toISOString();
        const record = { id, name, company: null, email: null, phone: null, address: null, preferredChannel: null, notes: null };
        const data = { ...record, version: 1, createdAt: changedAt, createdBy: 'Other', updatedAt: changedAt, updatedBy: 'Other' };
        await client.send(
          new PutItemCommand({ TableName: table, Item: toTableItem({ entity: 'customer', key: { id }, data }, { changedAt }) }),
        );
        return id;
      }
    };
    const inside = await customerAt('8001', 'Skewed Clock', 60_000);
    const outside = await customerAt('8002', 'Far Behind Clock', 10 * 60_000);

    await b.pull();
    expect(expectOk(await b.api.call<CustomerDetail>('GET', `/customers/${inside}`)).name).toBe('Skewed Clock');
    expect((await b.api.call('GET', `/customers/${outside}`)).status).toBe(404);
  });

  it('skips item kinds it does not know and reports a malformed item, and goes on with the rest', async () => {
    const { table, a, b } = await twoDevices();
    const customer = await createCustomer(a.api);
    await a.push();
    const changedAt = new Date().toISOString();
    const feedKeys = (pk: string, sk: string) => ({
      [GSI2.partition]: { S: `CHANGES#${changeFeedShard(pk)}` },
      [GSI2.sort]: { S: `${changedAt}#${pk}#${sk}` },
    });
    // An item kind a newer Portside may write (payments were one, until this version learned them).
    const unknown = { PK: { S: `ORDER#someorder` }, SK: { S: 'WARRANTY#w1' }, amount: { N: '100' } };
    const mismatched = {
      PK: { S: 'ORDER#o1' },
      SK: { S: 'VEHICLE#v1' },
      orderId: { S: 'o2' },
      vehicleId: { S: 'v1' },
      version: { N: '1' },
    };
    for (const item of [unknown, mismatched]) {
      await client.send(new PutItemCommand({ TableName: table, Item: { ...item, ...feedKeys(item.PK.S, item.SK.S) } }));
    }

    const result = await b.pull();
    expect(result.skippedUnknown).toBe(1);
    expect(result.malformed).toEqual([{ PK: 'ORDER#o1', SK: 'VEHICLE#v1', message: expect.stringMatching(/orderId/) }]);
    expect(expectOk(await b.api.call<CustomerDetail>('GET', `/customers/${customer.id}`)).name).toBe(customer.name);
    expect((await b.pull()).applied).toBe(0);
  });

  it('applies records in any order: a line or stage event before its vehicle, an order before its customer, newest versions first', async () => {
    const { a, b } = await twoDevices();
    const ids = await busyDay(a.api);
    // Every version A ever wrote, as pulled records, newest first: each child arrives before the row it refers to.
    const rows = a.api.backend.db.prepare<[], { items: string }>('SELECT items FROM outbox ORDER BY seq').all();
    const records = rows
      .flatMap((r) => JSON.parse(r.items) as OutboxItem[])
      .map((item) => fromTableItem(toTableItem(item, { changedAt: '2026-11-30T08:00:00.000Z' })))
      .filter((r) => r !== null)
      .reverse();
    let waited = 0;
    for (const [i, record] of records.entries()) {
      waited += b.store.applyPulledPage({
        shard: 0,
        records: [record],
        cursor: `2026-11-30T08:00:00.000Z#${String(i).padStart(6, '0')}`,
      }).waiting;
    }
    expect(waited).toBeGreaterThan(0);
    expect(b.store.waitingRecords()).toEqual([]);
    expect(await readAll(b.api, ids)).toEqual(await readAll(a.api, ids));
    expect(b.api.backend.services.integrity.verify()).toMatchObject({ ok: true });
  });

  it("verifies with a gap in another device's chain (a change set it still holds back), and still catches an edited pulled entry", async () => {
    const { a, b } = await twoDevices();
    await busyDay(a.api);
    const rows = a.api.backend.db.prepare<[], { items: string }>('SELECT items FROM outbox ORDER BY seq').all();
    const records = rows
      .flatMap((r) => JSON.parse(r.items) as OutboxItem[])
      .map((item) => fromTableItem(toTableItem(item, { changedAt: '2026-11-30T08:00:00.000Z' })))
      .filter((r) => r !== null);
    const held = records.find((r) => r.entity === 'audit' && r.data.seq === 5);
    b.store.applyPulledPage({ shard: 0, records: records.filter((r) => r !== held), cursor: '2026-11-30T08:00:00.000Z#x' });
    expect(b.api.backend.services.integrity.verify()).toMatchObject({ ok: true, problems: [] });

    const victim = records.find((r) => r.entity === 'audit' && r.data.seq === 7)?.key.id ?? '';
    b.api.backend.db.exec('DROP TRIGGER audit_entries_no_update');
    b.api.backend.db.prepare(`UPDATE audit_entries SET reason = 'rewritten' WHERE id = ?`).run(victim);
    const report = b.api.backend.services.integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.id)).toContain(victim);
  });

  it('keeps a record SQLite refuses (a VIN registered on both devices) with the reason, and pulls the rest', async () => {
    const { a, b } = await twoDevices();
    const [theirs] = await createVehicles(a.api, 1);
    if (!theirs) throw new Error('a vehicle expected');
    const ours = expectOk(
      await b.api.call<VehicleDetail>('POST', '/vehicles', { vin: theirs.vin, make: 'Mazda', model: 'Demio', year: 2018 }),
      201,
    );
    const customer = await createCustomer(a.api, { name: 'Arrives Anyway' });
    await a.push();

    const result = await b.pull();
    expect(result.refused).toEqual([
      { entity: 'vehicle', key: { id: theirs.id }, message: expect.stringMatching(/could not be stored here: .*UNIQUE.*vin/) },
    ]);
    expect(b.store.waitingRecords()).toEqual([
      expect.objectContaining({ record: expect.objectContaining({ entity: 'vehicle', key: { id: theirs.id } }), waitsFor: null }),
    ]);
    expect(expectOk(await b.api.call<VehicleDetail>('GET', `/vehicles/${ours.id}`))).toMatchObject({ make: 'Mazda' });
    expect(expectOk(await b.api.call<CustomerDetail>('GET', `/customers/${customer.id}`)).name).toBe('Arrives Anyway');
  });

  it('soft-deletes a row when its tombstone arrives', async () => {
    const { table, a, b } = await twoDevices();
    const customer = await createCustomer(a.api, { name: 'Gone Soon' });
    await a.push();
    await b.pull();
    const { id: _id, ...fields } = customer;
    const changedAt = new Date().toISOString();
    const data = { id: customer.id, ...fields, version: customer.version + 1, updatedAt: changedAt };
    const tombstone = toTableItem({ entity: 'customer', key: { id: customer.id }, data }, { changedAt, deleted: true });
    await client.send(new PutItemCommand({ TableName: table, Item: tombstone }));

    expect((await b.pull()).applied).toBe(1);
    expect((await b.api.call('GET', `/customers/${customer.id}`)).status).toBe(404);
    expect(count(b.api, `SELECT count(*) AS n FROM customers WHERE id = '${customer.id}' AND deleted = 1`)).toBe(1);
  });

  it('runs one pull per store at a time: a second call while one runs gets that pull', async () => {
    const { b } = await twoDevices();
    const first = b.pull();
    expect(b.pull()).toBe(first);
    await first;
  });
});
