// Demo data: realistic customers, vehicles with stage histories and orders in every status,
// created through the services (so audit trail and outbox are real) on a clock set in the past.
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../core/auth/permissions';
import type { OrderStatus } from '../../core/domain/order';
import { ManualClock } from '../../core/domain/runtime';
import { IMPORT_STAGES, type ImportStage } from '../../core/domain/stages';
import type { Db } from '../db/database';
import {
  approximatePrice,
  CITIES,
  COLOURS,
  COMPANIES,
  FIRST,
  LAST,
  MODELS,
  ORDER_CURRENCIES,
  seededRandom,
  stageNote,
  vehicleIdentifier,
} from './demo-catalogue';
import { DemoPayments } from './demo-payments';
import { seedDemoTasks } from './demo-tasks';
import { demoCustomerProfile, seedDuplicatePair } from './demo-customers';
import { seedDemoCommunication } from './demo-communication';
import { seedDemoAdmin } from './demo-admin';
import { seedDemoHistory } from './demo-history';
import { createServices } from './index';
import type { OrderNumbering } from './order-numbers';
import type { Actor } from './unit-of-work';

export const DEMO_PASSWORD = 'portside-demo';
export const DEMO_ACCOUNTS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'csr', displayName: 'Casey Morgan', roles: ['CSR'] },
  { username: 'manager', displayName: 'Mina Patel', roles: ['Manager'] },
  { username: 'admin', displayName: 'Alex Okafor', roles: ['Admin'] },
];

/** Order statuses with their share of the 120 demo orders. */
const STATUS_PLAN: [OrderStatus, number][] = [
  ['Draft', 16],
  ['Confirmed', 16],
  ['In Progress', 46],
  ['Completed', 28],
  ['Cancelled', 14],
];
const DAY = 86_400_000;

export interface DemoSize {
  customers: number;
  vehicles: number;
  orders: number;
}

/**
 * Fixed ids for the demo accounts: two demo instances syncing through one table then name the
 * same person for the same id in every "created by" and audit entry they exchange.
 */
export const DEMO_ACCOUNT_IDS = [
  '01900000-0000-7000-8000-00000000c5a1',
  '01900000-0000-7000-8000-00000000a6e2',
  '01900000-0000-7000-8000-00000000ad33',
] as const;
/** In `settings`: the demo records (customers, vehicles, orders) are in this database. */
export const DEMO_RECORDS_KEY = 'demo.recordsSeeded';

export interface DemoSeedOptions {
  size?: DemoSize;
  /** `blocks` in cloud mode: order numbers from reserved blocks, never the local counter. */
  orderNumbering?: OrderNumbering;
  timeZone?: string;
}

/** Fills an empty database (accounts and records); returns false (and does nothing) when it already has users. */
export function seedDemoData(db: Db, now = Date.now(), size: DemoSize = DEFAULT_DEMO_SIZE): boolean {
  // IMMEDIATE, with the emptiness check inside: two starts on one file can never both seed.
  const seed = db.transaction((): boolean => {
    if (!seedDemoAccounts(db, now)) return false;
    seedRecords(db, now, { size });
    return true;
  });
  return seed.immediate();
}

/**
 * The demo accounts alone, for cloud mode: every instance needs them to sign in, while the demo
 * records come from the one instance that wins the table's demo claim. False when users exist.
 */
export function seedDemoAccounts(db: Db, now = Date.now()): boolean {
  const ids = [...DEMO_ACCOUNT_IDS];
  const services = createServices(db, {
    clock: new ManualClock(now - 270 * DAY),
    ids: { next: () => ids.shift() ?? uuidv7() },
  });
  const seed = db.transaction((): boolean => {
    if (services.deps.repos.users.count() > 0) return false;
    for (const account of DEMO_ACCOUNTS) services.auth.createUser({ ...account, password: DEMO_PASSWORD });
    return true;
  });
  return seed.immediate();
}

/**
 * Cloud mode, after this instance won the demo claim: the demo records, once (marked in
 * `settings` in the same transaction). False when they are already here.
 */
export function seedDemoRecords(db: Db, options: DemoSeedOptions & { now?: number } = {}): boolean {
  const seed = db.transaction((): boolean => {
    const marked = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(DEMO_RECORDS_KEY);
    if (marked) return false;
    seedRecords(db, options.now ?? Date.now(), options);
    db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?)').run(DEMO_RECORDS_KEY, 'true');
    return true;
  });
  return seed.immediate();
}

