// Property test over real SQLite: for random worlds written through the services, every dashboard and order-analytics figure equals the plain reference.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInput } from '../../core/api/validation';
import { addDaysTo, type Dashboard, dashboardInput, type OrderAnalytics, ORIGIN_SPANS_NEEDED } from '../../core/domain/analytics';
import { CUSTOMER_TYPES } from '../../core/domain/customer-profile';
import { localDateOf } from '../../core/domain/task';
import { loadAnalyticsRows, referenceDashboard, referenceOrderAnalytics } from '../support/analytics-reference';
import { type Action, planArb, type Plan, type World, WorldTemplate } from '../support/analytics-world';

// One seed for the file: a failure prints its path, and re-running reproduces it. ANALYTICS_SEED and
// ANALYTICS_RUNS explore further (ANALYTICS_RUNS also skips shrinking, which is slow on long plans).
const SEED = Number(process.env.ANALYTICS_SEED ?? 20261130);
const RUNS = Number(process.env.ANALYTICS_RUNS ?? 25);

let template: WorldTemplate;
beforeAll(() => {
  template = new WorldTemplate();
});
afterAll(() => {
  template.close();
});

interface FilterSpec {
  range: [number, number] | null;
  assignee: number | null;
  customer: number | null;
  customerType: number | null;
  segment: number | null;
  origin: number | null;
  currency: number | null;
  staleDays: number | null;
}

const SEGMENT_FILTERS = ['vip', 'VIP ', ' fleet BUYERS', 'jdm enthusiast', 'No such tag'];
const ORIGIN_FILTERS = ['japan', ' JAPAN ', 'germany', 'United kingdom', 'Mars'];
const CURRENCY_FILTERS = ['USD', 'JPY', 'GBP', 'NZD', 'EUR'];
const STALE_DAYS = [1, 2, 7, 14, 30];

/** Mostly absent, so most specs narrow by one or two filters and still find orders. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const filterArb: fc.Arbitrary<FilterSpec> = fc.record({
  range: sometimes(fc.tuple(fc.integer({ min: -2, max: 30 }), fc.integer({ min: 0, max: 40 }))),
  assignee: sometimes(fc.nat({ max: 3 })),
  customer: sometimes(fc.nat({ max: 4 })),
  customerType: sometimes(fc.nat({ max: CUSTOMER_TYPES.length - 1 })),
  segment: sometimes(fc.nat({ max: SEGMENT_FILTERS.length - 1 })),
  origin: sometimes(fc.nat({ max: ORIGIN_FILTERS.length - 1 })),
  currency: sometimes(fc.nat({ max: CURRENCY_FILTERS.length - 1 })),
  staleDays: sometimes(fc.nat({ max: STALE_DAYS.length - 1 })),
});

/** The query string a manager's browser would send for a spec, in this world. */
function filtersOf(world: World, start: string, spec: FilterSpec): Record<string, string> {
  const raw: Record<string, string> = {};
  if (spec.range) {
    const from = addDaysTo(localDateOf(start, world.timeZone), spec.range[0]);
    raw.from = from;
    raw.to = addDaysTo(from, spec.range[1]);
  }
  if (spec.assignee !== null) raw.assigneeId = world.actors[spec.assignee]?.id ?? 'nobody-at-all';
  if (spec.customer !== null) raw.customerId = world.customerIds[spec.customer] ?? 'no-such-customer';
  if (spec.customerType !== null) raw.customerType = CUSTOMER_TYPES[spec.customerType] ?? 'private';
  if (spec.segment !== null) raw.segment = SEGMENT_FILTERS[spec.segment] ?? 'vip';
  if (spec.origin !== null) raw.origin = ORIGIN_FILTERS[spec.origin] ?? 'japan';
  if (spec.currency !== null) raw.currency = CURRENCY_FILTERS[spec.currency] ?? 'USD';
  if (spec.staleDays !== null) raw.staleDays = String(STALE_DAYS[spec.staleDays] ?? 14);
  return raw;
}

/** The dashboard the service computes for `raw` equals the reference's (the time it was generated aside). */
function expectDashboardAsReference(world: World, raw: Record<string, string>): Dashboard {
  const filters = parseInput(dashboardInput, raw);
  const actual = world.services.analytics.dashboard(filters);
  const expected = referenceDashboard(loadAnalyticsRows(world.db), filters, world.clock.now(), world.timeZone);
  expect({ ...actual, generatedAt: expected.generatedAt }, `dashboard ${JSON.stringify(raw)} in ${world.timeZone}`).toEqual(expected);
  return actual;
}

