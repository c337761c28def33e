// Specification of every order rule of docs/order-rules.md, checked against the pure functions in core/domain/order-rules.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import { LINK_STATUSES, type LinkStatus, MAX_VEHICLES_PER_ORDER, ORDER_STATUSES, type OrderStatus } from '../../core/domain/order';
import {
  assertCanAddVehicle,
  assertCanRemoveVehicle,
  assertManualTransition,
  assertStageChange,
  canChangeVehicles,
  computeOrderDerived,
  confirmationBlockers,
  currentLinks,
  isOpenStatus,
  linkStatusFor,
  nextAutoStatus,
  type RuleLink,
  type RuleOrder,
} from '../../core/domain/order-rules';
import { FINAL_STAGE_INDEX, IMPORT_STAGES, type ImportStage, isDelivered, isInProcess, stageIndex } from '../../core/domain/stages';

function order(overrides: Partial<RuleOrder> = {}): RuleOrder {
  return { orderNumber: 'PS-2026-00042', status: 'Draft', customerId: 'customer-1', currency: 'USD', ...overrides };
}

let vehicleSeq = 0;
function link(overrides: Partial<RuleLink> = {}): RuleLink {
  vehicleSeq += 1;
  return {
    vehicleId: `vehicle-${vehicleSeq}`,
    vin: `JT0000000000${String(vehicleSeq).padStart(5, '0')}`,
    status: 'Active',
    stage: 'pending',
    price: 1_000_000,
    etaDelivery: null,
    ...overrides,
  };
}

/** Runs `fn` and returns the PortsideError it throws; fails the test when it does not throw one. */
function refusal(fn: () => void): PortsideError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PortsideError) return error;
    throw error;
  }
  throw new Error('expected the rule to refuse, but it allowed the change');
}

const OPEN_STATUSES: OrderStatus[] = ['Draft', 'Confirmed', 'In Progress'];
const FINAL: OrderStatus[] = ['Completed', 'Cancelled'];

const stageArb = fc.constantFrom(...IMPORT_STAGES);
const linkArb: fc.Arbitrary<RuleLink> = fc.record({
  vehicleId: fc.uuid(),
  vin: fc.constant('JTDKB20U093123456'),
  status: fc.constantFrom<LinkStatus>(...LINK_STATUSES),
  stage: stageArb,
  price: fc.integer({ min: 0, max: 1_000_000_000 }),
  etaDelivery: fc.option(
    fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  ),
});
const linksArb = fc.array(linkArb, { maxLength: 30 });
const statusArb = fc.constantFrom<OrderStatus>(...ORDER_STATUSES);

