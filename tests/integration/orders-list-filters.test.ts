// The orders list's dashboard filters over real HTTP: each alone and combined, keyset paging across them, office-local days (DST), refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../core/domain/customer';
import type { Dashboard } from '../../core/domain/analytics';
import type { CustomerType } from '../../core/domain/customer-profile';
import type { Currency } from '../../core/domain/money';
import type { Order, OrderSummary, Page } from '../../core/domain/order';
import { ManualClock } from '../../core/domain/runtime';
import type { ImportStage } from '../../core/domain/stages';
import type { Vehicle } from '../../core/domain/vehicle';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { uniqueVin } from '../support/fixtures';

/** The office is in Auckland: NZDT (+13) until 5 April 2026 03:00, NZST (+12) until 27 September 2026 02:00. */
const TIME_ZONE = 'Pacific/Auckland';
const clock = new ManualClock('2026-01-05T00:00:00.000Z');
let api: ApiHarness;

/** What the reference below needs to know about each order made here. */
interface Made {
  id: string;
  orderDate: string;
  assigneeId: string;
  currency: Currency;
  customerId: string | null;
  status: OrderSummary['status'];
  customerType: CustomerType | null;
  segments: string[];
  /** Origins of the non-removed vehicles, as stored. */
  origins: string[];
  /** Stages of the non-removed vehicles. */
  stages: ImportStage[];
}
const made: Made[] = [];

type Filters = Partial<Record<'assigneeId' | 'currency' | 'customerType' | 'segment' | 'origin' | 'stage' | 'from' | 'to', string>> & {
  status?: string;
  customerId?: string;
  query?: string;
};

/** The office-local day of an instant, by Intl (independent of the code under test). */
const officeDay = (iso: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(iso));
const fold = (text: string): string => text.trim().toLowerCase();

/** The orders a filter should list, newest first (order date, then id, both descending). */
function expected(filters: Filters): string[] {
  return made
    .filter(
      (o) =>
        (filters.assigneeId === undefined || o.assigneeId === filters.assigneeId) &&
        (filters.currency === undefined || o.currency === filters.currency) &&
        (filters.customerType === undefined || o.customerType === filters.customerType) &&
        (filters.segment === undefined || o.segments.some((s) => fold(s) === fold(filters.segment ?? ''))) &&
        (filters.origin === undefined || o.origins.some((s) => fold(s) === fold(filters.origin ?? ''))) &&
        (filters.stage === undefined || o.stages.includes(filters.stage as ImportStage)) &&
        (filters.from === undefined || officeDay(o.orderDate) >= filters.from) &&
        (filters.to === undefined || officeDay(o.orderDate) <= filters.to) &&
        (filters.status === undefined || o.status === filters.status) &&
        (filters.customerId === undefined || o.customerId === filters.customerId),
    )
    .sort((a, b) => (a.orderDate === b.orderDate ? (a.id < b.id ? 1 : -1) : a.orderDate < b.orderDate ? 1 : -1))
    .map((o) => o.id);
}

const listPath = (filters: Filters, limit: number, cursor?: string): string =>
  `/orders?${new URLSearchParams({ ...filters, limit: String(limit), ...(cursor ? { cursor } : {}) }).toString()}`;

