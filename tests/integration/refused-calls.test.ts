// A refused call changes nothing: every service call is one transaction, so a refusal leaves every row as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../core/api/errors';
import type { Order } from '../../core/domain/order';
import type { Vehicle } from '../../core/domain/vehicle';
import { type ApiHarness, type ApiResponse, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import {
  createConfirmedOrder,
  managerToken,
  createCustomer,
  createOrder,
  createVehicle,
  createVehicles,
  rowCounts,
  snapshot,
} from '../support/fixtures';

let api: ApiHarness;
/** A confirmed order with one vehicle, a Draft without customer, spare vehicles: the targets of the refused calls. */
let confirmedOne: { order: Order; vehicles: Vehicle[] };
let draftWithoutCustomer: Order;
let spare: Vehicle[];

beforeAll(async () => {
  api = await startApi();
  confirmedOne = await createConfirmedOrder(api, 1);
  const vehicle = await createVehicle(api);
  draftWithoutCustomer = await createOrder(api, { vehicles: [{ vehicleId: vehicle.id }] });
  spare = await createVehicles(api, 2);
  const moved = await createVehicle(api);
  expectOk(await api.call('POST', `/vehicles/${moved.id}/stages`, { stage: 'arrived' }), 201);
  spare.push(moved);
});
afterAll(async () => {
  await api.close();
});

/** Makes the call, checks it was refused with `code`, and that no row of any domain table changed. */
async function expectRefusedWithoutChange(code: ErrorCode, makeCall: () => Promise<ApiResponse>): Promise<void> {
  const countsBefore = rowCounts(api.backend.db);
  const before = snapshot(api.backend.db);
  expectError(await makeCall(), code);
  expect(rowCounts(api.backend.db)).toEqual(countsBefore);
  expect(snapshot(api.backend.db)).toEqual(before);
}

function spareVehicle(i: number): Vehicle {
  const vehicle = spare[i];
  if (!vehicle) throw new Error(`no spare vehicle ${i}`);
  return vehicle;
}

describe('a refused call changes nothing', () => {
  it('a multi-vehicle create whose 3rd vehicle has a bad price leaves no partial order', async () => {
    await expectRefusedWithoutChange('VALIDATION', () =>
      api.call('POST', '/orders', {
        currency: 'USD',
        vehicles: [{ vehicleId: spareVehicle(0).id }, { vehicleId: spareVehicle(1).id }, { vehicleId: spareVehicle(2).id, price: -1 }],
      }),
    );
  });

  it('a multi-vehicle create whose 3rd vehicle does not exist leaves no partial order and uses no order number', async () => {
    await expectRefusedWithoutChange('NOT_FOUND', () =>
      api.call('POST', '/orders', {
        currency: 'USD',
        vehicles: [{ vehicleId: spareVehicle(0).id }, { vehicleId: spareVehicle(1).id }, { vehicleId: 'no-such-vehicle' }],
      }),
    );
  });

  it('a multi-vehicle create whose 3rd vehicle is in another open order leaves no partial order', async () => {
    const held = confirmedOne.vehicles[0];
    if (!held) throw new Error('fixture');
    await expectRefusedWithoutChange('RULE_VIOLATION', () =>
      api.call('POST', '/orders', {
        currency: 'USD',
        vehicles: [{ vehicleId: spareVehicle(0).id }, { vehicleId: spareVehicle(1).id }, { vehicleId: held.id, price: 5 }],
      }),
    );
  });

  it('a multi-vehicle create whose 3rd vehicle has no price in the order currency leaves no partial order', async () => {
    const yen = await createVehicle(api, { purchasePrice: 1_500_000, currency: 'JPY' });
    await expectRefusedWithoutChange('VALIDATION', () =>
      api.call('POST', '/orders', {
        currency: 'USD',
        vehicles: [{ vehicleId: spareVehicle(0).id }, { vehicleId: spareVehicle(1).id }, { vehicleId: yen.id }],
      }),
    );
  });

  it('the next order after refused creates gets the next order number: refusals leave no gap', async () => {
    const last = await createOrder(api);
    const next = await createOrder(api);
    const number = (o: Order): number => Number(o.orderNumber.slice(-5));
    expect(number(next)).toBe(number(last) + 1);
    const all = api.backend.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orders').get()?.n;
    expect(number(next)).toBe(all);
  });

  it('removing the last vehicle of a confirmed order', async () => {
    const { order, vehicles } = confirmedOne;
    await expectRefusedWithoutChange('RULE_VIOLATION', () =>
      api.call('DELETE', `/orders/${order.id}/vehicles/${vehicles[0]?.id ?? ''}?reason=Not%20wanted&version=${order.version}`),
    );
  });

  it('confirming without a customer, even with other changes in the same call', async () => {
    await expectRefusedWithoutChange('RULE_VIOLATION', () =>
      api.call('PUT', `/orders/${draftWithoutCustomer.id}`, {
        version: draftWithoutCustomer.version,
        notes: 'Should not be saved.',
        estimatedCompletionDate: '2027-01-01',
        status: 'Confirmed',
      }),
    );
  });

  it('cancelling without a reason', async () => {
    const { order } = confirmedOne;
    // As a Manager: a CSR may not cancel a confirmed order at all.
    const token = await managerToken(api);
    await expectRefusedWithoutChange('VALIDATION', () =>
      api.call('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Not saved.', status: 'Cancelled' }, { token }),
    );
  });

  it('a CSR cancelling a confirmed order (a Manager may; a CSR cancels only a Draft)', async () => {
    const { order } = confirmedOne;
    await expectRefusedWithoutChange('FORBIDDEN', () =>
      api.call('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Not saved.', status: 'Cancelled', reason: 'Withdrawn.' }),
    );
  });

  it('a PUT at a stale version', async () => {
    const { order } = confirmedOne;
    await expectRefusedWithoutChange('CONFLICT', () =>
      api.call('PUT', `/orders/${order.id}`, { version: order.version - 1, notes: 'From an old window.' }),
    );
  });

  it('adding a vehicle that is in another open order', async () => {
    const held = confirmedOne.vehicles[0];
    if (!held) throw new Error('fixture');
    await expectRefusedWithoutChange('RULE_VIOLATION', () =>
      api.call('POST', `/orders/${draftWithoutCustomer.id}/vehicles`, {
        version: draftWithoutCustomer.version,
        vehicleId: held.id,
        price: 1,
      }),
    );
  });

  it('registering a duplicate VIN', async () => {
    await expectRefusedWithoutChange('CONFLICT', () =>
      api.call('POST', '/vehicles', { vin: spareVehicle(0).vin, make: 'Nissan', model: 'Leaf', year: 2018 }),
    );
  });

  it('recording a stage backwards or in the future', async () => {
    const arrived = spareVehicle(2);
    await expectRefusedWithoutChange('RULE_VIOLATION', () => api.call('POST', `/vehicles/${arrived.id}/stages`, { stage: 'in_transit' }));
    await expectRefusedWithoutChange('VALIDATION', () =>
      api.call('POST', `/vehicles/${arrived.id}/stages`, { stage: 'customs_cleared', at: '2999-01-01T00:00:00Z' }),
    );
  });

  it('updating a customer with an invalid email', async () => {
    const customer = await createCustomer(api);
    await expectRefusedWithoutChange('VALIDATION', () =>
      api.call('PUT', `/customers/${customer.id}`, { version: customer.version, name: 'New Name', email: 'not-an-email' }),
    );
  });

  it('calls without a session or without the permission', async () => {
    await expectRefusedWithoutChange('UNAUTHENTICATED', () => api.call('POST', '/customers', { name: 'Anonymous' }, { token: null }));
    api.backend.services.auth.createUser({ username: 'viewer', displayName: 'Viewer', password: TEST_PASSWORD, roles: [] });
    const { token } = await api.signIn('viewer', TEST_PASSWORD);
    await expectRefusedWithoutChange('FORBIDDEN', () => api.call('POST', '/customers', { name: 'Not Allowed' }, { token }));
  });
});