/** Without the forecast's wording (checked for presence only) and the time it was generated. */
function comparable(analytics: OrderAnalytics): OrderAnalytics {
  return { ...analytics, generatedAt: '', forecast: { ...analytics.forecast, basis: '' } };
}

function expectOrderAnalyticsAsReference(world: World): void {
  const rows = loadAnalyticsRows(world.db);
  for (const id of world.orderIds) {
    const actual = world.services.analytics.orderAnalytics(id);
    const expected = referenceOrderAnalytics(rows, id, world.clock.now(), world.timeZone);
    expect(actual.forecast.basis.length, 'the forecast says what it rests on').toBeGreaterThan(0);
    expect(comparable(actual), `order analytics of ${actual.orderNumber} in ${world.timeZone}`).toEqual(expected && comparable(expected));
  }
}

function playAndCompare(plan: Plan, filters: FilterSpec[]): void {
  const world = template.open(plan);
  try {
    world.setUp(plan);
    const middle = Math.floor(plan.steps.length / 2);
    world.play(plan, (i) => {
      if (i === middle) expectDashboardAsReference(world, {});
    });
    // Some days later, so that open stages, quiet orders and ageing have run on.
    world.clock.advance(9 * 86_400_000 + 3_600_000);
    expectDashboardAsReference(world, {});
    for (const spec of filters) expectDashboardAsReference(world, filtersOf(world, plan.start, spec));
    expectOrderAnalyticsAsReference(world);
  } finally {
    world.close();
  }
}

describe('analytics equal the plain reference', () => {
  it(
    'for random worlds (orders, stages, retractions, cancellations, payments, contacts, reassignments) and random filters',
    () => {
      fc.assert(
        fc.property(planArb, fc.array(filterArb, { minLength: 3, maxLength: 6 }), (plan, filters) => playAndCompare(plan, filters)),
        { seed: SEED, numRuns: RUNS, endOnFailure: process.env.ANALYTICS_RUNS !== undefined },
      );
      // About 0.7 s a world on a quiet machine; room for a busy one (and for shrinking a failure).
    },
    Math.max(180_000, RUNS * 3_000),
  );

  it('for a world whose data crosses the London clock change and a year end, with every filter set once', () => {
    const actions: Action[] = [
      { kind: 'order', creator: 0, currency: 0, customer: 0, vehicles: [0, 1], targetDays: 3 },
      { kind: 'order', creator: 1, currency: 1, customer: 1, vehicles: [2, 3], targetDays: null },
      { kind: 'confirm', order: 0 },
      { kind: 'confirm', order: 1 },
      { kind: 'pay', order: 1, paymentKind: 0, share: 0.37, backHours: 3 },
      ...[0, 1, 2, 3].flatMap((v): Action[] => [
        { kind: 'stage', vehicle: v, steps: 2, backMinutes: 45 },
        { kind: 'stage', vehicle: v, steps: 3, backMinutes: 0 },
      ]),
      { kind: 'contact', order: 0, channel: 1 },
      { kind: 'contact', order: 1, channel: 0 },
      { kind: 'stage', vehicle: 0, steps: 9, backMinutes: 0 },
      { kind: 'stage', vehicle: 1, steps: 9, backMinutes: 0 },
      { kind: 'pay', order: 0, paymentKind: 3, share: 0.5, backHours: 0 },
      { kind: 'order', creator: 2, currency: 2, customer: 2, vehicles: [4], targetDays: 10 },
      { kind: 'cancel', order: 2 },
    ];
    const plan: Plan = {
      timeZone: 'Europe/London',
      start: '2026-10-22T22:45:00.000Z',
      customers: [
        { type: 'dealer', segments: [0] },
        { type: 'fleet', segments: [1, 2] },
        { type: 'private', segments: [] },
      ],
      vehicles: [1, 2, 3, 0, 4],
      steps: actions.map((action, i) => ({ advanceHours: [1, 23, 50, 170][i % 4] ?? 1, action })),
    };
    const every: FilterSpec = {
      range: null,
      assignee: null,
      customer: null,
      customerType: null,
      segment: null,
      origin: null,
      currency: null,
      staleDays: null,
    };
    playAndCompare(plan, [
      { ...every, range: [0, 6] },
      { ...every, range: [3, 0] },
      { ...every, assignee: 0 },
      { ...every, assignee: 3 },
      { ...every, customer: 1 },
      { ...every, customerType: 1 },
      { ...every, segment: 0 },
      { ...every, segment: 2 },
      { ...every, origin: 1 },
      { ...every, currency: 1 },
      { ...every, staleDays: 0 },
      // A CSR over a range: whole months from that CSR's monthly sums, the days at either end order by order.
      { ...every, assignee: 0, range: [0, 60] },
      { ...every, assignee: 1, range: [-30, 120] },
      { ...every, assignee: 0, range: [10, 5] },
      { ...every, assignee: 2, range: [9, 40] },
    ]);
  });
});

