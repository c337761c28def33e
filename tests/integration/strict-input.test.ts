// Strict input over both transports: no coercion, no prototype keys, unknown fields named, text cleaned or refused, and a refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import type { Customer } from '../../core/domain/customer';
import type { Order } from '../../core/domain/order';
import { type ApiHarness, type ApiResponse, expectError, expectOk, startApi } from '../support/api-harness';
import { createConfirmedOrder, createCustomer, createVehicle, snapshot } from '../support/fixtures';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function refused(makeCall: () => Promise<ApiResponse>) {
  const before = snapshot(api.backend.db);
  const body = expectError(await makeCall(), 'VALIDATION');
  expect(snapshot(api.backend.db)).toEqual(before);
  return body;
}

describe('prototype keys', () => {
  it('refuses a body smuggling a status change through __proto__ (it used to cancel the order)', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const raw = `{"version":${order.version},"__proto__":{"status":"Cancelled","reason":"x"}}`;
    const body = await refused(() => api.call('PUT', `/orders/${order.id}`, raw));
    expect(JSON.stringify(body)).toContain('__proto__');
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`)).status).toBe('Confirmed');
  });

  it('refuses constructor and prototype keys anywhere in a body, naming where', async () => {
    const vehicle = await createVehicle(api);
    for (const raw of [
      '{"name":"A","constructor":{"prototype":{"admin":true}}}',
      '{"name":"A","prototype":{}}',
      `{"currency":"USD","vehicles":[{"vehicleId":"${vehicle.id}","constructor":{}}]}`,
    ]) {
      const path = raw.includes('currency') ? '/orders' : '/customers';
      const body = await refused(() => api.call('POST', path, raw));
      expect(JSON.stringify(body)).toMatch(/constructor|prototype/);
    }
  });

  it('refuses them over IPC too (the same dispatcher behind both transports)', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const input: unknown = JSON.parse(`{"id":"${order.id}","version":${order.version},"__proto__":{"status":"Cancelled","reason":"x"}}`);
    const error = await api.backend.dispatcher.call('orders.update', input, api.token, { client: 'test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortsideError);
    expect({ ...(error as PortsideError).fields }).toEqual({
      ['__proto__']: '"__proto__" is not allowed as a field name anywhere in a request.',
    });
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`)).status).toBe('Confirmed');
  });
});

describe('unknown fields', () => {
  it('are refused with 400 naming each of them, never dropped silently', async () => {
    const body = await refused(() => api.call('POST', '/customers', { name: 'Aroha', emial: 'a@example.com', vip: true }));
    expect(Object.keys(body.fields ?? {}).sort()).toEqual(['emial', 'vip']);
    expect(body.fields?.emial).toBe('Unknown field "emial": this operation does not take it: remove it (or check the spelling).');
    const nested = await refused(() => api.call('POST', '/orders', { currency: 'USD', vehicles: [{ vehicleId: 'v-1', qty: 2 }] }));
    expect(nested.fields).toHaveProperty(['vehicles.0.qty']);
    const query = await refused(() => api.call('GET', '/orders?stauts=Draft'));
    expect(query.fields).toHaveProperty('stauts');
  });
});