/** Every page of the list with `limit` rows a page, following the cursors; the ids in order. */
async function listAll(filters: Filters, limit = 50): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = expectOk(
      await api.call<Page<OrderSummary>>('GET', listPath(filters, limit, cursor), undefined, { token: await tokenOf('casey') }),
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((o) => o.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('the list never ended');
}

// --- the data: two CSRs, three customers of each type, vehicles from four origins ---------------

const tokens = new Map<string, { token: string; at: number }>();
let robinId = '';
let caseyId = '';

/** A session of `username` valid at the clock's time (sessions last 12 hours of the test clock). */
async function tokenOf(username: string): Promise<string> {
  const now = Date.parse(clock.now());
  const held = tokens.get(username);
  if (held && now - held.at < 6 * 3_600_000 && now >= held.at) return held.token;
  const { token } = await api.signIn(username, TEST_PASSWORD);
  tokens.set(username, { token, at: now });
  return token;
}

const customers: Record<'dealer' | 'private' | 'fleet', Customer> = {} as Record<'dealer' | 'private' | 'fleet', Customer>;

async function vehicleFrom(origin: string | null, token: string): Promise<Vehicle> {
  const body = { vin: uniqueVin(), make: 'Toyota', model: 'Hilux', year: 2020, ...(origin ? { originCountry: origin } : {}) };
  return expectOk(await api.call<Vehicle>('POST', '/vehicles', body, { token }), 201);
}

/** An order made at `at` (UTC) by `username`, with one vehicle per origin; `removeFirst` removes the first vehicle again. */
async function makeOrder(spec: {
  at: string;
  username: 'casey' | 'robin';
  currency: Currency;
  customer: keyof typeof customers | null;
  origins: (string | null)[];
  stage?: ImportStage;
  removeFirst?: boolean;
}): Promise<Made> {
  clock.set(spec.at);
  const token = await tokenOf(spec.username);
  const vehicles: Vehicle[] = [];
  for (const origin of spec.origins) vehicles.push(await vehicleFrom(origin, token));
  const customer = spec.customer ? customers[spec.customer] : null;
  let order = expectOk(
    await api.call<Order>(
      'POST',
      '/orders',
      {
        currency: spec.currency,
        ...(customer ? { customerId: customer.id } : {}),
        vehicles: vehicles.map((v) => ({ vehicleId: v.id, price: 100_000 })),
      },
      { token },
    ),
    201,
  );
  const first = vehicles[0];
  if (spec.removeFirst && first) {
    order = expectOk(
      await api.call<Order>(
        'DELETE',
        `/orders/${order.id}/vehicles/${first.id}?${new URLSearchParams({ version: String(order.version), reason: 'Customer changed their mind.' }).toString()}`,
        undefined,
        { token },
      ),
    );
  }
  if (spec.stage) {
    for (const v of vehicles.slice(spec.removeFirst ? 1 : 0)) {
      expectOk(await api.call('POST', `/vehicles/${v.id}/stages`, { stage: spec.stage }, { token }), 201);
    }
  }
  const kept = spec.removeFirst ? spec.origins.slice(1) : spec.origins;
  const final = expectOk(await api.call<Order>('GET', `/orders/${order.id}`, undefined, { token }));
  const entry: Made = {
    id: order.id,
    orderDate: final.orderDate,
    assigneeId: final.assigneeId,
    currency: spec.currency,
    customerId: customer?.id ?? null,
    status: final.status,
    customerType: customer?.type ?? null,
    segments: customer?.segments ?? [],
    origins: kept.filter((o): o is string => o !== null),
    stages: kept.map(() => spec.stage ?? 'pending'),
  };
  expect(entry.orderDate).toBe(new Date(spec.at).toISOString());
  made.push(entry);
  return entry;
}

const ORIGINS = ['Japan', 'JAPAN', 'United Kingdom', 'Germany', null] as const;
const CURRENCIES: Currency[] = ['USD', 'JPY', 'NZD', 'GBP'];
const STAGES: (ImportStage | undefined)[] = [undefined, 'purchased', 'export_cleared', 'in_transit'];

beforeAll(async () => {
  api = await startApi({ clock, env: { PORTSIDE_TIME_ZONE: TIME_ZONE } });
  caseyId = api.user.id;
  robinId = api.backend.services.auth.createUser({
    username: 'robin',
    displayName: 'Robin Reyes',
    password: TEST_PASSWORD,
    roles: ['CSR'],
  }).id;
  api.backend.services.auth.createUser({ username: 'mona', displayName: 'Mona Manager', password: TEST_PASSWORD, roles: ['Manager'] });
  const token = await tokenOf('casey');
  const customer = async (name: string, type: CustomerType, segments: string[]) =>
    expectOk(await api.call<Customer>('POST', '/customers', { name, type, segments, allowDuplicate: true }, { token }), 201);
  customers.dealer = await customer('Harbour Motors', 'dealer', ['Trade', 'JDM enthusiast']);
  customers.private = await customer('Aroha Ngata', 'private', []);
  customers.fleet = await customer('Kiwi Rentals', 'fleet', ['trade']);

  // Day boundaries, in time order. 23:30 NZDT on 31 March is 10:30 UTC that day; 00:10 on 1 April is 11:10 UTC on the 31st.
  await makeOrder({ at: '2026-03-31T10:30:00Z', username: 'casey', currency: 'USD', customer: 'dealer', origins: ['Japan'] });
  await makeOrder({ at: '2026-03-31T11:10:00Z', username: 'robin', currency: 'JPY', customer: 'private', origins: ['Germany'] });
  // 5 April 2026 is 25 hours long in Auckland (03:00 NZDT becomes 02:00 NZST): 00:30 is 11:30 UTC on the 4th, 23:30 is 11:30 UTC on the 5th.
  await makeOrder({
    at: '2026-04-04T11:30:00Z',
    username: 'casey',
    currency: 'NZD',
    customer: 'fleet',
    origins: ['Japan', 'United Kingdom'],
    removeFirst: true,
  });
  await makeOrder({
    at: '2026-04-05T11:30:00Z',
    username: 'robin',
    currency: 'USD',
    customer: 'dealer',
    origins: ['JAPAN'],
    stage: 'purchased',
  });
  await makeOrder({ at: '2026-04-05T12:10:00Z', username: 'casey', currency: 'USD', customer: null, origins: ['United Kingdom'] });
  // 27 September 2026 is 23 hours long (02:00 NZST becomes 03:00 NZDT): it starts at 12:00 UTC on the 26th and ends at 11:00 UTC on the 27th.
  await makeOrder({ at: '2026-09-26T11:30:00Z', username: 'robin', currency: 'GBP', customer: 'private', origins: ['Japan'] });
  await makeOrder({ at: '2026-09-26T12:00:00Z', username: 'casey', currency: 'JPY', customer: 'dealer', origins: ['Germany'] });
  await makeOrder({
    at: '2026-09-27T10:59:00Z',
    username: 'robin',
    currency: 'JPY',
    customer: 'fleet',
    origins: ['Japan'],
    stage: 'purchased',
  });
  await makeOrder({ at: '2026-09-27T11:00:00Z', username: 'casey', currency: 'USD', customer: 'private', origins: [null] });

  // Then a month of ordinary orders, every 20 hours, cycling through every combination.
  for (let i = 0; i < 30; i++) {
    const customer = (['dealer', 'private', 'fleet', null] as const)[i % 4] ?? null;
    const origins =
      customer === null || i % 5 === 0 ? [ORIGINS[i % ORIGINS.length] ?? 'Japan'] : [ORIGINS[i % 3] ?? null, ORIGINS[(i + 2) % 5] ?? null];
    const stage = STAGES[i % 4];
    await makeOrder({
      at: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 20 * 3_600_000).toISOString(),
      username: i % 3 === 0 ? 'robin' : 'casey',
      currency: CURRENCIES[i % CURRENCIES.length] ?? 'USD',
      customer,
      origins,
      ...(stage ? { stage } : {}),
      removeFirst: i % 7 === 3 && origins.length > 1,
    });
  }
  // Two orders at the same instant: the id breaks the tie, in paging too.
  await makeOrder({ at: '2026-11-01T00:00:00Z', username: 'casey', currency: 'USD', customer: 'dealer', origins: ['Japan'] });
  await makeOrder({ at: '2026-11-01T00:00:00Z', username: 'casey', currency: 'USD', customer: 'dealer', origins: ['Japan'] });
  await tokenOf('casey');
}, 60_000);

