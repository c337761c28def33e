// The analytics endpoints over real HTTP: every filter narrows, refusals name the field, roles, an empty database, and the click-through to the orders list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInput } from '../../core/api/validation';
import { type Dashboard, dashboardInput, type OrderAnalytics, TIMED_STAGES } from '../../core/domain/analytics';
import type { Customer } from '../../core/domain/customer';
import { ORDER_STATUSES, type Order, type OrderSummary, type Page } from '../../core/domain/order';
import { ManualClock } from '../../core/domain/runtime';
import { IMPORT_STAGES } from '../../core/domain/stages';
import type { Vehicle } from '../../core/domain/vehicle';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { loadAnalyticsRows, referenceDashboard } from '../support/analytics-reference';
import { createCustomer, createVehicle } from '../support/fixtures';

// Auckland: 18:00 NZST on 1 June is 06:00 UTC; seven hours later it is already 2 June there, still 1 June in UTC.
const TIME_ZONE = 'Pacific/Auckland';
const clock = new ManualClock('2026-06-01T06:00:00.000Z');
const HOUR = 3_600_000;

let api: ApiHarness;
const tokens: Record<'manager' | 'csr' | 'admin', string> = { manager: '', csr: '', admin: '' };
let csrId = '';
const customers: Record<'dealer' | 'fleet' | 'private', Customer> = {} as Record<'dealer' | 'fleet' | 'private', Customer>;
const vehicles: Record<'japan' | 'germany' | 'none' | 'japanCaps', Vehicle> = {} as Record<
  'japan' | 'germany' | 'none' | 'japanCaps',
  Vehicle
>;
const orders: Record<'o1' | 'o2' | 'o3' | 'o4', Order> = {} as Record<'o1' | 'o2' | 'o3' | 'o4', Order>;

const query = (params: Record<string, string>): string => {
  const q = new URLSearchParams(params).toString();
  return q === '' ? '' : `?${q}`;
};

async function dashboard(params: Record<string, string> = {}, token = tokens.manager): Promise<Dashboard> {
  return expectOk(await api.call<Dashboard>('GET', `/analytics/dashboard${query(params)}`, undefined, { token }));
}

/** The dashboard over HTTP equals the reference over the same tables (the time it was made aside). */
async function checkedDashboard(params: Record<string, string> = {}): Promise<Dashboard> {
  const actual = await dashboard(params);
  const expected = referenceDashboard(loadAnalyticsRows(api.backend.db), parseInput(dashboardInput, params), clock.now(), TIME_ZONE);
  expect({ ...actual, generatedAt: expected.generatedAt }, JSON.stringify(params)).toEqual(expected);
  return actual;
}

const total = (d: Dashboard): number => Object.values(d.ordersByStatus).reduce((a, b) => a + b, 0);

async function createOrderAs(token: string, body: Record<string, unknown>): Promise<Order> {
  return expectOk(await api.call<Order>('POST', '/orders', body, { token }), 201);
}

async function confirm(order: Order, token = tokens.manager): Promise<Order> {
  return expectOk(
    await api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, status: 'Confirmed', reason: 'Signed.' }, { token }),
  );
}

async function stage(vehicle: Vehicle, to: string): Promise<void> {
  expectOk(await api.call('POST', `/vehicles/${vehicle.id}/stages`, { stage: to }, { token: tokens.manager }), 201);
}

