// The HTTP API as tools rely on it: every contract operation over real HTTP, with its status and response shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../core/api/contract';
import type { SessionUser } from '../../core/auth/permissions';
import type { StoredAuditEntry } from '../../core/domain/audit';
import type { OrderAnalytics } from '../../core/domain/analytics';
import type { AuditVerifyReport } from '../../core/domain/audit-chain';
import type { EventsTicket, LoginResult, SystemInfo, UnlockSignInResult } from '../../core/domain/auth';
import type { CommunicationView, TimelinePage } from '../../core/domain/communication';
import type { MessageTemplateView, TemplatePreview } from '../../core/domain/message-template';
import type { Customer, CustomerDetail, CustomerListItem, CustomerMergeResult, DuplicateMatch } from '../../core/domain/customer';
import type { Order, OrderSummary, Page } from '../../core/domain/order';
import type { OrderPayments, PaymentRecorded, PaymentScheduleSettings } from '../../core/domain/payment';
import type { QueuedChangeSet, SyncConflict } from '../../core/domain/sync-conflict';
import type { SyncStatus } from '../../core/domain/sync-status';
import type { Colleague, TaskListResult, TaskView } from '../../core/domain/task';
import type { PasswordResetResult, SignInHistoryPage, UserAccount, UserDirectory } from '../../core/domain/users';
import type { Vehicle, VehicleDetail } from '../../core/domain/vehicle';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD, TEST_USER } from '../support/api-harness';
import { openNotesConflict, parkedChangeSet } from '../support/hostile-runner';
import {
  createConfirmedOrder,
  createCustomer,
  createOrder,
  createVehicle,
  createVehicles,
  uniqueChassis,
  uniqueVin,
} from '../support/fixtures';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
let api: ApiHarness;

beforeAll(async () => {
  api = await startApi({ validateResponses: true });
});
afterAll(async () => {
  await api.close();
});