afterAll(async () => {
  await api.close();
});

describe('each filter of the orders list', () => {
  const single: [string, Filters][] = [
    ['assigneeId (the order’s assignee)', { assigneeId: 'ROBIN' }],
    ['currency', { currency: 'JPY' }],
    ['customerType dealer', { customerType: 'dealer' }],
    ['customerType fleet', { customerType: 'fleet' }],
    ['customerType private (orders without a customer have no type)', { customerType: 'private' }],
    ['segment, ignoring case', { segment: 'TRADE' }],
    ['segment held by one customer only', { segment: 'jdm enthusiast' }],
    ['origin, ignoring case and surrounding spaces', { origin: '  jaPAN ' }],
    ['origin of another country', { origin: 'united kingdom' }],
    ['stage of a non-removed vehicle', { stage: 'purchased' }],
    ['stage nobody is at', { stage: 'delivered' }],
    ['from (office-local day, inclusive)', { from: '2026-04-05' }],
    ['to (office-local day, inclusive)', { to: '2026-04-05' }],
  ];
  it.each(single)('%s lists exactly the matching orders, newest first', async (_label, filters) => {
    const resolved = { ...filters, ...(filters.assigneeId === 'ROBIN' ? { assigneeId: robinId } : {}) };
    const want = expected(resolved);
    expect(want.length).toBeLessThan(made.length);
    expect(await listAll(resolved)).toEqual(want);
  });

  it('matches every order when no filter is given, so the filters above do narrow', async () => {
    expect(await listAll({})).toEqual(expected({}));
    expect(made.length).toBeGreaterThan(30);
  });

  it('finds an origin stored with stray spaces and capitals (as an older device may have synced it)', async () => {
    const order = made.find((o) => o.origins.includes('Germany'));
    if (!order) throw new Error('no German order');
    const vehicleId = api.backend.db
      .prepare<[string], { vehicle_id: string }>(
        `SELECT ov.vehicle_id FROM order_vehicles ov JOIN vehicles v ON v.id = ov.vehicle_id WHERE ov.order_id = ? AND v.origin_country = 'Germany'`,
      )
      .get(order.id)?.vehicle_id;
    api.backend.db.prepare<[string]>(`UPDATE vehicles SET origin_country = '  GERMANY ' WHERE id = ?`).run(vehicleId ?? '');
    try {
      expect(await listAll({ origin: 'germany' })).toContain(order.id);
    } finally {
      api.backend.db.prepare<[string]>(`UPDATE vehicles SET origin_country = 'Germany' WHERE id = ?`).run(vehicleId ?? '');
    }
  });

  it('ignores a removed vehicle: its origin and stage no longer describe the order', async () => {
    const order = made[2];
    expect(order?.origins).toEqual(['United Kingdom']);
    expect(await listAll({ origin: 'Japan', to: '2026-04-05' })).not.toContain(order?.id);
    expect(await listAll({ origin: 'United Kingdom', to: '2026-04-05' })).toContain(order?.id);
  });
});

