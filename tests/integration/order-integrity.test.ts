// The order rules without holes, enforced for every caller of the API: delivered vehicles, real and chronological stage dates, retractions, prices, frozen orders, versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../core/api/errors';
import type { AuditEntry } from '../../core/domain/audit';
import type { Order } from '../../core/domain/order';
import type { Vehicle, VehicleDetail } from '../../core/domain/vehicle';
import { type ApiHarness, type ApiResponse, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import {
  cancelOrder,
  createConfirmedOrder,
  createCustomer,
  createOrder,
  createVehicle,
  createVehicles,
  payBalance,
  snapshot,
} from '../support/fixtures';

let api: ApiHarness;
let managerToken: string;

beforeAll(async () => {
  api = await startApi();
  api.backend.services.auth.createUser({ username: 'morgan', displayName: 'Morgan Manager', password: TEST_PASSWORD, roles: ['Manager'] });
  managerToken = (await api.signIn('morgan', TEST_PASSWORD)).token;
});
afterAll(async () => {
  await api.close();
});

/** Makes the call, checks it was refused with `code`, and that no row of any domain table changed. */
async function refusedWithoutChange(code: ErrorCode, makeCall: () => Promise<ApiResponse>) {
  const before = snapshot(api.backend.db);
  const body = expectError(await makeCall(), code);
  expect(snapshot(api.backend.db)).toEqual(before);
  return body;
}

async function recordStage(vehicle: Vehicle, stage: string, extra: Record<string, unknown> = {}): Promise<VehicleDetail> {
  return expectOk(await api.call<VehicleDetail>('POST', `/vehicles/${vehicle.id}/stages`, { stage, ...extra }), 201);
}

async function getOrder(id: string): Promise<Order> {
  return expectOk(await api.call<Order>('GET', `/orders/${id}`));
}

async function deliveredVehicle(): Promise<Vehicle> {
  const vehicle = await createVehicle(api);
  await recordStage(vehicle, 'delivered');
  return vehicle;
}

describe('a delivered vehicle cannot join an order', () => {
  it('is refused on create and on add, naming the rule, and nothing is written', async () => {
    const vehicle = await deliveredVehicle();
    const customer = await createCustomer(api);
    const onCreate = await refusedWithoutChange('RULE_VIOLATION', () =>
      api.call('POST', '/orders', { currency: 'USD', customerId: customer.id, vehicles: [{ vehicleId: vehicle.id }] }),
    );
    expect(onCreate.message).toBe(
      `Vehicle ${vehicle.vin} has already been delivered: a delivered vehicle cannot join an order (it would complete the order at once).`,
    );
    expect(onCreate.fields).toHaveProperty(['vehicles.0.vehicleId']);
    const { order } = await createConfirmedOrder(api, 1);
    const onAdd = await refusedWithoutChange('RULE_VIOLATION', () =>
      api.call('POST', `/orders/${order.id}/vehicles`, { version: order.version, vehicleId: vehicle.id }),
    );
    expect(onAdd.message).toContain('a delivered vehicle cannot join an order');
  });
});

describe('a vehicle delivered while its order was a Draft', () => {
  it('keeps the Draft from being confirmed (it would complete at once), naming the vehicle', async () => {
    const customer = await createCustomer(api);
    const [waiting, early] = await createVehicles(api, 2);
    if (!waiting || !early) throw new Error('fixture');
    const draft = await createOrder(api, { customerId: customer.id, vehicles: [{ vehicleId: waiting.id }, { vehicleId: early.id }] });
    await recordStage(early, 'delivered');
    const current = await getOrder(draft.id);
    const body = await refusedWithoutChange('RULE_VIOLATION', () =>
      api.call('PUT', `/orders/${draft.id}`, { version: current.version, status: 'Confirmed' }),
    );
    expect(body.message).toBe(
      `Vehicle ${early.vin} has already been delivered: remove it from order ${draft.orderNumber} before confirming (a delivered vehicle cannot join an order).`,
    );
    // The way out the message names: the delivered vehicle leaves the Draft, which then confirms.
    const without = expectOk(
      await api.call<Order>('DELETE', `/orders/${draft.id}/vehicles/${early.id}?version=${current.version}&reason=Sold%20elsewhere`),
    );
    const confirmed = expectOk(await api.call<Order>('PUT', `/orders/${draft.id}`, { version: without.version, status: 'Confirmed' }));
    expect(confirmed.status).toBe('Confirmed');
  });
});

describe('stage events are chronological and real', () => {
  it('refuses an impossible date instead of rolling it over (2026-02-30 is not 2 March)', async () => {
    const vehicle = await createVehicle(api);
    const body = await refusedWithoutChange('VALIDATION', () =>
      api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased', at: '2026-02-30T10:00:00Z' }),
    );
    expect(body.fields?.at).toMatch(/^Stage date must be a real date and time/);
  });

  it('refuses a date in the future beyond a few minutes of clock skew, and accepts one within it', async () => {
    const vehicle = await createVehicle(api);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const body = await refusedWithoutChange('RULE_VIOLATION', () =>
      api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased', at: tomorrow }),
    );
    expect(body.message).toContain('is in the future');
    expect(body.fields).toHaveProperty('at');
    const skewed = new Date(Date.now() + 60_000).toISOString();
    expect((await recordStage(vehicle, 'purchased', { at: skewed })).stage).toBe('purchased');
  });

  it('refuses a date before the vehicle could exist (model year 2019: nothing before 2018)', async () => {
    const vehicle = await createVehicle(api, { year: 2019 });
    const body = await refusedWithoutChange('RULE_VIOLATION', () =>
      api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased', at: '2017-12-31T23:00:00Z' }),
    );
    expect(body.message).toBe(
      `The Purchased date 2017-12-31 is before vehicle ${vehicle.vin} could exist (model year 2019): check the year of the date.`,
    );
    expect((await recordStage(vehicle, 'purchased', { at: '2018-06-01T00:00:00Z' })).stageAt).toBe('2018-06-01T00:00:00.000Z');
  });

  it('refuses a date earlier than the latest recorded stage, saying which stage and date it conflicts with', async () => {
    const vehicle = await createVehicle(api);
    await recordStage(vehicle, 'in_transit', { at: '2026-03-04T08:00:00Z' });
    const body = await refusedWithoutChange('RULE_VIOLATION', () =>
      api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'arrived', at: '2026-03-01T08:00:00Z' }),
    );
    expect(body.message).toBe(
      `Vehicle ${vehicle.vin} reached In transit on 2026-03-04: a Arrived date must be on or after that, not 2026-03-01.`,
    );
    expect(body.fields).toHaveProperty('at');
  });

  it('still refuses the stage the vehicle is already at', async () => {
    const vehicle = await createVehicle(api);
    await recordStage(vehicle, 'purchased');
    const body = await refusedWithoutChange('RULE_VIOLATION', () =>
      api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased' }),
    );
    expect(body.message).toBe(`Vehicle ${vehicle.vin} is already at stage Purchased.`);
  });
});