beforeAll(async () => {
  api = await startApi({ roles: ['Manager'], clock, env: { PORTSIDE_TIME_ZONE: TIME_ZONE } });
  tokens.manager = api.token;
  csrId = api.backend.services.auth.createUser({ username: 'cleo', displayName: 'Cleo Csr', password: TEST_PASSWORD, roles: ['CSR'] }).id;
  api.backend.services.auth.createUser({ username: 'ada', displayName: 'Ada Admin', password: TEST_PASSWORD, roles: ['Admin'] });
  tokens.csr = (await api.signIn('cleo', TEST_PASSWORD)).token;
  tokens.admin = (await api.signIn('ada', TEST_PASSWORD)).token;
  customers.dealer = await createCustomer(api, { name: 'Dealer Ltd', type: 'dealer', segments: ['VIP'] });
  customers.fleet = await createCustomer(api, { name: 'Fleet Co', type: 'fleet', segments: ['Fleet Buyers'] });
  customers.private = await createCustomer(api, { name: 'Pat Private', type: 'private' });
  vehicles.japan = await createVehicle(api, { originCountry: 'Japan' });
  vehicles.germany = await createVehicle(api, { originCountry: ' germany ' });
  vehicles.none = await createVehicle(api, {});
  vehicles.japanCaps = await createVehicle(api, { originCountry: 'JAPAN' });
  // 1 June in Auckland: O1 (dealer, USD, Japan + Germany, the manager's) and O2 (fleet, JPY, the CSR's).
  orders.o1 = await confirm(
    await createOrderAs(tokens.manager, {
      customerId: customers.dealer.id,
      currency: 'USD',
      vehicles: [
        { vehicleId: vehicles.japan.id, price: 100_000 },
        { vehicleId: vehicles.germany.id, price: 50_000 },
      ],
      estimatedCompletionDate: '2026-07-01',
    }),
  );
  clock.advance(2 * HOUR);
  orders.o2 = await confirm(
    await createOrderAs(tokens.csr, {
      customerId: customers.fleet.id,
      currency: 'JPY',
      vehicles: [{ vehicleId: vehicles.none.id, price: 2_000_000 }],
    }),
    tokens.csr,
  );
  clock.advance(HOUR);
  await stage(vehicles.japan, 'purchased');
  expectOk(
    await api.call('POST', `/orders/${orders.o1.id}/payments`, { kind: 'deposit', amount: 15_000, currency: 'USD', method: 'card' }),
    201,
  );
  expectOk(
    await api.call(
      'POST',
      `/orders/${orders.o2.id}/communication`,
      { channel: 'phone', direction: 'in', body: 'When does it ship?' },
      { token: tokens.csr },
    ),
    201,
  );
  clock.advance(3 * HOUR);
  await stage(vehicles.japan, 'export_cleared');
  // 2 June in Auckland (still 1 June in UTC): O3 (private, GBP, JAPAN, Draft) and O4 (dealer, USD, no vehicles, Cancelled).
  clock.advance(HOUR);
  orders.o3 = await createOrderAs(tokens.manager, {
    customerId: customers.private.id,
    currency: 'GBP',
    vehicles: [{ vehicleId: vehicles.japanCaps.id, price: 30_000 }],
  });
  clock.advance(HOUR);
  const o4 = await createOrderAs(tokens.manager, { customerId: customers.dealer.id, currency: 'USD' });
  orders.o4 = expectOk(
    await api.call<Order>('PUT', `/orders/${o4.id}`, { version: o4.version, status: 'Cancelled', reason: 'Duplicate order.' }),
  );
});
afterAll(async () => {
  await api.close();
});

