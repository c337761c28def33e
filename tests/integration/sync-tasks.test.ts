// Tasks through DynamoDB Local: a task made on device A reaches device B, B completes it and schedules the next, and both reach A.
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../../core/domain/task';
import { RemoteApply } from '../../main/services/remote-apply';
import { fromTableItem } from '../../sync/item-mapping';
import { dynamoPullClient, pullChanges } from '../../sync/pull';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { createConfirmedOrder } from '../support/fixtures';
import { decodeRemote } from '../support/sync-client';

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
  push: () => Promise<unknown>;
  pull: () => Promise<unknown>;
}

async function twoDevices(): Promise<{ table: string; a: Device; b: Device }> {
  tables += 1;
  const table = `tasks-${tables}`;
  const [a, b] = await Promise.all([startApi(), startApi(), createTableIfMissing(client, table, { pollMs: 100 })]);
  harnesses.push(a, b);
  const device = (api: ApiHarness): Device => {
    const store = new RemoteApply(api.backend.services.deps);
    return {
      api,
      push: () => pushPending({ client: dynamoPushClient(client), tableName: table, store: api.backend.services.deps.repos.outbox }),
      pull: () => pullChanges({ client: dynamoPullClient(client), tableName: table, store }),
    };
  };
  return { table, a: device(a), b: device(b) };
}

const tasksOf = async (api: ApiHarness, orderId: string): Promise<TaskView[]> =>
  expectOk(await api.call<{ items: TaskView[] }>('GET', `/orders/${orderId}/tasks`)).items;

/** What both devices must agree on (names are resolved per device, and buckets depend on each one's today). */
const synced = (t: TaskView) => ({
  id: t.id,
  orderId: t.orderId,
  vehicleId: t.vehicleId,
  title: t.title,
  notes: t.notes,
  assigneeId: t.assigneeId,
  dueDate: t.dueDate,
  doneAt: t.doneAt,
  doneBy: t.doneBy,
  version: t.version,
  createdAt: t.createdAt,
  createdBy: t.createdBy,
  updatedAt: t.updatedAt,
  updatedBy: t.updatedBy,
});

describe('tasks sync', () => {
  it('a task created on A appears on B; completing it on B with a next task reaches A', async () => {
    const { a, b } = await twoDevices();
    const { order, vehicles } = await createConfirmedOrder(a.api, 2);
    const task = expectOk(
      await a.api.call<TaskView>('POST', `/orders/${order.id}/tasks`, {
        title: 'Call about the deposit',
        dueDate: '2026-12-01',
        vehicleId: vehicles[1]?.id,
        notes: 'Ask for the receipt.',
      }),
      201,
    );
    await a.push();
    await b.pull();

    const onB = await tasksOf(b.api, order.id);
    expect(onB.map(synced)).toEqual([synced(task)]);
    // B never had A's user account: the name comes from the audit entry that travelled with the task.
    expect(onB[0]?.assigneeName).toBe('Casey Tester');
    expect(onB[0]?.vehicleLabel).toBe(task.vehicleLabel);

    const done = expectOk(
      await b.api.call<{ task: TaskView; next: TaskView }>('POST', `/tasks/${task.id}/complete`, {
        version: 1,
        next: { dueDate: '2026-12-08', title: 'Check the transfer arrived' },
      }),
    );
    await b.push();
    await a.pull();

    const onA = await tasksOf(a.api, order.id);
    expect(onA.map(synced)).toEqual([synced(done.next), synced(done.task)]);
    expect(onA.find((t) => t.id === task.id)).toMatchObject({ version: 2, bucket: 'done', doneBy: b.api.user.id });
    const audit = expectOk(await a.api.call<{ action: string; entityId: string }[]>('GET', `/orders/${order.id}/audit`));
    expect(audit.filter((e) => e.entityId === task.id).map((e) => e.action)).toEqual(['task_created', 'task_completed']);
  });

  it('stores a task under ORDER#<orderId> / TASK#<id> with its version', async () => {
    const { a, table } = await twoDevices();
    const { order } = await createConfirmedOrder(a.api, 1);
    const task = expectOk(
      await a.api.call<TaskView>('POST', `/orders/${order.id}/tasks`, { title: 'Book inspection', dueDate: '2026-12-03' }),
      201,
    );
    await a.push();
    const got = await client.send(
      new GetItemCommand({ TableName: table, Key: { PK: { S: `ORDER#${order.id}` }, SK: { S: `TASK#${task.id}` } }, ConsistentRead: true }),
    );
    expect(got.Item).toBeDefined();
    const record = got.Item ? fromTableItem(got.Item) : null;
    expect(record).toMatchObject({ entity: 'task', key: { orderId: order.id, id: task.id }, version: 1, deleted: false });
    expect(record?.data).toMatchObject({ title: 'Book inspection', dueDate: '2026-12-03', assigneeId: a.api.user.id });
  });

  it('merges edits of different fields made on both devices at the same version', async () => {
    const { a, b } = await twoDevices();
    const { order } = await createConfirmedOrder(a.api, 1);
    const task = expectOk(
      await a.api.call<TaskView>('POST', `/orders/${order.id}/tasks`, { title: 'Chase papers', dueDate: '2026-12-02' }),
      201,
    );
    await a.push();
    await b.pull();
    expectOk(await a.api.call('PUT', `/tasks/${task.id}`, { version: 1, title: 'Chase export papers' }));
    expectOk(await b.api.call('PUT', `/tasks/${task.id}`, { version: 1, dueDate: '2026-12-05' }));
    await a.push();
    await b.push(); // conflicts with A's version 2: parked, then merged after B's pull
    await b.pull();
    expect(b.api.backend.services.syncMerge.mergeParked(decodeRemote)).toMatchObject({ merged: 1, conflicts: 0 });
    await b.push();
    await a.pull();
    const [onA] = await tasksOf(a.api, order.id);
    const [onB] = await tasksOf(b.api, order.id);
    expect(onA).toMatchObject({ title: 'Chase export papers', dueDate: '2026-12-05' });
    expect(onB && synced(onB)).toEqual(onA && synced(onA));
  });
});
