// The order communication log over real HTTP: logging, listing newest first, corrections, drafted e-mails, every refusal changing nothing, and the timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../core/api/errors';
import type { StoredAuditEntry } from '../../core/domain/audit';
import type { CommunicationView, TimelinePage } from '../../core/domain/communication';
import type { Order } from '../../core/domain/order';
import type { Vehicle } from '../../core/domain/vehicle';
import { type ApiHarness, type ApiResponse, expectError, expectOk, startApi } from '../support/api-harness';
import { cancelOrder, createConfirmedOrder, createCustomer, createOrder, createVehicle, rowCounts, snapshot } from '../support/fixtures';

let api: ApiHarness;
let order: Order;
let vehicles: Vehicle[];

beforeAll(async () => {
  api = await startApi();
  ({ order, vehicles } = await createConfirmedOrder(api, 2));
});
afterAll(async () => {
  await api.close();
});

const log = (orderId: string, body: Record<string, unknown>) =>
  api.call<CommunicationView>('POST', `/orders/${orderId}/communication`, body);
const list = async (orderId: string) =>
  expectOk(await api.call<{ items: CommunicationView[] }>('GET', `/orders/${orderId}/communication`)).items;

async function expectRefusedWithoutChange(code: ErrorCode, field: string, makeCall: () => Promise<ApiResponse>): Promise<string> {
  const counts = rowCounts(api.backend.db);
  const before = snapshot(api.backend.db);
  const error = expectError(await makeCall(), code);
  expect(Object.keys(error.fields ?? {})).toContain(field);
  expect(rowCounts(api.backend.db)).toEqual(counts);
  expect(snapshot(api.backend.db)).toEqual(before);
  return error.fields?.[field] ?? '';
}