describe('filters combined', () => {
  const combos: Filters[] = [
    { currency: 'USD', customerType: 'dealer' },
    { origin: 'japan', stage: 'purchased' },
    { segment: 'trade', currency: 'JPY', from: '2026-09-27' },
    { assigneeId: 'CASEY', origin: 'United Kingdom', to: '2026-10-20' },
    { customerType: 'fleet', segment: 'Trade', origin: 'japan', from: '2026-04-01', to: '2026-10-31' },
    { status: 'Draft', currency: 'GBP', from: '2026-10-01' },
    { stage: 'in_transit', customerType: 'private' },
    {
      currency: 'JPY',
      customerType: 'dealer',
      segment: 'trade',
      origin: 'germany',
      stage: 'pending',
      from: '2026-09-27',
      to: '2026-09-27',
    },
  ];
  const resolve = (f: Filters): Filters => ({ ...f, ...(f.assigneeId === 'CASEY' ? { assigneeId: caseyId } : {}) });

  it.each(combos)('%o: every filter must hold', async (filters) => {
    expect(await listAll(resolve(filters))).toEqual(expected(resolve(filters)));
  });

  it('narrows a customer’s orders and a text search too', async () => {
    const dealer = customers.dealer.id;
    expect(await listAll({ customerId: dealer, origin: 'japan' })).toEqual(expected({ customerId: dealer, origin: 'japan' }));
    const searched = await listAll({ query: 'harbour', currency: 'USD', origin: 'Japan' });
    expect(searched).toEqual(expected({ customerId: dealer, currency: 'USD', origin: 'Japan' }));
    expect(searched.length).toBeGreaterThan(1);
  });

  it('gives an empty page, not an error, when nothing matches', async () => {
    const page = expectOk(
      await api.call<Page<OrderSummary>>('GET', listPath({ origin: 'Atlantis', currency: 'USD' }, 10), undefined, {
        token: await tokenOf('casey'),
      }),
    );
    expect(page).toEqual({ items: [], nextCursor: null });
  });
});

describe('click-through from the dashboard', () => {
  const cases: Filters[] = [
    {},
    { origin: ' JAPAN ' },
    { customerType: 'dealer', currency: 'USD' },
    { segment: 'trade', from: '2026-04-01', to: '2026-10-15' },
    { assigneeId: 'ROBIN' },
    { from: '2026-04-05', to: '2026-04-05' },
    { from: '2026-09-27', to: '2026-09-27', origin: 'japan' },
  ];
  it.each(cases)('%o: the list holds as many orders of each status as the dashboard counts', async (filters) => {
    const manager = await tokenOf('mona');
    const resolved = { ...filters, ...(filters.assigneeId === 'ROBIN' ? { assigneeId: robinId } : {}) };
    const dashboard = expectOk(
      await api.call<Dashboard>('GET', `/analytics/dashboard?${new URLSearchParams(resolved).toString()}`, undefined, { token: manager }),
    );
    const listed = expectOk(await api.call<Page<OrderSummary>>('GET', listPath(resolved, 200), undefined, { token: manager })).items;
    const byStatus = Object.fromEntries(Object.keys(dashboard.ordersByStatus).map((s) => [s, listed.filter((o) => o.status === s).length]));
    expect(byStatus).toEqual(dashboard.ordersByStatus);
    expect(listed.length).toBeGreaterThan(0);
  });
});

