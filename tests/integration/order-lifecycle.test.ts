// An order's life through the HTTP API: create, confirm, stages, automatic statuses, remove/re-add, audit trail and outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpMethod } from '../../core/api/contract';
import type { AuditEntry } from '../../core/domain/audit';
import type { Customer } from '../../core/domain/customer';
import type { Order } from '../../core/domain/order';
import type { OutboxItem } from '../../core/domain/outbox';
import type { Vehicle, VehicleDetail } from '../../core/domain/vehicle';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { createCustomer, createOrder, createVehicles, lastOutboxSeq, outboxSince, payBalance } from '../support/fixtures';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

/**
 * Makes a mutating call that must succeed with `status`, and checks it appended exactly one
 * outbox change set, named for the operation; returns the body and that change set's items.
 */
async function mutate<T>(
  method: HttpMethod,
  path: string,
  body: unknown,
  operation: string,
  status = 200,
): Promise<{ body: T; items: OutboxItem[] }> {
  const seq = lastOutboxSeq(api.backend.db);
  const result = expectOk(await api.call<T>(method, path, body), status);
  const appended = outboxSince(api.backend.db, seq);
  expect(appended.map((cs) => cs.operation)).toEqual([operation]);
  return { body: result, items: JSON.parse(appended[0]?.items ?? '[]') as OutboxItem[] };
}

const entitiesOf = (items: OutboxItem[]): string[] => [...new Set(items.map((i) => i.entity))].sort();

