// Message templates through DynamoDB Local: an Admin's edit on device A reaches device B, a deletion arrives as a tombstone, and two offline edits of a default merge.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageTemplateView } from '../../core/domain/message-template';
import type { RemoteRecordDecoder } from '../../core/domain/sync-merge';
import { RemoteApply } from '../../main/services/remote-apply';
import type { PlainValue } from '../../sync/attribute-values';
import { fromTableRecord } from '../../sync/item-mapping';
import { dynamoPullClient, pullChanges } from '../../sync/pull';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { scanTable } from '../support/sync-table-check';

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

/** Two devices, each with its own data folder and an Admin signed in, on one fresh table. */
async function twoDevices(): Promise<{ a: ApiHarness; b: ApiHarness; table: string }> {
  tables += 1;
  const table = `templates-${tables}`;
  const [a, b] = await Promise.all([
    startApi({ roles: ['Admin'] }),
    startApi({ roles: ['Admin'] }),
    createTableIfMissing(client, table, { pollMs: 100 }),
  ]);
  harnesses.push(a, b);
  return { a, b, table };
}

const push = (api: ApiHarness, table: string) =>
  pushPending({ client: dynamoPushClient(client), tableName: table, store: api.backend.services.deps.repos.outbox });

async function pullAndMerge(api: ApiHarness, table: string) {
  const pulled = await pullChanges({
    client: dynamoPullClient(client),
    tableName: table,
    store: new RemoteApply(api.backend.services.deps),
  });
  const merged = api.backend.services.syncMerge.mergeParked(decode);
  return { pulled, merged };
}

const templates = async (api: ApiHarness): Promise<MessageTemplateView[]> =>
  expectOk(await api.call<{ items: MessageTemplateView[] }>('GET', '/templates')).items;

async function byKey(api: ApiHarness, key: string): Promise<MessageTemplateView> {
  const found = (await templates(api)).find((t) => t.key === key);
  if (!found) throw new Error(`no template ${key}`);
  return found;
}

describe('message templates sync', () => {
  it("brings an Admin's edit of a default on device A to device B, with who made it", async () => {
    const { a, b, table } = await twoDevices();
    const before = await byKey(a, 'status_update');
    const body = 'Dear {{customer.name}},\n\nYour order {{order.number}} is {{order.progress}} complete.\n\n{{vehicles.stageTable}}';
    const edited = expectOk(await a.call<MessageTemplateView>('PUT', `/templates/${before.id}`, { version: before.version, body }));
    expect(await push(a, table)).toMatchObject({ conflicts: 0, parked: 0 });

    const items = await scanTable(client, table);
    const item = items.find((i) => i.PK === `TEMPLATE#${before.id}` && i.SK === 'DETAILS');
    expect(item).toMatchObject({ templateId: before.id, key: 'status_update', body, version: 2, deleted: false });

    const { pulled } = await pullAndMerge(b, table);
    expect(pulled).toMatchObject({ refused: [], malformed: [] });
    const onB = await byKey(b, 'status_update');
    expect(onB).toEqual(edited);
    expect(onB.updatedByName).toBe('Casey Tester');
  });

  it('brings a custom template to device B, then its deletion as a tombstone kept in the table', async () => {
    const { a, b, table } = await twoDevices();
    const created = expectOk(
      await a.call<MessageTemplateView>('POST', '/templates', {
        name: 'Shipping booked',
        channel: 'whatsapp',
        body: 'Your vehicles ship soon.',
      }),
      201,
    );
    await push(a, table);
    await pullAndMerge(b, table);
    expect((await templates(b)).map((t) => t.key)).toContain('shipping_booked');

    expectOk(await a.call('DELETE', `/templates/${created.id}?version=${created.version}`));
    expect(await push(a, table)).toMatchObject({ conflicts: 0, parked: 0 });
    const tombstone = (await scanTable(client, table)).find((i) => i.PK === `TEMPLATE#${created.id}`);
    expect(tombstone).toMatchObject({ deleted: true, version: 2 });
    await pullAndMerge(b, table);
    expect((await templates(b)).map((t) => t.key)).not.toContain('shipping_booked');
    expect(
      b.backend.db.prepare<[string], { deleted: number }>('SELECT deleted FROM message_templates WHERE id = ?').get(created.id),
    ).toEqual({
      deleted: 1,
    });
  });

  it('merges two offline edits of the same default: one changed the body, the other the name; both devices end equal', async () => {
    const { a, b, table } = await twoDevices();
    const onA = await byKey(a, 'payment_reminder');
    const onB = await byKey(b, 'payment_reminder');
    const body = 'Dear {{customer.name}}, {{order.balanceDue}} is due on {{order.number}}.';
    expectOk(await a.call('PUT', `/templates/${onA.id}`, { version: onA.version, body }));
    expectOk(await b.call('PUT', `/templates/${onB.id}`, { version: onB.version, name: 'Balance reminder' }));
    expect(await push(a, table)).toMatchObject({ conflicts: 0, parked: 0 });
    // The default was in no table before: B's first edit goes as a create and meets A's item.
    expect(await push(b, table)).toMatchObject({ conflicts: 1 });
    const { merged } = await pullAndMerge(b, table);
    expect(merged).toMatchObject({ merged: 1, conflicts: 0 });
    expect(await push(b, table)).toMatchObject({ conflicts: 0, parked: 0 });
    await pullAndMerge(a, table);

    const finalA = await byKey(a, 'payment_reminder');
    const finalB = await byKey(b, 'payment_reminder');
    expect(finalA).toMatchObject({ name: 'Balance reminder', body, version: 3 });
    expect(finalB).toEqual(finalA);
  });

  it('keeps a deletion made offline when the other device edited the template first: it goes again as a tombstone on top', async () => {
    const { a, b, table } = await twoDevices();
    const created = expectOk(
      await a.call<MessageTemplateView>('POST', '/templates', { name: 'Customs hold', body: 'A hold on {{order.number}}.' }),
      201,
    );
    await push(a, table);
    await pullAndMerge(b, table);
    expectOk(await b.call('PUT', `/templates/${created.id}`, { version: created.version, name: 'Customs hold notice' }));
    expectOk(await a.call('DELETE', `/templates/${created.id}?version=${created.version}`));
    expect(await push(b, table)).toMatchObject({ conflicts: 0, parked: 0 });
    expect(await push(a, table)).toMatchObject({ conflicts: 1 });
    expect((await pullAndMerge(a, table)).merged).toMatchObject({ merged: 1 });
    expect(await push(a, table)).toMatchObject({ conflicts: 0, parked: 0 });
    expect((await scanTable(client, table)).find((i) => i.PK === `TEMPLATE#${created.id}`)).toMatchObject({ deleted: true, version: 3 });
    await pullAndMerge(b, table);
    for (const api of [a, b]) expect((await templates(api)).map((t) => t.id)).not.toContain(created.id);
  });
});
