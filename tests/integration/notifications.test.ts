// Following, reassigning and notifications through the HTTP API: who is told, coalescing, preferences, pulled entries, SSE addressing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventsTicket } from '../../core/domain/auth';
import type { FollowState, NotificationList, NotificationPreferences } from '../../core/domain/notification-api';
import type { Order } from '../../core/domain/order';
import type { AuditEntryView } from '../../core/domain/audit';
import type { Vehicle } from '../../core/domain/vehicle';
import { RemoteApply } from '../../main/services/remote-apply';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { createConfirmedOrder } from '../support/fixtures';

let api: ApiHarness;
/** User A is the harness's CSR (Casey); B another CSR; M a Manager. */
let tokenB: string;
let idB: string;
let tokenM: string;
let order: Order;
let vehicles: Vehicle[];

const asB = { token: '' };
const asM = { token: '' };

async function notificationsOf(token: string | null = null, query = ''): Promise<NotificationList> {
  return expectOk(await api.call<NotificationList>('GET', `/notifications${query}`, undefined, token === null ? {} : { token }));
}

async function recordStage(vehicle: Vehicle, stage: string): Promise<void> {
  expectOk(await api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage }), 201);
}

async function markAllRead(token: string): Promise<void> {
  expectOk(await api.call('POST', '/notifications/read', { all: true }, { token }));
}

beforeAll(async () => {
  api = await startApi();
  const { auth } = api.backend.services;
  idB = auth.createUser({ username: 'bree', displayName: 'Bree Second', password: TEST_PASSWORD, roles: ['CSR'] }).id;
  auth.createUser({ username: 'mona', displayName: 'Mona Manager', password: TEST_PASSWORD, roles: ['Manager'] });
  tokenB = (await api.signIn('bree', TEST_PASSWORD)).token;
  tokenM = (await api.signIn('mona', TEST_PASSWORD)).token;
  asB.token = tokenB;
  asM.token = tokenM;
  // Eleven vehicles: the first one's stage takes the order In Progress before B follows, so B's burst is stages only.
  ({ order, vehicles } = await createConfirmedOrder(api, 11));
  const first = vehicles[0];
  if (!first) throw new Error('no vehicles');
  await recordStage(first, 'purchased');
});

afterAll(async () => {
  await api.close();
});

describe('following an order', () => {
  it('the creator follows and is the assignee from the start', async () => {
    const seen = expectOk(await api.call<Order>('GET', `/orders/${order.id}`));
    expect(seen.assigneeId).toBe(api.user.id);
    expect(seen.assigneeName).toBe(api.user.displayName);
    expect(seen.following).toBe(true);
    expect(seen.followerCount).toBe(1);
    const list = expectOk(await api.call<{ items: Order[] }>('GET', '/orders'));
    expect(list.items.find((o) => o.id === order.id)?.assigneeName).toBe(api.user.displayName);
  });

  it('anyone may follow: POST /orders/:id/follow, and the order shows it to them', async () => {
    const state = expectOk(await api.call<FollowState>('POST', `/orders/${order.id}/follow`, {}, asB));
    expect(state).toEqual({ orderId: order.id, following: true, followerCount: 2 });
    const seenByB = expectOk(await api.call<Order>('GET', `/orders/${order.id}`, undefined, asB));
    expect(seenByB.following).toBe(true);
    const audit = expectOk(await api.call<AuditEntryView[]>('GET', `/orders/${order.id}/audit`));
    expect(audit.some((e) => e.entityType === 'order_follower' && e.action === 'followed' && e.actorId === idB)).toBe(true);
  });
});

