// The HTTP API's error classes: each refusal has the right status, a {code, message, fields?} body for a person, and no stack trace.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../core/auth/permissions';
import type { Customer } from '../../core/domain/customer';
import type { Order } from '../../core/domain/order';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD, TEST_USER } from '../support/api-harness';
import {
  cancelOrder,
  createConfirmedOrder,
  managerToken,
  createCustomer,
  createOrder,
  createVehicle,
  createVehicles,
} from '../support/fixtures';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

describe('400 VALIDATION', () => {
  it('names the failing field of a multi-vehicle order: vehicles.1.price', async () => {
    const [a, b] = await createVehicles(api, 2);
    if (!a || !b) throw new Error('fixture');
    const body = expectError(
      await api.call('POST', '/orders', { currency: 'USD', vehicles: [{ vehicleId: a.id }, { vehicleId: b.id, price: -100 }] }),
      'VALIDATION',
    );
    expect(body).toEqual({
      code: 'VALIDATION',
      message: 'Price must be greater than zero.',
      fields: { 'vehicles.1.price': 'Price must be greater than zero.' },
    });
  });

  it('names the VIN field with the check-digit message', async () => {
    const body = expectError(
      await api.call('POST', '/vehicles', { vin: '1HGCM82633A004353', make: 'Honda', model: 'Accord', year: 2003 }),
      'VALIDATION',
    );
    expect(body.fields).toEqual({
      vin: 'VIN "1HGCM82633A004353" fails its check digit (position 9 should be 5): check for a mistyped character.',
    });
  });

  it('names a bad query parameter', async () => {
    expect(expectError(await api.call('GET', '/orders?limit=0'), 'VALIDATION').fields).toEqual({
      limit: 'limit must be a whole number from 1 to 200.',
    });
    expect(expectError(await api.call('GET', '/orders?status=Shipped'), 'VALIDATION').fields).toHaveProperty('status');
    expect(expectError(await api.call('GET', '/orders?cursor=not-a-cursor'), 'VALIDATION').fields).toEqual({
      cursor: 'Not a cursor returned by this list.',
    });
  });

  it('asks for the agreed price when the vehicle has none in the order currency', async () => {
    const vehicle = await createVehicle(api, { purchasePrice: 150_000_000, currency: 'JPY' });
    const body = expectError(await api.call('POST', '/orders', { currency: 'USD', vehicles: [{ vehicleId: vehicle.id }] }), 'VALIDATION');
    expect(body.fields).toEqual({ 'vehicles.0.price': 'Agreed price in USD is required.' });
    expect(body.message).toBe(`Enter the agreed price for vehicle ${vehicle.vin}: its purchase price is in JPY and the order is in USD.`);
  });

  it('refuses a path that is not valid percent-encoding', async () => {
    const body = expectError(await api.call('GET', '/orders/%E0%A4%A'), 'VALIDATION');
    expect(body.message).toBe('The address /orders/%E0%A4%A is not valid: check the id in it.');
  });

  it('refuses a body that is not a JSON object', async () => {
    expect(expectError(await api.call('POST', '/customers', '{"name": '), 'VALIDATION').message).toBe(
      'The request body is not valid JSON.',
    );
    expect(expectError(await api.call('POST', '/customers', [{ name: 'x' }]), 'VALIDATION').message).toBe(
      'The request body must be a JSON object.',
    );
  });

  it('needs a reason to cancel', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    // As a Manager: a CSR may not cancel a confirmed order at all (403), reason or not.
    const token = await managerToken(api);
    const body = expectError(
      await api.call('PUT', `/orders/${order.id}`, { version: order.version, status: 'Cancelled' }, { token }),
      'VALIDATION',
    );
    expect(body.fields).toEqual({ reason: 'A reason is required to cancel an order.' });
  });
});

describe('401 UNAUTHENTICATED', () => {
  it('refuses a call without a token', async () => {
    const body = expectError(await api.call('GET', '/orders', undefined, { token: null }), 'UNAUTHENTICATED');
    expect(body).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in to continue.' });
  });

  it('refuses an unknown token', async () => {
    const body = expectError(await api.call('GET', '/orders', undefined, { token: 'forged-token' }), 'UNAUTHENTICATED');
    expect(body.message).toBe('Your session has ended. Sign in again to continue.');
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    for (const [username, password] of [
      [TEST_USER.username, 'wrong'],
      ['nobody', TEST_PASSWORD],
    ]) {
      const body = expectError(await api.call('POST', '/auth/login', { username, password }, { token: null }), 'UNAUTHENTICATED');
      expect(body.message).toBe('Wrong username or password. Check both and try again.');
    }
  });

  it('authenticates before validating: no token and a bad body is 401, not 400', async () => {
    expectError(await api.call('POST', '/orders', { currency: 'nope' }, { token: null }), 'UNAUTHENTICATED');
  });
});