describe('GET /analytics/dashboard', () => {
  it('covers every order without filters, with every status and stage present', async () => {
    const d = await checkedDashboard();
    expect(total(d)).toBe(4);
    expect(Object.keys(d.ordersByStatus).sort()).toEqual([...ORDER_STATUSES].sort());
    expect(Object.keys(d.pipeline).sort()).toEqual([...IMPORT_STAGES].sort());
    expect(d.cycleTime.map((c) => c.stage)).toEqual(TIMED_STAGES);
    expect(d.cycleTime.find((c) => c.stage === 'purchased')).toEqual({ stage: 'purchased', spans: 1, medianDays: 0, p90Days: 0 });
    expect(d.bottleneck).toBe('purchased');
    expect(d.timeZone).toBe(TIME_ZONE);
    expect(d.filters).toEqual({ staleDays: 14 });
    expect(d.pipeline).toMatchObject({ export_cleared: 1, pending: 2 });
    expect(d.outstanding.map((o) => o.currency)).toEqual(['JPY', 'USD']);
    expect(d.monthlyMoney.map((m) => `${m.month} ${m.currency}`)).toEqual(['2026-06 JPY', '2026-06 USD']);
    expect(d.monthlyMoney.find((m) => m.currency === 'USD')).toMatchObject({ booked: 150_000, collected: 15_000, refunded: 0 });
  });

  it('narrows by office-local days: 1 and 2 June in Auckland are one UTC day', async () => {
    expect(total(await checkedDashboard({ from: '2026-06-01', to: '2026-06-01' }))).toBe(2);
    expect(total(await checkedDashboard({ from: '2026-06-02' }))).toBe(2);
    expect(total(await checkedDashboard({ to: '2026-05-31' }))).toBe(0);
    const week = await checkedDashboard({ from: '2026-06-01', to: '2026-06-07' });
    expect(week.weekly).toEqual([{ weekStart: '2026-06-01', created: 4, completed: 0 }]);
  });

  it('narrows by assignee, customer, customer type and segment', async () => {
    const mine = await checkedDashboard({ assigneeId: csrId });
    expect(total(mine)).toBe(1);
    expect(mine.workload).toEqual([{ assigneeId: csrId, assigneeName: 'Cleo Csr', openOrders: 1, vehiclesInProcess: 1 }]);
    expect(total(await checkedDashboard({ assigneeId: api.user.id }))).toBe(3);
    expect(total(await checkedDashboard({ customerId: customers.dealer.id }))).toBe(2);
    expect(total(await checkedDashboard({ customerType: 'fleet' }))).toBe(1);
    expect(total(await checkedDashboard({ customerType: 'dealer' }))).toBe(2);
    expect(total(await checkedDashboard({ segment: 'vip' }))).toBe(2);
    expect(total(await checkedDashboard({ segment: ' FLEET buyers ' }))).toBe(1);
    expect(total(await checkedDashboard({ segment: 'nobody has this' }))).toBe(0);
  });

  it('narrows by origin ignoring case and spaces, counting only that origin’s vehicles', async () => {
    const japan = await checkedDashboard({ origin: 'japan' });
    expect(japan.ordersByStatus).toMatchObject({ Draft: 1 });
    expect(total(japan)).toBe(2); // O1 (Japan) and O3 (JAPAN)
    expect(Object.values(japan.pipeline).reduce((a, b) => a + b, 0)).toBe(1); // O1's Japanese vehicle, not its German one
    const germany = await checkedDashboard({ origin: 'GERMANY' });
    expect(total(germany)).toBe(1);
    expect(germany.pipeline).toMatchObject({ pending: 1, export_cleared: 0 });
    expect(germany.cycleTime.every((c) => c.spans === 0)).toBe(true);
    expect(total(await checkedDashboard({ origin: 'Mars' }))).toBe(0);
  });

  it('narrows by currency, never adding yen to dollars', async () => {
    const yen = await checkedDashboard({ currency: 'JPY' });
    expect(total(yen)).toBe(1);
    expect(yen.outstanding).toEqual([
      { currency: 'JPY', orders: 1, balanceDue: 2_000_000, ageing: { '0-30': 2_000_000, '31-60': 0, '61-90': 0, '90+': 0 } },
    ]);
    expect(yen.monthlyMoney).toEqual([{ month: '2026-06', currency: 'JPY', booked: 2_000_000, collected: 0, refunded: 0 }]);
    expect(total(await checkedDashboard({ currency: 'EUR' }))).toBe(0);
  });

  it('counts quiet orders by staleDays', async () => {
    expect((await checkedDashboard({ staleDays: '1' })).quiet).toEqual({ staleDays: 1, count: 0, items: [] });
    clock.advance(3 * 24 * HOUR);
    // Sessions last 12 hours: sign in again three days on.
    tokens.manager = (await api.signIn('casey', TEST_PASSWORD)).token;
    tokens.csr = (await api.signIn('cleo', TEST_PASSWORD)).token;
    tokens.admin = (await api.signIn('ada', TEST_PASSWORD)).token;
    const quiet = await checkedDashboard({ staleDays: '3' });
    expect(quiet.quiet.count).toBe(2);
    expect(quiet.quiet.items.map((q) => q.id)).toEqual([orders.o1.id, orders.o2.id]);
    expect(quiet.quiet.items[1]).toMatchObject({ customerName: 'Fleet Co', assigneeName: 'Cleo Csr', daysQuiet: 3 });
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    const refused = async (params: Record<string, string>, field: string): Promise<void> => {
      const body = expectError(
        await api.call('GET', `/analytics/dashboard${query(params)}`, undefined, { token: tokens.manager }),
        'VALIDATION',
      );
      expect(Object.keys(body.fields ?? {}), JSON.stringify(params)).toContain(field);
    };
    await refused({ from: '2026-06-02', to: '2026-06-01' }, 'from');
    await refused({ from: '2000-01-01', to: '2026-06-01' }, 'to');
    await refused({ from: '2026-02-30' }, 'from');
    await refused({ to: 'yesterday' }, 'to');
    await refused({ foo: 'bar' }, 'foo');
    await refused({ staleDays: 'abc' }, 'staleDays');
    await refused({ staleDays: '0' }, 'staleDays');
    await refused({ customerType: 'wholesale' }, 'customerType');
    await refused({ currency: 'XXX' }, 'currency');
  });

  it('is for Managers and Admins: 403 for a CSR, 401 without a session', async () => {
    expectError(await api.call('GET', '/analytics/dashboard', undefined, { token: tokens.csr }), 'FORBIDDEN');
    expectError(await api.call('GET', '/analytics/dashboard', undefined, { token: null }), 'UNAUTHENTICATED');
    expect(total(await dashboard({}, tokens.admin))).toBe(4);
  });
});