export const DEFAULT_DEMO_SIZE: DemoSize = { customers: 40, vehicles: 300, orders: 120 };

/** Customers, vehicles with stage histories and orders in every status, by the demo accounts; inside the caller's transaction. */
function seedRecords(db: Db, now: number, options: DemoSeedOptions): void {
  const size = options.size ?? DEFAULT_DEMO_SIZE;
  const clock = new ManualClock(now - 270 * DAY);
  const services = createServices(db, {
    clock,
    ...(options.orderNumbering ? { orderNumbering: options.orderNumbering } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const rand = seededRandom(42);
  const users = DEMO_ACCOUNTS.map((a) => services.deps.repos.users.byUsername(a.username));
  const actors: Actor[] = users.flatMap((u) => (u ? [{ id: u.id, name: u.displayName }] : []));
  if (actors.length !== DEMO_ACCOUNTS.length) throw new Error('the demo accounts must exist before the demo records');
  const csr = (): Actor => rand.pick([actors[0], actors[0], actors[2]]) as Actor;
  // The manager cancels confirmed orders and records refunds: a CSR may do neither.
  const manager: Actor = { ...(actors[1] as Actor), roles: ['Manager'] };
  const payments = new DemoPayments(services, manager);
  const customers = Array.from({ length: size.customers }, (_, i) => {
    clock.advance(rand.int(1, 3) * 3_600_000);
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 7) % LAST.length] as string;
    const company = rand.pick(COMPANIES);
    return services.customers.create(csr(), {
      name: `${first} ${last}`,
      company: company ?? undefined,
      email: `${first}.${last}${i}@example.com`.toLowerCase(),
      phone: `+64 21 ${rand.int(100, 999)} ${rand.int(1000, 9999)}`,
      address: `${rand.int(1, 240)} ${rand.pick(['Quay', 'Harbour', 'Victoria', 'King', 'Queen'])} Street, ${rand.pick(CITIES)}`,
      preferredChannel: rand.pick(['email', 'phone', 'whatsapp', 'sms'] as const),
      notes: rand.next() < 0.3 ? 'Prefers calls after 2pm. Repeat customer.' : undefined,
      ...demoCustomerProfile(i, company ?? null),
    });
  });

  const vehicles = Array.from({ length: size.vehicles }, (_, i) => {
    clock.advance(rand.int(10, 60) * 60_000);
    const model = rand.pick(MODELS);
    const year = rand.int(2012, 2024);
    return services.vehicles.create(csr(), {
      vin: vehicleIdentifier(rand, model, i, year),
      make: model.make,
      model: model.model,
      year,
      colour: rand.pick(COLOURS),
      originCountry: model.origin,
      originPort: model.port,
      purchasePrice: rand.int(model.price[0], model.price[1]),
      currency: model.currency,
      etaDelivery: new Date(now + rand.int(-60, 150) * DAY).toISOString().slice(0, 10),
    });
  });

  const statuses = STATUS_PLAN.flatMap(([status, count]) =>
    Array.from({ length: Math.round((count * size.orders) / 120) }, () => status),
  ).slice(0, size.orders);
  // Oldest orders are mostly finished; newest are mostly drafts: shuffle within that drift.
  statuses.sort((a, b) => statusAge(b) - statusAge(a) + (rand.next() - 0.5) * 2.2);
  let nextVehicle = 0;
  const span = 250 * DAY;
  statuses.forEach((target, i) => {
    const orderStart = now - 262 * DAY + Math.floor((span * i) / statuses.length);
    clock.set(orderStart);
    const count = Math.min(rand.pick([1, 1, 2, 2, 2, 3, 3, 4, 4]), vehicles.length - nextVehicle);
    const picked = vehicles.slice(nextVehicle, nextVehicle + Math.max(count, 0));
    nextVehicle += picked.length;
    const currency = rand.pick(ORDER_CURRENCIES);
    const actor = csr();
    const order = services.orders.create(actor, {
      customerId: (rand.next() < 0.95 || target !== 'Draft' ? rand.pick(customers) : undefined)?.id,
      currency,
      vehicles: picked.map((v) => ({
        vehicleId: v.id,
        price: approximatePrice(v.purchasePrice ?? 0, v.currency ?? 'USD', currency, rand.int(112, 135) / 100),
      })),
      notes:
        rand.next() < 0.4
          ? rand.pick([
              'Customer wants all vehicles registered together.',
              'Deposit paid by bank transfer.',
              'Fleet order for rental business.',
              'Ship on the same vessel if possible.',
            ])
          : undefined,
      estimatedCompletionDate: new Date(orderStart + rand.int(75, 140) * DAY).toISOString().slice(0, 10),
    });
    if (target === 'Draft' || picked.length === 0 || !order.customerId) return;
    clock.advance(rand.int(1, 4) * DAY);
    let current = services.orders.update(actor, {
      id: order.id,
      version: order.version,
      status: 'Confirmed',
      reason: 'Customer signed the purchase agreement.',
    });
    payments.record(actor, order.id, target, 'confirmed');
    if (target === 'Cancelled') {
      clock.advance(rand.int(2, 20) * DAY);
      services.orders.update(manager, {
        id: order.id,
        version: current.version,
        status: 'Cancelled',
        reason: rand.pick([
          'Customer withdrew: finance declined.',
          'Vehicle failed pre-purchase inspection.',
          'Customer chose a local vehicle instead.',
        ]),
      });
      payments.record(actor, order.id, target, 'cancelled');
      return;
    }
    if (target === 'Confirmed') return;
    if (picked.length > 2 && rand.next() < 0.15) {
      clock.advance(DAY);
      const gone = picked[picked.length - 1];
      if (gone)
        current = services.orders.removeVehicle(actor, {
          id: order.id,
          version: current.version,
          vehicleId: gone.id,
          reason: 'Auction price exceeded the customer’s limit.',
        });
    }
    payments.record(actor, order.id, target, 'before_deliveries');
    const active = current.vehicles.filter((v) => v.status === 'Active');
    const startedAt = Date.parse(clock.now());
    // Each vehicle walks its own stages over its own span from the confirmation: finished
    // orders took 2-5 months; open ones are part-way, their latest event days or weeks ago.
    const available = now - DAY - startedAt;
    const events: { vehicleId: string; stage: ImportStage; at: number }[] = [];
    for (const v of active) {
      const finalIndex = target === 'Completed' ? IMPORT_STAGES.length - 1 : rand.int(1, IMPORT_STAGES.length - 2);
      const span = target === 'Completed' ? Math.min(available, rand.int(60, 150) * DAY) : available * (0.4 + rand.next() * 0.55);
      for (let s = 1; s <= finalIndex; s++) {
        const at = startedAt + Math.floor((span * (s - 0.3 + rand.next() * 0.3)) / finalIndex);
        events.push({ vehicleId: v.vehicleId, stage: IMPORT_STAGES[s] as ImportStage, at });
      }
    }
    // Recorded in the order they happened, so the order's history and "last change" read true.
    events.sort((x, y) => x.at - y.at);
    for (const event of events) {
      clock.set(event.at);
      services.vehicles.recordStage(actor, { id: event.vehicleId, stage: event.stage, note: stageNote(event.stage, rand) });
    }
  });
  seedDemoTasks(services, clock, now, actors);
  clock.set(now - 2 * DAY);
  seedDuplicatePair(services, actors[0], customers[4]);
  seedDemoCommunication(services.deps, services.communication, clock, actors, now);
  if (options.orderNumbering !== 'blocks') seedDemoHistory(services, clock, now, actors); // cloud demos reserve numbers for the main demo's months only
  // Local accounts only: in cloud mode the user pool holds the accounts.
  if (options.orderNumbering !== 'blocks') seedDemoAdmin(services, clock, now, actors);
}

function statusAge(status: OrderStatus): number {
  return { Completed: 4, Cancelled: 2.5, 'In Progress': 2, Confirmed: 1, Draft: 0 }[status];
}

/** In `settings`: another instance won the table's demo claim; its records arrive by pull. */
export const DEMO_CLAIM_LOST_KEY = 'demo.claimLost';

/** Cloud mode: whether this database still waits for the demo claim to be decided. */
export function demoClaimUndecided(db: Db): boolean {
  const row = db
    .prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM settings WHERE key IN (?, ?)')
    .get(DEMO_RECORDS_KEY, DEMO_CLAIM_LOST_KEY);
  return (row?.n ?? 0) === 0;
}

/** Cloud mode: another instance seeds; this one never will. */
export function markDemoClaimLost(db: Db): void {
  db.prepare<[string, string]>('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(DEMO_CLAIM_LOST_KEY, 'true');
}

/** The instants demo orders are created at span these years (their numbers come from each year's sequence). */
export function demoOrderYears(now: number, yearOf: (instant: string) => number): number[] {
  const first = yearOf(new Date(now - 270 * DAY).toISOString());
  const last = yearOf(new Date(now).toISOString());
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
