// Property test over real SQLite: random sequences of order operations keep every order rule true after each call.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import { computeOrderDerived, isOpenStatus, nextAutoStatus } from '../../core/domain/order-rules';
import { ManualClock } from '../../core/domain/runtime';
import { IMPORT_STAGES, type ImportStage } from '../../core/domain/stages';
import { openDatabase } from '../../main/db/database';
import { createServices, type Services } from '../../main/services';
import type { Actor } from '../../main/services/unit-of-work';
import { rowCounts, snapshot } from '../support/fixtures';

const ACTOR: Actor = { id: 'user-1', name: 'Casey Tester' };
const VEHICLES = 6;

type Action =
  | { kind: 'create'; withCustomer: boolean; vehicles: number[] }
  | { kind: 'confirm'; order: number }
  | { kind: 'cancel'; order: number; reason: string }
  | { kind: 'add'; order: number; vehicle: number }
  | { kind: 'remove'; order: number; vehicle: number; reason: string }
  | { kind: 'stage'; vehicle: number; stage: ImportStage }
  | { kind: 'advance'; vehicle: number; steps: number }
  | { kind: 'customer'; order: number; set: boolean };

const index = fc.nat({ max: 7 });
const vehicleIndex = fc.nat({ max: VEHICLES - 1 });
const reason = fc.constantFrom('', 'Customer changed their mind.');
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    withCustomer: fc.constantFrom(true, true, true, false),
    vehicles: fc.uniqueArray(vehicleIndex, { minLength: 0, maxLength: 3 }),
  }),
  { arbitrary: fc.record({ kind: fc.constant('confirm' as const), order: index }), weight: 2 },
  fc.record({ kind: fc.constant('cancel' as const), order: index, reason }),
  fc.record({ kind: fc.constant('add' as const), order: index, vehicle: vehicleIndex }),
  fc.record({ kind: fc.constant('remove' as const), order: index, vehicle: vehicleIndex, reason }),
  fc.record({ kind: fc.constant('stage' as const), vehicle: vehicleIndex, stage: fc.constantFrom(...IMPORT_STAGES) }),
  {
    arbitrary: fc.record({ kind: fc.constant('advance' as const), vehicle: vehicleIndex, steps: fc.integer({ min: 1, max: 4 }) }),
    weight: 3,
  },
  fc.record({ kind: fc.constant('customer' as const), order: index, set: fc.boolean() }),
);

interface World {
  services: Services;
  clock: ManualClock;
  customerId: string;
  vehicleIds: string[];
  orderIds: string[];
}

function setUp(): World {
  const db = openDatabase(':memory:');
  const clock = new ManualClock('2026-01-05T09:00:00.000Z');
  const services = createServices(db, { clock });
  const customerId = services.customers.create(ACTOR, { name: 'Aroha Ngata' }).id;
  const vehicleIds = Array.from(
    { length: VEHICLES },
    (_, i) =>
      services.vehicles.create(ACTOR, {
        vin: `ZVW30-${1_000_000 + i}`,
        make: 'Toyota',
        model: 'Prius',
        year: 2019,
        purchasePrice: 100_000 * (i + 1),
        currency: 'USD',
      }).id,
  );
  return { services, clock, customerId, vehicleIds, orderIds: [] };
}

function apply(world: World, action: Action): void {
  const { services, vehicleIds, orderIds } = world;
  const orderId = (i: number): string => orderIds[i % Math.max(orderIds.length, 1)] ?? 'no-order-yet';
  const vehicleId = (i: number): string => vehicleIds[i] ?? 'no-vehicle';
  const version = (id: string): number => services.orders.get(id).version;
  switch (action.kind) {
    case 'create': {
      const order = services.orders.create(ACTOR, {
        customerId: action.withCustomer ? world.customerId : undefined,
        currency: 'USD',
        vehicles: action.vehicles.map((v) => ({ vehicleId: vehicleId(v) })),
      });
      orderIds.push(order.id);
      return;
    }
    case 'confirm':
      services.orders.update(ACTOR, { id: orderId(action.order), version: version(orderId(action.order)), status: 'Confirmed' });
      return;
    case 'cancel':
      services.orders.update(ACTOR, {
        id: orderId(action.order),
        version: version(orderId(action.order)),
        status: 'Cancelled',
        reason: action.reason || undefined,
      });
      return;
    case 'add':
      services.orders.addVehicle(ACTOR, {
        id: orderId(action.order),
        version: version(orderId(action.order)),
        vehicleId: vehicleId(action.vehicle),
      });
      return;
    case 'remove': {
      // Mostly a vehicle the order holds, so that the removal rules (not "not found") decide.
      const links = orderIds.length > 0 ? services.orders.get(orderId(action.order)).vehicles : [];
      const target = links[action.vehicle % Math.max(links.length, 1)]?.vehicleId ?? vehicleId(action.vehicle);
      services.orders.removeVehicle(ACTOR, {
        id: orderId(action.order),
        version: version(orderId(action.order)),
        vehicleId: target,
        reason: action.reason || undefined,
      });
      return;
    }
    case 'stage':
      services.vehicles.recordStage(ACTOR, { id: vehicleId(action.vehicle), stage: action.stage });
      return;
    case 'advance': {
      const current = IMPORT_STAGES.indexOf(services.vehicles.get(vehicleId(action.vehicle)).stage);
      const stage = IMPORT_STAGES[Math.min(current + action.steps, IMPORT_STAGES.length - 1)] ?? 'delivered';
      services.vehicles.recordStage(ACTOR, { id: vehicleId(action.vehicle), stage });
      return;
    }
    case 'customer':
      services.orders.update(ACTOR, {
        id: orderId(action.order),
        version: version(orderId(action.order)),
        customerId: action.set ? world.customerId : null,
      });
      return;
  }
}