describe('notifications', () => {
  it('ten vehicles advancing together make ONE notification for a follower, and none for the one who did it', async () => {
    for (const vehicle of vehicles.slice(1)) await recordStage(vehicle, 'purchased');
    const forB = await notificationsOf(tokenB);
    expect(forB.items).toHaveLength(1);
    expect(forB.unreadCount).toBe(1);
    const [only] = forB.items;
    expect(only?.eventType).toBe('stage');
    expect(only?.count).toBe(10);
    expect(only?.title).toBe(`${order.orderNumber}: 10 vehicles advanced to Purchased`);
    expect(only?.body).toContain(`By ${api.user.displayName}.`);
    expect(only?.orderId).toBe(order.id);
    const forA = await notificationsOf();
    expect(forA.items).toEqual([]);
    expect(forA.unreadCount).toBe(0);
  });

  it('marks read by id (only one’s own) and all at once', async () => {
    const [first] = (await notificationsOf(tokenB)).items;
    if (!first) throw new Error('no notification');
    // A cannot mark B's notification: it is not theirs, so nothing changes.
    expect(expectOk(await api.call<{ marked: number }>('POST', '/notifications/read', { ids: [first.id] })).marked).toBe(0);
    expect((await notificationsOf(tokenB)).unreadCount).toBe(1);
    const marked = expectOk(
      await api.call<{ marked: number; unreadCount: number }>('POST', '/notifications/read', { ids: [first.id] }, asB),
    );
    expect(marked).toEqual({ marked: 1, unreadCount: 0 });
    expect((await notificationsOf(tokenB, '?unreadOnly=true')).items).toEqual([]);
    expect((await notificationsOf(tokenB)).items[0]?.readAt).not.toBeNull();
    await markAllRead(tokenB);
  });

  it('refuses a read request with neither ids nor all, or both, naming the field', async () => {
    const neither = expectError(await api.call('POST', '/notifications/read', {}, asB), 'VALIDATION');
    expect(Object.keys(neither.fields ?? {})).toEqual(['ids']);
    const both = expectError(await api.call('POST', '/notifications/read', { ids: [order.id], all: true }, asB), 'VALIDATION');
    expect(Object.keys(both.fields ?? {})).toEqual(['all']);
  });

  it('an unfollowed order notifies no more', async () => {
    expectOk(await api.call<FollowState>('DELETE', `/orders/${order.id}/follow`, undefined, asB));
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`, undefined, asB)).following).toBe(false);
    const vehicle = vehicles[1];
    if (!vehicle) throw new Error('no vehicle');
    await recordStage(vehicle, 'export_cleared');
    expect((await notificationsOf(tokenB)).unreadCount).toBe(0);
    expectOk(await api.call<FollowState>('POST', `/orders/${order.id}/follow`, {}, asB));
  });

  it('preferences: in-app off for stages stops them; each user edits only their own', async () => {
    const defaults = expectOk(await api.call<NotificationPreferences>('GET', '/notifications/preferences', undefined, asB));
    expect(defaults.items.map((p) => [p.eventType, p.inApp, p.desktop])).toEqual([
      ['stage', true, true],
      ['status', true, true],
      ['payment', true, true],
      ['inbound', true, true],
      ['task_overdue', true, true],
    ]);
    const saved = expectOk(
      await api.call<NotificationPreferences>(
        'PUT',
        '/notifications/preferences',
        { preferences: [{ eventType: 'stage', inApp: false, desktop: false }] },
        asB,
      ),
    );
    expect(saved.items.find((p) => p.eventType === 'stage')).toMatchObject({ inApp: false, desktop: false });
    // A's preferences are untouched.
    const ofA = expectOk(await api.call<NotificationPreferences>('GET', '/notifications/preferences'));
    expect(ofA.items.find((p) => p.eventType === 'stage')).toMatchObject({ inApp: true, desktop: true });
    const vehicle = vehicles[2];
    if (!vehicle) throw new Error('no vehicle');
    await recordStage(vehicle, 'export_cleared');
    expect((await notificationsOf(tokenB)).unreadCount).toBe(0);
    expectOk(
      await api.call('PUT', '/notifications/preferences', { preferences: [{ eventType: 'stage', inApp: true, desktop: true }] }, asB),
    );
  });

  it('an audit entry pulled from another device notifies followers here', async () => {
    const vehicle = vehicles[3];
    if (!vehicle) throw new Error('no vehicle');
    const entry = {
      id: randomUUID(),
      at: new Date().toISOString(),
      actorId: 'user-on-another-device',
      actorName: 'Remote Rangi',
      entityType: 'vehicle',
      entityId: vehicle.id,
      orderId: order.id,
      action: 'stage_recorded',
      changes: [{ field: 'stage', before: 'purchased', after: 'export_cleared' }],
      reason: null,
      origin: 'local',
      deviceId: 'device-two',
      seq: 1,
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    };
    const store = new RemoteApply(api.backend.services.deps, { emitEvents: false });
    store.applyPulledPage({
      shard: 0,
      records: [{ entity: 'audit', key: { id: entry.id }, data: entry, version: null, deleted: false }],
      cursor: 'c',
    });
    const forB = await notificationsOf(tokenB, '?unreadOnly=true');
    expect(forB.items).toHaveLength(1);
    expect(forB.items[0]?.title).toBe(`${order.orderNumber}: ${vehicle.vin} reached Export cleared`);
    expect(forB.items[0]?.body).toBe('By Remote Rangi.');
    // The author of the local follow-up is told too: A follows and did not make this change.
    expect((await notificationsOf(null, '?unreadOnly=true')).items.map((n) => n.title)).toContain(
      `${order.orderNumber}: ${vehicle.vin} reached Export cleared`,
    );
    await markAllRead(tokenB);
    await markAllRead(api.token);
  });

  it("streams a notification only to its recipient's sessions", async () => {
    const open = async (token: string) => {
      const { ticket } = expectOk(await api.call<EventsTicket>('POST', '/auth/events-ticket', {}, { token }));
      const controller = new AbortController();
      const res = await fetch(`${api.baseUrl}/events?ticket=${encodeURIComponent(ticket)}`, { signal: controller.signal });
      const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = res.body?.getReader();
      if (!reader) throw new Error('no body');
      let text = '';
      return {
        async until(marker: string): Promise<string> {
          while (!text.includes(marker)) {
            const chunk = await reader.read();
            if (chunk.done) break;
            text += new TextDecoder().decode(chunk.value);
          }
          return text;
        },
        close: () => controller.abort(),
      };
    };
    const streamA = await open(api.token);
    const streamB = await open(tokenB);
    const vehicle = vehicles[4];
    if (!vehicle) throw new Error('no vehicle');
    await recordStage(vehicle, 'export_cleared');
    const seenByB = await streamB.until('"entity":"notification"');
    expect(seenByB).toContain(`"recipientId":"${idB}"`);
    // A's stream carries the broadcast vehicle change (after which the notification went out) but never B's notification.
    const broadcast = `"entity":"vehicle","id":"${vehicle.id}"`;
    await streamA.until(broadcast);
    await recordStage(vehicles[5] as Vehicle, 'export_cleared');
    const seenByA = await streamA.until(`"entity":"vehicle","id":"${(vehicles[5] as Vehicle).id}"`);
    expect(seenByA).not.toContain(`"recipientId":"${idB}"`);
    streamA.close();
    streamB.close();
  });
});

describe('reassigning an order', () => {
  it('a CSR may not (403) and nothing changes', async () => {
    const before = expectOk(await api.call<Order>('GET', `/orders/${order.id}`));
    expectError(await api.call('POST', `/orders/${order.id}/assignee`, { version: before.version, assigneeId: idB }), 'FORBIDDEN');
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`)).version).toBe(before.version);
  });

  it('a Manager gives it to another user, audited as reassigned; the new assignee follows', async () => {
    expectOk(await api.call<FollowState>('DELETE', `/orders/${order.id}/follow`, undefined, asB));
    const before = expectOk(await api.call<Order>('GET', `/orders/${order.id}`));
    const people = expectOk(await api.call<{ items: { id: string; displayName: string }[] }>('GET', '/users', undefined, asM));
    expect(people.items.map((p) => p.displayName)).toEqual(['Bree Second', 'Casey Tester', 'Mona Manager']);
    const after = expectOk(
      await api.call<Order>('POST', `/orders/${order.id}/assignee`, { version: before.version, assigneeId: idB }, asM),
    );
    expect(after.assigneeId).toBe(idB);
    expect(after.assigneeName).toBe('Bree Second');
    expect(after.version).toBe(before.version + 1);
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`, undefined, asB)).following).toBe(true);
    const audit = expectOk(await api.call<AuditEntryView[]>('GET', `/orders/${order.id}/audit`));
    const reassigned = audit.find((e) => e.action === 'reassigned');
    expect(reassigned?.changes).toEqual([{ field: 'assigneeId', before: api.user.id, after: idB }]);
  });

  it('refuses an unknown assignee (404 naming assigneeId) and a stale version (409)', async () => {
    const current = expectOk(await api.call<Order>('GET', `/orders/${order.id}`));
    const unknown = expectError(
      await api.call('POST', `/orders/${order.id}/assignee`, { version: current.version, assigneeId: order.id }, asM),
      'NOT_FOUND',
    );
    expect(Object.keys(unknown.fields ?? {})).toEqual(['assigneeId']);
    expectError(await api.call('POST', `/orders/${order.id}/assignee`, { version: current.version - 1, assigneeId: idB }, asM), 'CONFLICT');
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`)).version).toBe(current.version);
  });
});

describe('overdue tasks', () => {
  it('tell the assignee once, through the tasks the office has not been told about yet', async () => {
    await markAllRead(tokenB);
    expectOk(
      await api.call<{ id: string }>(
        'POST',
        `/orders/${order.id}/tasks`,
        { title: 'Chase the shipping papers', dueDate: '2026-01-05', assigneeId: idB },
        asB,
      ),
      201,
    );
    const { notifier } = api.backend.services;
    expect(notifier.notifyOverdueTasks(new Date().toISOString())).toBeGreaterThan(0);
    const unread = await notificationsOf(tokenB, '?unreadOnly=true');
    const overdue = unread.items.filter((n) => n.eventType === 'task_overdue');
    expect(overdue).toHaveLength(1);
    expect(`${overdue[0]?.title ?? ''} ${overdue[0]?.body ?? ''}`).toContain('Chase the shipping papers');
    // The next check finds nothing new: the task was marked told in the same transaction.
    notifier.notifyOverdueTasks(new Date().toISOString());
    expect((await notificationsOf(tokenB, '?unreadOnly=true')).items.filter((n) => n.eventType === 'task_overdue')).toHaveLength(1);
  });
});
