// Random small worlds for the analytics property tests: a plan (fast-check) played through the real services on a fake clock.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PortsideError } from '../../core/api/errors';
import { parseInput } from '../../core/api/validation';
import type { Role } from '../../core/auth/permissions';
import { communicationLogInput } from '../../core/domain/communication';
import { customerCreateInput, customerUpdateInput } from '../../core/domain/customer';
import { CUSTOMER_TYPES, type CustomerType } from '../../core/domain/customer-profile';
import { orderCreateInput } from '../../core/domain/order';
import { paymentRecordInput } from '../../core/domain/payment';
import { type IdGenerator, ManualClock } from '../../core/domain/runtime';
import { IMPORT_STAGES } from '../../core/domain/stages';
import { stageEventInput, vehicleCreateInput } from '../../core/domain/vehicle';
import { type Db, openDatabase } from '../../main/db/database';
import { createServices, type Services } from '../../main/services';
import type { Actor } from '../../main/services/unit-of-work';

export const TIME_ZONES = ['Europe/London', 'Pacific/Auckland', 'America/Santiago', 'UTC'] as const;
/** Starts just before DST changes and a year end, so the data crosses them. */
export const STARTS = [
  '2026-03-26T21:30:00.000Z', // London springs forward on the 29th
  '2026-10-22T22:45:00.000Z', // London falls back on the 25th
  '2026-09-02T03:15:00.000Z', // Santiago skips midnight on 6 September; Auckland springs forward on the 27th
  '2026-12-24T11:00:00.000Z', // the year and ISO week 53 end
  '2026-04-01T12:10:00.000Z', // Auckland and Santiago fall back on 5 April
] as const;
const CURRENCIES = ['USD', 'JPY', 'GBP', 'NZD'] as const;
const ORIGINS = [null, 'Japan', ' japan', 'JAPAN', 'United Kingdom', 'Germany'] as const;
const SEGMENTS = ['VIP', 'vip', 'Fleet Buyers', 'JDM Enthusiast'] as const;
const CHANNELS = ['note', 'phone', 'email', 'sms', 'whatsapp', 'letter'] as const;
const PAYMENT_KINDS = ['deposit', 'instalment', 'balance', 'refund'] as const;
const USERS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'ana', displayName: 'Ana Csr', roles: ['CSR'] },
  { username: 'ben', displayName: 'Ben Csr', roles: ['CSR'] },
  { username: 'mia', displayName: 'Mia Manager', roles: ['Manager'] },
];
const MANAGER = 2;

export type Action =
  | { kind: 'order'; creator: number; currency: number; customer: number; vehicles: number[]; targetDays: number | null }
  | { kind: 'confirm'; order: number }
  | { kind: 'stage'; vehicle: number; steps: number; backMinutes: number }
  | { kind: 'journey'; vehicle: number; stages: number; gapHours: number }
  | { kind: 'finish'; order: number; gapHours: number }
  | { kind: 'retract'; vehicle: number }
  | { kind: 'cancel'; order: number }
  | { kind: 'pay'; order: number; paymentKind: number; share: number; backHours: number }
  | { kind: 'contact'; order: number; channel: number }
  | { kind: 'reassign'; order: number; user: number }
  | { kind: 'customer'; customer: number; type: number; segments: number[] }
  | { kind: 'remove'; order: number; slot: number }
  | { kind: 'add'; order: number; vehicle: number };

export interface Plan {
  timeZone: string;
  start: string;
  customers: { type: CustomerType; segments: number[] }[];
  vehicles: number[];
  steps: { advanceHours: number; action: Action }[];
}

const small = fc.nat({ max: 9 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      creator: fc.nat({ max: 2 }),
      currency: fc.nat({ max: CURRENCIES.length - 1 }),
      customer: small,
      vehicles: fc.uniqueArray(small, { minLength: 1, maxLength: 3 }),
      targetDays: fc.option(fc.integer({ min: -5, max: 40 })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('confirm' as const), order: small }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('stage' as const),
      vehicle: small,
      steps: fc.integer({ min: 1, max: 3 }),
      backMinutes: fc.constantFrom(0, 0, 45, 600),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('journey' as const),
      vehicle: small,
      stages: fc.integer({ min: 2, max: 9 }),
      gapHours: fc.constantFrom(3, 11, 30, 80),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retract' as const), vehicle: small }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('finish' as const), order: small, gapHours: fc.constantFrom(5, 26, 60) }) },
  fc.record({ kind: fc.constant('cancel' as const), order: small }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      order: small,
      paymentKind: fc.nat({ max: 3 }),
      share: fc.constantFrom(0.1, 0.37, 0.5, 1),
      backHours: fc.constantFrom(0, 3, 30),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('contact' as const), order: small, channel: fc.nat({ max: 5 }) }) },
  fc.record({ kind: fc.constant('reassign' as const), order: small, user: fc.nat({ max: 2 }) }),
  fc.record({
    kind: fc.constant('customer' as const),
    customer: small,
    type: fc.nat({ max: 2 }),
    segments: fc.uniqueArray(fc.nat({ max: 3 }), { maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), order: small, slot: small }),
  fc.record({ kind: fc.constant('add' as const), order: small, vehicle: small }),
);

