// Follow-up tasks over real HTTP: create, list by order and by bucket in the office's time zone, edit, complete and schedule the next, and every refusal changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAuditEntry } from '../../core/domain/audit';
import type { Order } from '../../core/domain/order';
import type { OutboxItem } from '../../core/domain/outbox';
import { ManualClock } from '../../core/domain/runtime';
import type { Colleague, TaskListResult, TaskView } from '../../core/domain/task';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { cancelOrder, createConfirmedOrder, createVehicle, lastOutboxSeq, outboxSince, snapshot } from '../support/fixtures';

// 09:30 on Monday 30 November 2026 in Auckland (NZDT, UTC+13) is still Sunday 29 November in UTC.
const clock = new ManualClock('2026-11-29T20:30:00.000Z');
const TODAY = '2026-11-30';
let api: ApiHarness;
let order: Order;
let vehicleId: string;
let colleague: { id: string; token: string };

beforeAll(async () => {
  api = await startApi({ clock, env: { PORTSIDE_TIME_ZONE: 'Pacific/Auckland' } });
  ({
    order,
    vehicles: [{ id: vehicleId = '' } = { id: '' }],
  } = await createConfirmedOrder(api, 2));
  const user = api.backend.services.auth.createUser({
    username: 'rangi',
    displayName: 'Rangi Parata',
    password: TEST_PASSWORD,
    roles: ['CSR'],
  });
  colleague = { id: user.id, token: (await api.signIn('rangi', TEST_PASSWORD)).token };
});
afterAll(async () => {
  await api.close();
});

/** The outbox items of each change set queued after `seq`. */
function changeSetsSince(seq: number): OutboxItem[][] {
  return outboxSince(api.backend.db, seq).map((row) => JSON.parse(row.items) as OutboxItem[]);
}

async function addTask(input: Record<string, unknown>, orderId = order.id): Promise<TaskView> {
  return expectOk(await api.call<TaskView>('POST', `/orders/${orderId}/tasks`, input), 201);
}

/** Runs a refused call and checks it changed no table and queued nothing. */
async function refusedChangesNothing(run: () => Promise<void>): Promise<void> {
  const before = snapshot(api.backend.db);
  const seq = lastOutboxSeq(api.backend.db);
  await run();
  expect(snapshot(api.backend.db)).toEqual(before);
  expect(outboxSince(api.backend.db, seq)).toEqual([]);
}