describe('system and sign-in', () => {
  it('GET /system/info answers without a session', async () => {
    const info = expectOk(await api.call<SystemInfo>('GET', '/system/info', undefined, { token: null }));
    expect(info).toEqual({ name: 'Portside', version: expect.any(String), mode: 'local', demo: false, demoAccounts: [] });
  });

  it('POST /auth/login returns a bearer token and the user', async () => {
    const login = expectOk(
      await api.call<LoginResult>('POST', '/auth/login', { username: TEST_USER.username, password: TEST_PASSWORD }, { token: null }),
    );
    expect(login.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(login.user).toEqual({ id: expect.any(String), username: 'casey', displayName: 'Casey Tester', roles: ['CSR'] });
  });

  it('GET /auth/me returns the signed-in user', async () => {
    expect(expectOk(await api.call<SessionUser>('GET', '/auth/me'))).toEqual(api.user);
  });

  it('POST /auth/logout ends that session only', async () => {
    const other = await api.signIn(TEST_USER.username, TEST_PASSWORD);
    expect(expectOk(await api.call('POST', '/auth/logout', undefined, { token: other.token }))).toEqual({ ok: true });
    expectError(await api.call('GET', '/auth/me', undefined, { token: other.token }), 'UNAUTHENTICATED');
    expectOk(await api.call('GET', '/auth/me'));
  });

  it('POST /auth/logout-everywhere ends every session of the user (local mode: no pool to sign out of)', async () => {
    api.backend.services.auth.createUser({ username: 'lou', displayName: 'Lou Leaving', password: TEST_PASSWORD, roles: ['CSR'] });
    const one = await api.signIn('lou', TEST_PASSWORD);
    const two = await api.signIn('lou', TEST_PASSWORD);
    const ended = expectOk(await api.call('POST', '/auth/logout-everywhere', undefined, { token: one.token }));
    expect(ended).toEqual({ sessionsEnded: 2, signedOutOfPool: false });
    for (const token of [one.token, two.token]) {
      expect(expectError(await api.call('GET', '/auth/me', undefined, { token }), 'UNAUTHENTICATED').message).toMatch(
        /signed out everywhere/,
      );
    }
    expectOk(await api.call('GET', '/auth/me'));
  });

  it('answers the cloud-only sign-in steps in local mode with 409: an administrator resets local passwords', async () => {
    const asks = [
      ['/auth/forgot-password', { username: TEST_USER.username }],
      ['/auth/forgot-password/confirm', { username: TEST_USER.username, code: '123456', newPassword: 'New-password-1' }],
      ['/auth/new-password', { username: TEST_USER.username, session: 'x'.repeat(43), newPassword: 'New-password-1' }],
    ] as const;
    for (const [path, body] of asks) {
      expect(expectError(await api.call('POST', path, body, { token: null }), 'CONFLICT').message).toMatch(
        /ask an administrator to reset your password/,
      );
    }
  });

  it('POST /users/:username/unlock lets an Admin lift a sign-in lockout', async () => {
    api.backend.services.auth.createUser({ username: 'ada', displayName: 'Ada Admin', password: TEST_PASSWORD, roles: ['Admin'] });
    const { token } = await api.signIn('ada', TEST_PASSWORD);
    const unlocked = expectOk(await api.call<UnlockSignInResult>('POST', `/users/${TEST_USER.username}/unlock`, undefined, { token }));
    expect(unlocked).toEqual({
      username: TEST_USER.username,
      wasLocked: false,
      failuresCleared: 0,
      clientsCleared: 0,
      clientWasLocked: false,
    });
  });
});

describe('customers', () => {
  it('POST /customers creates a customer (201)', async () => {
    const customer = expectOk(
      await api.call<Customer>('POST', '/customers', { name: 'Hiro Ito', company: 'Ito Motors', email: 'hiro@example.com' }),
      201,
    );
    expect(customer).toMatchObject({ name: 'Hiro Ito', company: 'Ito Motors', email: 'hiro@example.com', phone: null, version: 1 });
    expect(customer).toMatchObject({ createdBy: api.user.id, createdByName: 'Casey Tester', updatedByName: 'Casey Tester' });
    expect(customer.createdAt).toMatch(ISO_INSTANT);
  });

  it('GET /customers searches and pages', async () => {
    await createCustomer(api, { name: 'Zara Unique-Search' });
    const page = expectOk(await api.call<Page<CustomerListItem>>('GET', '/customers?query=unique-search&limit=5'));
    expect(page.items.map((c) => c.name)).toEqual(['Zara Unique-Search']);
    expect(page.items[0]).toMatchObject({ openOrders: 0, totalOrders: 0 });
    expect(page.nextCursor).toBeNull();

    await createCustomer(api, { name: 'Zara Unique-Search Two' });
    const first = expectOk(await api.call<Page<CustomerListItem>>('GET', '/customers?query=unique-search&limit=1'));
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = expectOk(
      await api.call<Page<CustomerListItem>>('GET', `/customers?query=unique-search&limit=1&cursor=${first.nextCursor ?? ''}`),
    );
    expect(second.items.map((c) => c.name)).toEqual(['Zara Unique-Search Two']);
  });

  it('GET /customers/:id returns the customer with their orders and order value per currency', async () => {
    const customer = await createCustomer(api);
    const vehicle = await createVehicle(api);
    await createOrder(api, { customerId: customer.id, vehicles: [{ vehicleId: vehicle.id, price: 2_000_000 }] });
    const detail = expectOk(await api.call<CustomerDetail>('GET', `/customers/${customer.id}`));
    expect(detail.id).toBe(customer.id);
    expect(detail.orders).toHaveLength(1);
    expect(detail.orders[0]).toMatchObject({ status: 'Draft', totalVehicles: 1, orderValue: 2_000_000, customerName: 'Aroha Ngata' });
    expect(detail.orderValueByCurrency).toEqual([{ currency: 'USD', orderValue: 2_000_000, orders: 1 }]);
  });

  it('PUT /customers/:id updates at the known version and clears fields with null', async () => {
    const customer = await createCustomer(api);
    const updated = expectOk(
      await api.call<Customer>('PUT', `/customers/${customer.id}`, { version: customer.version, phone: null, company: 'Ngata Holdings' }),
    );
    expect(updated).toMatchObject({ version: 2, phone: null, company: 'Ngata Holdings', name: customer.name });
  });

  it('GET /customers/duplicates lists likely duplicates with their reasons', async () => {
    const customer = await createCustomer(api, { name: 'Dup Lookup', email: 'dup.lookup@example.com' });
    const found = expectOk(await api.call<{ items: DuplicateMatch[] }>('GET', '/customers/duplicates?email=DUP.LOOKUP@example.com'));
    expect(found.items).toEqual([{ customer: expect.objectContaining({ id: customer.id }), reasons: ['same_email'] }]);
  });

  it('POST /customers/:id/merge moves the duplicate into the customer (Manager)', async () => {
    api.backend.services.auth.createUser({ username: 'mel', displayName: 'Mel Manager', password: TEST_PASSWORD, roles: ['Manager'] });
    const { token } = await api.signIn('mel', TEST_PASSWORD);
    const target = await createCustomer(api, { name: 'Kept Customer' });
    const source = await createCustomer(api, { name: 'Kept Customer Duplicate' });
    const merged = expectOk(
      await api.call<CustomerMergeResult>(
        'POST',
        `/customers/${target.id}/merge`,
        { sourceId: source.id, version: target.version, sourceVersion: source.version },
        { token },
      ),
    );
    expect(merged).toMatchObject({ sourceId: source.id, movedOrders: [], customer: { id: target.id, version: target.version + 1 } });
  });
});

describe('vehicles', () => {
  it('POST /vehicles registers a vehicle (201) with its identifier normalised', async () => {
    const vin = uniqueVin();
    const vehicle = expectOk(
      await api.call<Vehicle>('POST', '/vehicles', { vin: vin.toLowerCase(), make: 'Honda', model: 'Accord', year: 2003 }),
      201,
    );
    expect(vehicle).toMatchObject({ vin, make: 'Honda', model: 'Accord', year: 2003, stage: 'pending', openOrder: null, version: 1 });
    const chassis = uniqueChassis();
    expect(
      expectOk(await api.call<Vehicle>('POST', '/vehicles', { vin: chassis, make: 'Toyota', model: 'Prius', year: 2012 }), 201).vin,
    ).toBe(chassis);
  });

  it('GET /vehicles lists vehicles; available=true only those in no open order', async () => {
    const [free, taken] = await createVehicles(api, 2, { make: 'Mazda', model: 'Roadster-Avail' });
    if (!free || !taken) throw new Error('fixture');
    const order = await createOrder(api, { vehicles: [{ vehicleId: taken.id }] });
    const all = expectOk(await api.call<Page<Vehicle>>('GET', '/vehicles?query=roadster-avail'));
    expect(all.items.map((v) => v.id).sort()).toEqual([free.id, taken.id].sort());
    expect(all.items.find((v) => v.id === taken.id)?.openOrder).toEqual({ orderId: order.id, orderNumber: order.orderNumber });
    const available = expectOk(await api.call<Page<Vehicle>>('GET', '/vehicles?query=roadster-avail&available=true'));
    expect(available.items.map((v) => v.id)).toEqual([free.id]);
  });

  it('GET /vehicles/:id returns the vehicle with its stage history', async () => {
    const vehicle = await createVehicle(api);
    const detail = expectOk(await api.call<VehicleDetail>('GET', `/vehicles/${vehicle.id}`));
    expect(detail).toMatchObject({ id: vehicle.id, vin: vehicle.vin, stage: 'pending', stageHistory: [] });
  });

  it('POST /vehicles/:id/stages records a stage event (201)', async () => {
    const vehicle = await createVehicle(api);
    const detail = expectOk(
      await api.call<VehicleDetail>('POST', `/vehicles/${vehicle.id}/stages`, {
        stage: 'purchased',
        at: '2026-01-15T09:30:00+13:00',
        note: 'Won at auction.',
      }),
      201,
    );
    expect(detail.stage).toBe('purchased');
    expect(detail.stageAt).toBe('2026-01-14T20:30:00.000Z');
    expect(detail.version).toBe(2);
    expect(detail.stageHistory).toEqual([
      {
        id: expect.any(String),
        vehicleId: vehicle.id,
        stage: 'purchased',
        at: '2026-01-14T20:30:00.000Z',
        note: 'Won at auction.',
        recordedBy: api.user.id,
        recordedByName: 'Casey Tester',
        recordedAt: expect.stringMatching(ISO_INSTANT),
        retractedAt: null,
        retractedBy: null,
        retractedByName: null,
        retractReason: null,
      },
    ]);
  });

  it('POST /vehicles/:id/stages/:eventId/retract retracts the latest stage event', async () => {
    const vehicle = await createVehicle(api);
    const recorded = expectOk(await api.call<VehicleDetail>('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased' }), 201);
    const eventId = recorded.stageHistory[0]?.id ?? '';
    const retracted = expectOk(
      await api.call<VehicleDetail>('POST', `/vehicles/${vehicle.id}/stages/${eventId}/retract`, { reason: 'Recorded on the wrong car.' }),
    );
    expect(retracted).toMatchObject({ stage: 'pending', version: 3 });
    expect(retracted.stageHistory[0]).toMatchObject({ id: eventId, retractReason: 'Recorded on the wrong car.' });
  });
});