describe('order status: changes made by a person', () => {
  it('confirming needs a customer, a vehicle and a currency', () => {
    const vehicles = [link({ status: 'Added' })];
    expect(confirmationBlockers(order(), vehicles)).toEqual([]);
    expect(() => assertManualTransition(order(), 'Confirmed', vehicles, undefined)).not.toThrow();

    expect(confirmationBlockers(order({ customerId: null }), vehicles)).toEqual(['a customer']);
    expect(confirmationBlockers(order(), [])).toEqual(['at least one vehicle']);
    expect(confirmationBlockers(order({ currency: null }), vehicles)).toEqual(['a currency']);
    expect(confirmationBlockers(order(), [link({ status: 'Removed' })])).toEqual(['at least one vehicle']);

    const error = refusal(() => assertManualTransition(order({ customerId: null, currency: null }), 'Confirmed', [], undefined));
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.message).toBe('Order PS-2026-00042 cannot be confirmed yet: it needs a customer and at least one vehicle and a currency.');
  });

  it('only a Draft order can be confirmed', () => {
    const error = refusal(() => assertManualTransition(order({ status: 'In Progress' }), 'Confirmed', [link()], undefined));
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.message).toBe('Order PS-2026-00042 is already In Progress: only a Draft order can be confirmed.');
  });

  it('an order never goes back to Draft', () => {
    for (const from of ['Confirmed', 'In Progress'] as const) {
      const error = refusal(() => assertManualTransition(order({ status: from }), 'Draft', [link()], undefined));
      expect(error.code).toBe('RULE_VIOLATION');
      expect(error.message).toContain('cannot go back to Draft');
    }
  });

  it('In Progress and Completed follow from the vehicles and cannot be set by hand', () => {
    const inProgress = refusal(() => assertManualTransition(order({ status: 'Confirmed' }), 'In Progress', [link()], undefined));
    expect(inProgress.code).toBe('RULE_VIOLATION');
    expect(inProgress.message).toContain('record a vehicle stage instead');
    const completed = refusal(() => assertManualTransition(order({ status: 'In Progress' }), 'Completed', [link()], undefined));
    expect(completed.code).toBe('RULE_VIOLATION');
    expect(completed.message).toContain('record the deliveries instead');
  });

  it('cancelling needs a reason', () => {
    for (const reason of [undefined, '', '   ']) {
      const error = refusal(() => assertManualTransition(order({ status: 'Confirmed' }), 'Cancelled', [link()], reason));
      expect(error.code).toBe('VALIDATION');
      expect(error.fields).toEqual({ reason: 'A reason is required to cancel an order.' });
      expect(error.message).toContain('Give a reason for cancelling order PS-2026-00042');
    }
  });

  it('any open order can be cancelled with a reason', () => {
    for (const from of OPEN_STATUSES) {
      expect(() => assertManualTransition(order({ status: from }), 'Cancelled', [link()], 'Customer withdrew.')).not.toThrow();
    }
  });

  it('Completed and Cancelled are final', () => {
    for (const from of FINAL) {
      for (const to of ORDER_STATUSES.filter((s) => s !== from)) {
        const error = refusal(() => assertManualTransition(order({ status: from }), to, [link({ stage: 'delivered' })], 'a reason'));
        expect(error.code).toBe('RULE_VIOLATION');
        expect(error.message).toBe(`Order PS-2026-00042 is ${from}: its status can no longer change.`);
      }
      fc.assert(fc.property(linksArb, (links) => nextAutoStatus(from, links) === from));
      expect(isOpenStatus(from)).toBe(false);
    }
    for (const open of OPEN_STATUSES) expect(isOpenStatus(open)).toBe(true);
  });

  it('setting the status an order already has is not a transition', () => {
    for (const status of ORDER_STATUSES) {
      expect(() => assertManualTransition(order({ status }), status, [], undefined)).not.toThrow();
    }
  });
});

describe('order status: automatic rules', () => {
  it('Draft never auto-advances', () => {
    expect(nextAutoStatus('Draft', [link({ status: 'Added', stage: 'delivered' })])).toBe('Draft');
    fc.assert(fc.property(linksArb, (links) => nextAutoStatus('Draft', links) === 'Draft'));
  });

  it('Confirmed -> In Progress as soon as an active vehicle is past pending', () => {
    expect(nextAutoStatus('Confirmed', [link(), link()])).toBe('Confirmed');
    expect(nextAutoStatus('Confirmed', [link(), link({ stage: 'purchased' })])).toBe('In Progress');
  });

  it('only active vehicles move a Confirmed order: removed ones in process do not count', () => {
    expect(nextAutoStatus('Confirmed', [link(), link({ status: 'Removed', stage: 'in_transit' })])).toBe('Confirmed');
  });

  it('In Progress -> Completed when every active vehicle is delivered', () => {
    expect(nextAutoStatus('In Progress', [link({ stage: 'delivered' }), link({ stage: 'registered' })])).toBe('In Progress');
    expect(nextAutoStatus('In Progress', [link({ stage: 'delivered' }), link({ stage: 'delivered' })])).toBe('Completed');
  });

  it('a removed vehicle that was never delivered does not hold back completion', () => {
    expect(nextAutoStatus('In Progress', [link({ stage: 'delivered' }), link({ status: 'Removed', stage: 'arrived' })])).toBe('Completed');
  });

  it('a Confirmed order whose active vehicles are all delivered completes at once', () => {
    expect(nextAutoStatus('Confirmed', [link({ stage: 'delivered' })])).toBe('Completed');
  });

  it('an In Progress order without active vehicles does not complete by itself', () => {
    expect(nextAutoStatus('In Progress', [])).toBe('In Progress');
  });

  it('nextAutoStatus is idempotent', () => {
    fc.assert(
      fc.property(statusArb, linksArb, (status, links) => {
        const once = nextAutoStatus(status, links);
        expect(nextAutoStatus(once, links)).toBe(once);
      }),
    );
  });

  it('automatic rules only move an order forward along Confirmed -> In Progress -> Completed', () => {
    const rank: Record<OrderStatus, number> = { Draft: 0, Confirmed: 1, 'In Progress': 2, Completed: 3, Cancelled: 4 };
    fc.assert(
      fc.property(statusArb, linksArb, (status, links) => {
        const next = nextAutoStatus(status, links);
        if (next === status) return;
        expect(['Confirmed', 'In Progress']).toContain(status);
        expect(['In Progress', 'Completed']).toContain(next);
        expect(rank[next]).toBeGreaterThan(rank[status]);
      }),
    );
  });

  it('a confirmed order completes exactly when it has active vehicles and all of them are delivered', () => {
    fc.assert(
      fc.property(fc.constantFrom<OrderStatus>('Confirmed', 'In Progress'), linksArb, (status, links) => {
        const active = links.filter((l) => l.status === 'Active');
        const allDelivered = active.length > 0 && active.every((l) => l.stage === 'delivered');
        expect(nextAutoStatus(status, links) === 'Completed').toBe(allDelivered);
      }),
    );
  });
});