describe('paging across filters', () => {
  const cases: Filters[] = [
    { origin: 'japan' },
    { customerType: 'dealer', currency: 'USD' },
    { segment: 'trade', from: '2026-04-01', to: '2026-10-15' },
    { stage: 'pending' },
    { assigneeId: 'CASEY' },
    { query: 'kiwi', origin: 'japan' },
  ];
  it.each(cases)('%o: two rows a page, following the cursor, gives every match once and in order', async (filters) => {
    const resolved = { ...filters, ...(filters.assigneeId === 'CASEY' ? { assigneeId: caseyId } : {}) };
    const { query, ...rest } = resolved;
    const want = query ? expected({ ...rest, customerId: customers.fleet.id }) : expected(rest);
    expect(want.length).toBeGreaterThan(2);
    expect(await listAll(resolved, 2)).toEqual(want);
  });
});

describe('from and to are office-local days', () => {
  const ids = (...indexes: number[]) => indexes.map((i) => made[i]?.id);
  const inRange = async (from: string, to: string) => listAll({ from, to });

  it('puts an order at 23:30 on 31 March in the 31st, and one at 00:10 on 1 April in the 1st', async () => {
    expect(await inRange('2026-03-31', '2026-03-31')).toEqual(ids(0));
    expect(await inRange('2026-04-01', '2026-04-01')).toEqual(ids(1));
    expect(await listAll({ to: '2026-03-31' })).toEqual(ids(0));
  });

  it('gives the 25-hour day when summer time ends all of its hours', async () => {
    expect(await inRange('2026-04-05', '2026-04-05')).toEqual(ids(3, 2));
    expect(await inRange('2026-04-06', '2026-04-06')).toEqual(ids(4));
  });

  it('gives the 23-hour day when summer time starts only its own hours', async () => {
    expect(await inRange('2026-09-26', '2026-09-26')).toEqual(ids(5));
    expect(await inRange('2026-09-27', '2026-09-27')).toEqual(ids(7, 6));
    expect(await inRange('2026-09-28', '2026-09-28')).toEqual(ids(8));
  });

  it('takes the widest range a date may have (1900 to 2199) as every order', async () => {
    expect(await inRange('1900-01-01', '2199-12-31')).toEqual(expected({}));
    expect(await listAll({ to: '1900-01-01' })).toEqual([]);
    expect(await listAll({ from: '2199-12-31' })).toEqual([]);
  });

  it('takes from and to as the same day when they are equal, and the whole range otherwise', async () => {
    expect(await inRange('2026-03-31', '2026-04-06')).toEqual(ids(4, 3, 2, 1, 0));
  });
});

describe('refused filters', () => {
  const refused = async (query: string) =>
    expectError(await api.call('GET', `/orders?${query}`, undefined, { token: await tokenOf('casey') }), 'VALIDATION');

  it('refuses from after to with a 400 naming from, as the dashboard does', async () => {
    const body = await refused('from=2026-05-02&to=2026-05-01');
    expect(body.fields).toEqual({ from: 'from (2026-05-02) is after to (2026-05-01): swap them.' });
  });

  it.each([
    ['from=2026-02-30', 'from'],
    ['from=0001-01-01', 'from'],
    ['to=9999-12-31', 'to'],
    ['to=31/03/2026', 'to'],
    ['stage=shipped', 'stage'],
    ['customerType=reseller', 'customerType'],
    ['currency=XXX', 'currency'],
    ['assigneeId=not%20an%20id', 'assigneeId'],
    [`origin=${'x'.repeat(61)}`, 'origin'],
    [`segment=${'x'.repeat(41)}`, 'segment'],
    ['region=EU', 'region'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const body = await refused(query);
    expect(Object.keys(body.fields ?? {})).toContain(field);
  });
});