describe('order lifecycle through the API', () => {
  let customer: Customer;
  let vehicles: Vehicle[];
  let order: Order;
  const vehicle = (i: number): Vehicle => {
    const v = vehicles[i];
    if (!v) throw new Error(`no vehicle ${i}`);
    return v;
  };

  it('creates a Draft order with 3 vehicles in one change set', async () => {
    customer = await createCustomer(api, { name: 'Lifecycle Customer' });
    vehicles = await createVehicles(api, 3, { etaDelivery: '2026-08-01' });
    const created = await mutate<Order>(
      'POST',
      '/orders',
      {
        customerId: customer.id,
        currency: 'USD',
        vehicles: vehicles.map((v, i) => ({ vehicleId: v.id, price: 1_000_000 * (i + 1) })),
        estimatedCompletionDate: '2026-07-01',
      },
      'orders.create',
      201,
    );
    order = created.body;
    expect(order).toMatchObject({ status: 'Draft', totalVehicles: 3, orderValue: 6_000_000, progress: 0, version: 1 });
    expect(order.estimatedCompletionDate).toBe('2026-08-01');
    expect(order.vehicles.map((v) => v.status)).toEqual(['Added', 'Added', 'Added']);
    expect(entitiesOf(created.items)).toEqual(['audit', 'order', 'order_follower', 'order_vehicle']);
    expect(created.items.filter((i) => i.entity === 'order_vehicle')).toHaveLength(3);
    expect(created.items.find((i) => i.entity === 'order')).toMatchObject({ baseVersion: null, key: { id: order.id } });
  });

  it('a stage recorded while Draft does not advance the order (Draft never auto-advances)', async () => {
    const { body } = await mutate<VehicleDetail>(
      'POST',
      `/vehicles/${vehicle(0).id}/stages`,
      { stage: 'purchased' },
      'vehicles.recordStage',
      201,
    );
    expect(body.stage).toBe('purchased');
    order = expectOk(await api.call<Order>('GET', `/orders/${order.id}`));
    expect(order.status).toBe('Draft');
    expect(order.progress).toBeCloseTo(1 / 27, 4);
  });

  it('confirm: every link becomes Active and, a vehicle being past pending, the order is In Progress at once', async () => {
    const { body, items } = await mutate<Order>(
      'PUT',
      `/orders/${order.id}`,
      { version: order.version, status: 'Confirmed', reason: 'Purchase agreement signed.' },
      'orders.update',
    );
    expect(body.vehicles.map((v) => v.status)).toEqual(['Active', 'Active', 'Active']);
    expect(body.status).toBe('In Progress');
    expect(body.version).toBe(order.version + 1);
    expect(items.find((i) => i.entity === 'order')).toMatchObject({ baseVersion: order.version, baseFields: { status: 'Draft' } });
    order = body;

    const trail = expectOk(await api.call<AuditEntry[]>('GET', `/orders/${order.id}/audit`));
    const confirmed = trail.find((e) => e.action === 'confirmed');
    expect(confirmed).toMatchObject({
      origin: 'local',
      actorName: 'Casey Tester',
      reason: 'Purchase agreement signed.',
      changes: [{ field: 'status', before: 'Draft', after: 'Confirmed' }],
    });
    const auto = trail.filter((e) => e.action === 'status_auto');
    expect(auto).toEqual([
      expect.objectContaining({
        origin: 'system',
        changes: [{ field: 'status', before: 'Confirmed', after: 'In Progress' }],
        reason: `Vehicle ${vehicle(0).vin} reached Purchased.`,
      }),
    ]);
  });

  it('remove a vehicle (reason kept) and add it back: one link, Active again, totals follow', async () => {
    const removed = await mutate<Order>(
      'DELETE',
      `/orders/${order.id}/vehicles/${vehicle(2).id}?reason=Failed%20inspection&version=${order.version}`,
      undefined,
      'orders.removeVehicle',
    );
    expect(removed.body).toMatchObject({ totalVehicles: 2, orderValue: 3_000_000, status: 'In Progress' });
    expect(removed.body.vehicleIds).not.toContain(vehicle(2).id);
    expect(removed.body.vehicles.find((v) => v.vehicleId === vehicle(2).id)).toMatchObject({
      status: 'Removed',
      removedReason: 'Failed inspection',
    });

    const readded = await mutate<Order>(
      'POST',
      `/orders/${order.id}/vehicles`,
      { version: removed.body.version, vehicleId: vehicle(2).id, price: 2_500_000 },
      'orders.addVehicle',
      201,
    );
    expect(readded.body).toMatchObject({ totalVehicles: 3, orderValue: 5_500_000 });
    const links = readded.body.vehicles.filter((v) => v.vehicleId === vehicle(2).id);
    expect(links).toEqual([expect.objectContaining({ status: 'Active', price: 2_500_000, removedReason: null, removedDate: null })]);
    order = readded.body;
  });

  it('a stage event re-evaluates the order in the same change set as the vehicle', async () => {
    const { items } = await mutate<VehicleDetail>(
      'POST',
      `/vehicles/${vehicle(1).id}/stages`,
      { stage: 'in_transit' },
      'vehicles.recordStage',
      201,
    );
    expect(entitiesOf(items)).toEqual(['audit', 'order', 'stage_event', 'vehicle']);
    const updated = expectOk(await api.call<Order>('GET', `/orders/${order.id}`));
    expect(updated.progress).toBeCloseTo((1 + 4 + 0) / 27, 4);
    expect(updated.stageCounts).toMatchObject({ pending: 1, purchased: 1, in_transit: 1 });
    order = updated;
  });

  it('deliver all: the order completes by itself with its actual completion date', async () => {
    await payBalance(api, order.id);
    for (const [i, v] of vehicles.entries()) {
      const { body } = await mutate<VehicleDetail>(
        'POST',
        `/vehicles/${v.id}/stages`,
        { stage: 'delivered', note: 'Handed over.' },
        'vehicles.recordStage',
        201,
      );
      expect(body.stage).toBe('delivered');
      const current = expectOk(await api.call<Order>('GET', `/orders/${order.id}`));
      expect(current.status).toBe(i < vehicles.length - 1 ? 'In Progress' : 'Completed');
      expect(current.completedVehicles).toBe(i + 1);
      order = current;
    }
    expect(order).toMatchObject({ status: 'Completed', progress: 1, completedVehicles: 3, totalVehicles: 3 });
    expect(order.actualCompletionDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Date.now() - Date.parse(order.actualCompletionDate ?? '')).toBeLessThan(60_000);

    const trail = expectOk(await api.call<AuditEntry[]>('GET', `/orders/${order.id}/audit`));
    const completion = trail.filter((e) => e.action === 'status_auto').at(-1);
    expect(completion).toMatchObject({
      origin: 'system',
      reason: 'Every active vehicle has been delivered.',
      changes: [
        { field: 'status', before: 'In Progress', after: 'Completed' },
        { field: 'actualCompletionDate', before: null, after: order.actualCompletionDate },
      ],
    });
  });

  it('a Completed order is final: its vehicles stay and are free for a new order', async () => {
    const refused = await api.call('DELETE', `/orders/${order.id}/vehicles/${vehicle(0).id}?reason=x&version=${order.version}`);
    expect(refused.status).toBe(422);
    const detail = expectOk(await api.call<VehicleDetail>('GET', `/vehicles/${vehicle(0).id}`));
    expect(detail.openOrder).toBeNull();
    expect(detail.stageHistory.map((e) => e.stage)).toEqual(['purchased', 'delivered']);
  });

  it('the audit trail holds field-level before/after, who and why for every change, oldest first', async () => {
    const trail = expectOk(await api.call<AuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(trail.map((e) => e.at)).toEqual([...trail.map((e) => e.at)].sort());
    expect(trail.every((e) => e.actorName === 'Casey Tester' && e.actorId === api.user.id)).toBe(true);

    const removal = trail.find((e) => e.action === 'vehicle_removed' && e.entityType === 'order_vehicle');
    expect(removal).toMatchObject({
      entityId: `${order.id}/${vehicle(2).id}`,
      reason: 'Failed inspection',
      origin: 'local',
    });
    expect(removal?.changes).toEqual(
      expect.arrayContaining([
        { field: 'vin', before: null, after: vehicle(2).vin },
        { field: 'status', before: 'Active', after: 'Removed' },
        { field: 'removedReason', before: null, after: 'Failed inspection' },
      ]),
    );
    const orderRemoval = trail.find((e) => e.action === 'vehicle_removed' && e.entityType === 'order');
    expect(orderRemoval?.changes).toEqual(
      expect.arrayContaining([
        { field: 'totalVehicles', before: 3, after: 2 },
        { field: 'orderValue', before: 6_000_000, after: 3_000_000 },
      ]),
    );
    const readd = trail.filter((e) => e.action === 'vehicle_added' && e.entityId === `${order.id}/${vehicle(2).id}`).at(-1);
    expect(readd?.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: 'Removed', after: 'Active' },
        { field: 'price', before: 3_000_000, after: 2_500_000 },
      ]),
    );
    const stages = trail.filter((e) => e.action === 'stage_recorded');
    expect(stages.map((e) => e.changes.find((c) => c.field === 'stage')?.after)).toEqual([
      'purchased',
      'in_transit',
      'delivered',
      'delivered',
      'delivered',
    ]);
    expect(stages.every((e) => e.entityType === 'vehicle' && e.changes.some((c) => c.field === 'stage'))).toBe(true);
    expect(trail.find((e) => e.action === 'stage_recorded' && e.reason === 'Handed over.')).toBeDefined();
  });
});