describe('creating a task', () => {
  it('assigns it to the caller by default, audits it and queues it for sync in one change set', async () => {
    const seq = lastOutboxSeq(api.backend.db);
    const task = await addTask({ title: 'Call about the deposit', dueDate: TODAY, vehicleId, notes: 'Ask for the receipt.' });
    expect(task).toMatchObject({
      orderId: order.id,
      orderNumber: order.orderNumber,
      vehicleId,
      title: 'Call about the deposit',
      assigneeId: api.user.id,
      assigneeName: 'Casey Tester',
      dueDate: TODAY,
      doneAt: null,
      version: 1,
      bucket: 'today',
    });
    expect(task.vehicleLabel).toContain('(');
    const sets = changeSetsSince(seq);
    expect(sets).toHaveLength(1);
    const items = sets[0] ?? [];
    expect(items.map((i) => i.entity).sort()).toEqual(['audit', 'task']);
    expect(items.find((i) => i.entity === 'task')?.key).toEqual({ orderId: order.id, id: task.id });
    const audit = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(audit.at(-1)).toMatchObject({ entityType: 'task', entityId: task.id, action: 'task_created', orderId: order.id });
  });

  it('assigns it to a named active colleague', async () => {
    const task = await addTask({ title: 'Book the inspection', dueDate: '2026-12-04', assigneeId: colleague.id });
    expect(task).toMatchObject({ assigneeId: colleague.id, assigneeName: 'Rangi Parata', bucket: 'upcoming' });
  });

  it('refuses an unknown assignee (404), a disabled one (422), naming assigneeId, changing nothing', async () => {
    await refusedChangesNothing(async () => {
      const body = expectError(
        await api.call('POST', `/orders/${order.id}/tasks`, { title: 'X', dueDate: TODAY, assigneeId: 'no-such-user' }),
        'NOT_FOUND',
      );
      expect(body.fields).toHaveProperty('assigneeId');
    });
    const gone = api.backend.services.auth.createUser({
      username: 'gone',
      displayName: 'Gone User',
      password: TEST_PASSWORD,
      roles: ['CSR'],
    });
    api.backend.db.prepare(`UPDATE users SET disabled = 1 WHERE id = ?`).run(gone.id);
    await refusedChangesNothing(async () => {
      const body = expectError(
        await api.call('POST', `/orders/${order.id}/tasks`, { title: 'X', dueDate: TODAY, assigneeId: gone.id }),
        'RULE_VIOLATION',
      );
      expect(body.fields).toHaveProperty('assigneeId');
    });
  });

  it('refuses a vehicle that is not on the order (422) and one that does not exist (404)', async () => {
    const elsewhere = await createVehicle(api);
    await refusedChangesNothing(async () => {
      const body = expectError(
        await api.call('POST', `/orders/${order.id}/tasks`, { title: 'X', dueDate: TODAY, vehicleId: elsewhere.id }),
        'RULE_VIOLATION',
      );
      expect(body.fields).toHaveProperty('vehicleId');
      expect(body.message).toContain(order.orderNumber);
    });
    await refusedChangesNothing(async () => {
      expectError(
        await api.call('POST', `/orders/${order.id}/tasks`, { title: 'X', dueDate: TODAY, vehicleId: 'no-such-vehicle' }),
        'NOT_FOUND',
      );
    });
  });

  it('refuses a date that does not exist, a missing title and unknown fields (400, naming the field)', async () => {
    for (const [input, field] of [
      [{ title: 'X', dueDate: '2026-02-30' }, 'dueDate'],
      [{ title: 'X', dueDate: '30/11/2026' }, 'dueDate'],
      [{ dueDate: TODAY }, 'title'],
      [{ title: 'X', dueDate: TODAY, priority: 'high' }, 'priority'],
    ] as const) {
      await refusedChangesNothing(async () => {
        const body = expectError(await api.call('POST', `/orders/${order.id}/tasks`, input), 'VALIDATION');
        expect(Object.keys(body.fields ?? {}).join(' ') + body.message).toContain(field);
      });
    }
  });

  it('refuses a task on a Cancelled order (422: the order is closed), but its open tasks can still be completed', async () => {
    const { order: doomed } = await createConfirmedOrder(api, 1);
    const task = await addTask({ title: 'Chase the transfer', dueDate: TODAY }, doomed.id);
    await cancelOrder(api, doomed);
    await refusedChangesNothing(async () => {
      const body = expectError(await api.call('POST', `/orders/${doomed.id}/tasks`, { title: 'X', dueDate: TODAY }), 'RULE_VIOLATION');
      expect(body.message).toMatch(/Cancelled.*closed/);
    });
    await refusedChangesNothing(async () => {
      expectError(
        await api.call('POST', `/tasks/${task.id}/complete`, { version: task.version, next: { dueDate: '2026-12-07' } }),
        'RULE_VIOLATION',
      );
    });
    const done = expectOk(await api.call<{ task: TaskView; next: null }>('POST', `/tasks/${task.id}/complete`, { version: task.version }));
    expect(done.task.doneAt).toBe(clock.now());
    expect(done.next).toBeNull();
  });

  it('is 404 on an unknown order', async () => {
    await refusedChangesNothing(async () => {
      expectError(await api.call('POST', '/orders/no-such-order/tasks', { title: 'X', dueDate: TODAY }), 'NOT_FOUND');
    });
  });
});

describe('listing tasks', () => {
  it("GET /orders/:id/tasks lists the order's tasks, open ones first by due date", async () => {
    const { order: own } = await createConfirmedOrder(api, 1);
    await addTask({ title: 'Later', dueDate: '2026-12-20' }, own.id);
    await addTask({ title: 'Sooner', dueDate: '2026-11-02' }, own.id);
    const { items } = expectOk(await api.call<{ items: TaskView[] }>('GET', `/orders/${own.id}/tasks`));
    expect(items.map((t) => [t.title, t.bucket])).toEqual([
      ['Sooner', 'overdue'],
      ['Later', 'upcoming'],
    ]);
    expectError(await api.call('GET', '/orders/no-such-order/tasks'), 'NOT_FOUND');
  });

  it("GET /tasks buckets the caller's tasks against the office's date (Auckland), with counts", async () => {
    const { order: own } = await createConfirmedOrder(api, 1);
    // A fresh colleague, so the counts are theirs alone.
    const user = api.backend.services.auth.createUser({
      username: 'mere',
      displayName: 'Mere Tane',
      password: TEST_PASSWORD,
      roles: ['CSR'],
    });
    const { token } = await api.signIn('mere', TEST_PASSWORD);
    for (const [title, dueDate] of [
      ['Yesterday', '2026-11-29'],
      ['Today', TODAY],
      ['Tomorrow', '2026-12-01'],
    ] as const) {
      expectOk(await api.call('POST', `/orders/${own.id}/tasks`, { title, dueDate }, { token }), 201);
    }
    const list = async (query: string): Promise<TaskListResult> =>
      expectOk(await api.call<TaskListResult>('GET', `/tasks?${query}`, undefined, { token }));
    // In UTC it is still the 29th: "Yesterday" would not be overdue yet. In Auckland it is.
    expect((await list('bucket=overdue')).items.map((t) => t.title)).toEqual(['Yesterday']);
    expect((await list('bucket=today')).items.map((t) => t.title)).toEqual(['Today']);
    expect((await list('bucket=upcoming')).items.map((t) => t.title)).toEqual(['Tomorrow']);
    expect((await list('')).counts).toEqual({ overdue: 1, today: 1, upcoming: 1 });
    expect((await list(`assignee=${user.id}&bucket=today`)).items).toHaveLength(1);
    // Another assignee's list, and everybody's.
    expect((await list(`assignee=${api.user.id}&bucket=today`)).items.every((t) => t.assigneeId === api.user.id)).toBe(true);
    expect((await list('assignee=all&limit=200')).items.length).toBeGreaterThan(3);
  });

  it('pages through a bucket with nextCursor', async () => {
    const first = expectOk(await api.call<TaskListResult>('GET', '/tasks?assignee=all&limit=1'));
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = expectOk(await api.call<TaskListResult>('GET', `/tasks?assignee=all&limit=1&cursor=${first.nextCursor ?? ''}`));
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expectError(await api.call('GET', '/tasks?bucket=later'), 'VALIDATION');
  });
});

