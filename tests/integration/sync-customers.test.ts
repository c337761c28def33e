// Customer records across devices (DynamoDB Local): an edited type, segments and contacts reach device B, and so does a merge.
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerDetail, CustomerListItem, CustomerMergeResult, CustomerView } from '../../core/domain/customer';
import type { Order, Page } from '../../core/domain/order';
import { RemoteApply } from '../../main/services/remote-apply';
import { dynamoPullClient, pullChanges } from '../../sync/pull';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { createCustomer, createOrder, createVehicle } from '../support/fixtures';

const TABLE = 'customers-sync';
let ddb: DynamoDbLocal;
let client: DynamoDBClient;
let a: ApiHarness;
let b: ApiHarness;

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  client = ddb.client();
  [a, b] = await Promise.all([startApi(), startApi(), createTableIfMissing(client, TABLE, { pollMs: 100 })]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  client.destroy();
  await ddb.stop();
});

const push = (api: ApiHarness) =>
  pushPending({ client: dynamoPushClient(client), tableName: TABLE, store: api.backend.services.deps.repos.outbox });
const pull = (api: ApiHarness) =>
  pullChanges({ client: dynamoPullClient(client), tableName: TABLE, store: new RemoteApply(api.backend.services.deps) });

describe('customer records between devices', () => {
  it('carry an edited type, segments, tax id, contacts and addresses to device B, where lists filter by the segment', async () => {
    const customer = await createCustomer(a, { name: 'Synced Fleet Co' });
    const edited = expectOk(
      await a.call<CustomerView>('PUT', `/customers/${customer.id}`, {
        version: customer.version,
        type: 'fleet',
        segments: ['repeat', 'Synced-Segment'],
        taxId: 'NZ-42',
        contacts: [{ name: 'Depot Manager', phone: '+64 21 555 0142' }],
        addresses: [{ label: 'Delivery', lines: ['3 Depot Rd'], city: 'Auckland' }],
      }),
    );
    await push(a);
    await pull(b);

    const onB = expectOk(await b.call<CustomerDetail>('GET', `/customers/${customer.id}`));
    expect(onB).toMatchObject({
      version: edited.version,
      type: 'fleet',
      segments: ['repeat', 'Synced-Segment'],
      taxId: 'NZ-42',
      contacts: [{ name: 'Depot Manager', role: null, email: null, phone: '+64215550142' }],
      addresses: [{ label: 'Delivery', lines: ['3 Depot Rd'], city: 'Auckland', postcode: null, country: null }],
    });
    const listed = expectOk(await b.call<Page<CustomerListItem>>('GET', '/customers?segment=synced-segment&type=fleet'));
    expect(listed.items.map((c) => c.id)).toEqual([customer.id]);
  });

  it('carry a merge: on device B the orders belong to the kept customer and the duplicate has left the lists', async () => {
    a.backend.services.auth.createUser({ username: 'mona', displayName: 'Mona Manager', password: TEST_PASSWORD, roles: ['Manager'] });
    const { token } = await a.signIn('mona', TEST_PASSWORD);
    const kept = await createCustomer(a, { name: 'Kept Across Devices' });
    const duplicate = await createCustomer(a, { name: 'Duplicate Across Devices', segments: ['moved-tag'] });
    const order = await createOrder(a, {
      customerId: duplicate.id,
      vehicles: [{ vehicleId: (await createVehicle(a)).id, price: 100_000 }],
    });
    await push(a);
    await pull(b);

    expectOk(
      await a.call<CustomerMergeResult>(
        'POST',
        `/customers/${kept.id}/merge`,
        { sourceId: duplicate.id, version: kept.version, sourceVersion: duplicate.version },
        { token },
      ),
    );
    await push(a);
    await pull(b);

    expect(expectOk(await b.call<Order>('GET', `/orders/${order.id}`)).customerId).toBe(kept.id);
    const keptOnB = expectOk(await b.call<CustomerDetail>('GET', `/customers/${kept.id}`));
    expect(keptOnB.orders.map((o) => o.id)).toEqual([order.id]);
    expect(keptOnB.segments).toEqual(['moved-tag']);
    expect(keptOnB.mergedFrom).toEqual([{ id: duplicate.id, name: 'Duplicate Across Devices' }]);
    expectError(await b.call('GET', `/customers/${duplicate.id}`), 'NOT_FOUND');
    const listed = expectOk(await b.call<Page<CustomerListItem>>('GET', '/customers?query=across%20devices'));
    expect(listed.items.map((c) => c.id)).toEqual([kept.id]);

    // The order's item follows its customer in the table's customer index.
    const item = await client.send(new GetItemCommand({ TableName: TABLE, Key: { PK: { S: `ORDER#${order.id}` }, SK: { S: 'DETAILS' } } }));
    expect(item.Item?.GSI1PK?.S).toBe(`CUSTOMER#${kept.id}`);
  });
});