describe('403 FORBIDDEN', () => {
  it('refuses an operation the user’s roles do not allow, before validating the input', async () => {
    api.backend.services.auth.createUser({ username: 'nobody-roles', displayName: 'No Roles', password: TEST_PASSWORD, roles: [] });
    const { token } = await api.signIn('nobody-roles', TEST_PASSWORD);
    expectError(await api.call('GET', '/orders', undefined, { token }), 'FORBIDDEN');
    const body = expectError(await api.call('POST', '/orders', { currency: 'nope' }, { token }), 'FORBIDDEN');
    expect(body.message).toContain('Ask an administrator for access.');
    expect(expectOk(await api.call<SessionUser>('GET', '/auth/me', undefined, { token })).roles).toEqual([]);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const url = new URL(api.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/system/info', headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('404 NOT_FOUND', () => {
  it('says which order, vehicle or customer was not found', async () => {
    const order = expectError(await api.call('GET', '/orders/no-such-order'), 'NOT_FOUND');
    expect(order.message).toBe('Order no-such-order was not found. It may have been deleted; refresh the list.');
    expectError(await api.call('GET', '/orders/no-such-order/audit'), 'NOT_FOUND');
    expectError(await api.call('PUT', '/orders/no-such-order', { version: 1, notes: 'x' }), 'NOT_FOUND');
    expect(expectError(await api.call('GET', '/vehicles/no-such-vehicle'), 'NOT_FOUND').message).toContain('Vehicle no-such-vehicle');
    expectError(await api.call('POST', '/vehicles/no-such-vehicle/stages', { stage: 'purchased' }), 'NOT_FOUND');
    expect(expectError(await api.call('GET', '/customers/no-such-customer'), 'NOT_FOUND').message).toContain('Customer no-such-customer');
    expectError(await api.call('PUT', '/customers/no-such-customer', { version: 1, name: 'x' }), 'NOT_FOUND');
  });

  it('names the field that points to a missing customer or vehicle', async () => {
    const draft = await createOrder(api);
    expect(expectError(await api.call('POST', '/orders', { currency: 'USD', customerId: 'gone' }), 'NOT_FOUND').fields).toEqual({
      customerId: 'No customer with this id.',
    });
    expect(
      expectError(await api.call('POST', `/orders/${draft.id}/vehicles`, { version: draft.version, vehicleId: 'gone' }), 'NOT_FOUND')
        .fields,
    ).toEqual({
      vehicleId: 'No vehicle with this id.',
    });
    expectError(await api.call('DELETE', `/orders/${draft.id}/vehicles/gone?version=${draft.version}`), 'NOT_FOUND');
  });

  it('answers an unknown route with NOT_FOUND', async () => {
    expect(expectError(await api.call('GET', '/shipments'), 'NOT_FOUND').message).toBe(
      'There is no GET /shipments in the Portside API. Open the app at / (its screens live after the #, e.g. /#/orders).',
    );
    expect(expectError(await api.call('POST', '/shipments', {}), 'NOT_FOUND').message).toBe(
      'There is no POST /shipments in the Portside API.',
    );
  });
});

describe('405 METHOD_NOT_ALLOWED', () => {
  it('answers a known path with the wrong method with 405 and the methods it takes in Allow', async () => {
    const res = await api.call('DELETE', '/orders');
    expect(expectError(res, 'METHOD_NOT_ALLOWED').message).toBe('DELETE is not supported on /orders: use GET, POST.');
    expect(res.headers.get('allow')).toBe('GET, POST');
  });
});

describe('409 CONFLICT', () => {
  it('refuses a PUT /orders/:id at a stale version and returns the current order', async () => {
    const draft = await createOrder(api);
    const current = expectOk(await api.call<Order>('PUT', `/orders/${draft.id}`, { version: draft.version, notes: 'First window.' }));
    const body = expectError(await api.call('PUT', `/orders/${draft.id}`, { version: draft.version, notes: 'Second window.' }), 'CONFLICT');
    expect(body.message).toContain(`you had version ${draft.version}, it is now ${current.version}`);
    expect(body.current).toEqual(current);
    expect(expectOk(await api.call<Order>('GET', `/orders/${draft.id}`)).notes).toBe('First window.');
  });

  it('refuses a PUT /customers/:id at a stale version', async () => {
    const customer = await createCustomer(api);
    const current = expectOk(await api.call<Customer>('PUT', `/customers/${customer.id}`, { version: 1, notes: 'A' }));
    const body = expectError(await api.call('PUT', `/customers/${customer.id}`, { version: 1, notes: 'B' }), 'CONFLICT');
    expect(body.current).toEqual(current);
  });

  it('refuses a duplicate VIN, however it is typed', async () => {
    const vehicle = await createVehicle(api);
    const body = expectError(
      await api.call('POST', '/vehicles', { vin: ` ${vehicle.vin.toLowerCase()} `, make: 'Honda', model: 'Fit', year: 2015 }),
      'CONFLICT',
    );
    expect(body.message).toBe(`Vehicle ${vehicle.vin} is already registered (2019 Toyota Prius).`);
    expect(body.fields).toEqual({ vin: 'This VIN or chassis number is already registered.' });
  });
});

describe('422 RULE_VIOLATION', () => {
  it('refuses to remove the last vehicle of a confirmed order', async () => {
    const { order, vehicles } = await createConfirmedOrder(api, 1);
    const vin = vehicles[0]?.vin ?? '';
    const body = expectError(
      await api.call(
        'DELETE',
        `/orders/${order.id}/vehicles/${vehicles[0]?.id ?? ''}?reason=No%20longer%20wanted&version=${order.version}`,
      ),
      'RULE_VIOLATION',
    );
    expect(body.message).toBe(`Vehicle ${vin} is the last vehicle of order ${order.orderNumber}: cancel the order instead.`);
  });

  it('refuses to confirm an order without a customer', async () => {
    const vehicle = await createVehicle(api);
    const draft = await createOrder(api, { vehicles: [{ vehicleId: vehicle.id }] });
    const body = expectError(
      await api.call('PUT', `/orders/${draft.id}`, { version: draft.version, status: 'Confirmed' }),
      'RULE_VIOLATION',
    );
    expect(body.message).toBe(`Order ${draft.orderNumber} cannot be confirmed yet: it needs a customer.`);
  });

  it('refuses to add a vehicle that is in another open order, naming that order', async () => {
    const { order: holder, vehicles } = await createConfirmedOrder(api, 1);
    const vehicle = vehicles[0];
    if (!vehicle) throw new Error('fixture');
    const other = await createOrder(api);
    const body = expectError(
      await api.call('POST', `/orders/${other.id}/vehicles`, { version: other.version, vehicleId: vehicle.id, price: 1 }),
      'RULE_VIOLATION',
    );
    expect(body.message).toBe(`Vehicle ${vehicle.vin} is already in order ${holder.orderNumber}: remove it there first.`);
    const onCreate = expectError(
      await api.call('POST', '/orders', { currency: 'USD', vehicles: [{ vehicleId: vehicle.id, price: 1 }] }),
      'RULE_VIOLATION',
    );
    expect(onCreate.message).toContain(holder.orderNumber);
  });

  it('refuses to move a stage backwards', async () => {
    const vehicle = await createVehicle(api);
    expectOk(await api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'in_transit' }), 201);
    const body = expectError(await api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased' }), 'RULE_VIOLATION');
    expect(body.message).toBe(`Vehicle ${vehicle.vin} is at In transit: stages only move forward, so it cannot go back to Purchased.`);
  });

  it('refuses to take the customer off a confirmed order, or to change the currency of priced vehicles', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const noCustomer = expectError(
      await api.call('PUT', `/orders/${order.id}`, { version: order.version, customerId: null }),
      'RULE_VIOLATION',
    );
    expect(noCustomer.message).toBe(`Order ${order.orderNumber} is Confirmed: a confirmed order must keep a customer.`);
    const vehicle = await createVehicle(api);
    const draft = await createOrder(api, { vehicles: [{ vehicleId: vehicle.id }] });
    const currency = expectError(
      await api.call('PUT', `/orders/${draft.id}`, { version: draft.version, currency: 'EUR' }),
      'RULE_VIOLATION',
    );
    expect(currency.message).toBe(
      `Order ${draft.orderNumber} has vehicles priced in USD: remove them before changing the currency to EUR.`,
    );
  });

  it('refuses to set In Progress by hand and to change a Cancelled order', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const manual = expectError(
      await api.call('PUT', `/orders/${order.id}`, { version: order.version, status: 'In Progress' }),
      'RULE_VIOLATION',
    );
    expect(manual.message).toContain('moves to In Progress by itself');
    const cancelled = await cancelOrder(api, order, 'Finance declined.');
    expect(cancelled).toMatchObject({ status: 'Cancelled', cancelReason: 'Finance declined.' });
    const final = expectError(
      await api.call('PUT', `/orders/${order.id}`, { version: cancelled.version, status: 'Confirmed' }),
      'RULE_VIOLATION',
    );
    expect(final.message).toBe(`Order ${order.orderNumber} is Cancelled: its status can no longer change.`);
  });
});

describe('500 INTERNAL', () => {
  it('answers an unexpected failure with a message for a person, logs the detail and saves nothing', async () => {
    const before = api.backend.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers').get()?.n;
    api.backend.db.exec(`CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;`);
    try {
      const body = expectError(await api.call('POST', '/customers', { name: 'Never Saved' }), 'INTERNAL');
      expect(body.message).toBe(
        'Something went wrong on our side and nothing was saved. Try again; if it keeps happening, send the log file to support.',
      );
    } finally {
      api.backend.db.exec('DROP TRIGGER temp.fail_outbox');
    }
    expect(api.logged.some((line) => line.includes('customers.create failed') && line.includes('disk I/O error'))).toBe(true);
    expect(api.backend.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers').get()?.n).toBe(before);
  });
});