describe('a vehicle added to a confirmed order', () => {
  it('joins as Active, and one in process moves a Confirmed order to In Progress', async () => {
    const customer = await createCustomer(api);
    const [first, moving] = await createVehicles(api, 2);
    if (!first || !moving) throw new Error('fixture');
    const draft = expectOk(
      await api.call<Order>('POST', '/orders', { customerId: customer.id, currency: 'USD', vehicles: [{ vehicleId: first.id }] }),
      201,
    );
    const confirmed = expectOk(await api.call<Order>('PUT', `/orders/${draft.id}`, { version: draft.version, status: 'Confirmed' }));
    expect(confirmed.status).toBe('Confirmed');
    expectOk(await api.call('POST', `/vehicles/${moving.id}/stages`, { stage: 'export_cleared' }), 201);
    const { body } = await mutate<Order>(
      'POST',
      `/orders/${draft.id}/vehicles`,
      { version: confirmed.version, vehicleId: moving.id },
      'orders.addVehicle',
      201,
    );
    expect(body.status).toBe('In Progress');
    expect(body.vehicles.find((v) => v.vehicleId === moving.id)?.status).toBe('Active');
  });

  it('removing the only undelivered vehicle of an In Progress order completes it', async () => {
    const customer = await createCustomer(api);
    const [done, late] = await createVehicles(api, 2);
    if (!done || !late) throw new Error('fixture');
    const draft = expectOk(
      await api.call<Order>('POST', '/orders', {
        customerId: customer.id,
        currency: 'USD',
        vehicles: [{ vehicleId: done.id }, { vehicleId: late.id }],
      }),
      201,
    );
    expectOk(await api.call('PUT', `/orders/${draft.id}`, { version: draft.version, status: 'Confirmed' }));
    await payBalance(api, draft.id);
    expectOk(await api.call('POST', `/vehicles/${done.id}/stages`, { stage: 'delivered' }), 201);
    const current = expectOk(await api.call<Order>('GET', `/orders/${draft.id}`));
    const { body } = await mutate<Order>(
      'DELETE',
      `/orders/${draft.id}/vehicles/${late.id}?reason=Customer%20keeps%20one%20only&version=${current.version}`,
      undefined,
      'orders.removeVehicle',
    );
    expect(body).toMatchObject({ status: 'Completed', totalVehicles: 1, completedVehicles: 1, progress: 1 });
    expect(body.actualCompletionDate).not.toBeNull();
  });
});

describe('a call that changes nothing', () => {
  it('saving an order unchanged appends no change set and keeps its version', async () => {
    const draft = await createOrder(api, { notes: 'Same.' });
    const seq = lastOutboxSeq(api.backend.db);
    const same = expectOk(await api.call<Order>('PUT', `/orders/${draft.id}`, { version: draft.version, notes: 'Same.' }));
    expect(same.version).toBe(draft.version);
    expect(outboxSince(api.backend.db, seq)).toEqual([]);
  });
});