describe('vehicles of an order', () => {
  it('add/remove only while Draft, Confirmed or In Progress', () => {
    for (const status of OPEN_STATUSES) expect(canChangeVehicles(status)).toBe(true);
    for (const status of FINAL) {
      expect(canChangeVehicles(status)).toBe(false);
      const held = link({ stage: 'in_transit' });
      const add = refusal(() =>
        assertCanAddVehicle(order({ status }), [held], { id: 'new-vehicle', vin: 'JTDKB20U093123456', stage: 'pending' }, null),
      );
      expect(add.code).toBe('RULE_VIOLATION');
      expect(add.message).toBe(`Order PS-2026-00042 is ${status}: vehicles can no longer be added.`);
      const remove = refusal(() => assertCanRemoveVehicle(order({ status }), [held, link()], held, 'a reason'));
      expect(remove.code).toBe('RULE_VIOLATION');
      expect(remove.message).toBe(`Order PS-2026-00042 is ${status}: vehicles can no longer be removed.`);
    }
  });

  it('a vehicle belongs to at most one open order', () => {
    const error = refusal(() =>
      assertCanAddVehicle(order(), [], { id: 'v-9', vin: 'JTDKB20U093123456', stage: 'pending' }, 'PS-2026-00007'),
    );
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.message).toBe('Vehicle JTDKB20U093123456 is already in order PS-2026-00007: remove it there first.');
    expect(() => assertCanAddVehicle(order(), [], { id: 'v-9', vin: 'JTDKB20U093123456', stage: 'pending' }, null)).not.toThrow();
  });

  it('a vehicle cannot be in the same order twice, but a removed one can come back', () => {
    const existing = link({ status: 'Added' });
    const error = refusal(() =>
      assertCanAddVehicle(order(), [existing], { id: existing.vehicleId, vin: existing.vin, stage: 'pending' }, null),
    );
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.message).toBe(`Vehicle ${existing.vin} is already in order PS-2026-00042.`);

    const removed = link({ status: 'Removed' });
    expect(() =>
      assertCanAddVehicle(order(), [removed], { id: removed.vehicleId, vin: removed.vin, stage: 'pending' }, null),
    ).not.toThrow();
  });

  it(`an order holds at most ${MAX_VEHICLES_PER_ORDER} vehicles (removed ones do not count)`, () => {
    const full = Array.from({ length: MAX_VEHICLES_PER_ORDER }, () => link({ status: 'Added' }));
    const error = refusal(() => assertCanAddVehicle(order(), full, { id: 'one-more', vin: 'JTDKB20U093123456', stage: 'pending' }, null));
    expect(error.message).toContain(`already holds ${MAX_VEHICLES_PER_ORDER} vehicles`);
    const withRemoved = [...full.slice(1), link({ status: 'Removed' })];
    expect(() =>
      assertCanAddVehicle(order(), withRemoved, { id: 'one-more', vin: 'JTDKB20U093123456', stage: 'pending' }, null),
    ).not.toThrow();
  });

  it('a vehicle joins a Draft order as Added and a confirmed one as Active', () => {
    expect(linkStatusFor('Draft')).toBe('Added');
    expect(linkStatusFor('Confirmed')).toBe('Active');
    expect(linkStatusFor('In Progress')).toBe('Active');
  });

  it('a delivered vehicle cannot be removed from a confirmed order, but can leave a Draft (which never took it on)', () => {
    for (const status of ['Confirmed', 'In Progress'] as const) {
      const delivered = link({ status: 'Active', stage: 'delivered' });
      const other = link({ status: 'Active', stage: 'arrived' });
      const error = refusal(() => assertCanRemoveVehicle(order({ status }), [delivered, other], delivered, 'a reason'));
      expect(error.code).toBe('RULE_VIOLATION');
      expect(error.message).toBe(
        `Vehicle ${delivered.vin} has been delivered: a delivered vehicle cannot be removed from order PS-2026-00042.`,
      );
    }
    const inDraft = link({ status: 'Added', stage: 'delivered' });
    expect(() =>
      assertCanRemoveVehicle(order({ status: 'Draft' }), [inDraft, link({ status: 'Added' })], inDraft, undefined),
    ).not.toThrow();
  });

  it('refuses to remove the last active vehicle of a confirmed order', () => {
    for (const status of ['Confirmed', 'In Progress'] as const) {
      const last = link({ stage: status === 'Confirmed' ? 'pending' : 'in_transit' });
      const gone = link({ status: 'Removed' });
      const error = refusal(() => assertCanRemoveVehicle(order({ status }), [last, gone], last, 'Customer changed their mind.'));
      expect(error.code).toBe('RULE_VIOLATION');
      expect(error.message).toBe(`Vehicle ${last.vin} is the last vehicle of order PS-2026-00042: cancel the order instead.`);
    }
  });

  it('the last vehicle of a Draft order can be removed, without a reason', () => {
    const only = link({ status: 'Added' });
    expect(() => assertCanRemoveVehicle(order(), [only], only, undefined)).not.toThrow();
  });

  it('removing a vehicle from a confirmed order needs a reason', () => {
    const [a, b] = [link(), link()];
    for (const reason of [undefined, '  ']) {
      const error = refusal(() => assertCanRemoveVehicle(order({ status: 'Confirmed' }), [a, b], a, reason));
      expect(error.code).toBe('VALIDATION');
      expect(error.fields).toEqual({ reason: 'A reason is required to remove a vehicle from a confirmed order.' });
    }
    expect(() => assertCanRemoveVehicle(order({ status: 'Confirmed' }), [a, b], a, 'Failed inspection.')).not.toThrow();
  });

  it('a vehicle already removed cannot be removed again', () => {
    const removed = link({ status: 'Removed' });
    const error = refusal(() => assertCanRemoveVehicle(order(), [removed, link({ status: 'Added' })], removed, undefined));
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.message).toBe(`Vehicle ${removed.vin} was already removed from order PS-2026-00042.`);
  });
});