const stepArb: fc.Arbitrary<Plan['steps'][number]> = fc.record({ advanceHours: fc.constantFrom(1, 2, 7, 23, 50, 170), action: actionArb });

/**
 * Random steps, with orders of their own vehicles (and their confirmations) spread among them so
 * that most worlds hold several orders in several states, dated across weeks.
 */
export const planArb: fc.Arbitrary<Plan> = fc
  .record({
    timeZone: fc.constantFrom(...TIME_ZONES),
    start: fc.constantFrom(...STARTS),
    customers: fc.array(
      fc.record({ type: fc.constantFrom(...CUSTOMER_TYPES), segments: fc.uniqueArray(fc.nat({ max: 3 }), { maxLength: 2 }) }),
      { minLength: 2, maxLength: 4 },
    ),
    vehicles: fc.array(fc.nat({ max: ORIGINS.length - 1 }), { minLength: 8, maxLength: 12 }),
    opening: fc.array(
      fc.record({
        creator: fc.nat({ max: 2 }),
        currency: fc.nat({ max: CURRENCIES.length - 1 }),
        customer: small,
        size: fc.integer({ min: 1, max: 3 }),
        targetDays: fc.option(fc.integer({ min: -5, max: 40 })),
        confirm: fc.boolean(),
      }),
      { minLength: 3, maxLength: 6 },
    ),
    steps: fc.array(stepArb, { minLength: 10, maxLength: 40 }),
  })
  .map(({ opening, steps, ...rest }) => {
    const all: Plan['steps'] = [...steps];
    opening.forEach((o, k) => {
      const vehicles = Array.from({ length: o.size }, (_, j) => 2 * k + j);
      const at = Math.floor((k * all.length) / (opening.length + 1));
      const order: Action = {
        kind: 'order',
        creator: o.creator,
        currency: o.currency,
        customer: o.customer,
        vehicles,
        targetDays: o.targetDays,
      };
      const confirm: Action[] = o.confirm ? [{ kind: 'confirm', order: k }] : [];
      all.splice(at, 0, { advanceHours: 5, action: order }, ...confirm.map((action) => ({ advanceHours: 1, action })));
    });
    return { ...rest, steps: all };
  });