describe('orders', () => {
  it('POST /orders creates a Draft order with its vehicles (201)', async () => {
    const customer = await createCustomer(api);
    const [a, b] = await createVehicles(api, 2);
    if (!a || !b) throw new Error('fixture');
    const res = await api.call<Order>('POST', '/orders', {
      customerId: customer.id,
      currency: 'USD',
      vehicles: [{ vehicleId: a.id, price: 1_500_000 }, { vehicleId: b.id }],
      notes: 'Ship together.',
      estimatedCompletionDate: '2026-09-30',
    });
    const order = expectOk(res, 201);
    expect(order).toMatchObject({
      orderNumber: expect.stringMatching(/^PS-\d{4}-\d{5}$/),
      customerId: customer.id,
      customerName: customer.name,
      status: 'Draft',
      totalVehicles: 2,
      completedVehicles: 0,
      orderValue: 1_500_000 + 1_250_000,
      currency: 'USD',
      progress: 0,
      notes: 'Ship together.',
      targetCompletionDate: '2026-09-30',
      estimatedCompletionDate: '2026-09-30',
      actualCompletionDate: null,
      version: 1,
      createdBy: api.user.id,
      createdByName: 'Casey Tester',
      updatedBy: api.user.id,
      updatedByName: 'Casey Tester',
    });
    expect(order.vehicleIds.sort()).toEqual([a.id, b.id].sort());
    expect(
      order.vehicles.map((v) => ({ vehicleId: v.vehicleId, status: v.status, price: v.price })).sort((x, y) => x.price - y.price),
    ).toEqual([
      { vehicleId: b.id, status: 'Added', price: 1_250_000 },
      { vehicleId: a.id, status: 'Added', price: 1_500_000 },
    ]);
    expect(order.vehicles[0]).toMatchObject({ make: 'Toyota', model: 'Prius', year: 2019, stage: 'pending', removedReason: null });
  });

  it('GET /orders lists newest first with status, customer and text filters and a cursor', async () => {
    const customer = await createCustomer(api, { name: 'Filter Customer' });
    const first = await createOrder(api, { customerId: customer.id });
    const second = await createOrder(api, { customerId: customer.id });
    const { order: confirmed } = await createConfirmedOrder(api, 1);

    const mine = expectOk(await api.call<Page<OrderSummary>>('GET', `/orders?customerId=${customer.id}`));
    expect(mine.items.map((o) => o.id)).toEqual([second.id, first.id]);
    expect(mine.items[0]).toEqual({
      id: second.id,
      orderNumber: second.orderNumber,
      customerId: customer.id,
      customerName: 'Filter Customer',
      status: 'Draft',
      totalVehicles: 0,
      completedVehicles: 0,
      orderValue: 0,
      currency: 'USD',
      progress: 0,
      orderDate: expect.stringMatching(ISO_INSTANT),
      estimatedCompletionDate: null,
      actualCompletionDate: null,
      assigneeId: api.user.id,
      assigneeName: 'Casey Tester',
      version: 1,
      updatedAt: expect.stringMatching(ISO_INSTANT),
      paid: 0,
      refunded: 0,
      balanceDue: 0,
      paymentStatus: 'Unpaid',
    });

    const page1 = expectOk(await api.call<Page<OrderSummary>>('GET', `/orders?customerId=${customer.id}&limit=1`));
    expect(page1.items.map((o) => o.id)).toEqual([second.id]);
    const page2 = expectOk(
      await api.call<Page<OrderSummary>>('GET', `/orders?customerId=${customer.id}&limit=1&cursor=${page1.nextCursor ?? ''}`),
    );
    expect(page2.items.map((o) => o.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();

    const confirmedOnly = expectOk(await api.call<Page<OrderSummary>>('GET', '/orders?status=Confirmed&limit=200'));
    expect(confirmedOnly.items.map((o) => o.id)).toContain(confirmed.id);
    expect(new Set(confirmedOnly.items.map((o) => o.status))).toEqual(new Set(['Confirmed']));

    const byNumber = expectOk(await api.call<Page<OrderSummary>>('GET', `/orders?query=${first.orderNumber}`));
    expect(byNumber.items.map((o) => o.id)).toEqual([first.id]);
    const byCustomerName = expectOk(await api.call<Page<OrderSummary>>('GET', '/orders?query=filter%20customer'));
    expect(byCustomerName.items.map((o) => o.id)).toEqual([second.id, first.id]);
  });

  it('GET /orders/:id returns the order with every vehicle link', async () => {
    const { order } = await createConfirmedOrder(api, 2);
    const fetched = expectOk(await api.call<Order>('GET', `/orders/${order.id}`));
    expect(fetched).toEqual(order);
    expect(fetched.vehicles.every((v) => v.status === 'Active')).toBe(true);
  });

  it('PUT /orders/:id updates fields at the known version', async () => {
    const draft = await createOrder(api);
    const updated = expectOk(
      await api.call<Order>('PUT', `/orders/${draft.id}`, { version: draft.version, notes: 'Call before delivery.', currency: 'NZD' }),
    );
    expect(updated).toMatchObject({ notes: 'Call before delivery.', currency: 'NZD', version: draft.version + 1, status: 'Draft' });
  });

  it('PUT /orders/:id refuses a body carrying an id of its own, and changes neither order', async () => {
    const target = await createOrder(api);
    const bystander = await createOrder(api);
    const body = expectError(
      await api.call<Order>('PUT', `/orders/${target.id}`, { id: bystander.id, version: target.version, notes: 'Which one?' }),
      'VALIDATION',
    );
    expect(body.fields).toEqual({ id: 'id comes from the address: do not send it again in the body.' });
    expect(expectOk(await api.call<Order>('GET', `/orders/${target.id}`)).notes).toBeNull();
    expect(expectOk(await api.call<Order>('GET', `/orders/${bystander.id}`)).notes).toBeNull();
  });

  it('refuses derived fields sent by a client, naming each: totals are computed, never edited', async () => {
    const draft = await createOrder(api);
    const body = expectError(
      await api.call<Order>('PUT', `/orders/${draft.id}`, {
        version: draft.version,
        notes: 'x',
        orderValue: 999,
        totalVehicles: 7,
        progress: 1,
      }),
      'VALIDATION',
    );
    expect(Object.keys(body.fields ?? {}).sort()).toEqual(['orderValue', 'progress', 'totalVehicles']);
    expect(expectOk(await api.call<Order>('GET', `/orders/${draft.id}`))).toMatchObject({
      notes: null,
      orderValue: 0,
      version: draft.version,
    });
  });

  it('POST /orders/:id/vehicles adds a vehicle (201) and DELETE /orders/:id/vehicles/:vehicleId removes it, kept for history', async () => {
    const draft = await createOrder(api);
    const vehicle = await createVehicle(api);
    const added = expectOk(
      await api.call<Order>('POST', `/orders/${draft.id}/vehicles`, { version: draft.version, vehicleId: vehicle.id, price: 990_000 }),
      201,
    );
    expect(added).toMatchObject({ totalVehicles: 1, orderValue: 990_000, vehicleIds: [vehicle.id] });
    const removed = expectOk(
      await api.call<Order>(
        'DELETE',
        `/orders/${draft.id}/vehicles/${vehicle.id}?reason=Customer%20changed%20mind&version=${added.version}`,
      ),
    );
    expect(removed).toMatchObject({ totalVehicles: 0, orderValue: 0, vehicleIds: [] });
    expect(removed.vehicles).toEqual([
      expect.objectContaining({
        vehicleId: vehicle.id,
        status: 'Removed',
        removedReason: 'Customer changed mind',
        removedDate: expect.any(String),
      }),
    ]);
  });

  it('PUT /orders/:id/vehicles/:vehicleId changes the agreed price of a line', async () => {
    const vehicle = await createVehicle(api);
    const draft = await createOrder(api, { vehicles: [{ vehicleId: vehicle.id, price: 990_000 }] });
    const repriced = expectOk(
      await api.call<Order>('PUT', `/orders/${draft.id}/vehicles/${vehicle.id}`, { version: draft.version, price: 975_000 }),
    );
    expect(repriced).toMatchObject({ orderValue: 975_000, version: draft.version + 1 });
  });

  it('GET /orders/:id/audit returns the trail, oldest first', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const trail = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    // The creator follows the order from the start (audited like any follow).
    expect(trail.map((e) => e.action)).toEqual(['vehicle_added', 'created', 'followed', 'vehicle_activated', 'confirmed']);
    expect(trail.every((e) => e.orderId === order.id && e.actorName === 'Casey Tester' && e.origin === 'local')).toBe(true);
    expect(trail.every((e) => typeof e.seq === 'number' && /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
  });

  it('GET /audit/verify reports the chain and order totals to an Admin, and refuses a CSR', async () => {
    expectError(await api.call('GET', '/audit/verify'), 'FORBIDDEN');
    api.backend.services.auth.createUser({ username: 'auditor', displayName: 'Auditor', password: TEST_PASSWORD, roles: ['Admin'] });
    const { token } = await api.signIn('auditor', TEST_PASSWORD);
    const report = expectOk(await api.call<AuditVerifyReport>('GET', '/audit/verify', undefined, { token }));
    expect(report).toMatchObject({ ok: true, problems: [], orders: { mismatches: [], mismatchCount: 0 } });
    expect(report.checked).toBeGreaterThan(0);
  });
});

describe('payments', () => {
  it('POST /orders/:id/payments records a deposit (201) and GET /orders/:id/payments lists it with the balance and schedule', async () => {
    const { order } = await createConfirmedOrder(api, 2);
    const recorded = expectOk(
      await api.call<PaymentRecorded>('POST', `/orders/${order.id}/payments`, {
        kind: 'deposit',
        amount: 20_000,
        currency: 'USD',
        method: 'bank_transfer',
        reference: 'TT-0001',
      }),
      201,
    );
    expect(recorded.payment).toMatchObject({ kind: 'deposit', amount: 20_000, recordedByName: 'Casey Tester', reference: 'TT-0001' });
    expect(recorded.payment.paidAt).toMatch(ISO_INSTANT);
    const listed = expectOk(await api.call<OrderPayments>('GET', `/orders/${order.id}/payments`));
    expect(listed).toMatchObject({ paid: 20_000, refunded: 0, balanceDue: 180_000, paymentStatus: 'Deposit paid', currency: 'USD' });
    expect(listed.items.map((p) => p.id)).toEqual([recorded.payment.id]);
    expect(listed.schedule.lines.map((l) => [l.part, l.amount, l.state])).toEqual([
      ['deposit', 20_000, 'paid'],
      ['balance', 180_000, 'upcoming'],
    ]);
    const summary = expectOk(await api.call<Page<OrderSummary>>('GET', '/orders?paymentStatus=Deposit%20paid')).items;
    expect(summary.find((o) => o.id === order.id)).toMatchObject({ paid: 20_000, balanceDue: 180_000, paymentStatus: 'Deposit paid' });
  });

  it('GET /settings/payment-schedule reads the schedule; PUT changes it for an Admin only', async () => {
    expect(expectOk(await api.call<PaymentScheduleSettings>('GET', '/settings/payment-schedule'))).toEqual({ depositPercent: 10 });
    expectError(await api.call('PUT', '/settings/payment-schedule', { depositPercent: 20 }), 'FORBIDDEN');
    api.backend.services.auth.createUser({
      username: 'office-admin',
      displayName: 'Office Admin',
      password: TEST_PASSWORD,
      roles: ['Admin'],
    });
    const { token } = await api.signIn('office-admin', TEST_PASSWORD);
    expect(expectOk(await api.call('PUT', '/settings/payment-schedule', { depositPercent: 20 }, { token }))).toEqual({
      depositPercent: 20,
    });
    expect(expectOk(await api.call('GET', '/settings/payment-schedule'))).toEqual({ depositPercent: 20 });
    expectOk(await api.call('PUT', '/settings/payment-schedule', { depositPercent: 10 }, { token }));
  });
});

describe('sync status', () => {
  it('GET /sync/status shows any signed-in user the outbox counts and the loop state, local mode without a table', async () => {
    await createCustomer(api, { name: 'Sync Status Customer' });
    const first = expectOk(await api.call<SyncStatus>('GET', '/sync/status'));
    expect(first).toEqual({
      mode: 'local',
      online: false,
      pending: expect.any(Number),
      parked: 0,
      conflicts: 0,
      lastSuccessAt: null,
      lastError: null,
      progress: null,
      bootstrapped: true,
    });
    expect(first.pending).toBeGreaterThan(0);

    const { db, repos } = api.backend.services.deps;
    db.prepare(`UPDATE outbox SET state = 'parked' WHERE seq = (SELECT max(seq) FROM outbox)`).run();
    repos.syncState.write({
      online: true,
      lastSuccessAt: '2026-11-30T07:00:00.000Z',
      lastError: 'The table refused the change: throttled.',
    });
    const later = expectOk(await api.call<SyncStatus>('GET', '/sync/status'));
    expect(later).toMatchObject({
      online: true,
      pending: first.pending - 1,
      parked: 1,
      lastSuccessAt: '2026-11-30T07:00:00.000Z',
      lastError: 'The table refused the change: throttled.',
    });

    // A change set push parked as a conflict (another device changed its items first) counts as a conflict.
    db.prepare(`UPDATE outbox SET state = 'conflict' WHERE state = 'parked'`).run();
    expect(expectOk(await api.call<SyncStatus>('GET', '/sync/status'))).toMatchObject({ parked: 0, conflicts: 1 });

    repos.syncState.write({ online: false, lastError: null });
    db.prepare(`UPDATE outbox SET state = 'pending' WHERE state = 'conflict'`).run();
    expect(expectOk(await api.call<SyncStatus>('GET', '/sync/status'))).toMatchObject({
      online: false,
      parked: 0,
      lastSuccessAt: '2026-11-30T07:00:00.000Z',
      lastError: null,
    });
  });

  it('GET /sync/status needs a session', async () => {
    expectError(await api.call('GET', '/sync/status', undefined, { token: null }), 'UNAUTHENTICATED');
  });
});

describe('sync screen', () => {
  it('GET /sync/conflicts lists open conflicts with both sides, and POST /sync/conflicts/:id/resolve "edit" sets the value through an audited edit', async () => {
    const order = await createOrder(api, { notes: 'Before.' });
    const id = openNotesConflict(api, order.id);
    const { items } = expectOk(await api.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts'));
    const listed = items.find((c) => c.id === id);
    expect(listed).toMatchObject({
      entity: 'order',
      field: 'notes',
      kind: 'field',
      label: `Order ${order.orderNumber}`,
      base: 'Before.',
      mine: 'Mine.',
      theirs: 'Theirs.',
      theirAuthor: 'Another CSR',
      state: 'open',
      editable: true,
    });
    const resolved = expectOk(
      await api.call<SyncConflict>('POST', `/sync/conflicts/${id}/resolve`, { choice: 'edit', value: 'Both agreed.', reason: 'Phoned.' }),
    );
    expect(resolved).toMatchObject({
      state: 'resolved',
      resolution: 'edit',
      resolvedValue: 'Both agreed.',
      resolvedBy: TEST_USER.displayName,
    });
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`)).notes).toBe('Both agreed.');
    const trail = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(trail.at(-1)).toMatchObject({ action: 'conflict_resolved', reason: 'Kept an edited value: Phoned.' });
    expect(expectOk(await api.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts')).items.some((c) => c.id === id)).toBe(false);
    // A second resolution of the same conflict is refused with its current state.
    expectError(await api.call('POST', `/sync/conflicts/${id}/resolve`, { choice: 'theirs' }), 'CONFLICT');
  });

  it('POST /sync/conflicts/:id/resolve refuses a value with "mine" or "theirs", and an edited value the field refuses', async () => {
    const order = await createOrder(api, { notes: 'Before.' });
    const id = openNotesConflict(api, order.id);
    expect(
      expectError(await api.call('POST', `/sync/conflicts/${id}/resolve`, { choice: 'mine', value: 'x' }), 'VALIDATION').fields,
    ).toHaveProperty('value');
    expect(
      expectError(await api.call('POST', `/sync/conflicts/${id}/resolve`, { choice: 'edit', value: 'x'.repeat(5000) }), 'VALIDATION')
        .fields,
    ).toEqual({ value: 'Notes must be at most 4000 characters (it has 5000).' });
    expect(
      expectError(await api.call('POST', `/sync/conflicts/${id}/resolve`, { choice: 'edit', value: 12 }), 'VALIDATION').fields,
    ).toEqual({ value: 'Notes must be text.' });
    // Nothing was resolved by the refused tries.
    expect(expectOk(await api.call<{ items: SyncConflict[] }>('GET', '/sync/conflicts')).items.some((c) => c.id === id)).toBe(true);
    expectError(await api.call('POST', '/sync/conflicts/no-such-conflict/resolve', { choice: 'theirs' }), 'NOT_FOUND');
  });

  it('GET /sync/changes lists the queue newest first, and POST /sync/changes/:id/retry puts a parked change back (409 when not parked)', async () => {
    await createCustomer(api, { name: 'Queued Customer' });
    const parkedId = parkedChangeSet(api);
    const { items } = expectOk(await api.call<{ items: QueuedChangeSet[] }>('GET', '/sync/changes'));
    expect(items[0]).toMatchObject({ id: parkedId, state: 'parked', items: 0, lastError: expect.stringMatching(/ValidationException/) });
    expect(items[1]).toMatchObject({ operation: 'customers.create', state: 'pending', actorName: TEST_USER.displayName, attempts: 0 });
    expect(items[1]?.items).toBeGreaterThan(1);
    const retried = expectOk(await api.call<QueuedChangeSet>('POST', `/sync/changes/${parkedId}/retry`, {}));
    expect(retried).toMatchObject({ id: parkedId, state: 'pending', attempts: 0, lastError: null });
    expectError(await api.call('POST', `/sync/changes/${parkedId}/retry`, {}), 'CONFLICT');
    expectError(await api.call('POST', '/sync/changes/no-such-change/retry', {}), 'NOT_FOUND');
  });

  it('POST /sync/run asks the sync loop for a pass (202)', async () => {
    const asked: string[] = [];
    api.backend.services.syncControl.attach({ requestSync: (reason) => asked.push(reason) });
    expectOk(await api.call('POST', '/sync/run', {}), 202);
    expect(asked).toEqual(['manual']);
  });

  it('lets every role read the sync state, resolve conflicts, retry and sync now; none without a session', async () => {
    for (const roles of [['CSR'], ['Manager'], ['Admin']] as const) {
      const other = await startApi({ roles: [...roles], validateResponses: true });
      try {
        expectOk(await other.call('GET', '/sync/conflicts'));
        expectOk(await other.call('GET', '/sync/changes'));
        expectOk(await other.call('POST', '/sync/run', {}), 202);
        expectOk(await other.call('POST', `/sync/changes/${parkedChangeSet(other)}/retry`, {}));
        const order = await createOrder(other, { notes: 'Before.' });
        expectOk(await other.call('POST', `/sync/conflicts/${openNotesConflict(other, order.id)}/resolve`, { choice: 'theirs' }));
      } finally {
        await other.close();
      }
    }
    expectError(await api.call('GET', '/sync/conflicts', undefined, { token: null }), 'UNAUTHENTICATED');
    expectError(await api.call('POST', '/sync/run', {}, { token: null }), 'UNAUTHENTICATED');
  });
});

describe('message templates', () => {
  it('GET /templates and POST /templates/preview answer a CSR; POST, PUT and DELETE /templates are for Admins (403)', async () => {
    const { items } = expectOk(await api.call<{ items: MessageTemplateView[] }>('GET', '/templates'));
    const template = items.find((t) => t.key === 'status_update');
    if (!template) throw new Error('the status update template is seeded');
    const order = await createOrder(api, { customerId: (await createCustomer(api, { name: 'Preview Customer' })).id });
    const preview = expectOk(await api.call<TemplatePreview>('POST', '/templates/preview', { orderId: order.id, templateId: template.id }));
    expect(preview).toMatchObject({ subject: `Update on your order ${order.orderNumber}`, templateKey: 'status_update' });
    expect(preview.body).toMatch(/^Dear Preview Customer,/);
    expectError(await api.call('POST', '/templates', { name: 'Mine', body: 'Hello' }), 'FORBIDDEN');
    expectError(await api.call('PUT', `/templates/${template.id}`, { version: template.version, name: 'Mine' }), 'FORBIDDEN');
    expectError(await api.call('DELETE', `/templates/${template.id}?version=${template.version}`), 'FORBIDDEN');
  });
});

describe('following, reassigning and notifications', () => {
  it('POST and DELETE /orders/:id/follow follow and unfollow; GET /orders/:id says so', async () => {
    const order = await createOrder(api);
    expect(order).toMatchObject({ following: true, followerCount: 1, assigneeId: api.user.id });
    expect(expectOk(await api.call('DELETE', `/orders/${order.id}/follow`))).toEqual({
      orderId: order.id,
      following: false,
      followerCount: 0,
    });
    expect(expectOk(await api.call('POST', `/orders/${order.id}/follow`, {}))).toEqual({
      orderId: order.id,
      following: true,
      followerCount: 1,
    });
    expectError(await api.call('POST', '/orders/no-such-order/follow', {}), 'NOT_FOUND');
  });

  it('POST /orders/:id/assignee is for Managers and Admins; GET /users is for anyone signed in (assignee pickers)', async () => {
    const order = await createOrder(api);
    expect(expectOk(await api.call<{ items: { id: string }[] }>('GET', '/users')).items.map((p) => p.id)).toContain(api.user.id);
    expectError(await api.call('POST', `/orders/${order.id}/assignee`, { version: order.version, assigneeId: api.user.id }), 'FORBIDDEN');
    api.backend.services.auth.createUser({ username: 'max', displayName: 'Max Manager', password: TEST_PASSWORD, roles: ['Manager'] });
    const { token, user } = await api.signIn('max', TEST_PASSWORD);
    const people = expectOk(await api.call<{ items: { id: string }[] }>('GET', '/users', undefined, { token }));
    expect(people.items.map((p) => p.id)).toContain(user.id);
    const moved = expectOk(
      await api.call<Order>('POST', `/orders/${order.id}/assignee`, { version: order.version, assigneeId: user.id }, { token }),
    );
    expect(moved).toMatchObject({ assigneeId: user.id, assigneeName: 'Max Manager', version: order.version + 1 });
  });

  it('GET /notifications, POST /notifications/read and GET/PUT /notifications/preferences are the signed-in user’s own', async () => {
    expect(expectOk(await api.call('GET', '/notifications?unreadOnly=false&limit=10'))).toEqual({
      items: [],
      unreadCount: 0,
      nextCursor: null,
    });
    expect(expectOk(await api.call('POST', '/notifications/read', { all: true }))).toEqual({ marked: 0, unreadCount: 0 });
    const prefs = expectOk(await api.call<{ items: { eventType: string }[] }>('GET', '/notifications/preferences'));
    expect(prefs.items.map((p) => p.eventType)).toEqual(['stage', 'status', 'payment', 'inbound', 'task_overdue']);
    const saved = expectOk(
      await api.call<{ items: { eventType: string; desktop: boolean }[] }>('PUT', '/notifications/preferences', {
        preferences: [{ eventType: 'payment', inApp: true, desktop: false }],
      }),
    );
    expect(saved.items.find((p) => p.eventType === 'payment')?.desktop).toBe(false);
    expectError(await api.call('GET', '/notifications', undefined, { token: null }), 'UNAUTHENTICATED');
  });
});

describe('change events', () => {
  it('GET /events?ticket= streams a change after it is committed (a one-use ticket from POST /auth/events-ticket)', async () => {
    const { ticket, expiresAt } = expectOk(await api.call<EventsTicket>('POST', '/auth/events-ticket', {}));
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(30_000);
    const controller = new AbortController();
    const res = await fetch(`${api.baseUrl}/events?ticket=${encodeURIComponent(ticket)}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = res.body?.getReader();
    if (!reader) throw new Error('no body');
    const customer = await createCustomer(api, { name: 'Event Customer' });
    let text = '';
    while (!text.includes('event: change')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    controller.abort();
    expect(text).toContain(`"entity":"customer","id":"${customer.id}"`);
    expect(text).toContain('"cause":"customers.create"');
  });

  it('GET /events needs a session', async () => {
    expectError(await api.call('GET', '/events', undefined, { token: null }), 'UNAUTHENTICATED');
  });
});

describe('communication and the Activity timeline', () => {
  it('POST and GET /orders/:id/communication log and list entries; GET /orders/:id/timeline merges them in', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const call = expectOk(
      await api.call<CommunicationView>('POST', `/orders/${order.id}/communication`, {
        channel: 'phone',
        direction: 'in',
        body: 'Asked about the ETA.',
      }),
      201,
    );
    expect(call).toMatchObject({ channel: 'phone', direction: 'in', deliveryStatus: 'none', authorName: 'Casey Tester' });
    const listed = expectOk(await api.call<{ items: CommunicationView[] }>('GET', `/orders/${order.id}/communication`));
    expect(listed.items.map((i) => i.id)).toEqual([call.id]);
    const timeline = expectOk(await api.call<TimelinePage>('GET', `/orders/${order.id}/timeline?limit=5`));
    expect(timeline.items[0]).toMatchObject({ kind: 'communication', id: call.id });
  });

  it('POST /orders/:id/communication/:entryId/retry refuses an entry that is not an e-mail waiting to be sent', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const note = expectOk(
      await api.call<CommunicationView>('POST', `/orders/${order.id}/communication`, { channel: 'note', body: 'Internal.' }),
      201,
    );
    expectError(await api.call('POST', `/orders/${order.id}/communication/${note.id}/retry`), 'RULE_VIOLATION');
  });
});

describe('tasks', () => {
  it('POST /orders/:id/tasks, GET /orders/:id/tasks, GET /tasks, PUT /tasks/:id, POST /tasks/:id/complete, GET /users', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const task = expectOk(
      await api.call<TaskView>('POST', `/orders/${order.id}/tasks`, { title: 'Call about the deposit', dueDate: '2027-01-15' }),
      201,
    );
    expect(task).toMatchObject({ orderId: order.id, assigneeId: api.user.id, version: 1, doneAt: null });
    expect(expectOk(await api.call<{ items: TaskView[] }>('GET', `/orders/${order.id}/tasks`)).items.map((t) => t.id)).toEqual([task.id]);
    const mine = expectOk(await api.call<TaskListResult>('GET', '/tasks?assignee=me'));
    expect(mine).toMatchObject({ items: expect.any(Array), nextCursor: null, counts: expect.any(Object) });
    const changed = expectOk(await api.call<TaskView>('PUT', `/tasks/${task.id}`, { version: 1, title: 'Call again' }));
    const done = expectOk(
      await api.call<{ task: TaskView; next: TaskView }>('POST', `/tasks/${task.id}/complete`, {
        version: changed.version,
        next: { dueDate: '2027-01-22' },
      }),
    );
    expect(done.next).toMatchObject({ title: 'Call again', dueDate: '2027-01-22' });
    const users = expectOk(await api.call<{ items: Colleague[] }>('GET', '/users'));
    expect(users.items).toContainEqual({ id: api.user.id, displayName: 'Casey Tester', roles: ['CSR'], active: true });
  });
});

describe('analytics', () => {
  it('GET /orders/:id/analytics answers a CSR; GET /analytics/dashboard is for Managers and Admins (403)', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const analytics = expectOk(await api.call<OrderAnalytics>('GET', `/orders/${order.id}/analytics`));
    expect(analytics).toMatchObject({ orderId: order.id, stageCounts: { pending: 1 }, payments: { orderValue: 100_000 } });
    expectError(await api.call('GET', '/analytics/dashboard?from=2026-01-01'), 'FORBIDDEN');
  });
});

describe('user administration', () => {
  it('GET /users/accounts, POST /users, PUT /users/:id, POST /users/:id/password and GET /users/sign-ins serve an Admin', async () => {
    api.backend.services.auth.createUser({ username: 'adele', displayName: 'Adele Admin', password: TEST_PASSWORD, roles: ['Admin'] });
    const { token } = await api.signIn('adele', TEST_PASSWORD);
    const directory = expectOk(await api.call<UserDirectory>('GET', '/users/accounts', undefined, { token }));
    expect(directory.mode).toBe('local');
    expect(directory.items.map((u) => u.username)).toContain('adele');
    const body = { username: 'new.colleague', displayName: 'New Colleague', roles: ['CSR'], password: 'harbour lights at dawn' };
    const created = expectOk(await api.call<UserAccount>('POST', '/users', body, { token }), 201);
    expect(created).toMatchObject({ username: 'new.colleague', roles: ['CSR'], version: 1, disabled: false });
    const changed = expectOk(await api.call<UserAccount>('PUT', `/users/${created.id}`, { version: 1, roles: ['Manager'] }, { token }));
    expect(changed).toMatchObject({ roles: ['Manager'], version: 2 });
    const reset = expectOk(
      await api.call<PasswordResetResult>('POST', `/users/${created.id}/password`, { password: 'a new harbour key' }, { token }),
    );
    expect(reset).toEqual({ id: created.id, username: 'new.colleague', sessionsEnded: 0, failuresCleared: 0 });
    const history = expectOk(await api.call<SignInHistoryPage>('GET', '/users/sign-ins?username=adele', undefined, { token }));
    expect(history.items[0]).toMatchObject({ kind: 'signed_in', username: 'adele', displayName: 'Adele Admin' });
    // The harness user is a CSR.
    expectError(await api.call('GET', '/users/accounts'), 'FORBIDDEN');
  });
});

describe('coverage', () => {
  it('calls every operation of the contract over HTTP at least once', () => {
    const missing = OPERATION_NAMES.filter((name) => !api.operationsCalled.has(name));
    expect(missing).toEqual([]);
  });
});