describe('no coercion', () => {
  it('refuses a version that is not a whole number, saying what is expected', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    for (const version of [true, [order.version], String(order.version), order.version + 0.5, 0, -1, null, {}]) {
      const body = await refused(() => api.call('PUT', `/orders/${order.id}`, { version, notes: 'x' }));
      expect(body.fields).toEqual({
        version: 'version must be a whole number, 1 or more: send the version of the record you last loaded.',
      });
    }
    for (const version of ['0x1', '1e0', '+1', '1.0', ' 1'])
      await refused(() => api.call('DELETE', `/orders/${order.id}/vehicles/none?version=${encodeURIComponent(version)}`));
  });

  it('refuses a year or price sent as text, an array or a float', async () => {
    for (const year of ['2e3', '2019', [2019], 2019.5, true]) {
      const body = await refused(() => api.call('POST', '/vehicles', { vin: 'ZVW30-8000001', make: 'Toyota', model: 'Prius', year }));
      expect(body.fields).toEqual({ year: 'Year must be a whole number, e.g. 2019.' });
    }
    const price = await refused(() =>
      api.call('POST', '/vehicles', {
        vin: 'ZVW30-8000001',
        make: 'Toyota',
        model: 'Prius',
        year: 2019,
        purchasePrice: '1000',
        currency: 'USD',
      }),
    );
    expect(price.fields?.purchasePrice).toMatch(/^Purchase price must be a whole number of minor units/);
  });

  it('says a field of the wrong type must be text, not that it is missing', async () => {
    const body = await refused(() => api.call('POST', '/customers', { name: {} }));
    expect(body.fields).toEqual({ name: 'Name must be text.' });
    expect(body.message).toBe('Name must be text.');
  });
});

describe('text', () => {
  it('refuses NUL and other control characters, naming the field and the character', async () => {
    const nul = await refused(() => api.call('POST', '/customers', { name: 'Aroha\u0000Ngata' }));
    expect(nul.fields).toEqual({ name: 'Name contains an invisible control character (U+0000): remove it and retype the text.' });
    const bell = await refused(() => api.call('POST', '/customers', { name: 'Aroha', notes: 'ring \u0007' }));
    expect(bell.fields).toHaveProperty('notes');
  });

  it('allows line breaks and tabs only in multi-line fields', async () => {
    const body = await refused(() => api.call('POST', '/customers', { name: 'Aroha\nNgata' }));
    expect(body.fields).toEqual({ name: 'Name must be on one line: remove the line break.' });
    const customer = expectOk(
      await api.call<Customer>('POST', '/customers', { name: 'Aroha', notes: 'Line one\r\n\tLine two', address: '1 Quay St\nAuckland' }),
      201,
    );
    expect(customer.notes).toBe('Line one\n\tLine two');
    expect(customer.address).toBe('1 Quay St\nAuckland');
  });

  it('refuses bidi overrides and names without a visible character', async () => {
    const bidi = await refused(() => api.call('POST', '/customers', { name: 'Invoice \u202Efdp.exe' }));
    expect(bidi.fields?.name).toBe(
      'Name contains a text-direction override character (U+202E), which can disguise what is shown: remove it.',
    );
    await refused(() => api.call('POST', '/customers', { name: 'A', company: 'Acme \u2066Ltd\u2069' }));
    const invisible = await refused(() => api.call('POST', '/customers', { name: '\u200B\u200B' }));
    expect(invisible.fields).toEqual({ name: 'Name has no visible character: type a real value.' });
  });

  it('keeps emoji, accents and right-to-left scripts exactly, trimmed and NFC-normalized', async () => {
    const name = 'Zoë Ōtaki 🚗 محمد العلي שלום';
    const created = expectOk(await api.call<Customer>('POST', '/customers', { name: `  ${name}  `, company: 'Cafe\u0301 Motors' }), 201);
    expect(created.name).toBe(name);
    expect(created.company).toBe('Café Motors');
    expect(expectOk(await api.call<Customer>('GET', `/customers/${created.id}`)).name).toBe(name);
  });

  it('bounds text length and says by how much', async () => {
    const body = await refused(() => api.call('POST', '/customers', { name: 'x'.repeat(201) }));
    expect(body.fields).toEqual({ name: 'Name must be at most 200 characters (it has 201).' });
  });
});

describe('ids and cursors', () => {
  it('refuses an id or cursor that Portside could not have made', async () => {
    expect((await refused(() => api.call('GET', `/orders/${encodeURIComponent('../../etc/passwd')}`))).fields).toHaveProperty('id');
    expect((await refused(() => api.call('GET', '/orders?cursor=%00%01'))).fields).toHaveProperty('cursor');
    const customer = await createCustomer(api);
    expect(expectOk(await api.call<Customer>('GET', `/customers/${customer.id}`)).id).toBe(customer.id);
  });
});
