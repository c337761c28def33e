// The merge step's edge cases against DynamoDB Local: a conflict in a later part of a change set over 100 items, and a record deleted on the other device while edited here.
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../core/domain/customer';
import type { Order } from '../../core/domain/order';
import type { SyncConflict } from '../../core/domain/sync-conflict';
import type { RemoteRecordDecoder } from '../../core/domain/sync-merge';
import { RemoteApply } from '../../main/services/remote-apply';
import type { PlainValue } from '../../sync/attribute-values';
import { fromTableRecord, toTableItem } from '../../sync/item-mapping';
import { dynamoPullClient, pullChanges } from '../../sync/pull';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { createCustomer, createOrder, createVehicles } from '../support/fixtures';
import { auditIdsInTable, isAuditItem, localAuditIds, scanTable, text } from '../support/sync-table-check';

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

async function twoDevices(): Promise<{ a: ApiHarness; b: ApiHarness; table: string }> {
  tables += 1;
  const table = `merge-edges-${tables}`;
  const [a, b] = await Promise.all([startApi(), startApi(), createTableIfMissing(client, table, { pollMs: 100 })]);
  harnesses.push(a, b);
  return { a, b, table };
}

const push = (api: ApiHarness, table: string) =>
  pushPending({ client: dynamoPushClient(client), tableName: table, store: api.backend.services.deps.repos.outbox });

const pull = (api: ApiHarness, table: string) =>
  pullChanges({ client: dynamoPullClient(client), tableName: table, store: new RemoteApply(api.backend.services.deps) });

const outboxStates = (api: ApiHarness) =>
  api.backend.db.prepare<[], { state: string; n: number }>(`SELECT state, count(*) AS n FROM outbox GROUP BY state ORDER BY state`).all();

describe('a conflict in a later part of a change set over 100 items', () => {
  it('queues again only what had not reached the table: a 200-vehicle confirmation whose last part conflicts ends in the table, not parked', async () => {
    const { a, b, table } = await twoDevices();
    const customer = await createCustomer(a);
    const vehicles = await createVehicles(a, 200);
    const draft = await createOrder(a, { customerId: customer.id, vehicles: vehicles.map((v) => ({ vehicleId: v.id, price: 100_000 })) });
    expect(await push(a, table)).toMatchObject({ conflicts: 0, parked: 0 });
    await pull(b, table);
    expect(expectOk(await b.call<Order>('GET', `/orders/${draft.id}`)).totalVehicles).toBe(200);

    // A changes the notes; B, offline, confirms the order: 200 lines and their audit entries go first, the order item last.
    expectOk(await a.call('PUT', `/orders/${draft.id}`, { version: draft.version, notes: 'Ship together.' }));
    expect(await push(a, table)).toMatchObject({ pushed: 1 });
    expectOk(await b.call('PUT', `/orders/${draft.id}`, { version: draft.version, status: 'Confirmed', reason: 'Signed.' }));
    const confirmation = b.backend.db
      .prepare<[], { items: string }>(`SELECT items FROM outbox WHERE operation = 'orders.update' ORDER BY seq DESC LIMIT 1`)
      .get();
    expect((JSON.parse(confirmation?.items ?? '[]') as unknown[]).length).toBeGreaterThan(400);
    expect(await push(b, table)).toMatchObject({ conflicts: 1, parked: 0 });

    // The earlier parts are in the table already (the lines Active), the order item is still A's.
    const midway = await scanTable(client, table);
    const lines = midway.filter((i) => i.PK === `ORDER#${draft.id}` && text(i.SK).startsWith('VEHICLE#'));
    expect(lines.filter((l) => l.status === 'Active')).toHaveLength(200);
    const [parked] = b.backend.services.deps.repos.outbox.parkedChangeSets();
    expect(parked?.park.appliedItems?.length ?? 0).toBeGreaterThanOrEqual(300);

    await pull(b, table);
    expect(b.backend.services.syncMerge.mergeParked(decode)).toEqual({ merged: 1, conflicts: 0, ruleConflicts: 0 });
    expect(await push(b, table)).toMatchObject({ conflicts: 0, parked: 0 });
    expect(outboxStates(b).filter((s) => s.state !== 'done')).toEqual([]);

    const items = await scanTable(client, table);
    const details = items.find((i) => i.PK === `ORDER#${draft.id}` && i.SK === 'DETAILS');
    expect(details).toMatchObject({ status: 'Confirmed', notes: 'Ship together.', totalVehicles: 200 });
    // Every audit entry of both devices is in the table exactly once.
    const inTable = auditIdsInTable(items.filter(isAuditItem));
    expect([...inTable.values()].every((n) => n === 1)).toBe(true);
    for (const id of localAuditIds(b.backend.db)) expect(inTable.has(id)).toBe(true);

    await pull(a, table);
    expect(expectOk(await a.call<Order>('GET', `/orders/${draft.id}`))).toMatchObject({ status: 'Confirmed', notes: 'Ship together.' });
  });
});