describe('the origin filter', () => {
  it('counts only that origin’s vehicles of an order, not the ones without an origin', () => {
    const plan: Plan = {
      timeZone: 'UTC',
      start: '2026-12-24T11:00:00.000Z',
      customers: [{ type: 'dealer', segments: [] }],
      vehicles: [1, 0], // Japan, and no origin recorded
      steps: [],
    };
    const world = template.open(plan);
    try {
      world.setUp(plan);
      world.apply({ kind: 'order', creator: 0, currency: 0, customer: 0, vehicles: [0, 1], targetDays: null });
      world.apply({ kind: 'confirm', order: 0 });
      world.apply({ kind: 'journey', vehicle: 1, stages: 2, gapHours: 30 });
      const filterSets: Record<string, string>[] = [{ origin: 'japan' }, { origin: 'japan', currency: 'USD' }];
      for (const raw of filterSets) {
        const dashboard = expectDashboardAsReference(world, raw);
        expect(dashboard.pipeline.pending, JSON.stringify(raw)).toBe(1);
        expect(
          Object.values(dashboard.pipeline).reduce((a, b) => a + b, 0),
          JSON.stringify(raw),
        ).toBe(1);
        expect(
          dashboard.cycleTime.every((c) => c.spans === 0),
          JSON.stringify(raw),
        ).toBe(true);
      }
    } finally {
      world.close();
    }
  });
});

describe('a vehicle on two orders (a sync accident)', () => {
  // Known gap: sync turns the second link into a conflict for the CSR, and until it is resolved the
  // vehicle's spans count on both orders. `it.fails` keeps the gap visible: fixing it turns this red.
  it.fails('counts its stage spans once in cycle time and in the forecast medians', () => {
    const plan: Plan = {
      timeZone: 'UTC',
      start: '2026-12-24T11:00:00.000Z',
      customers: [{ type: 'dealer', segments: [] }],
      vehicles: [1, 1, 5],
      steps: [],
    };
    const world = template.open(plan);
    try {
      world.setUp(plan);
      world.apply({ kind: 'order', creator: 0, currency: 0, customer: 0, vehicles: [0, 1], targetDays: null });
      world.apply({ kind: 'confirm', order: 0 });
      world.apply({ kind: 'journey', vehicle: 0, stages: 4, gapHours: 30 });
      world.apply({ kind: 'order', creator: 0, currency: 0, customer: 0, vehicles: [2], targetDays: null });
      world.apply({ kind: 'confirm', order: 1 });
      // Two devices each linked vehicle 0 while offline: the pulled link lands beside the local one.
      const now = world.clock.now();
      world.db
        .prepare(
          `INSERT INTO order_vehicles (order_id, vehicle_id, status, price, added_date, version, updated_at, updated_by)
           VALUES (?, ?, 'Active', 100000, ?, 1, ?, 'system')`,
        )
        .run(world.orderIds[1] ?? '', world.vehicleIds[0] ?? '', now, now);
      world.clock.advance(3_600_000);
      const dashboard = expectDashboardAsReference(world, {});
      expect(dashboard.cycleTime.find((c) => c.stage === 'purchased')?.spans).toBe(1);
      expectDashboardAsReference(world, { origin: 'japan' });
      expectDashboardAsReference(world, { origin: 'japan', currency: 'USD' });
      expectOrderAnalyticsAsReference(world);
    } finally {
      world.close();
    }
  });
});