describe('logging communication on an order', () => {
  it('logs a phone call with its author and time from the session, listed newest first', async () => {
    const first = expectOk(await log(order.id, { channel: 'note', body: 'Customer is away until Monday.' }), 201);
    const call = expectOk(
      await log(order.id, {
        channel: 'phone',
        direction: 'in',
        subject: 'ETA question',
        body: 'Asked when the Prius lands.\nTold her 12 March.',
        vehicleIds: [vehicles[0]?.id],
      }),
      201,
    );
    expect(call).toMatchObject({
      orderId: order.id,
      customerId: order.customerId,
      channel: 'phone',
      direction: 'in',
      body: 'Asked when the Prius lands.\nTold her 12 March.',
      vehicleIds: [vehicles[0]?.id],
      deliveryStatus: 'none',
      createdBy: api.user.id,
      authorName: 'Casey Tester',
      correctedBy: [],
      version: 1,
    });
    expect(first.direction).toBeNull();
    const items = await list(order.id);
    expect(items.map((i) => i.id).slice(0, 2)).toEqual([call.id, first.id]);
  });

  it('writes an audit entry communication_logged and one outbox change set', async () => {
    const outboxBefore = rowCounts(api.backend.db).outbox;
    const entry = expectOk(await log(order.id, { channel: 'sms', direction: 'out', body: 'Your car has arrived.' }), 201);
    expect(rowCounts(api.backend.db).outbox).toBe(outboxBefore + 1);
    const audit = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    const logged = audit.find((a) => a.entityId === entry.id);
    expect(logged).toMatchObject({ entityType: 'communication', action: 'communication_logged' });
    expect(logged?.changes).toEqual([
      { field: 'channel', before: null, after: 'sms' },
      { field: 'direction', before: null, after: 'out' },
      { field: 'subject', before: null, after: null },
    ]);
  });

  it('appends a correction as a new entry referencing the old one, which lists it under correctedBy', async () => {
    const wrong = expectOk(await log(order.id, { channel: 'phone', direction: 'out', body: 'Promised delivery on 3 April.' }), 201);
    const fix = expectOk(
      await log(order.id, { channel: 'phone', direction: 'out', body: 'Delivery is 5 April, not the 3rd.', correctsId: wrong.id }),
      201,
    );
    const items = await list(order.id);
    expect(items.find((i) => i.id === wrong.id)).toMatchObject({ body: 'Promised delivery on 3 April.', correctedBy: [fix.id] });
    expect(items.find((i) => i.id === fix.id)?.correctsId).toBe(wrong.id);
  });

  it('records an outgoing e-mail without SMTP as drafted, addressed to the customer', async () => {
    const mail = expectOk(
      await log(order.id, { channel: 'email', direction: 'out', subject: 'Your order', body: 'Hello Aroha,\nyour cars are on the way.' }),
      201,
    );
    expect(mail).toMatchObject({ deliveryStatus: 'drafted', toAddress: 'aroha@example.com', messageId: null, sendingDeviceId: null });
    const other = expectOk(
      await log(order.id, { channel: 'email', direction: 'out', to: 'accounts@example.com', body: 'Invoice attached.' }),
      201,
    );
    expect(other.toAddress).toBe('accounts@example.com');
  });

  it('allows logging on a Cancelled order (talking to a customer after the end is normal)', async () => {
    const { order: other } = await createConfirmedOrder(api, 1);
    const cancelled = await cancelOrder(api, other);
    expect(cancelled.status).toBe('Cancelled');
    expectOk(await log(other.id, { channel: 'phone', direction: 'in', body: 'Asked about the refund.' }), 201);
  });

  it('lists the entries on the customer through repos.communications.listForCustomer', () => {
    const entries = api.backend.services.deps.repos.communications.listForCustomer(order.customerId ?? '');
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(entries.every((e) => e.customerId === order.customerId)).toBe(true);
    const times = entries.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('refused communication changes nothing', () => {
  it('refuses an empty body', async () => {
    const message = await expectRefusedWithoutChange('VALIDATION', 'body', () => log(order.id, { channel: 'note', body: '   ' }));
    expect(message).toMatch(/body is required/);
  });

  it('refuses an unknown channel', async () => {
    const message = await expectRefusedWithoutChange('VALIDATION', 'channel', () =>
      log(order.id, { channel: 'pigeon', direction: 'out', body: 'Coo.' }),
    );
    expect(message).toMatch(/note, phone, email, sms, whatsapp, letter/);
  });

  it('refuses a direction on an internal note', async () => {
    const message = await expectRefusedWithoutChange('VALIDATION', 'direction', () =>
      log(order.id, { channel: 'note', direction: 'out', body: 'Internal.' }),
    );
    expect(message).toMatch(/not used on an internal note/);
  });

  it('refuses a customer-facing entry without a direction', async () => {
    const message = await expectRefusedWithoutChange('VALIDATION', 'direction', () => log(order.id, { channel: 'phone', body: 'Rang.' }));
    expect(message).toMatch(/direction is required/);
  });

  it('refuses an invalid e-mail address', async () => {
    const message = await expectRefusedWithoutChange('VALIDATION', 'to', () =>
      log(order.id, { channel: 'email', direction: 'out', to: 'not-an-address', body: 'Hi.' }),
    );
    expect(message).toMatch(/valid e-mail address/);
  });

  it('refuses "to" on anything but an outgoing e-mail', async () => {
    await expectRefusedWithoutChange('VALIDATION', 'to', () =>
      log(order.id, { channel: 'phone', direction: 'out', to: 'a@example.com', body: 'Rang.' }),
    );
  });

  it('refuses a vehicle that is not on the order, naming it', async () => {
    const stranger = await createVehicle(api);
    const message = await expectRefusedWithoutChange('RULE_VIOLATION', 'vehicleIds', () =>
      log(order.id, { channel: 'phone', direction: 'out', body: 'About the car.', vehicleIds: [stranger.id] }),
    );
    expect(message).toContain(stranger.id);
  });

  it('refuses a correction of an entry of another order', async () => {
    const { order: other } = await createConfirmedOrder(api, 1);
    const elsewhere = expectOk(await log(other.id, { channel: 'note', body: 'Elsewhere.' }), 201);
    await expectRefusedWithoutChange('RULE_VIOLATION', 'correctsId', () =>
      log(order.id, { channel: 'note', body: 'Correction.', correctsId: elsewhere.id }),
    );
  });

  it('refuses an outgoing e-mail when neither "to" nor the customer has an address', async () => {
    const customer = await createCustomer(api, { email: undefined, name: 'No Mail Ltd' });
    const vehicle = await createVehicle(api);
    const draft = await createOrder(api, { customerId: customer.id, vehicles: [{ vehicleId: vehicle.id }] });
    const message = await expectRefusedWithoutChange('RULE_VIOLATION', 'to', () =>
      log(draft.id, { channel: 'email', direction: 'out', body: 'Hello.' }),
    );
    expect(message).toMatch(/e-mail address is required/);
  });

  it('refuses author or time given in the input (they come from the session)', async () => {
    await expectRefusedWithoutChange('VALIDATION', 'createdBy', () =>
      log(order.id, { channel: 'note', body: 'Sneaky.', createdBy: 'someone-else' }),
    );
  });

  it('answers 404 for an unknown order', async () => {
    expectError(await log('no-such-order', { channel: 'note', body: 'x' }), 'NOT_FOUND');
    expectError(await api.call('GET', '/orders/no-such-order/communication'), 'NOT_FOUND');
  });

  it('refuses a retry of an entry that is no e-mail waiting or failed', async () => {
    const [latest] = await list(order.id);
    expectError(await api.call('POST', `/orders/${order.id}/communication/${latest?.id ?? ''}/retry`), 'RULE_VIOLATION');
  });
});

describe('the order timeline', () => {
  it('merges communication, status changes, vehicle lines and stage events, newest first', async () => {
    const { order: fresh, vehicles: freshVehicles } = await createConfirmedOrder(api, 1);
    const vehicle = freshVehicles[0];
    if (!vehicle) throw new Error('vehicle expected');
    expectOk(await api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased' }), 201);
    const note = expectOk(await log(fresh.id, { channel: 'note', body: 'Paid by bank transfer.' }), 201);
    const page = expectOk(await api.call<TimelinePage>('GET', `/orders/${fresh.id}/timeline`));
    const kinds = page.items.map((i) => i.kind);
    expect(kinds[0]).toBe('communication');
    expect(page.items[0]).toMatchObject({ kind: 'communication', id: note.id, actorName: 'Casey Tester' });
    expect(kinds).toContain('stage');
    expect(kinds).toContain('status');
    expect(kinds).toContain('vehicle');
    expect(page.items.find((i) => i.kind === 'stage')).toMatchObject({ vehicleId: vehicle.id, vin: vehicle.vin, stage: 'purchased' });
    expect(page.items.find((i) => i.kind === 'status' && i.to === 'In Progress')).toMatchObject({ automatic: true });
    const ats = page.items.map((i) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    // The communication entry's own audit entry is not shown twice.
    expect(page.items.filter((i) => i.id === note.id || (i.kind === 'order' && i.action === 'communication_logged'))).toHaveLength(1);
  });

  it('pages with a cursor without repeating or skipping an item', async () => {
    const all = expectOk(await api.call<TimelinePage>('GET', `/orders/${order.id}/timeline?limit=200`)).items;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const page: TimelinePage = expectOk(await api.call<TimelinePage>('GET', `/orders/${order.id}/timeline${query}`));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((i) => i.id));
  });
});
