// Followers, assignees and notifications across two devices through DynamoDB Local: the follow reaches the other device, and a change made there notifies here.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList } from '../../core/domain/notification-api';
import type { Order } from '../../core/domain/order';
import { RemoteApply } from '../../main/services/remote-apply';
import { dynamoPullClient, pullChanges } from '../../sync/pull';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { createConfirmedOrder } from '../support/fixtures';
import { scanTable } from '../support/sync-table-check';

let ddb: DynamoDbLocal;
let client: DynamoDBClient;
let a: ApiHarness;
let b: ApiHarness;
const table = 'notifications-sync';

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  client = ddb.client();
  [a, b] = await Promise.all([startApi(), startApi()]);
  await createTableIfMissing(client, table, { pollMs: 100 });
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  client.destroy();
  await ddb.stop();
});

async function push(api: ApiHarness): Promise<void> {
  const result = await pushPending({ client: dynamoPushClient(client), tableName: table, store: api.backend.services.deps.repos.outbox });
  expect(result).toMatchObject({ parked: 0, conflicts: 0, stoppedEarly: false });
}

async function pull(api: ApiHarness): Promise<void> {
  await pullChanges({ client: dynamoPullClient(client), tableName: table, store: new RemoteApply(api.backend.services.deps) });
}

describe('order followers and notifications between two devices', () => {
  let order: Order;

  it('a follow made on one device reaches the other as ORDER#<id> / FOLLOWER#<userId>, and so does an unfollow', async () => {
    ({ order } = await createConfirmedOrder(a, 3));
    await push(a);
    await pull(b);
    expect(expectOk(await b.call<Order>('GET', `/orders/${order.id}`)).followerCount).toBe(1);

    expectOk(await b.call('POST', `/orders/${order.id}/follow`, {}));
    await push(b);
    const items = await scanTable(client, table);
    expect(items.some((i) => i.PK === `ORDER#${order.id}` && i.SK === `FOLLOWER#${b.user.id}` && i.following === true)).toBe(true);
    await pull(a);
    expect(expectOk(await a.call<Order>('GET', `/orders/${order.id}`))).toMatchObject({ following: true, followerCount: 2 });
  });

  it("a stage recorded on device A notifies device B's follower from the pulled audit entries: one notification for the burst", async () => {
    for (const vehicleId of order.vehicleIds) expectOk(await a.call('POST', `/vehicles/${vehicleId}/stages`, { stage: 'purchased' }), 201);
    await push(a);
    await pull(b);
    const forB = expectOk(await b.call<NotificationList>('GET', '/notifications?unreadOnly=true'));
    const stages = forB.items.filter((n) => n.eventType === 'stage');
    expect(stages).toHaveLength(1);
    expect(stages[0]).toMatchObject({ count: 3, title: `${order.orderNumber}: 3 vehicles advanced to Purchased` });
    // The order went In Progress automatically on A: B is told that too.
    expect(forB.items.filter((n) => n.eventType === 'status').map((n) => n.title)).toEqual([`${order.orderNumber}: Now In Progress`]);
    // A made the change: A is told nothing, on either device.
    expect(expectOk(await a.call<NotificationList>('GET', '/notifications')).items).toEqual([]);
  });

  it('an unfollow on B and a reassignment on A reach the other device', async () => {
    expectOk(await b.call('DELETE', `/orders/${order.id}/follow`));
    await push(b);
    a.backend.services.auth.createUser({ username: 'mara', displayName: 'Mara Manager', password: TEST_PASSWORD, roles: ['Manager'] });
    const manager = await a.signIn('mara', TEST_PASSWORD);
    await pull(a);
    const current = expectOk(await a.call<Order>('GET', `/orders/${order.id}`));
    expect(current.followerCount).toBe(1);
    expectOk(
      await a.call(
        'POST',
        `/orders/${order.id}/assignee`,
        { version: current.version, assigneeId: manager.user.id },
        { token: manager.token },
      ),
    );
    await push(a);
    await pull(b);
    const onB = expectOk(await b.call<Order>('GET', `/orders/${order.id}`));
    expect(onB).toMatchObject({ assigneeId: manager.user.id, assigneeName: 'Mara Manager', following: false, followerCount: 2 });
  });
});