describe('derived totals', () => {
  it('counts/value cover non-removed vehicles', () => {
    const derived = computeOrderDerived(
      [
        link({ status: 'Active', stage: 'delivered', price: 1_250_000 }),
        link({ status: 'Active', stage: 'arrived', price: 900_000 }),
        link({ status: 'Removed', stage: 'delivered', price: 5_000_000 }),
      ],
      null,
    );
    expect(derived.totalVehicles).toBe(2);
    expect(derived.completedVehicles).toBe(1);
    expect(derived.orderValue).toBe(2_150_000);
    expect(currentLinks([link({ status: 'Added' }), link({ status: 'Removed' }), link({ status: 'Active' })])).toHaveLength(2);
  });

  it('progress = mean stage index / final index', () => {
    const derived = computeOrderDerived(
      [
        link({ stage: 'pending' }),
        link({ stage: 'in_transit' }),
        link({ stage: 'delivered' }),
        link({ status: 'Removed', stage: 'pending' }),
      ],
      null,
    );
    expect(FINAL_STAGE_INDEX).toBe(9);
    expect(derived.progress).toBeCloseTo((0 + 4 / 9 + 1) / 3, 4);
  });

  it('progress of an order without vehicles is 0', () => {
    expect(computeOrderDerived([], null).progress).toBe(0);
    expect(computeOrderDerived([link({ status: 'Removed', stage: 'delivered' })], null).progress).toBe(0);
  });

  it('progress is also shown as a count per stage', () => {
    const { stageCounts } = computeOrderDerived(
      [link({ stage: 'arrived' }), link({ stage: 'arrived' }), link({ stage: 'delivered' }), link({ status: 'Removed', stage: 'arrived' })],
      null,
    );
    expect(Object.keys(stageCounts)).toEqual([...IMPORT_STAGES]);
    expect(stageCounts.arrived).toBe(2);
    expect(stageCounts.delivered).toBe(1);
    expect(Object.values(stageCounts).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('the estimated completion date is the latest delivery ETA of vehicles still on their way, else the target date', () => {
    const links = [
      link({ stage: 'in_transit', etaDelivery: '2026-05-01' }),
      link({ stage: 'arrived', etaDelivery: '2026-06-15' }),
      link({ stage: 'delivered', etaDelivery: '2026-09-30' }),
      link({ status: 'Removed', stage: 'pending', etaDelivery: '2027-01-01' }),
    ];
    expect(computeOrderDerived(links, '2026-04-01').estimatedCompletionDate).toBe('2026-06-15');
    expect(computeOrderDerived([link({ etaDelivery: null })], '2026-04-01').estimatedCompletionDate).toBe('2026-04-01');
    expect(computeOrderDerived([], null).estimatedCompletionDate).toBeNull();
  });

  it('progress is always within 0..1 and equals 1 iff every non-removed vehicle is delivered', () => {
    fc.assert(
      fc.property(fc.array(linkArb, { minLength: 1, maxLength: MAX_VEHICLES_PER_ORDER }), (links) => {
        const { progress } = computeOrderDerived(links, null);
        expect(progress).toBeGreaterThanOrEqual(0);
        expect(progress).toBeLessThanOrEqual(1);
        const current = currentLinks(links);
        const allDelivered = current.length > 0 && current.every((l) => l.stage === 'delivered');
        expect(progress === 1).toBe(allDelivered);
      }),
    );
  });

  it('totals always match the non-removed vehicles', () => {
    fc.assert(
      fc.property(linksArb, (links) => {
        const derived = computeOrderDerived(links, null);
        const current = links.filter((l) => l.status !== 'Removed');
        expect(derived.totalVehicles).toBe(current.length);
        expect(derived.completedVehicles).toBe(current.filter((l) => l.stage === 'delivered').length);
        expect(derived.orderValue).toBe(current.reduce((sum, l) => sum + l.price, 0));
        expect(Number.isInteger(derived.orderValue)).toBe(true);
      }),
    );
  });
});

describe('import stages', () => {
  it('stages only move forward', () => {
    expect(() => assertStageChange('JTDKB20U093123456', 'pending', 'purchased')).not.toThrow();
    const back = refusal(() => assertStageChange('JTDKB20U093123456', 'arrived', 'in_transit'));
    expect(back.code).toBe('RULE_VIOLATION');
    expect(back.message).toBe('Vehicle JTDKB20U093123456 is at Arrived: stages only move forward, so it cannot go back to In transit.');
    const same = refusal(() => assertStageChange('JTDKB20U093123456', 'arrived', 'arrived'));
    expect(same.message).toBe('Vehicle JTDKB20U093123456 is already at stage Arrived.');
  });

  it('stages may be skipped forward (paperwork often arrives late)', () => {
    expect(() => assertStageChange('JTDKB20U093123456', 'pending', 'delivered')).not.toThrow();
  });

  it('a stage change is allowed exactly when the new stage comes later', () => {
    fc.assert(
      fc.property(stageArb, stageArb, (from: ImportStage, to: ImportStage) => {
        const allowed = stageIndex(to) > stageIndex(from);
        let threw = false;
        try {
          assertStageChange('JTDKB20U093123456', from, to);
        } catch {
          threw = true;
        }
        expect(threw).toBe(!allowed);
      }),
    );
  });

  it('a vehicle is in process once past pending and completed at delivered', () => {
    expect(IMPORT_STAGES[0]).toBe('pending');
    expect(IMPORT_STAGES[FINAL_STAGE_INDEX]).toBe('delivered');
    for (const stage of IMPORT_STAGES) {
      expect(isInProcess(stage)).toBe(stage !== 'pending');
      expect(isDelivered(stage)).toBe(stage === 'delivered');
    }
  });
});