describe('changing and completing a task', () => {
  it('PUT /tasks/:id changes fields at a known version, audited; a stale version is 409 with the current task', async () => {
    const task = await addTask({ title: 'Send the invoice', dueDate: TODAY });
    const changed = expectOk(
      await api.call<TaskView>('PUT', `/tasks/${task.id}`, {
        version: 1,
        title: 'Send the final invoice',
        dueDate: '2026-12-02',
        assigneeId: colleague.id,
      }),
    );
    expect(changed).toMatchObject({ version: 2, title: 'Send the final invoice', dueDate: '2026-12-02', assigneeName: 'Rangi Parata' });
    await refusedChangesNothing(async () => {
      const body = expectError(await api.call('PUT', `/tasks/${task.id}`, { version: 1, title: 'Mine' }), 'CONFLICT');
      expect(body.current).toMatchObject({ id: task.id, version: 2 });
    });
    await refusedChangesNothing(async () => {
      expectError(await api.call('PUT', `/tasks/${task.id}`, { version: 2, dueDate: '2026-11-31' }), 'VALIDATION');
      expectError(await api.call('PUT', `/tasks/${task.id}`, { version: 2, assigneeId: 'nobody-at-all' }), 'NOT_FOUND');
      expectError(await api.call('PUT', '/tasks/no-such-task', { version: 1, title: 'X' }), 'NOT_FOUND');
    });
    const done = expectOk(await api.call<TaskView>('PUT', `/tasks/${task.id}`, { version: 2, done: true }));
    expect(done).toMatchObject({ version: 3, doneAt: clock.now(), doneBy: api.user.id, bucket: 'done' });
    const reopened = expectOk(await api.call<TaskView>('PUT', `/tasks/${task.id}`, { version: 3, done: false }));
    expect(reopened).toMatchObject({ version: 4, doneAt: null, doneBy: null });
    const audit = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(audit.filter((e) => e.entityId === task.id).map((e) => e.action)).toEqual([
      'task_created',
      'task_updated',
      'task_completed',
      'task_reopened',
    ]);
  });

  it('"done and schedule next" completes the task and creates the follow-up in one change set', async () => {
    const task = await addTask({ title: 'Confirm shipping', dueDate: TODAY, vehicleId });
    const seq = lastOutboxSeq(api.backend.db);
    const result = expectOk(
      await api.call<{ task: TaskView; next: TaskView }>('POST', `/tasks/${task.id}/complete`, {
        version: 1,
        next: { dueDate: '2026-12-07', assigneeId: colleague.id },
      }),
    );
    expect(result.task).toMatchObject({ id: task.id, version: 2, bucket: 'done', doneByName: 'Casey Tester' });
    expect(result.next).toMatchObject({
      title: 'Confirm shipping',
      dueDate: '2026-12-07',
      vehicleId,
      assigneeId: colleague.id,
      version: 1,
    });
    const sets = changeSetsSince(seq);
    expect(sets).toHaveLength(1);
    expect(sets[0]?.filter((i) => i.entity === 'task')).toHaveLength(2);
    const actions = (sets[0] ?? []).filter((i) => i.entity === 'audit').map((i) => i.data.action);
    expect(actions).toEqual(['task_completed', 'task_created']);
  });

  it('"done and schedule next" is all or nothing: a bad next assignee leaves the task open', async () => {
    const task = await addTask({ title: 'Call the broker', dueDate: TODAY });
    await refusedChangesNothing(async () => {
      const body = expectError(
        await api.call('POST', `/tasks/${task.id}/complete`, { version: 1, next: { dueDate: '2026-12-07', assigneeId: 'nobody-at-all' } }),
        'NOT_FOUND',
      );
      expect(body.fields).toHaveProperty(['next.assigneeId']);
    });
    await refusedChangesNothing(async () => {
      expectError(await api.call('POST', `/tasks/${task.id}/complete`, { version: 1, next: { dueDate: '2026-13-01' } }), 'VALIDATION');
      expectError(await api.call('POST', `/tasks/${task.id}/complete`, { version: 7 }), 'CONFLICT');
    });
    expectOk(await api.call('POST', `/tasks/${task.id}/complete`, { version: 1 }));
    await refusedChangesNothing(async () => {
      expectError(await api.call('POST', `/tasks/${task.id}/complete`, { version: 2 }), 'RULE_VIOLATION');
    });
  });
});