describe('GET /orders/:id/analytics', () => {
  it('answers every role with the order’s stage counts, vehicles, schedule, payments and contact', async () => {
    const csrView = expectOk(await api.call<OrderAnalytics>('GET', `/orders/${orders.o1.id}/analytics`, undefined, { token: tokens.csr }));
    expect(csrView).toMatchObject({ orderId: orders.o1.id, orderNumber: orders.o1.orderNumber, timeZone: TIME_ZONE });
    expect(csrView.stageCounts).toEqual({ ...Object.fromEntries(IMPORT_STAGES.map((s) => [s, 0])), pending: 1, export_cleared: 1 });
    expect(csrView.vehicles.map((v) => v.vehicleId).sort()).toEqual([vehicles.japan.id, vehicles.germany.id].sort());
    expect(csrView.schedule).toMatchObject({ orderDate: '2026-06-01T06:00:00.000Z', targetDate: '2026-07-01', completedAt: null });
    expect(csrView.payments).toMatchObject({ currency: 'USD', orderValue: 150_000, paid: 15_000, refunded: 0, balanceDue: 135_000 });
    expect(csrView.payments.collectedShare).toBeCloseTo(0.1);
    expect(csrView.communication).toEqual({ count: 0, customerContacts: 0, lastContactAt: null, daysSinceContact: null });
    const o2 = expectOk(await api.call<OrderAnalytics>('GET', `/orders/${orders.o2.id}/analytics`, undefined, { token: tokens.manager }));
    expect(o2.communication).toMatchObject({ count: 1, customerContacts: 1 });
    expectOk(await api.call('GET', `/orders/${orders.o4.id}/analytics`, undefined, { token: tokens.admin }));
  });

  it('is 404 for an order that does not exist', async () => {
    expectError(await api.call('GET', '/orders/no-such-order/analytics', undefined, { token: tokens.manager }), 'NOT_FOUND');
  });
});