/** Another device deletes the record in the table (Portside writes tombstones as `deleted: true` at the next version). */
async function deleteInTable(table: string, entity: 'customer' | 'order', record: Record<string, unknown>): Promise<void> {
  const version = Number(record.version) + 1;
  const data = { ...record, version, updatedAt: new Date().toISOString(), updatedBy: 'someone-elsewhere' };
  await client.send(
    new PutItemCommand({
      TableName: table,
      Item: toTableItem({ entity, key: { id: String(record.id) }, data }, { changedAt: new Date().toISOString(), deleted: true }),
    }),
  );
}

describe('a record deleted on the other device while edited here', () => {
  it('stays deleted and the edit becomes a conflict a person sees, never resurrected nor silently dropped', async () => {
    const { a, b, table } = await twoDevices();
    const customer = await createCustomer(a, { name: 'Tombstone Traders' });
    await push(a, table);
    await pull(b, table);

    expectOk(await b.call('PUT', `/customers/${customer.id}`, { version: customer.version, phone: '+44 20 7946 0000' }));
    const customerItem = (await scanTable(client, table)).find((i) => i.PK === `CUSTOMER#${customer.id}`);
    const { customerId: _id, PK: _pk, SK: _sk, GSI2PK: _p, GSI2SK: _s, deleted: _d, ...fields } = customerItem ?? {};
    await deleteInTable(table, 'customer', { id: customer.id, ...fields });

    expect(await push(b, table)).toMatchObject({ conflicts: 1 });
    expect(b.backend.services.syncMerge.mergeParked(decode)).toMatchObject({ merged: 1, conflicts: 1 });
    expect(await push(b, table)).toMatchObject({ conflicts: 0, parked: 0 });
    expect(outboxStates(b).filter((s) => s.state !== 'done')).toEqual([]);

    // Not resurrected: the table item is still the tombstone, without our phone.
    const after = (await scanTable(client, table)).find((i) => i.PK === `CUSTOMER#${customer.id}`);
    expect(after).toMatchObject({ deleted: true, version: customer.version + 1 });
    expect(after?.phone).toBe(customer.phone);
    // Deleted here too.
    expect((await b.call<Customer>('GET', `/customers/${customer.id}`)).status).toBe(404);

    // Not dropped: a conflict holds what was changed here, and the record's history says so.
    const { items } = expectOk(await b.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      entity: 'customer',
      field: 'deleted',
      kind: 'rule',
      mine: { phone: '+442079460000' }, // stored in E.164
      theirs: 'deleted',
      editable: false,
    });
    expect(items[0]?.message).toMatch(/Tombstone Traders was deleted .*phone to "\+442079460000"/);
    const audit = b.backend.db
      .prepare<[string], { action: string; reason: string }>(`SELECT action, reason FROM audit_entries WHERE entity_id = ? ORDER BY seq`)
      .all(customer.id);
    expect(audit.at(-1)).toMatchObject({ action: 'sync_merged', reason: expect.stringMatching(/Deleted by .* not sent/) });
    // A person closes it.
    expectOk(await b.call('POST', `/sync/conflicts/${items[0]?.id ?? ''}/resolve`, { choice: 'theirs', reason: 'Customer closed.' }));
  });

  it('keeps an order deleted elsewhere deleted, here and in the table, while the notes edited here wait in a conflict', async () => {
    const { a, b, table } = await twoDevices();
    const order = await createOrder(a, { notes: 'Before.' });
    await push(a, table);
    await pull(b, table);
    expectOk(await b.call('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Edited here.' }));
    const orderItem = (await scanTable(client, table)).find((i) => i.PK === `ORDER#${order.id}` && i.SK === 'DETAILS');
    const record = fromTableRecord(orderItem ?? {});
    await deleteInTable(table, 'order', { ...(record?.data ?? {}) });

    expect(await push(b, table)).toMatchObject({ conflicts: 1 });
    expect(b.backend.services.syncMerge.mergeParked(decode)).toMatchObject({ merged: 1, conflicts: 1 });
    await push(b, table);
    const after = (await scanTable(client, table)).find((i) => i.PK === `ORDER#${order.id}` && i.SK === 'DETAILS');
    expect(after).toMatchObject({ deleted: true, notes: 'Before.' });
    expect((await b.call('GET', `/orders/${order.id}`)).status).toBe(404);
    const { items } = expectOk(await b.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts'));
    expect(items).toMatchObject([{ entity: 'order', field: 'deleted', mine: { notes: 'Edited here.' } }]);
  });
});
