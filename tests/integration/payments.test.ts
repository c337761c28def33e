// Payments through the real HTTP API: balance and status as payments arrive, every refusal changing nothing, refunds and delivery overrides per role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAuditEntry } from '../../core/domain/audit';
import type { AuditVerifyReport } from '../../core/domain/audit-chain';
import type { Order, OrderSummary, Page } from '../../core/domain/order';
import type { OrderPayments, PaymentRecorded } from '../../core/domain/payment';
import { IMPORT_STAGES } from '../../core/domain/stages';
import type { VehicleDetail } from '../../core/domain/vehicle';
import { type ApiHarness, type ApiResponse, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { cancelOrder, createConfirmedOrder, createCustomer, createOrder, createVehicle } from '../support/fixtures';

let api: ApiHarness;
let managerToken: string;

beforeAll(async () => {
  api = await startApi(); // signed in as a CSR
  api.backend.services.auth.createUser({ username: 'mona', displayName: 'Mona Manager', password: TEST_PASSWORD, roles: ['Manager'] });
  managerToken = (await api.signIn('mona', TEST_PASSWORD)).token;
});
afterAll(async () => {
  await api.close();
});

const pay = (orderId: string, body: unknown, token?: string): Promise<ApiResponse<PaymentRecorded>> =>
  api.call<PaymentRecorded>('POST', `/orders/${orderId}/payments`, body, token ? { token } : {});

const payments = async (orderId: string): Promise<OrderPayments> =>
  expectOk(await api.call<OrderPayments>('GET', `/orders/${orderId}/payments`));

const deposit = (amount: number, extra: Record<string, unknown> = {}) => ({
  kind: 'deposit',
  amount,
  currency: 'USD',
  method: 'bank_transfer',
  ...extra,
});

/** What a refused request must leave as it was: the order's totals, its payments, the audit trail and the outbox. */
function stateOf(orderId: string): unknown {
  const db = api.backend.db;
  return {
    order: db.prepare('SELECT paid_amount, refunded_amount, balance_due, payment_status, version FROM orders WHERE id = ?').get(orderId),
    payments: db.prepare('SELECT count(*) AS n FROM payments').get(),
    audit: db.prepare('SELECT count(*) AS n FROM audit_entries').get(),
    outbox: db.prepare('SELECT count(*) AS n FROM outbox').get(),
  };
}

/** Sends a request that must be refused, and checks it changed nothing. */
async function refused(orderId: string, send: () => Promise<ApiResponse>, code: 'VALIDATION' | 'RULE_VIOLATION' | 'FORBIDDEN') {
  const before = stateOf(orderId);
  const body = expectError(await send(), code);
  expect(stateOf(orderId)).toEqual(before);
  return body;
}

/** A Confirmed order of one vehicle at 1,000.00 USD, moved through every stage up to registered. */
async function orderReadyForDelivery(): Promise<{ order: Order; vehicleId: string }> {
  const { order, vehicles } = await createConfirmedOrder(api, 1);
  const vehicleId = vehicles[0]?.id ?? 'missing';
  for (const stage of IMPORT_STAGES.slice(1, IMPORT_STAGES.indexOf('delivered'))) {
    expectOk(await api.call<VehicleDetail>('POST', `/vehicles/${vehicleId}/stages`, { stage }), 201);
  }
  return { order, vehicleId };
}

describe('balance and payment status', () => {
  it('moves from Unpaid to Deposit paid, Partially paid and Paid, and shows on the order and in the list', async () => {
    const { order } = await createConfirmedOrder(api, 2); // 2,000.00 USD
    expect(await payments(order.id)).toMatchObject({ paid: 0, balanceDue: 200_000, paymentStatus: 'Unpaid', items: [] });
    expectOk(await pay(order.id, deposit(20_000)), 201);
    expect(await payments(order.id)).toMatchObject({ paid: 20_000, balanceDue: 180_000, paymentStatus: 'Deposit paid' });
    expectOk(await pay(order.id, { ...deposit(80_000), kind: 'instalment', method: 'card' }), 201);
    expect(await payments(order.id)).toMatchObject({ paid: 100_000, balanceDue: 100_000, paymentStatus: 'Partially paid' });
    expectOk(await pay(order.id, { ...deposit(100_000), kind: 'balance', method: 'cash' }), 201);
    const after = await payments(order.id);
    expect(after).toMatchObject({ paid: 200_000, refunded: 0, balanceDue: 0, paymentStatus: 'Paid' });
    expect(after.items.map((p) => p.kind)).toEqual(['balance', 'instalment', 'deposit']);
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`))).toMatchObject({
      paid: 200_000,
      balanceDue: 0,
      paymentStatus: 'Paid',
    });
    const paidList = expectOk(await api.call<Page<OrderSummary>>('GET', '/orders?paymentStatus=Paid&limit=200'));
    expect(paidList.items.map((o) => o.id)).toContain(order.id);
    expect(paidList.items.every((o) => o.paymentStatus === 'Paid')).toBe(true);
  });

  it('recomputes the balance in the same transaction when the order value changes', async () => {
    const vehicle = await createVehicle(api);
    const draft = await createOrder(api, {
      customerId: (await createCustomer(api)).id,
      vehicles: [{ vehicleId: vehicle.id, price: 100_000 }],
    });
    expectOk(await pay(draft.id, deposit(10_000)), 201);
    const repriced = expectOk(
      await api.call<Order>('PUT', `/orders/${draft.id}/vehicles/${vehicle.id}`, { version: draft.version, price: 150_000 }),
    );
    expect(repriced).toMatchObject({ orderValue: 150_000, balanceDue: 140_000, paymentStatus: 'Deposit paid' });
    const other = await createVehicle(api);
    const added = expectOk(
      await api.call<Order>('POST', `/orders/${draft.id}/vehicles`, { version: repriced.version, vehicleId: other.id, price: 50_000 }),
      201,
    );
    expect(added).toMatchObject({ orderValue: 200_000, balanceDue: 190_000 });
    const removed = expectOk(
      await api.call<Order>('DELETE', `/orders/${draft.id}/vehicles/${other.id}?version=${added.version}&reason=Changed%20mind`),
    );
    expect(removed).toMatchObject({ orderValue: 150_000, balanceDue: 140_000 });
  });

  it('audits each payment with its kind, amount, currency and method, and queues it with its audit entry as one change set', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const { payment } = expectOk(await pay(order.id, deposit(5_000, { reference: 'TT-77' })), 201);
    const trail = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    const entry = trail.find((e) => e.entityType === 'payment');
    expect(entry).toMatchObject({ action: 'payment_recorded', entityId: payment.id, actorName: 'Casey Tester' });
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'kind', before: null, after: 'deposit' },
        { field: 'amount', before: null, after: 5_000 },
        { field: 'currency', before: null, after: 'USD' },
        { field: 'method', before: null, after: 'bank_transfer' },
        { field: 'reference', before: null, after: 'TT-77' },
      ]),
    );
    const set = api.backend.db
      .prepare<[], { operation: string; items: string }>(`SELECT operation, items FROM outbox ORDER BY seq DESC LIMIT 1`)
      .get();
    expect(set?.operation).toBe('payments.record');
    const items = JSON.parse(set?.items ?? '[]') as { entity: string; key: Record<string, string> }[];
    expect(items.map((i) => i.entity).sort()).toEqual(['audit', 'payment']);
    expect(items.find((i) => i.entity === 'payment')?.key).toEqual({ orderId: order.id, id: payment.id });
  });
});

describe('audit verify', () => {
  it('checks every order’s stored payment totals against its payments, naming an order whose balance was edited', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    expectOk(await pay(order.id, deposit(10_000)), 201);
    api.backend.services.auth.createUser({ username: 'ada', displayName: 'Ada Admin', password: TEST_PASSWORD, roles: ['Admin'] });
    const { token } = await api.signIn('ada', TEST_PASSWORD);
    const verify = async () => expectOk(await api.call<AuditVerifyReport>('GET', '/audit/verify', undefined, { token }));
    expect((await verify()).orders.mismatches).toEqual([]);
    api.backend.db.prepare('UPDATE orders SET balance_due = 0 WHERE id = ?').run(order.id);
    expect((await verify()).orders.mismatches).toEqual([
      { orderId: order.id, orderNumber: order.orderNumber, field: 'balanceDue', stored: 0, expected: 90_000 },
    ]);
    // The next payment recomputes the totals from the payments, so the edit does not survive it.
    expectOk(await pay(order.id, { ...deposit(1), kind: 'instalment' }), 201);
    expect((await verify()).orders.mismatches).toEqual([]);
  });
});

describe('bad input: each refusal names the field and changes nothing', () => {
  it('refuses an empty body, an unknown kind or method, and amounts that are zero, negative, fractional or text', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const empty = await refused(order.id, () => pay(order.id, {}), 'VALIDATION');
    expect(Object.keys(empty.fields ?? {})).toEqual(expect.arrayContaining(['kind', 'amount', 'currency', 'method']));
    for (const [field, body] of [
      ['kind', { ...deposit(1_000), kind: 'gift' }],
      ['method', { ...deposit(1_000), method: 'bitcoin' }],
      ['amount', deposit(0)],
      ['amount', deposit(-500)],
      ['amount', deposit(10.5)],
      ['amount', { ...deposit(1), amount: '1000' }],
      ['paidAt', deposit(1_000, { paidAt: '2026-02-30T10:00:00Z' })],
      ['reference', deposit(1_000, { reference: 'a\u202Eb' })],
      ['tip', deposit(1_000, { tip: 5 })],
    ] as const) {
      const error = await refused(order.id, () => pay(order.id, body), 'VALIDATION');
      expect(Object.keys(error.fields ?? {}).join(' ') + error.message, JSON.stringify(body)).toContain(field);
    }
  });

  it("refuses a currency other than the order's, naming both", async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const error = await refused(order.id, () => pay(order.id, { ...deposit(1_000), currency: 'EUR' }), 'RULE_VIOLATION');
    expect(error.message).toContain('USD');
    expect(error.message).toContain('EUR');
    expect(error.fields).toHaveProperty('currency');
  });

  it('refuses an overpayment with the amount that is allowed', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    expectOk(await pay(order.id, deposit(30_000)), 201);
    const error = await refused(order.id, () => pay(order.id, { ...deposit(70_001), kind: 'balance' }), 'RULE_VIOLATION');
    expect(error.message).toContain('$700.00');
    expect(error.fields?.amount).toContain('$700.00');
    expectOk(await pay(order.id, { ...deposit(70_000), kind: 'balance' }), 201);
    const full = await refused(order.id, () => pay(order.id, { ...deposit(1), kind: 'instalment' }), 'RULE_VIOLATION');
    expect(full.message).toContain('fully paid');
  });

  it('refuses a refund above what was paid and not yet refunded, with the allowed amount', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    expectOk(await pay(order.id, deposit(25_000)), 201);
    const refund = { ...deposit(25_001), kind: 'refund' };
    const error = await refused(order.id, () => pay(order.id, refund, managerToken), 'RULE_VIOLATION');
    expect(error.message).toContain('$250.00');
    expectOk(await pay(order.id, { ...refund, amount: 5_000 }, managerToken), 201);
    const again = await refused(order.id, () => pay(order.id, { ...refund, amount: 20_001 }, managerToken), 'RULE_VIOLATION');
    expect(again.fields?.amount).toContain('$200.00');
  });

  it('refuses a payment dated in the future or before the order was taken', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const future = new Date(Date.now() + 24 * 3600_000).toISOString();
    expect((await refused(order.id, () => pay(order.id, deposit(1_000, { paidAt: future })), 'RULE_VIOLATION')).fields).toHaveProperty(
      'paidAt',
    );
    const early = await refused(order.id, () => pay(order.id, deposit(1_000, { paidAt: '2001-01-01T00:00:00Z' })), 'RULE_VIOLATION');
    expect(early.fields).toHaveProperty('paidAt');
  });

  it('refuses a payment on a Cancelled order but takes a refund there (money goes back)', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    expectOk(await pay(order.id, deposit(10_000)), 201);
    const cancelled = await cancelOrder(api, order);
    expect(cancelled).toMatchObject({ status: 'Cancelled', balanceDue: -10_000, paymentStatus: 'Deposit paid' });
    const error = await refused(order.id, () => pay(order.id, deposit(1_000)), 'RULE_VIOLATION');
    expect(error.message).toContain('Cancelled');
    expectOk(await pay(order.id, { ...deposit(10_000), kind: 'refund' }, managerToken), 201);
    expect(await payments(order.id)).toMatchObject({ paid: 10_000, refunded: 10_000, balanceDue: 0, paymentStatus: 'Refunded' });
  });

  it('answers 404 for an unknown order', async () => {
    expectError(await pay('no-such-order', deposit(1_000)), 'NOT_FOUND');
    expectError(await api.call('GET', '/orders/no-such-order/payments'), 'NOT_FOUND');
  });
});

describe('roles', () => {
  it('refuses a refund from a CSR (403, naming why) and takes it from a Manager', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    expectOk(await pay(order.id, deposit(10_000)), 201);
    const error = await refused(order.id, () => pay(order.id, { ...deposit(4_000), kind: 'refund' }), 'FORBIDDEN');
    expect(error.message).toMatch(/Manager/);
    const { payment } = expectOk(await pay(order.id, { ...deposit(4_000), kind: 'refund', method: 'card' }, managerToken), 201);
    expect(payment.recordedByName).toBe('Mona Manager');
    const trail = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(trail.filter((e) => e.entityType === 'payment').map((e) => e.action)).toEqual(['payment_recorded', 'refund_recorded']);
  });

  it('refuses delivery while a balance is due, lets a Manager override with a reason (audited), and refuses a CSR override', async () => {
    const { order, vehicleId } = await orderReadyForDelivery();
    expectOk(await pay(order.id, deposit(10_000)), 201);
    const deliver = (body: Record<string, unknown>, token?: string) =>
      api.call('POST', `/vehicles/${vehicleId}/stages`, { stage: 'delivered', ...body }, token ? { token } : {});
    const blocked = await refused(order.id, () => deliver({}), 'RULE_VIOLATION');
    expect(blocked.message).toContain('$900.00');
    expect(blocked.message).toContain('Manager');
    await refused(order.id, () => deliver({ override: { reason: 'Customer pays on collection.' } }), 'FORBIDDEN');
    await refused(order.id, () => deliver({ override: {} }, managerToken), 'VALIDATION');
    await refused(order.id, () => deliver({}, managerToken), 'RULE_VIOLATION');
    const delivered = expectOk(await deliver({ override: { reason: 'Customer pays on collection.' } }, managerToken), 201);
    expect(delivered).toMatchObject({ stage: 'delivered' });
    const trail = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    const override = trail.find((e) => e.action === 'delivery_override');
    expect(override).toMatchObject({ actorName: 'Mona Manager', reason: 'Customer pays on collection.', entityType: 'order' });
    expect(override?.changes).toContainEqual({ field: 'balanceDue', before: null, after: 90_000 });
    // A Completed order with a balance still takes the payment.
    expectOk(await pay(order.id, { ...deposit(90_000), kind: 'balance' }), 201);
    expect(await payments(order.id)).toMatchObject({ paymentStatus: 'Paid', balanceDue: 0 });
  });

  it('delivers without an override once the order is paid', async () => {
    const { order, vehicleId } = await orderReadyForDelivery();
    expectOk(await pay(order.id, { ...deposit(100_000), kind: 'balance' }), 201);
    const delivered = expectOk(await api.call<VehicleDetail>('POST', `/vehicles/${vehicleId}/stages`, { stage: 'delivered' }), 201);
    expect(delivered.stage).toBe('delivered');
    const trail = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(trail.some((e) => e.action === 'delivery_override')).toBe(false);
  });
});
