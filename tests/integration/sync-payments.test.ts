// Payments sync through DynamoDB Local: recorded on one device, they reach the other as append-only items and its balance is recomputed there.
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, OrderSummary, Page } from '../../core/domain/order';
import type { OrderPayments, PaymentRecorded } from '../../core/domain/payment';
import { RemoteApply } from '../../main/services/remote-apply';
import { fromTableItem } from '../../sync/item-mapping';
import { dynamoPullClient, pullChanges } from '../../sync/pull';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { createConfirmedOrder } from '../support/fixtures';

let ddb: DynamoDbLocal;
let client: DynamoDBClient;
const table = 'payments-sync';
let a: ApiHarness;
let b: ApiHarness;

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  client = ddb.client();
  [a, b] = await Promise.all([startApi(), startApi(), createTableIfMissing(client, table, { pollMs: 100 })]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  client.destroy();
  await ddb.stop();
});

const push = (api: ApiHarness) =>
  pushPending({ client: dynamoPushClient(client), tableName: table, store: api.backend.services.deps.repos.outbox });
const stores = new Map<ApiHarness, RemoteApply>();
const pull = (api: ApiHarness) => {
  const store = stores.get(api) ?? new RemoteApply(api.backend.services.deps);
  stores.set(api, store);
  return pullChanges({ client: dynamoPullClient(client), tableName: table, store });
};
const paymentsOf = async (api: ApiHarness, orderId: string): Promise<OrderPayments> =>
  expectOk(await api.call<OrderPayments>('GET', `/orders/${orderId}/payments`));
const storedColumns = (api: ApiHarness, orderId: string) =>
  api.backend.db.prepare('SELECT paid_amount, refunded_amount, balance_due, payment_status FROM orders WHERE id = ?').get(orderId);

describe('payments across devices', () => {
  it('a payment recorded on device A appears on device B, with B’s balance and status recomputed there', async () => {
    const { order } = await createConfirmedOrder(a, 2); // 2,000.00 USD
    const { payment } = expectOk(
      await a.call<PaymentRecorded>('POST', `/orders/${order.id}/payments`, {
        kind: 'deposit',
        amount: 20_000,
        currency: 'USD',
        method: 'bank_transfer',
        reference: 'TT-A1',
      }),
      201,
    );
    await push(a);
    expect(a.backend.services.deps.repos.outbox.outboxCounts().pending).toBe(0);

    // The table holds it under the order, append-only, as ORDER#<orderId> / PAYMENT#<id>.
    const raw = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: { PK: { S: `ORDER#${order.id}` }, SK: { S: `PAYMENT#${payment.id}` } },
      }),
    );
    expect(raw.Item && fromTableItem(raw.Item)).toMatchObject({
      entity: 'payment',
      key: { orderId: order.id, id: payment.id },
      version: null,
      data: { amount: 20_000, kind: 'deposit', reference: 'TT-A1' },
    });

    await pull(b);
    const onB = await paymentsOf(b, order.id);
    expect(onB).toMatchObject({ paid: 20_000, refunded: 0, balanceDue: 180_000, paymentStatus: 'Deposit paid' });
    expect(onB.items).toEqual([expect.objectContaining({ id: payment.id, amount: 20_000, recordedByName: 'Casey Tester' })]);
    // The derived columns on B's order row (what lists filter on) were recomputed by the pull, not carried.
    expect(storedColumns(b, order.id)).toEqual({
      paid_amount: 20_000,
      refunded_amount: 0,
      balance_due: 180_000,
      payment_status: 'Deposit paid',
    });
    const listed = expectOk(await b.call<Page<OrderSummary>>('GET', '/orders?paymentStatus=Deposit%20paid&limit=200'));
    expect(listed.items.map((o) => o.id)).toContain(order.id);
  });

  it('payments from both devices add up on each, and the balance follows a price change pulled from the other', async () => {
    const { order, vehicles } = await createConfirmedOrder(a, 1); // 1,000.00 USD
    await push(a);
    await pull(b);
    const pay = (api: ApiHarness, amount: number, kind = 'instalment') =>
      api.call('POST', `/orders/${order.id}/payments`, { kind, amount, currency: 'USD', method: 'card' });
    expectOk(await pay(a, 10_000, 'deposit'), 201);
    expectOk(await pay(b, 30_000), 201);
    await push(a);
    await push(b);
    await pull(a);
    await pull(b);
    for (const api of [a, b]) {
      expect(await paymentsOf(api, order.id)).toMatchObject({ paid: 40_000, balanceDue: 60_000, paymentStatus: 'Partially paid' });
    }
    // A re-pull is harmless: append-only items already here are left alone.
    await pull(b);
    expect((await paymentsOf(b, order.id)).items).toHaveLength(2);

    // The order's value changes on A; B's balance due follows once the order arrives.
    const current = expectOk(await a.call<Order>('GET', `/orders/${order.id}`));
    const vehicleId = vehicles[0]?.id ?? 'missing';
    expectOk(await a.call('PUT', `/orders/${order.id}/vehicles/${vehicleId}`, { version: current.version, price: 150_000 }));
    await push(a);
    await pull(b);
    expect(expectOk(await b.call<Order>('GET', `/orders/${order.id}`))).toMatchObject({
      orderValue: 150_000,
      paid: 40_000,
      balanceDue: 110_000,
      paymentStatus: 'Partially paid',
    });
    expect(storedColumns(b, order.id)).toMatchObject({ balance_due: 110_000 });
  });
});