describe('correcting a mistake: retracting the latest stage event', () => {
  it('a CSR retracts a wrong stage with a reason: kept and marked, the vehicle goes back, the order follows, all audited', async () => {
    const { order, vehicles } = await createConfirmedOrder(api, 2);
    const [first] = vehicles;
    if (!first) throw new Error('fixture');
    await recordStage(first, 'purchased');
    const wrong = await recordStage(first, 'in_transit');
    const event = wrong.stageHistory.at(-1);
    if (!event) throw new Error('no event');
    const after = expectOk(
      await api.call<VehicleDetail>('POST', `/vehicles/${first.id}/stages/${event.id}/retract`, { reason: 'Clicked the wrong row.' }),
    );
    expect(after.stage).toBe('purchased');
    expect(after.stageHistory).toHaveLength(2);
    expect(after.stageHistory.at(-1)).toMatchObject({
      id: event.id,
      stage: 'in_transit',
      retractedBy: api.user.id,
      retractedByName: 'Casey Tester',
      retractReason: 'Clicked the wrong row.',
      retractedAt: expect.any(String),
    });
    const current = await getOrder(order.id);
    expect(current.stageCounts).toMatchObject({ purchased: 1, pending: 1, in_transit: 0 });
    const trail = expectOk(await api.call<AuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(trail.find((e) => e.action === 'stage_retracted')).toMatchObject({
      entityId: first.id,
      reason: 'Clicked the wrong row.',
      changes: expect.arrayContaining([{ field: 'stage', before: 'in_transit', after: 'purchased' }]),
    });
  });

  it('refuses to retract anything but the latest event, or without a reason', async () => {
    const vehicle = await createVehicle(api);
    const first = (await recordStage(vehicle, 'purchased')).stageHistory[0];
    await recordStage(vehicle, 'export_cleared');
    if (!first) throw new Error('no event');
    const body = await refusedWithoutChange('RULE_VIOLATION', () =>
      api.call('POST', `/vehicles/${vehicle.id}/stages/${first.id}/retract`, { reason: 'Wrong.' }),
    );
    expect(body.message).toContain('Only the latest stage');
    const noReason = await refusedWithoutChange('VALIDATION', () =>
      api.call('POST', `/vehicles/${vehicle.id}/stages/${first.id}/retract`, {}),
    );
    expect(noReason.fields).toEqual({ reason: 'Reason is required.' });
    await refusedWithoutChange('NOT_FOUND', () =>
      api.call('POST', `/vehicles/${vehicle.id}/stages/no-such-event/retract`, { reason: 'x' }),
    );
  });

  it('a wrong "Delivered" that completed an order: a CSR is refused, a Manager reopens the order to In Progress (a system-rule entry)', async () => {
    const { order, vehicles } = await createConfirmedOrder(api, 1);
    const [vehicle] = vehicles;
    if (!vehicle) throw new Error('fixture');
    await payBalance(api, order.id);
    const delivered = await recordStage(vehicle, 'delivered');
    expect((await getOrder(order.id)).status).toBe('Completed');
    const event = delivered.stageHistory.at(-1);
    if (!event) throw new Error('no event');
    const path = `/vehicles/${vehicle.id}/stages/${event.id}/retract`;
    const refused = await refusedWithoutChange('FORBIDDEN', () => api.call('POST', path, { reason: 'Not delivered yet.' }));
    expect(refused.message).toContain('only a Manager can do that');

    const after = expectOk(await api.call<VehicleDetail>('POST', path, { reason: 'Not delivered yet.' }, { token: managerToken }));
    expect(after.stage).toBe('pending');
    const reopened = await getOrder(order.id);
    expect(reopened).toMatchObject({ status: 'In Progress', actualCompletionDate: null, completedVehicles: 0 });
    const trail = expectOk(await api.call<AuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(trail.find((e) => e.action === 'reopened')).toMatchObject({
      origin: 'system',
      actorName: 'Morgan Manager',
      changes: expect.arrayContaining([{ field: 'status', before: 'Completed', after: 'In Progress' }]),
      reason: `Vehicle ${vehicle.vin}: Delivered retracted: Not delivered yet.`,
    });
    // The vehicle's own retraction entry is in the reopened order's history too.
    expect(trail.find((e) => e.action === 'stage_retracted')).toMatchObject({ entityId: vehicle.id, reason: 'Not delivered yet.' });
    // Open again: the order takes edits and the vehicle can be delivered for real later.
    expect((await recordStage(vehicle, 'delivered')).stage).toBe('delivered');
    expect((await getOrder(order.id)).status).toBe('Completed');
  });
});

describe('prices', () => {
  it('refuses zero prices for a line and a purchase', async () => {
    const vehicle = await createVehicle(api);
    const line = await refusedWithoutChange('VALIDATION', () =>
      api.call('POST', '/orders', { currency: 'USD', vehicles: [{ vehicleId: vehicle.id, price: 0 }] }),
    );
    expect(line.fields).toEqual({ 'vehicles.0.price': 'Price must be greater than zero.' });
    const purchase = await refusedWithoutChange('VALIDATION', () =>
      api.call('POST', '/vehicles', {
        vin: 'ZVW30-7000001',
        make: 'Toyota',
        model: 'Prius',
        year: 2019,
        purchasePrice: 0,
        currency: 'USD',
      }),
    );
    expect(purchase.fields).toEqual({ purchasePrice: 'Purchase price must be greater than zero.' });
  });

  it('changes the agreed price of a line at a known version, audited, until the order is final', async () => {
    const { order, vehicles } = await createConfirmedOrder(api, 2);
    const [vehicle] = vehicles;
    if (!vehicle) throw new Error('fixture');
    const path = `/orders/${order.id}/vehicles/${vehicle.id}`;
    const repriced = expectOk(await api.call<Order>('PUT', path, { version: order.version, price: 250_000 }));
    expect(repriced.orderValue).toBe(350_000);
    expect(repriced.vehicles.find((v) => v.vehicleId === vehicle.id)?.price).toBe(250_000);
    const stale = await refusedWithoutChange('CONFLICT', () => api.call('PUT', path, { version: order.version, price: 300_000 }));
    expect(stale.current).toMatchObject({ orderValue: 350_000 });
    const trail = expectOk(await api.call<AuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(trail.find((e) => e.action === 'vehicle_repriced' && e.entityType === 'order_vehicle')).toMatchObject({
      changes: expect.arrayContaining([{ field: 'price', before: 100_000, after: 250_000 }]),
    });
    const cancelled = await cancelOrder(api, repriced);
    const frozen = await refusedWithoutChange('RULE_VIOLATION', () => api.call('PUT', path, { version: cancelled.version, price: 1 }));
    expect(frozen.message).toBe(`Order ${order.orderNumber} is Cancelled: its prices can no longer change.`);
  });
});

describe('an order needs a customer or a vehicle', () => {
  it('refuses an empty order (an empty New-order form creates no junk Draft)', async () => {
    const body = await refusedWithoutChange('VALIDATION', () => api.call('POST', '/orders', { currency: 'USD' }));
    expect(body.message).toBe(
      'An order needs a customer or at least one vehicle: choose a customer or add a vehicle before saving the order.',
    );
    expect(Object.keys(body.fields ?? {})).toEqual(['customerId', 'vehicles']);
  });

  it('refuses to empty a Draft by taking away its customer or its only vehicle', async () => {
    const withCustomer = await createOrder(api);
    await refusedWithoutChange('VALIDATION', () =>
      api.call('PUT', `/orders/${withCustomer.id}`, { version: withCustomer.version, customerId: null }),
    );
    const vehicle = await createVehicle(api);
    const withVehicle = await createOrder(api, { vehicles: [{ vehicleId: vehicle.id }] });
    const body = await refusedWithoutChange('VALIDATION', () =>
      api.call('DELETE', `/orders/${withVehicle.id}/vehicles/${vehicle.id}?version=${withVehicle.version}`),
    );
    expect(body.message).toContain('cancel the draft instead');
  });
});

describe('Completed and Cancelled orders are frozen', () => {
  it('refuses edits to notes, dates and lines of a Completed or Cancelled order', async () => {
    const { order: completed, vehicles } = await createConfirmedOrder(api, 1);
    if (!vehicles[0]) throw new Error('fixture');
    await payBalance(api, completed.id);
    await recordStage(vehicles[0], 'delivered');
    const done = await getOrder(completed.id);
    const { order: open } = await createConfirmedOrder(api, 1);
    const cancelled = await cancelOrder(api, open, 'Withdrawn.');
    for (const order of [done, cancelled]) {
      const notes = await refusedWithoutChange('RULE_VIOLATION', () =>
        api.call('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Late note.' }),
      );
      expect(notes.message).toBe(`Order ${order.orderNumber} is ${order.status}: its notes can no longer change.`);
      await refusedWithoutChange('RULE_VIOLATION', () =>
        api.call('PUT', `/orders/${order.id}`, { version: order.version, estimatedCompletionDate: '2027-01-01' }),
      );
      const spare = await createVehicle(api);
      await refusedWithoutChange('RULE_VIOLATION', () =>
        api.call('POST', `/orders/${order.id}/vehicles`, { version: order.version, vehicleId: spare.id }),
      );
    }
  });

  it('a Cancelled order keeps its stage counts and progress as they were at cancellation', async () => {
    const { order, vehicles } = await createConfirmedOrder(api, 2);
    const [a, b] = vehicles;
    if (!a || !b) throw new Error('fixture');
    await recordStage(a, 'in_transit');
    const before = await getOrder(order.id);
    const cancelled = await cancelOrder(api, before, 'Finance declined.');
    expect(cancelled.stageCounts).toMatchObject({ in_transit: 1, pending: 1 });
    // Its vehicles move on in another order...
    const next = await createConfirmedOrderWith([a, b]);
    await payBalance(api, next.id);
    await recordStage(a, 'delivered');
    await recordStage(b, 'arrived');
    expect((await getOrder(next.id)).stageCounts).toMatchObject({ delivered: 1, arrived: 1 });
    // ...and the cancelled order still shows what it was.
    const still = await getOrder(order.id);
    expect(still.stageCounts).toMatchObject({ in_transit: 1, pending: 1, delivered: 0, arrived: 0 });
    expect(still.progress).toBe(before.progress);
    expect(still.completedVehicles).toBe(0);
    expect(still.vehicles.map((v) => v.stage).sort()).toEqual(['in_transit', 'pending']);
    // ...with the dates as they were then, not the ones the vehicles reached since.
    const atCancel = new Map(cancelled.vehicles.map((v) => [v.vehicleId, v.stageAt]));
    for (const v of still.vehicles) expect(v.stageAt).toBe(atCancel.get(v.vehicleId));
  });
});

async function createConfirmedOrderWith(vehicles: Vehicle[]): Promise<Order> {
  const customer = await createCustomer(api);
  const draft = await createOrder(api, { customerId: customer.id, vehicles: vehicles.map((v) => ({ vehicleId: v.id, price: 100_000 })) });
  return expectOk(await api.call<Order>('PUT', `/orders/${draft.id}`, { version: draft.version, status: 'Confirmed' }));
}

describe('version is required on every change to an existing order', () => {
  it('refuses add and remove without a version (naming it) and at a stale one (409)', async () => {
    const { order, vehicles } = await createConfirmedOrder(api, 2);
    const [spare] = await createVehicles(api, 1);
    if (!spare || !vehicles[0]) throw new Error('fixture');
    const add = await refusedWithoutChange('VALIDATION', () => api.call('POST', `/orders/${order.id}/vehicles`, { vehicleId: spare.id }));
    expect(add.fields).toEqual({ version: 'version is required: send the version of the record you last loaded.' });
    const remove = await refusedWithoutChange('VALIDATION', () =>
      api.call('DELETE', `/orders/${order.id}/vehicles/${vehicles[0]?.id ?? ''}?reason=x`),
    );
    expect(remove.fields).toHaveProperty('version');
    await refusedWithoutChange('CONFLICT', () =>
      api.call('DELETE', `/orders/${order.id}/vehicles/${vehicles[0]?.id ?? ''}?reason=x&version=${order.version + 5}`),
    );
    await refusedWithoutChange('VALIDATION', () =>
      api.call('DELETE', `/orders/${order.id}/vehicles/${vehicles[0]?.id ?? ''}?reason=x&version=0x1`),
    );
  });
});

describe('one definition of an open order', () => {
  it('a vehicle whose only order was deleted is free again, in every list', async () => {
    const vehicle = await createVehicle(api);
    const draft = await createOrder(api, { vehicles: [{ vehicleId: vehicle.id }] });
    expect(expectOk(await api.call<VehicleDetail>('GET', `/vehicles/${vehicle.id}`)).openOrder).toMatchObject({ orderId: draft.id });
    api.backend.db.prepare('UPDATE orders SET deleted = 1 WHERE id = ?').run(draft.id);
    expect(expectOk(await api.call<VehicleDetail>('GET', `/vehicles/${vehicle.id}`)).openOrder).toBeNull();
    const available = expectOk(await api.call<{ items: Vehicle[] }>('GET', `/vehicles?available=true&query=${vehicle.vin}`));
    expect(available.items.map((v) => v.id)).toEqual([vehicle.id]);
  });
});