describe('who may', () => {
  it('lets every role (CSR, Manager, Admin) read and write tasks; an account without a role gets 403 and changes nothing', async () => {
    for (const role of ['CSR', 'Manager', 'Admin'] as const) {
      const username = `role-${role.toLowerCase()}`;
      api.backend.services.auth.createUser({ username, displayName: `${role} Person`, password: TEST_PASSWORD, roles: [role] });
      const { token } = await api.signIn(username, TEST_PASSWORD);
      const task = expectOk(
        await api.call<TaskView>('POST', `/orders/${order.id}/tasks`, { title: `${role} task`, dueDate: TODAY }, { token }),
        201,
      );
      expectOk(await api.call('POST', `/tasks/${task.id}/complete`, { version: 1 }, { token }));
      expectOk(await api.call('GET', '/tasks', undefined, { token }));
    }
    api.backend.services.auth.createUser({ username: 'no-role', displayName: 'No Role', password: TEST_PASSWORD, roles: [] });
    const { token } = await api.signIn('no-role', TEST_PASSWORD);
    await refusedChangesNothing(async () => {
      expectError(await api.call('POST', `/orders/${order.id}/tasks`, { title: 'X', dueDate: TODAY }, { token }), 'FORBIDDEN');
      expectError(await api.call('GET', `/orders/${order.id}/tasks`, undefined, { token }), 'FORBIDDEN');
      expectError(await api.call('GET', '/tasks', undefined, { token }), 'FORBIDDEN');
    });
    // Names and roles of colleagues are for every signed-in user.
    expectOk(await api.call('GET', '/users', undefined, { token }));
  });
});

describe('the overdue feed and colleagues', () => {
  it('overdueSince lists overdue tasks not notified yet; marking them stops it; a new due date re-arms it', async () => {
    const { tasks } = api.backend.services;
    const task = await addTask({ title: 'Overdue one', dueDate: '2026-11-20' });
    const feed = tasks.overdueToNotify();
    expect(feed).toContainEqual({
      taskId: task.id,
      orderId: order.id,
      title: 'Overdue one',
      assigneeId: api.user.id,
      dueDate: '2026-11-20',
    });
    api.backend.services.deps.repos.tasks.markOverdueNotified([task.id], clock.now());
    expect(tasks.overdueToNotify().map((t) => t.taskId)).not.toContain(task.id);
    expectOk(await api.call('PUT', `/tasks/${task.id}`, { version: 1, dueDate: '2026-11-25' }));
    expect(tasks.overdueToNotify().map((t) => t.taskId)).toContain(task.id);
  });

  it('GET /users lists colleagues (id, display name, roles, active) to every signed-in user', async () => {
    const { items } = expectOk(await api.call<{ items: Colleague[] }>('GET', '/users', undefined, { token: colleague.token }));
    expect(items).toContainEqual({ id: colleague.id, displayName: 'Rangi Parata', roles: ['CSR'], active: true });
    expect(items.find((u) => u.displayName === 'Gone User')?.active).toBe(false);
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['active', 'displayName', 'id', 'roles']);
    expectError(await api.call('GET', '/users', undefined, { token: null }), 'UNAUTHENTICATED');
  });
});

describe('demo data', () => {
  it('gives the demo CSR overdue tasks and tasks due today, and one done', async () => {
    const demo = await startApi({ demo: true });
    try {
      const counts = expectOk(await demo.call<TaskListResult>('GET', '/tasks')).counts;
      expect(counts.overdue).toBeGreaterThanOrEqual(2);
      expect(counts.today).toBeGreaterThanOrEqual(2);
      expect(counts.upcoming).toBeGreaterThanOrEqual(1);
      expect(expectOk(await demo.call<TaskListResult>('GET', '/tasks?bucket=done')).items.length).toBeGreaterThanOrEqual(1);
    } finally {
      await demo.close();
    }
  });
});
