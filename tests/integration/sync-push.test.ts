// Push against DynamoDB Local: a real backend's outbox drained into the table exactly once, in parts, through crashes, conflicts and throttling.
import { type DynamoDBClient, ScanCommand, type ScanCommandOutput, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../core/domain/order';
import type { OutboxItem } from '../../core/domain/outbox';
import type { VehicleDetail } from '../../core/domain/vehicle';
import { type PlainValue, unmarshallItem } from '../../sync/attribute-values';
import { fromTableRecord, tableKeyOf, toTableItem } from '../../sync/item-mapping';
import type { RemoteRecordDecoder } from '../../core/domain/sync-merge';
import type { LocalStore } from '../../sync/local-store';
import { dynamoPushClient, type PushClient, type PushOptions, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { createCustomer, createOrder, createVehicles } from '../support/fixtures';

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

/** A fresh backend on a temp folder and a fresh table, so each spec starts from nothing. */
async function setup(): Promise<{
  api: ApiHarness;
  table: string;
  store: LocalStore;
  push: (o?: Partial<PushOptions>) => ReturnType<typeof pushPending>;
}> {
  tables += 1;
  const table = `push-${tables}`;
  const [api] = await Promise.all([startApi(), createTableIfMissing(client, table, { pollMs: 100 })]);
  harnesses.push(api);
  const store: LocalStore = api.backend.services.deps.repos.outbox;
  const push = (o: Partial<PushOptions> = {}) => pushPending({ client: dynamoPushClient(client), tableName: table, store, ...o });
  // Signing the test user in already queued a change set (its audit entry): push it so each spec counts only its own.
  expect(await push()).toMatchObject({ pushed: 1, stoppedEarly: false });
  return { api, table, store, push };
}

async function scan(table: string): Promise<Record<string, PlainValue>[]> {
  const out: Record<string, PlainValue>[] = [];
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    out.push(...(page.Items ?? []).map(unmarshallItem));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

const decodeRemote: RemoteRecordDecoder = (item) => fromTableRecord(item as Record<string, PlainValue>);

const text = (value: PlainValue | undefined): string => (typeof value === 'string' ? value : '');

const withoutFeedTime = ({ GSI2SK: _time, ...rest }: Record<string, PlainValue>): Record<string, PlainValue> => rest;

/** What the table must hold: one item per record the outbox touched, as its latest outbox item maps it (push time aside). */
function expectedItems(api: ApiHarness): Map<string, Record<string, PlainValue>> {
  const rows = api.backend.db.prepare<[], { items: string }>('SELECT items FROM outbox ORDER BY seq').all();
  const expected = new Map<string, Record<string, PlainValue>>();
  for (const item of rows.flatMap((r) => JSON.parse(r.items) as OutboxItem[])) {
    const { PK, SK } = tableKeyOf(item.entity, item.key, item.data);
    expected.set(`${PK}|${SK}`, withoutFeedTime(unmarshallItem(toTableItem(item, { changedAt: 'x' }))));
  }
  return expected;
}

async function expectTableMatchesOutbox(api: ApiHarness, table: string): Promise<Record<string, PlainValue>[]> {
  const items = await scan(table);
  const stored = new Map(items.map((i) => [`${text(i.PK)}|${text(i.SK)}`, withoutFeedTime(i)]));
  expect(items).toHaveLength(stored.size);
  expect(stored).toEqual(expectedItems(api));
  return items;
}

const outboxRow = (api: ApiHarness, seq: number) =>
  api.backend.db
    .prepare<[number], { state: string; attempts: number; last_error: string | null; next_attempt_at: string | null }>(
      'SELECT state, attempts, last_error, next_attempt_at FROM outbox WHERE seq = ?',
    )
    .get(seq);

const lastSeq = (api: ApiHarness): number =>
  api.backend.db.prepare<[], { seq: number }>('SELECT max(seq) AS seq FROM outbox').get()?.seq ?? 0;

describe('push', () => {
  it('drains an order life (customer, vehicles, order, price change, removal, confirm, stages, retraction) into exactly the mapped items', async () => {
    const startedAt = new Date().toISOString();
    const { api, table, store, push } = await setup();
    const customer = await createCustomer(api);
    expectOk(await api.call('PUT', `/customers/${customer.id}`, { version: customer.version, phone: '+64 21 555 0199' }));
    const [v0, v1, v2] = await createVehicles(api, 3);
    if (!v0 || !v1 || !v2) throw new Error('three vehicles expected');
    let order = await createOrder(api, {
      customerId: customer.id,
      vehicles: [v0, v1, v2].map((v) => ({ vehicleId: v.id, price: 1_000_000 })),
    });
    order = expectOk(await api.call<Order>('PUT', `/orders/${order.id}/vehicles/${v1.id}`, { version: order.version, price: 1_250_000 }));
    order = expectOk(
      await api.call<Order>('DELETE', `/orders/${order.id}/vehicles/${v2.id}?version=${order.version}&reason=Changed%20mind`),
    );
    const confirmed = expectOk(
      await api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, status: 'Confirmed', reason: 'Signed.' }),
    );
    expect(confirmed.status).toBe('Confirmed');
    for (const v of [v0, v1]) expectOk(await api.call('POST', `/vehicles/${v.id}/stages`, { stage: 'purchased' }), 201);
    const eventId = expectOk(await api.call<VehicleDetail>('GET', `/vehicles/${v1.id}`)).stageHistory.at(-1)?.id ?? '';
    expectOk(await api.call('POST', `/vehicles/${v1.id}/stages/${eventId}/retract`, { reason: 'Wrong vehicle.' }));
    const changeSets = store.outboxCounts().pending;
    const before = store.outboxCounts().done;

    expect(await push()).toMatchObject({ pushed: changeSets, parked: 0, conflicts: 0, held: 0, stoppedEarly: false });
    expect(store.outboxCounts()).toEqual({ pending: 0, parked: 0, conflicts: 0, done: before + changeSets });
    const items = await expectTableMatchesOutbox(api, table);
    expect(new Set(items.map((i) => text(i.SK).split('#')[0]))).toEqual(
      new Set(['PROFILE', 'DETAILS', 'VEHICLE', 'FOLLOWER', 'STAGE', 'AUDIT', 'SEQ']),
    );
    for (const item of items) {
      expect(text(item.GSI2SK) >= startedAt).toBe(true);
      expect(text(item.GSI2SK).endsWith(`#${text(item.PK)}#${text(item.SK)}`)).toBe(true);
    }

    // A second pass has nothing to do; replaying every change set (as after a lost acknowledgement) writes nothing either.
    expect(await push()).toMatchObject({ pushed: 0, stoppedEarly: false });
    api.backend.db.exec(`UPDATE outbox SET state = 'pending'`);
    const replay = await push();
    expect(replay).toMatchObject({ pushed: before + changeSets, conflicts: 0, parked: 0 });
    expect(await scan(table)).toEqual(expect.arrayContaining(items));
    expect(await scan(table)).toHaveLength(items.length);
  });

  it('runs one pass at a time: a second call while a pass runs gets that pass', async () => {
    const { api, push } = await setup();
    await createCustomer(api);
    const first = push();
    expect(push()).toBe(first);
    expect((await first).pushed).toBe(1);
  });

  it('pushes a 200-vehicle order in parts with DETAILS last, and a crash between parts ends with every item exactly once', async () => {
    const { api, table, store, push } = await setup();
    const customer = await createCustomer(api);
    const vehicles = await createVehicles(api, 200);
    expect((await push()).pushed).toBe(201);
    const draft = await createOrder(api, { customerId: customer.id, vehicles: vehicles.map((v) => ({ vehicleId: v.id, price: 100_000 })) });
    const bigSeq = lastSeq(api);
    expectOk(await api.call('PUT', `/orders/${draft.id}`, { version: draft.version, status: 'Confirmed', reason: 'Agreement signed.' }));
    const bigItems = (
      JSON.parse(
        api.backend.db.prepare<[number], { items: string }>('SELECT items FROM outbox WHERE seq = ?').get(bigSeq)?.items ?? '[]',
      ) as unknown[]
    ).length;
    expect(bigItems).toBeGreaterThan(400);

    // The device dies after part 2 reached DynamoDB, before it heard back: parts 3 and later (DETAILS among them) never sent.
    const real = dynamoPushClient(client);
    const sent: string[] = [];
    const crashing: PushClient = {
      getItems: (t, keys) => real.getItems(t, keys),
      async transactWrite(input) {
        await real.transactWrite(input);
        sent.push(input.ClientRequestToken);
        if (sent.length === 2) throw new Error('simulated crash: the process died before the acknowledgement');
      },
    };
    const crashed = await push({ client: crashing });
    expect(crashed).toMatchObject({ pushed: 0, stoppedEarly: true });
    expect(sent.map((t) => t.split('-')[1])).toEqual(['0', '1']);
    const midway = await scan(table);
    const details = midway.find((i) => i.PK === `ORDER#${draft.id}` && i.SK === 'DETAILS');
    expect(details).toBeUndefined();
    expect(midway.filter((i) => i.PK === `ORDER#${draft.id}`).length).toBe(200);

    // The next pass (once the backoff has passed) re-sends parts 1 and 2 (found applied) and finishes the rest.
    const later = new Date(Date.now() + 3_600_000);
    expect(await push({ now: () => later })).toMatchObject({ pushed: 2, conflicts: 0, parked: 0, stoppedEarly: false });
    expect(store.outboxCounts()).toMatchObject({ pending: 0, done: 204 });
    const items = await expectTableMatchesOutbox(api, table);
    const auditItems = items.filter((i) => text(i.SK).startsWith('AUDIT#') || text(i.SK).startsWith('SEQ#'));
    const localAudit = api.backend.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_entries').get()?.n;
    expect(auditItems).toHaveLength(localAudit ?? -1);
    expect(new Set(auditItems.map((i) => i.auditId)).size).toBe(auditItems.length);
    const stored = items.find((i) => i.PK === `ORDER#${draft.id}` && i.SK === 'DETAILS');
    expect(stored).toMatchObject({ status: 'Confirmed', totalVehicles: 200 });
  });

  it('sends a merged change set whose first parts already reached the table (a 200-vehicle confirm that conflicted on DETAILS)', async () => {
    const { api, table, store, push } = await setup();
    const customer = await createCustomer(api);
    const vehicles = await createVehicles(api, 200);
    const draft = await createOrder(api, { customerId: customer.id, vehicles: vehicles.map((v) => ({ vehicleId: v.id, price: 100_000 })) });
    await push();
    // Another device changes the order's notes first; then this device confirms it offline (400+ items, DETAILS in the last part).
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { PK: { S: `ORDER#${draft.id}` }, SK: { S: 'DETAILS' } },
        UpdateExpression: 'SET notes = :notes, version = :next',
        ConditionExpression: 'version = :base',
        ExpressionAttributeValues: {
          ':notes': { S: 'Theirs.' },
          ':next': { N: String(draft.version + 1) },
          ':base': { N: String(draft.version) },
        },
      }),
    );
    expectOk(await api.call('PUT', `/orders/${draft.id}`, { version: draft.version, status: 'Confirmed', reason: 'Agreement signed.' }));
    // Its first parts (lines, audit entries) land; the last one fails on DETAILS and the change set is parked as a conflict.
    expect(await push()).toMatchObject({ pushed: 0, conflicts: 1 });
    expect(api.backend.services.syncMerge.mergeParked(decodeRemote)).toMatchObject({ merged: 1 });

    // The merged change set holds the items already in the table beside the new DETAILS: it must go through, not park.
    expect(await push()).toMatchObject({ pushed: 1, conflicts: 0, parked: 0, stoppedEarly: false });
    expect(store.outboxCounts()).toMatchObject({ pending: 0, parked: 0, conflicts: 0 });
    const details = (await scan(table)).find((i) => i.PK === `ORDER#${draft.id}` && i.SK === 'DETAILS');
    expect(details).toMatchObject({ status: 'Confirmed', notes: 'Theirs.', totalVehicles: 200 });
  });

  it('parks a change made on a stale version as a conflict with the remote item, holds later changes to it, and pushes unrelated ones', async () => {
    const { api, table, store, push } = await setup();
    const order = await createOrder(api, { notes: 'Ours before.' });
    await push();
    // Another device updates the order in the table first.
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { PK: { S: `ORDER#${order.id}` }, SK: { S: 'DETAILS' } },
        UpdateExpression: 'SET notes = :notes, version = :next',
        ConditionExpression: 'version = :base',
        ExpressionAttributeValues: {
          ':notes': { S: 'Theirs.' },
          ':next': { N: String(order.version + 1) },
          ':base': { N: String(order.version) },
        },
      }),
    );
    const ours = expectOk(await api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Ours after.' }));
    const conflictSeq = lastSeq(api);
    expectOk(await api.call<Order>('PUT', `/orders/${order.id}`, { version: ours.version, notes: 'Ours again.' }));
    const heldSeq = lastSeq(api);
    const other = await createCustomer(api, { name: 'Unrelated Customer' });

    expect(await push()).toMatchObject({ pushed: 1, conflicts: 1, held: 1, stoppedEarly: false });
    expect(store.outboxCounts()).toMatchObject({ pending: 1, conflicts: 1, parked: 0 });
    expect(outboxRow(api, conflictSeq)?.state).toBe('conflict');
    expect(outboxRow(api, heldSeq)?.state).toBe('pending');
    const [parked] = store.parkedChangeSets();
    expect(parked?.park).toMatchObject({
      reason: 'conflict',
      message: expect.stringMatching(new RegExp(`Another device changed ORDER#${order.id} / DETAILS`)),
      remoteItems: [expect.objectContaining({ PK: `ORDER#${order.id}`, SK: 'DETAILS', notes: 'Theirs.', version: order.version + 1 })],
    });
    const items = await scan(table);
    expect(items.find((i) => i.SK === 'DETAILS' && i.PK === `ORDER#${order.id}`)).toMatchObject({ notes: 'Theirs.' });
    expect(items.find((i) => i.PK === `CUSTOMER#${other.id}`)).toMatchObject({ name: 'Unrelated Customer' });
    // Nothing of ours overwrote theirs: no audit entry of the parked change reached the table (the two there are the
    // order's creation and its creator following it).
    const audit = items.filter((i) => i.PK === `ORDER#${order.id}` && text(i.SK).startsWith('AUDIT#'));
    expect(audit.map((i) => i.action).sort()).toEqual(['created', 'followed']);
  });

  it('leaves a change pending after throttling or a 500, records attempts and backoff, and retries it on a later pass', async () => {
    const { api, table, store, push } = await setup();
    await createCustomer(api);
    const seq = lastSeq(api);
    await createCustomer(api, { name: 'Second' });
    const real = dynamoPushClient(client);
    const failures = [
      Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      }),
      Object.assign(new Error('Internal server error'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } }),
    ];
    const flaky: PushClient = {
      getItems: (t, keys) => real.getItems(t, keys),
      transactWrite: (input) => {
        const failure = failures.shift();
        return failure ? Promise.reject(failure) : real.transactWrite(input);
      },
    };
    const t0 = new Date('2026-11-30T07:00:00.000Z');
    const at = (ms: number) => () => new Date(t0.getTime() + ms);
    const half = () => 0.5;

    expect(await push({ client: flaky, now: at(0), random: half })).toMatchObject({
      pushed: 0,
      stoppedEarly: true,
      lastError: expect.stringMatching(/ThrottlingException/),
    });
    expect(outboxRow(api, seq)).toEqual({
      state: 'pending',
      attempts: 1,
      last_error: expect.stringMatching(/ThrottlingException/),
      next_attempt_at: '2026-11-30T07:00:00.500Z',
    });
    // Not yet due: the pass waits (and keeps the order: the second change set waits behind the first).
    expect(await push({ client: flaky, now: at(100), random: half })).toMatchObject({ pushed: 0, stoppedEarly: true });
    expect(failures).toHaveLength(1);

    expect(await push({ client: flaky, now: at(500), random: half })).toMatchObject({ pushed: 0, stoppedEarly: true });
    expect(outboxRow(api, seq)).toMatchObject({
      attempts: 2,
      last_error: expect.stringMatching(/InternalServerError/),
      next_attempt_at: '2026-11-30T07:00:01.500Z',
    });

    expect(await push({ client: flaky, now: at(1_500), random: half })).toMatchObject({ pushed: 2, stoppedEarly: false });
    expect(store.outboxCounts()).toMatchObject({ pending: 0, done: 3 });
    expect(outboxRow(api, seq)).toMatchObject({ state: 'done', attempts: 2, last_error: null, next_attempt_at: null });
    await expectTableMatchesOutbox(api, table);
  });

  it('parks a change set DynamoDB refuses as invalid with its error, and goes on with the next', async () => {
    const { api, store, push } = await setup();
    await createCustomer(api);
    const seq = lastSeq(api);
    await createCustomer(api, { name: 'Second' });
    const real = dynamoPushClient(client);
    let first = true;
    const refusing: PushClient = {
      getItems: (t, keys) => real.getItems(t, keys),
      transactWrite: (input) => {
        if (!first) return real.transactWrite(input);
        first = false;
        return Promise.reject(Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' }));
      },
    };
    expect(await push({ client: refusing })).toMatchObject({ pushed: 1, parked: 1, stoppedEarly: false });
    expect(outboxRow(api, seq)).toMatchObject({ state: 'parked', attempts: 1 });
    expect(store.parkedChangeSets()[0]?.park).toEqual({
      reason: 'rejected',
      message: 'ValidationException: Item size has exceeded the maximum allowed size',
      remoteItems: [],
    });
  });
});