describe('the forecast', () => {
  it(`trusts an origin's own medians once ${ORIGIN_SPANS_NEEDED} spans back them, and everyone's otherwise`, () => {
    const japan = 21; // slow: 60 hours a stage
    const germany = 25; // fast: 5 hours a stage, and the majority, so everyone's median is fast
    const plan: Plan = {
      timeZone: 'Europe/London',
      start: '2026-03-26T21:30:00.000Z',
      customers: [{ type: 'fleet', segments: [] }],
      // Japan (1), Germany (5), then one open vehicle of each and one from the United Kingdom (4).
      vehicles: [...Array<number>(japan).fill(1), ...Array<number>(germany).fill(5), 1, 5, 4],
      steps: [],
    };
    const world = template.open(plan);
    try {
      world.setUp(plan);
      const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);
      const open = range(japan + germany, 3);
      for (const [vehicles, gapHours] of [
        [range(0, japan), 60],
        [range(japan, germany), 5],
      ] as const) {
        world.apply({ kind: 'order', creator: 0, currency: 0, customer: 0, vehicles: [...vehicles], targetDays: null });
        world.apply({ kind: 'confirm', order: world.orderIds.length - 1 });
        world.apply({ kind: 'finish', order: world.orderIds.length - 1, gapHours });
      }
      world.apply({ kind: 'order', creator: 1, currency: 1, customer: 0, vehicles: open, targetDays: 400 });
      world.apply({ kind: 'confirm', order: 2 });
      for (const vehicle of open) world.apply({ kind: 'journey', vehicle, stages: 4, gapHours: 1 });
      world.clock.advance(3_600_000);
      expect(world.refused).toBe(0);
      expectDashboardAsReference(world, {});
      expectOrderAnalyticsAsReference(world);
      const forecast = world.services.analytics.orderAnalytics(world.orderIds[2] ?? '');
      const [fromJapan, fromGermany, fromUk] = open.map(
        (i) => forecast.vehicles.find((v) => v.vehicleId === world.vehicleIds[i])?.forecastDate ?? null,
      );
      expect(fromJapan).not.toBeNull();
      // Japan's own (slow) medians push its vehicle weeks past the others, which share the fast ones.
      expect((fromJapan ?? '') > (fromGermany ?? '')).toBe(true);
      expect(fromGermany).toBe(fromUk);
      expect(forecast.forecast.date).toBe(fromJapan);
    } finally {
      world.close();
    }
  });
});

describe('analytics follow every change to the data they rest on', () => {
  it('after a reassignment, a customer type or segment change, a removed vehicle and a retracted stage', () => {
    const plan: Plan = {
      timeZone: 'Pacific/Auckland',
      start: '2026-09-24T10:00:00.000Z',
      customers: [
        { type: 'dealer', segments: [0] },
        { type: 'private', segments: [2] },
      ],
      vehicles: [1, 3, 4, 5, 2],
      steps: [],
    };
    const world = template.open(plan);
    const check = (): void => {
      const filterSets: Record<string, string>[] = [
        {},
        { assigneeId: world.actors[0]?.id ?? '' },
        { assigneeId: world.actors[1]?.id ?? '' },
        { customerType: 'dealer' },
        { customerType: 'fleet' },
        { segment: 'VIP' },
        { segment: 'jdm enthusiast' },
        { origin: 'japan' },
        { origin: 'germany' },
      ];
      for (const raw of filterSets) expectDashboardAsReference(world, raw);
      expectOrderAnalyticsAsReference(world);
    };
    try {
      world.setUp(plan);
      const step = (action: Action): void => {
        world.clock.advance(26 * 3_600_000);
        world.apply(action);
        check();
      };
      step({ kind: 'order', creator: 0, currency: 0, customer: 0, vehicles: [0, 1, 2], targetDays: 5 });
      step({ kind: 'order', creator: 1, currency: 1, customer: 1, vehicles: [3, 4], targetDays: null });
      step({ kind: 'confirm', order: 0 });
      step({ kind: 'confirm', order: 1 });
      for (const vehicle of [0, 1, 2, 3]) step({ kind: 'stage', vehicle, steps: 2, backMinutes: 0 });
      step({ kind: 'stage', vehicle: 0, steps: 1, backMinutes: 0 });
      const before = world.services.analytics.dashboard(parseInput(dashboardInput, { assigneeId: world.actors[1]?.id ?? '' }));
      step({ kind: 'reassign', order: 0, user: 1 });
      const after = world.services.analytics.dashboard(parseInput(dashboardInput, { assigneeId: world.actors[1]?.id ?? '' }));
      expect(after.workload[0]?.openOrders).toBe((before.workload[0]?.openOrders ?? 0) + 1);
      step({ kind: 'customer', customer: 0, type: 2, segments: [3] }); // dealer -> fleet, VIP -> JDM Enthusiast
      const orderCount = (raw: Record<string, string>): number =>
        Object.values(world.services.analytics.dashboard(parseInput(dashboardInput, raw)).ordersByStatus).reduce((a, b) => a + b, 0);
      expect(orderCount({ customerType: 'fleet' })).toBe(1);
      expect(orderCount({ customerType: 'dealer' })).toBe(0);
      expect(orderCount({ segment: 'vip' })).toBe(0);
      expect(orderCount({ segment: 'JDM enthusiast' })).toBe(1);
      step({ kind: 'remove', order: 0, slot: 1 });
      step({ kind: 'retract', vehicle: 0 });
      step({ kind: 'retract', vehicle: 0 });
      step({ kind: 'cancel', order: 1 });
      step({ kind: 'stage', vehicle: 3, steps: 1, backMinutes: 0 }); // moves on after its order was cancelled
    } finally {
      world.close();
    }
  });
});