/** Every order rule (docs/order-rules.md) that must hold of the stored data between calls. */
function checkInvariants(world: World): void {
  const holders = new Map<string, string>();
  for (const id of world.orderIds) {
    const order = world.services.orders.get(id);
    const links = order.vehicles;
    const derived = computeOrderDerived(links, order.targetCompletionDate);
    const label = `${order.orderNumber} (${order.status})`;
    // A cancelled order keeps the totals it had; its vehicles may move on in other orders.
    if (order.status !== 'Cancelled') {
      expect(
        { total: order.totalVehicles, completed: order.completedVehicles, value: order.orderValue, progress: order.progress },
        label,
      ).toEqual({
        total: derived.totalVehicles,
        completed: derived.completedVehicles,
        value: derived.orderValue,
        progress: derived.progress,
      });
      expect(order.estimatedCompletionDate, label).toBe(derived.estimatedCompletionDate);
    }
    expect(nextAutoStatus(order.status, links), `${label}: stored status is where the automatic rules lead`).toBe(order.status);
    expect(order.actualCompletionDate !== null, label).toBe(order.status === 'Completed');
    const withStatus = (status: string): string[] => links.filter((l) => l.status === status).map((l) => l.vin);
    if (order.status === 'Draft') expect(withStatus('Active'), `${label} has no active vehicle`).toEqual([]);
    if (order.status === 'Confirmed' || order.status === 'In Progress') {
      expect(withStatus('Added'), `${label} has only active or removed vehicles`).toEqual([]);
      expect(withStatus('Active').length, `${label} keeps an active vehicle`).toBeGreaterThan(0);
      expect(order.customerId, `${label} keeps its customer`).not.toBeNull();
    }
    if (order.status === 'Completed') {
      const active = links.filter((l) => l.status === 'Active');
      expect(active.length > 0 && active.every((l) => l.stage === 'delivered'), `${label}: every active vehicle delivered`).toBe(true);
    }
    if (order.status === 'Cancelled') expect(order.cancelReason, label).toMatch(/\S/);
    if (!isOpenStatus(order.status)) continue;
    for (const link of links) {
      if (link.status === 'Removed') continue;
      const other = holders.get(link.vehicleId);
      expect(other, `vehicle ${link.vin} is in ${label} and in ${other ?? ''}`).toBeUndefined();
      holders.set(link.vehicleId, label);
    }
  }
}

describe('order rules hold after any sequence of calls', () => {
  it('keeps derived fields, statuses and vehicle ownership consistent; a refused call changes nothing; a change writes one change set', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 40, size: 'max' }), (actions) => {
        const world = setUp();
        const db = world.services.deps.db;
        try {
          for (const action of actions) {
            world.clock.advance(3_600_000);
            const before = snapshot(db);
            const countsBefore = rowCounts(db);
            let refused = false;
            try {
              apply(world, action);
            } catch (error) {
              if (!(error instanceof PortsideError) || error.code === 'INTERNAL') throw error;
              refused = true;
            }
            if (refused) {
              expect(snapshot(db), `refused ${JSON.stringify(action)} changed nothing`).toEqual(before);
            } else {
              const changed = JSON.stringify(snapshot(db)) !== JSON.stringify(before);
              expect(rowCounts(db).outbox - countsBefore.outbox, JSON.stringify(action)).toBe(changed ? 1 : 0);
            }
            checkInvariants(world);
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 80 },
    );
  });
});