/** Segments of one customer may not repeat ignoring case ("VIP" and "vip"): keep the first of each. */
function segmentsOf(indices: readonly number[]): string[] {
  const seen = new Set<string>();
  return indices
    .map((i) => SEGMENTS[i] ?? 'VIP')
    .filter((s) => {
      const key = s.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Ids in creation order, so that a failing seed replays with the very same ids (ties sort by id). */
function countingIds(prefix: string): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}-0000-7000-8000-${(n += 1).toString(16).padStart(12, '0')}` };
}

/** A database with the three users already in it (hashing passwords once, not per run). */
export class WorldTemplate {
  private readonly dir = mkdtempSync(join(tmpdir(), 'portside-analytics-'));
  private readonly file = join(this.dir, 'template.sqlite');
  readonly userIds: string[];
  private runs = 0;

  constructor() {
    const db = openDatabase(this.file);
    const services = createServices(db, { clock: new ManualClock('2025-01-01T00:00:00.000Z'), ids: countingIds('00000000') });
    this.userIds = USERS.map((u) => services.auth.createUser({ ...u, password: 'correct horse battery staple' }).id);
    db.close();
  }

  open(plan: Pick<Plan, 'timeZone' | 'start'>): World {
    this.runs += 1;
    const file = join(this.dir, `run-${this.runs}.sqlite`);
    copyFileSync(this.file, file);
    const db = openDatabase(file);
    const clock = new ManualClock(plan.start);
    const services = createServices(db, { clock, timeZone: plan.timeZone, ids: countingIds('00000001') });
    const actors: Actor[] = USERS.map((u, i) => ({ id: this.userIds[i] ?? 'missing', name: u.displayName, roles: u.roles }));
    return new World(db, services, clock, plan.timeZone, actors, file);
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class World {
  readonly customerIds: string[] = [];
  readonly vehicleIds: string[] = [];
  readonly orderIds: string[] = [];
  /** How many calls the services refused (a plan asks for things the rules forbid; they must change nothing). */
  refused = 0;
  /** What was refused, by action kind (to see that a plan does mostly what it asks). */
  readonly refusals: string[] = [];

  constructor(
    readonly db: Db,
    readonly services: Services,
    readonly clock: ManualClock,
    readonly timeZone: string,
    readonly actors: Actor[],
    private readonly file: string,
  ) {}

  private actor(i: number): Actor {
    return this.actors[i % this.actors.length] as Actor;
  }

  private get manager(): Actor {
    return this.actor(MANAGER);
  }

  setUp(plan: Plan): void {
    const csr = this.actor(0);
    plan.customers.forEach((c, i) => {
      const input = parseInput(customerCreateInput, {
        name: `Customer ${String.fromCharCode(65 + i)}`,
        type: c.type,
        segments: segmentsOf(c.segments),
        allowDuplicate: true,
      });
      this.customerIds.push(this.services.customers.create(csr, input).id);
    });
    plan.vehicles.forEach((origin, i) => {
      const originCountry = ORIGINS[origin] ?? null;
      const input = parseInput(vehicleCreateInput, {
        vin: `ZVW30-${1_000_000 + i}`,
        make: 'Toyota',
        model: 'Prius',
        year: 2020,
        ...(originCountry === null ? {} : { originCountry }),
      });
      this.vehicleIds.push(this.services.vehicles.create(csr, input).id);
    });
  }

  /** Plays the plan's steps; `each` runs after every step (e.g. to compare figures midway). */
  play(plan: Plan, each?: (stepIndex: number) => void): void {
    plan.steps.forEach((step, i) => {
      this.clock.advance(step.advanceHours * 3_600_000 + 137_000);
      try {
        this.apply(step.action);
      } catch (error) {
        if (!(error instanceof PortsideError) || error.code === 'INTERNAL') throw error;
        this.refused += 1;
        this.refusals.push(`${step.action.kind}: ${error.message}`);
      }
      each?.(i);
    });
  }

  private order(i: number): string {
    return this.orderIds[i % Math.max(this.orderIds.length, 1)] ?? 'no-order-yet';
  }

  private vehicle(i: number): string {
    return this.vehicleIds[i % this.vehicleIds.length] ?? 'no-vehicle';
  }

  private version(orderId: string): number {
    return this.services.orders.get(orderId).version;
  }

  apply(action: Action): void {
    const { services } = this;
    switch (action.kind) {
      case 'order': {
        const currency = CURRENCIES[action.currency] ?? 'USD';
        const target = action.targetDays === null ? undefined : new Date(Date.parse(this.clock.now()) + action.targetDays * 86_400_000);
        const input = parseInput(orderCreateInput, {
          customerId: this.customerIds[action.customer % this.customerIds.length],
          currency,
          vehicles: action.vehicles.map((v, k) => ({
            vehicleId: this.vehicle(v),
            price: currency === 'JPY' ? 1_500_000 + k * 7 : 250_000 + k,
          })),
          ...(target ? { estimatedCompletionDate: target.toISOString().slice(0, 10) } : {}),
        });
        this.orderIds.push(services.orders.create(this.actor(action.creator), input).id);
        return;
      }
      case 'confirm': {
        const id = this.order(action.order);
        services.orders.update(this.actor(0), { id, version: this.version(id), status: 'Confirmed', reason: 'Agreement signed.' });
        return;
      }
      case 'cancel': {
        const id = this.order(action.order);
        // A confirmed order is cancelled by a Manager (a CSR may cancel only a Draft).
        services.orders.update(this.manager, { id, version: this.version(id), status: 'Cancelled', reason: 'Customer withdrew.' });
        return;
      }
      case 'stage':
        return this.stage(action);
      case 'journey':
        // Stage after stage with time between: what makes the medians a forecast needs.
        for (let k = 0; k < action.stages; k++) {
          if (this.services.vehicles.get(this.vehicle(action.vehicle)).stage === 'delivered') return;
          this.clock.advance(action.gapHours * 3_600_000);
          this.stage({ kind: 'stage', vehicle: action.vehicle, steps: 1, backMinutes: 0 });
        }
        return;
      case 'finish': {
        // Every vehicle of the order to delivered, one stage at a time: the order completes.
        const links = services.orders.get(this.order(action.order)).vehicles.filter((l) => l.status !== 'Removed');
        for (const link of links) {
          const vehicle = this.vehicleIds.indexOf(link.vehicleId);
          this.apply({ kind: 'journey', vehicle, stages: 9, gapHours: action.gapHours });
        }
        return;
      }
      case 'retract': {
        const id = this.vehicle(action.vehicle);
        const latest = services.vehicles
          .get(id)
          .stageHistory.filter((e) => e.retractedAt === null)
          .sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1))
          .pop();
        if (latest) services.vehicles.retractStage(this.manager, { id, eventId: latest.id, reason: 'Recorded by mistake.' });
        return;
      }
      case 'pay':
        return this.pay(action);
      case 'contact': {
        const channel = CHANNELS[action.channel] ?? 'note';
        const input = parseInput(communicationLogInput, {
          id: this.order(action.order),
          channel,
          ...(channel === 'note' ? {} : { direction: action.channel % 2 === 0 ? 'in' : 'out' }),
          body: 'Spoke about the shipping date.',
        });
        services.communication.log(this.actor(0), input);
        return;
      }
      case 'reassign': {
        const id = this.order(action.order);
        services.following.reassign(this.manager, { id, version: this.version(id), assigneeId: this.actor(action.user).id ?? '' });
        return;
      }
      case 'customer': {
        const id = this.customerIds[action.customer % this.customerIds.length] ?? 'no-customer';
        const current = services.customers.get(id);
        const input = parseInput(customerUpdateInput, {
          id,
          version: current.version,
          type: CUSTOMER_TYPES[action.type] ?? 'private',
          segments: segmentsOf(action.segments),
        });
        services.customers.update(this.actor(0), input);
        return;
      }
      case 'remove': {
        const id = this.order(action.order);
        const links = services.orders.get(id).vehicles.filter((l) => l.status !== 'Removed');
        const target = links[action.slot % Math.max(links.length, 1)]?.vehicleId ?? this.vehicle(action.slot);
        services.orders.removeVehicle(this.actor(0), {
          id,
          version: this.version(id),
          vehicleId: target,
          reason: 'Customer changed mind.',
        });
        return;
      }
      case 'add': {
        const id = this.order(action.order);
        const currency = services.orders.get(id).currency;
        services.orders.addVehicle(this.actor(0), {
          id,
          version: this.version(id),
          vehicleId: this.vehicle(action.vehicle),
          price: currency === 'JPY' ? 900_000 : 99_900,
        });
        return;
      }
    }
  }

  private stage(action: Extract<Action, { kind: 'stage' }>): void {
    const id = this.vehicle(action.vehicle);
    const current = IMPORT_STAGES.indexOf(this.services.vehicles.get(id).stage);
    const stage = IMPORT_STAGES[Math.min(current + action.steps, IMPORT_STAGES.length - 1)] ?? 'delivered';
    const at = new Date(Date.parse(this.clock.now()) - action.backMinutes * 60_000).toISOString();
    // Delivery with a balance due needs a Manager's override; the Manager records every delivery.
    const delivering = stage === 'delivered';
    const input = parseInput(stageEventInput, {
      id,
      stage,
      ...(action.backMinutes > 0 ? { at } : {}),
      ...(delivering ? { override: { reason: 'Paid on collection.' } } : {}),
    });
    this.services.vehicles.recordStage(delivering ? this.manager : this.actor(0), input);
  }

  private pay(action: Extract<Action, { kind: 'pay' }>): void {
    const id = this.order(action.order);
    const order = this.services.orders.get(id);
    const kind = PAYMENT_KINDS[action.paymentKind] ?? 'deposit';
    const base = kind === 'refund' ? order.paid - order.refunded : Math.max(order.balanceDue, order.orderValue);
    const amount = Math.max(1, Math.floor(base * action.share));
    const paidAt = new Date(Date.parse(this.clock.now()) - action.backHours * 3_600_000).toISOString();
    const input = parseInput(paymentRecordInput, {
      id,
      kind,
      amount,
      currency: order.currency,
      method: 'bank_transfer',
      ...(action.backHours > 0 ? { paidAt } : {}),
    });
    this.services.payments.record(kind === 'refund' ? this.manager : this.actor(0), input);
  }

  close(): void {
    this.db.close();
    rmSync(this.file, { force: true });
    rmSync(`${this.file}-wal`, { force: true });
    rmSync(`${this.file}-shm`, { force: true });
  }
}
