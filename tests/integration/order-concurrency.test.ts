// Two CSRs on one order: a stale version is refused on every order change, and a form learns all its mistakes at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../core/domain/order';
import { type ApiHarness, expectError, expectOk, startApi } from '../support/api-harness';
import { createConfirmedOrder, createCustomer, createVehicles, rowCounts } from '../support/fixtures';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

describe('optimistic versions on vehicle changes', () => {
  it('refuses to add a vehicle at a stale order version and returns the current order', async () => {
    const { order } = await createConfirmedOrder(api, 2);
    const [extra, another] = await createVehicles(api, 2);
    // Someone else adds a vehicle first: the order moves on a version.
    const moved = expectOk(
      await api.call<Order>('POST', `/orders/${order.id}/vehicles`, { vehicleId: extra?.id, version: order.version }),
      201,
    );
    expect(moved.version).toBe(order.version + 1);
    const before = rowCounts(api.backend.db);
    const stale = expectError(
      await api.call('POST', `/orders/${order.id}/vehicles`, { vehicleId: another?.id, version: order.version }),
      'CONFLICT',
    );
    expect(stale.message).toContain(`you had version ${order.version}, it is now ${moved.version}`);
    expect(stale.message).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect((stale.current as Order).vehicleIds).toContain(extra?.id);
    expect(rowCounts(api.backend.db)).toEqual(before);
  });

  it('refuses to remove a vehicle at a stale order version (version in the query string)', async () => {
    const { order, vehicles } = await createConfirmedOrder(api, 3);
    const first = vehicles[0]?.id ?? '';
    const second = vehicles[1]?.id ?? '';
    const removed = expectOk(
      await api.call<Order>('DELETE', `/orders/${order.id}/vehicles/${first}?reason=Sold+locally&version=${order.version}`),
    );
    const stale = expectError(
      await api.call('DELETE', `/orders/${order.id}/vehicles/${second}?reason=Duplicate&version=${order.version}`),
      'CONFLICT',
    );
    expect((stale.current as Order).version).toBe(removed.version);
    const fresh = expectOk(
      await api.call<Order>('DELETE', `/orders/${order.id}/vehicles/${second}?reason=Duplicate&version=${removed.version}`),
    );
    expect(
      fresh.vehicles
        .filter((v) => v.status === 'Removed')
        .map((v) => v.vehicleId)
        .sort(),
    ).toEqual([first, second].sort());
  });
});

describe('creating an order with several unpriced vehicles', () => {
  it('names every vehicle whose agreed price is missing, in one answer, and saves nothing', async () => {
    const customer = await createCustomer(api);
    const priced = await createVehicles(api, 1, { purchasePrice: 1_000_000, currency: 'USD' });
    const unpriced = await createVehicles(api, 2, { purchasePrice: 900_000, currency: 'JPY' });
    const before = rowCounts(api.backend.db);
    const error = expectError(
      await api.call('POST', '/orders', {
        customerId: customer.id,
        currency: 'USD',
        vehicles: [...priced, ...unpriced].map((v) => ({ vehicleId: v.id })),
      }),
      'VALIDATION',
    );
    expect(error.message).toBe('Enter the agreed price for 2 vehicles (marked below).');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['vehicles.1.price', 'vehicles.2.price']);
    expect(rowCounts(api.backend.db)).toEqual(before);
  });
});
