// Conflicts against DynamoDB Local: two devices edit the same order offline, the second's push is parked, merged field by field, and a person resolves what both changed.
import { randomUUID } from 'node:crypto';
import { type DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../core/domain/order';
import type { SyncConflict } from '../../core/domain/sync-conflict';
import type { RemoteRecordDecoder } from '../../core/domain/sync-merge';
import type { SyncStatus } from '../../core/domain/sync-status';
import type { VehicleDetail } from '../../core/domain/vehicle';
import { RemoteApply } from '../../main/services/remote-apply';
import { detectRuleConflicts } from '../../main/services/sync-rule-conflicts';
import { type PlainValue, unmarshallItem } from '../../sync/attribute-values';
import { fromTableRecord } from '../../sync/item-mapping';
import { dynamoPullClient, pullChanges } from '../../sync/pull';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { createCustomer, createOrder, createVehicle } from '../support/fixtures';

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

const decode: RemoteRecordDecoder = (item) => fromTableRecord(item as Record<string, PlainValue>);

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

/** Two devices (their own databases) on one fresh table. */
async function twoDevices(): Promise<{ a: ApiHarness; b: ApiHarness; table: string }> {
  tables += 1;
  const table = `conflicts-${tables}`;
  const [a, b] = await Promise.all([startApi(), startApi(), createTableIfMissing(client, table, { pollMs: 100 })]);
  harnesses.push(a, b);
  return { a, b, table };
}

const push = (api: ApiHarness, table: string) =>
  pushPending({ client: dynamoPushClient(client), tableName: table, store: api.backend.services.deps.repos.outbox });

/** A real pull of the change feed into a device's database (rows with a pending change are left alone). */
async function copyTableInto(api: ApiHarness, table: string): Promise<void> {
  await pullChanges({ client: dynamoPullClient(client), tableName: table, store: new RemoteApply(api.backend.services.deps) });
}

const orderItem = async (table: string, orderId: string) =>
  (await scan(table)).find((i) => i.PK === `ORDER#${orderId}` && i.SK === 'DETAILS');

describe('the merge step', () => {
  it('merges a different-field edit silently (both fields win), makes exactly one conflict of a same-field edit, and "mine" ends in the table', async () => {
    const { a, b, table } = await twoDevices();
    const customer = await createCustomer(a);
    const created = await createOrder(a, { customerId: customer.id, notes: 'Original.' });
    await push(a, table);
    await push(b, table);
    await copyTableInto(b, table);
    expect(expectOk(await b.call<Order>('GET', `/orders/${created.id}`)).notes).toBe('Original.');

    // Offline, A changes the notes and B the target date of the same order; A pushes first.
    expectOk(await a.call('PUT', `/orders/${created.id}`, { version: created.version, notes: 'From A.' }));
    expectOk(await b.call('PUT', `/orders/${created.id}`, { version: created.version, estimatedCompletionDate: '2027-03-01' }));
    expect(await push(a, table)).toMatchObject({ pushed: 1, conflicts: 0 });
    expect(await push(b, table)).toMatchObject({ pushed: 0, conflicts: 1 });

    const merged = b.backend.services.syncMerge.mergeParked(decode);
    expect(merged).toEqual({ merged: 1, conflicts: 0, ruleConflicts: 0 });
    const local = expectOk(await b.call<Order>('GET', `/orders/${created.id}`));
    expect(local).toMatchObject({ notes: 'From A.', targetCompletionDate: '2027-03-01', version: created.version + 2 });
    expect(expectOk(await b.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts')).items).toEqual([]);
    expect(await push(b, table)).toMatchObject({ pushed: 1, conflicts: 0, held: 0 });
    expect(await orderItem(table, created.id)).toMatchObject({
      notes: 'From A.',
      targetCompletionDate: '2027-03-01',
      estimatedCompletionDate: '2027-03-01',
      version: created.version + 2,
    });
    // The parked change set is done, kept with a note saying where its changes went.
    const parked = b.backend.db
      .prepare<[], { state: string; last_error: string }>(`SELECT state, last_error FROM outbox WHERE operation = 'orders.update'`)
      .get();
    expect(parked).toMatchObject({ state: 'done', last_error: expect.stringMatching(/merged at .* queued again/) });

    // Now both change the notes: A first, then B. B's merge keeps A's notes and records one conflict.
    await copyTableInto(a, table);
    const base = expectOk(await a.call<Order>('GET', `/orders/${created.id}`));
    expect(base.version).toBe(local.version);
    expectOk(await a.call('PUT', `/orders/${created.id}`, { version: base.version, notes: 'A says: deliver Monday.' }));
    expectOk(await b.call('PUT', `/orders/${created.id}`, { version: local.version, notes: 'B says: deliver Tuesday.' }));
    expect(await push(a, table)).toMatchObject({ pushed: 1 });
    expect(await push(b, table)).toMatchObject({ conflicts: 1 });
    expect(b.backend.services.syncMerge.mergeParked(decode)).toEqual({ merged: 1, conflicts: 1, ruleConflicts: 0 });
    expect(expectOk(await b.call<SyncStatus>('GET', '/sync/status')).conflicts).toBe(1);
    const { items } = expectOk(await b.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts'));
    expect(items).toHaveLength(1);
    const [conflict] = items;
    expect(conflict).toMatchObject({
      entity: 'order',
      field: 'notes',
      kind: 'field',
      base: 'From A.',
      mine: 'B says: deliver Tuesday.',
      theirs: 'A says: deliver Monday.',
      myAuthor: b.user.displayName,
      theirAuthor: a.user.displayName,
      editable: true,
    });
    expect(expectOk(await b.call<Order>('GET', `/orders/${created.id}`)).notes).toBe('A says: deliver Monday.');
    // What is re-queued (the audit entries of B's edit) reaches the table without a new conflict.
    expect(await push(b, table)).toMatchObject({ conflicts: 0, parked: 0 });

    // The CSR keeps mine: an ordinary audited edit of the notes, which syncs like any other.
    const resolved = expectOk(
      await b.call<SyncConflict>('POST', `/sync/conflicts/${conflict?.id ?? ''}/resolve`, {
        choice: 'mine',
        reason: 'Customer asked for Tuesday.',
      }),
    );
    expect(resolved).toMatchObject({ state: 'resolved', resolution: 'mine' });
    expect(await push(b, table)).toMatchObject({ pushed: 2, conflicts: 0, parked: 0 });
    expect(await orderItem(table, created.id)).toMatchObject({ notes: 'B says: deliver Tuesday.' });
    const audit = (await scan(table)).filter(
      (i) => i.PK === `ORDER#${created.id}` && typeof i.SK === 'string' && i.SK.startsWith('AUDIT#'),
    );
    expect(audit.map((i) => i.action)).toEqual(expect.arrayContaining(['sync_merged', 'conflict_resolved']));
    expect(expectOk(await b.call<SyncStatus>('GET', '/sync/status'))).toMatchObject({ conflicts: 0, pending: 0 });
  });

  it('folds changes made on top of the parked one into the merge, so nothing waits behind it forever', async () => {
    const { a, b, table } = await twoDevices();
    const created = await createOrder(a, { notes: 'Original.' });
    await push(a, table);
    await push(b, table);
    await copyTableInto(b, table);

    expectOk(await a.call('PUT', `/orders/${created.id}`, { version: created.version, notes: 'From A.' }));
    const first = expectOk(
      await b.call<Order>('PUT', `/orders/${created.id}`, { version: created.version, estimatedCompletionDate: '2027-03-01' }),
    );
    expectOk(await b.call('PUT', `/orders/${created.id}`, { version: first.version, notes: 'From B, later.' }));
    await push(a, table);
    expect(await push(b, table)).toMatchObject({ conflicts: 1, held: 1 });

    expect(b.backend.services.syncMerge.mergeParked(decode)).toEqual({ merged: 1, conflicts: 1, ruleConflicts: 0 });
    const states = b.backend.db
      .prepare<[], { state: string; n: number }>(`SELECT state, count(*) AS n FROM outbox WHERE operation = 'orders.update' GROUP BY state`)
      .all();
    expect(states).toEqual([{ state: 'done', n: 2 }]);
    expect(await push(b, table)).toMatchObject({ pushed: 1, held: 0, conflicts: 0 });
    expect(await orderItem(table, created.id)).toMatchObject({ notes: 'From A.', targetCompletionDate: '2027-03-01' });
    const [conflict] = expectOk(await b.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts')).items;
    expect(conflict).toMatchObject({ field: 'notes', base: 'Original.', mine: 'From B, later.', theirs: 'From A.' });
  });
});

describe('a stage event recorded and retracted offline', () => {
  it("reaches the table as a new, retracted event after its change sets were merged with another device's stage of the same vehicle", async () => {
    const { a, b, table } = await twoDevices();
    const vehicle = await createVehicle(a);
    await createOrder(a, { vehicles: [{ vehicleId: vehicle.id, price: 100_000 }] });
    await push(a, table);
    await copyTableInto(b, table);

    // Offline, A records a stage and retracts it; B records a stage of the same vehicle and pushes first.
    const recorded = expectOk(await a.call<VehicleDetail>('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased' }), 201);
    const eventId = recorded.stageHistory.at(-1)?.id ?? '';
    expectOk(await a.call('POST', `/vehicles/${vehicle.id}/stages/${eventId}/retract`, { reason: 'Wrong vehicle.' }));
    expectOk(await b.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased' }), 201);
    expect(await push(b, table)).toMatchObject({ conflicts: 0 });
    expect(await push(a, table)).toMatchObject({ conflicts: 1, held: 1 });

    await copyTableInto(a, table);
    expect(a.backend.services.syncMerge.mergeParked(decode)).toEqual({ merged: 1, conflicts: 0, ruleConflicts: 0 });
    // The folded change goes as a creation: the table never held the recorded event, so a retraction of it could only fail.
    expect(await push(a, table)).toMatchObject({ conflicts: 0, parked: 0 });
    expect(expectOk(await a.call<SyncStatus>('GET', '/sync/status'))).toMatchObject({ pending: 0, parked: 0, conflicts: 0 });
    const item = (await scan(table)).find((i) => i.PK === `VEHICLE#${vehicle.id}` && typeof i.SK === 'string' && i.SK.endsWith(eventId));
    expect(item).toMatchObject({ retractReason: 'Wrong vehicle.', version: 2 });
    await copyTableInto(b, table);
    const onB = expectOk(await b.call<VehicleDetail>('GET', `/vehicles/${vehicle.id}`));
    expect(onB.stageHistory.map((e) => e.retractReason)).toEqual(expect.arrayContaining([null, 'Wrong vehicle.']));
    expect(onB.stage).toBe('purchased');
  });
});

describe('a conflict without a newer item', () => {
  it('is parked for a person to retry instead of going round push and merge forever', async () => {
    const api = await startApi();
    harnesses.push(api);
    const { outbox } = api.backend.services.deps.repos;
    const id = randomUUID();
    outbox.append({ id, createdAt: new Date().toISOString(), actorId: null, operation: 'customers.update', items: [] });
    outbox.park(id, { reason: 'conflict', message: 'Another device changed CUSTOMER#x / PROFILE first.', remoteItems: [] });
    expect(api.backend.services.syncMerge.mergeParked(decode)).toEqual({ merged: 0, conflicts: 0, ruleConflicts: 0 });
    expect(outbox.byId(id)).toMatchObject({ state: 'parked', lastError: expect.stringMatching(/no newer version to merge with/) });
  });
});

describe('rule conflicts', () => {
  it('records a vehicle now in two open orders once, however often the check runs', async () => {
    const api = await startApi();
    harnesses.push(api);
    const vehicle = await createVehicle(api);
    const first = await createOrder(api, { vehicles: [{ vehicleId: vehicle.id, price: 100_000 }] });
    const second = await createOrder(api);
    // As a pull would leave it after another device added the same vehicle to its own order.
    const { deps } = api.backend.services;
    deps.repos.orders.insertLink({
      orderId: second.id,
      vehicleId: vehicle.id,
      status: 'Added',
      price: 100_000,
      addedDate: '2026-11-30T08:00:00.000Z',
      notes: null,
      removedReason: null,
      removedDate: null,
      version: 1,
      updatedAt: '2026-11-30T08:00:00.000Z',
      updatedBy: 'Another CSR',
    });
    const found = detectRuleConflicts(deps, { vehicleIds: [], orderIds: [second.id] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'rule', entity: 'vehicle', field: 'openOrders' });
    expect(found[0]?.message).toContain(first.orderNumber);
    expect(detectRuleConflicts(deps, { vehicleIds: [vehicle.id], orderIds: [] })).toEqual([]);
    const { items } = expectOk(await api.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts'));
    expect(items).toMatchObject([{ kind: 'rule', editable: false }]);
    // A rule conflict is fixed in the orders; the conflict itself can only be closed.
    expect((await api.call('POST', `/sync/conflicts/${items[0]?.id ?? ''}/resolve`, { choice: 'mine' })).status).toBe(422);
    expectOk(
      await api.call('POST', `/sync/conflicts/${items[0]?.id ?? ''}/resolve`, {
        choice: 'theirs',
        reason: 'Removed from the second order.',
      }),
    );
  });

  it('closes a rule conflict on its own once the orders no longer break the rule (the double booking was fixed)', async () => {
    const api = await startApi();
    harnesses.push(api);
    const vehicle = await createVehicle(api);
    await createOrder(api, { vehicles: [{ vehicleId: vehicle.id, price: 100_000 }] });
    const second = await createOrder(api);
    const { deps } = api.backend.services;
    const link = {
      orderId: second.id,
      vehicleId: vehicle.id,
      status: 'Added' as const,
      price: 100_000,
      addedDate: '2026-11-30T08:00:00.000Z',
      notes: null,
      removedReason: null,
      removedDate: null,
      version: 1,
      updatedAt: '2026-11-30T08:00:00.000Z',
      updatedBy: 'Another CSR',
    };
    // As a merge leaves it for a moment: the second order's line re-queued before the table's removal of it arrived.
    deps.repos.orders.insertLink(link);
    expect(detectRuleConflicts(deps, { vehicleIds: [vehicle.id], orderIds: [] })).toHaveLength(1);
    expect(expectOk(await api.call<SyncStatus>('GET', '/sync/status')).conflicts).toBe(1);
    // The removal arrives (pulled or merged): the vehicle is in one open order again.
    deps.repos.orders.updateLink({ ...link, status: 'Removed', removedReason: 'Booked twice.', removedDate: link.addedDate, version: 2 });
    expect(detectRuleConflicts(deps, { vehicleIds: [], orderIds: [second.id] })).toEqual([]);
    expect(expectOk(await api.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts')).items).toEqual([]);
    expect(expectOk(await api.call<SyncStatus>('GET', '/sync/status')).conflicts).toBe(0);
    const closed = deps.db
      .prepare<[], { resolution: string; resolved_reason: string }>(`SELECT resolution, resolved_reason FROM sync_conflicts`)
      .all();
    expect(closed).toEqual([{ resolution: 'theirs', resolved_reason: expect.stringMatching(/^Closed on its own/) }]);
  });

  it('records a vehicle removed here but delivered meanwhile', async () => {
    const api = await startApi();
    harnesses.push(api);
    const [kept, removed] = [await createVehicle(api), await createVehicle(api)];
    const order = await createOrder(api, { vehicles: [kept, removed].map((v) => ({ vehicleId: v.id, price: 100_000 })) });
    expectOk(await api.call('DELETE', `/orders/${order.id}/vehicles/${removed.id}?version=${order.version}&reason=Not%20needed`));
    // As a pull would leave it: another device recorded the delivery while this one removed the vehicle.
    const { deps } = api.backend.services;
    deps.db.prepare(`UPDATE vehicles SET stage = 'delivered', stage_at = ? WHERE id = ?`).run(new Date().toISOString(), removed.id);
    const found = detectRuleConflicts(deps, { vehicleIds: [removed.id], orderIds: [] });
    expect(found).toMatchObject([{ kind: 'rule', entity: 'order_vehicle', field: 'status', mine: 'Removed', theirs: 'delivered' }]);
    expect(found[0]?.message).toContain(order.orderNumber);
    expect(detectRuleConflicts(deps, { vehicleIds: [kept.id], orderIds: [order.id] })).toEqual([]);
  });
});