describe('GET /analytics/dashboard on an empty database', () => {
  it('gives zeros and empty lists, not an error', async () => {
    const empty = await startApi({ roles: ['Admin'] });
    try {
      const d = expectOk(await empty.call<Dashboard>('GET', '/analytics/dashboard'));
      expect(Object.values(d.ordersByStatus).every((n) => n === 0)).toBe(true);
      expect(Object.values(d.pipeline).every((n) => n === 0)).toBe(true);
      expect(d.cycleTime.every((c) => c.spans === 0 && c.medianDays === null && c.p90Days === null)).toBe(true);
      expect(d).toMatchObject({
        bottleneck: null,
        onTime: { completed: 0, withTarget: 0, onTime: 0, rate: null },
        weekly: [],
        monthlyMoney: [],
        outstanding: [],
        workload: [],
        quiet: { staleDays: 14, count: 0, items: [] },
      });
    } finally {
      await empty.close();
    }
  });
});

/**
 * Clicking a bar opens the orders list with the same filters: its total must be the bar's count.
 * Needs the orders list to apply the dashboard's filters (branch a8-lists); fails until that is merged.
 */
describe('click-through: the orders list agrees with the dashboard', () => {
  async function listed(params: Record<string, string>): Promise<OrderSummary[]> {
    const items: OrderSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<OrderSummary> = expectOk(
        await api.call<Page<OrderSummary>>(
          'GET',
          `/orders${query({ ...params, limit: '200', ...(cursor ? { cursor } : {}) })}`,
          undefined,
          {
            token: tokens.manager,
          },
        ),
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  const FILTER_SETS: Record<string, string>[] = [
    {},
    { from: '2026-06-02' },
    { to: '2026-06-01' },
    { currency: 'USD' },
    { customerType: 'dealer' },
    { segment: 'VIP' },
    { origin: 'japan' },
  ];

  it('per status, under every filter', async () => {
    for (const filters of FILTER_SETS) {
      const d = await dashboard(filters);
      for (const status of ORDER_STATUSES) {
        expect((await listed({ ...filters, status })).length, `${status} ${JSON.stringify(filters)}`).toBe(d.ordersByStatus[status]);
      }
    }
  });

  // Known gap: the orders list compares origins with SQLite's lower(), which folds ASCII capitals only
  // (an expression index serves it), while the dashboard folds every capital; "Österreich" typed in
  // capitals finds the order on the dashboard, not in the list. `it.fails` keeps the gap visible.
  it.fails('per status for an origin with a non-ASCII capital (Österreich), however it is typed', async () => {
    const token = tokens.manager;
    const vehicle = expectOk(
      await api.call<Vehicle>(
        'POST',
        '/vehicles',
        { vin: 'WVWZZZ1JZ3W386752', make: 'Porsche', model: '911', year: 2021, originCountry: 'Österreich' },
        { token },
      ),
      201,
    );
    const draft = await createOrderAs(token, {
      customerId: customers.private.id,
      currency: 'EUR',
      vehicles: [{ vehicleId: vehicle.id, price: 9_000_000 }],
    });
    await confirm(draft, token);
    for (const origin of ['Österreich', 'ÖSTERREICH', ' österreich ']) {
      const d = await checkedDashboard({ origin });
      expect(d.ordersByStatus.Confirmed, origin).toBe(1);
      for (const status of ORDER_STATUSES) {
        expect((await listed({ origin, status })).length, `${status} ${origin}`).toBe(d.ordersByStatus[status]);
      }
    }
  });

  it('per assignee: the open orders of the workload', async () => {
    const d = await dashboard();
    for (const row of d.workload) {
      let open = 0;
      for (const status of ['Draft', 'Confirmed', 'In Progress']) open += (await listed({ assigneeId: row.assigneeId, status })).length;
      expect(open, row.assigneeName).toBe(row.openOrders);
    }
  });

  it('per stage: an order holding a vehicle at each stage of the pipeline', async () => {
    const d = await dashboard();
    for (const stageName of IMPORT_STAGES) {
      const inFlight = [
        ...(await listed({ stage: stageName, status: 'Confirmed' })),
        ...(await listed({ stage: stageName, status: 'In Progress' })),
      ];
      expect(inFlight.length > 0, stageName).toBe(d.pipeline[stageName] > 0);
    }
  });
});
