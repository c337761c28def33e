// Demo data: realistic customers, vehicles with stage histories and orders in every status,
// created through the services (so audit trail and outbox are real) on a clock set in the past.
import type { Role } from '../../core/auth/permissions';
import { type Currency, currencyExponent } from '../../core/domain/money';
import type { OrderStatus } from '../../core/domain/order';
import { ManualClock } from '../../core/domain/runtime';
import { IMPORT_STAGES, type ImportStage } from '../../core/domain/stages';
import { vinCheckDigit } from '../../core/domain/vehicle-id';
import type { Db } from '../db/database';
import { createServices } from './index';
import type { Actor } from './unit-of-work';

export const DEMO_PASSWORD = 'portside-demo';
export const DEMO_ACCOUNTS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'csr', displayName: 'Casey Morgan', roles: ['CSR'] },
  { username: 'manager', displayName: 'Mina Patel', roles: ['Manager'] },
  { username: 'admin', displayName: 'Alex Okafor', roles: ['Admin'] },
];

/** Small deterministic PRNG (mulberry32) so every demo database is the same. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const FIRST = [
  'Aroha',
  'Ben',
  'Chloe',
  'Daniel',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Isla',
  'James',
  'Kiri',
  'Liam',
  'Maya',
  'Noah',
  'Olivia',
  'Priya',
  'Quinn',
  'Rangi',
  'Sofia',
  'Tom',
  'Uma',
  'Victor',
  'Wiremu',
  'Yuki',
  'Zara',
];
const LAST = [
  'Anderson',
  'Brown',
  'Chen',
  'Davies',
  'Evans',
  'Fraser',
  'Gupta',
  'Harris',
  'Ito',
  'Jones',
  'Kumar',
  'Lee',
  'Martin',
  'Nguyen',
  'Ngata',
  'Patel',
  'Robinson',
  'Singh',
  'Taylor',
  'Walker',
  'Watson',
  'Wilson',
  'Young',
];
const COMPANIES = [
  'Harbourside Motors',
  'Southern Cross Autos',
  'Kiwi Imports Ltd',
  'Pacific Drive Co',
  'Te Awa Car Sales',
  'Northshore Vehicles',
  'Redline Traders',
  'Summit Auto Group',
  null,
  null,
  null,
  null,
];
const CITIES = [
  'Auckland',
  'Wellington',
  'Christchurch',
  'Sydney',
  'Melbourne',
  'Brisbane',
  'London',
  'Manchester',
  'Los Angeles',
  'Vancouver',
];

interface Model {
  make: string;
  model: string;
  code: string;
  origin: string;
  port: string;
  kind: 'chassis' | 'vin-jp' | 'vin-us' | 'vin-eu';
  currency: Currency;
  price: [number, number];
}
const MODELS: Model[] = [
  {
    make: 'Toyota',
    model: 'Prius',
    code: 'ZVW30',
    origin: 'Japan',
    port: 'Yokohama',
    kind: 'chassis',
    currency: 'JPY',
    price: [600_000, 1_400_000],
  },
  {
    make: 'Toyota',
    model: 'Aqua',
    code: 'NHP10',
    origin: 'Japan',
    port: 'Nagoya',
    kind: 'chassis',
    currency: 'JPY',
    price: [450_000, 900_000],
  },
  {
    make: 'Toyota',
    model: 'Land Cruiser',
    code: 'URJ202',
    origin: 'Japan',
    port: 'Yokohama',
    kind: 'chassis',
    currency: 'JPY',
    price: [3_500_000, 7_800_000],
  },
  {
    make: 'Nissan',
    model: 'Leaf',
    code: 'ZE1',
    origin: 'Japan',
    port: 'Osaka',
    kind: 'chassis',
    currency: 'JPY',
    price: [900_000, 2_100_000],
  },
  {
    make: 'Nissan',
    model: 'Skyline GT-R',
    code: 'BNR34',
    origin: 'Japan',
    port: 'Kobe',
    kind: 'chassis',
    currency: 'JPY',
    price: [9_000_000, 19_000_000],
  },
  {
    make: 'Honda',
    model: 'Fit',
    code: 'GK3',
    origin: 'Japan',
    port: 'Nagoya',
    kind: 'chassis',
    currency: 'JPY',
    price: [400_000, 950_000],
  },
  {
    make: 'Mazda',
    model: 'MX-5',
    code: 'ND5RC',
    origin: 'Japan',
    port: 'Hiroshima',
    kind: 'chassis',
    currency: 'JPY',
    price: [1_400_000, 2_600_000],
  },
  {
    make: 'Subaru',
    model: 'Forester',
    code: 'JTDKN3DU',
    origin: 'Japan',
    port: 'Yokohama',
    kind: 'vin-jp',
    currency: 'JPY',
    price: [1_100_000, 2_400_000],
  },
  {
    make: 'Ford',
    model: 'F-150',
    code: '1FTFW1E5',
    origin: 'United States',
    port: 'Long Beach',
    kind: 'vin-us',
    currency: 'USD',
    price: [2_800_000, 5_900_000],
  },
  {
    make: 'Chevrolet',
    model: 'Camaro',
    code: '1G1FB1RS',
    origin: 'United States',
    port: 'Baltimore',
    kind: 'vin-us',
    currency: 'USD',
    price: [2_200_000, 4_500_000],
  },
  {
    make: 'Tesla',
    model: 'Model Y',
    code: '5YJYGDEE',
    origin: 'United States',
    port: 'Oakland',
    kind: 'vin-us',
    currency: 'USD',
    price: [3_600_000, 5_200_000],
  },
  {
    make: 'BMW',
    model: 'X5',
    code: 'WBACV610',
    origin: 'Germany',
    port: 'Bremerhaven',
    kind: 'vin-eu',
    currency: 'EUR',
    price: [3_900_000, 7_200_000],
  },
  {
    make: 'Volkswagen',
    model: 'Golf GTI',
    code: 'WVWZZZAU',
    origin: 'Germany',
    port: 'Emden',
    kind: 'vin-eu',
    currency: 'EUR',
    price: [1_800_000, 3_400_000],
  },
  {
    make: 'Land Rover',
    model: 'Defender',
    code: 'SALEA7BW',
    origin: 'United Kingdom',
    port: 'Southampton',
    kind: 'vin-eu',
    currency: 'GBP',
    price: [4_200_000, 8_500_000],
  },
];
const VIN_TAIL = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

function makeIdentifier(rand: ReturnType<typeof prng>, model: Model, serial: number): string {
  if (model.kind === 'chassis') return `${model.code}-${String(1_000_000 + serial * 7919 + rand.int(0, 999)).slice(0, 7)}`;
  const body = Array.from({ length: 8 }, () => rand.pick(VIN_TAIL.split('')))
    .join('')
    .replace(/[^A-HJ-NPR-Z0-9]/g, '7');
  const draft = `${model.code}0${rand.pick(['L', 'M', 'N', 'P', 'R'])}${body.slice(0, 7)}`.slice(0, 17).padEnd(17, '5');
  if (model.kind !== 'vin-us') return draft;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

/** Order statuses with their share of the 120 demo orders. */
const STATUS_PLAN: [OrderStatus, number][] = [
  ['Draft', 16],
  ['Confirmed', 16],
  ['In Progress', 46],
  ['Completed', 28],
  ['Cancelled', 14],
];
const ORDER_CURRENCIES: Currency[] = ['USD', 'USD', 'NZD', 'NZD', 'AUD', 'GBP', 'EUR', 'JPY'];
const APPROX_PER_USD: Record<Currency, number> = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 150, AUD: 1.52, NZD: 1.66, CAD: 1.36, AED: 3.67 };
const DAY = 86_400_000;

export interface DemoSize {
  customers: number;
  vehicles: number;
  orders: number;
}

/** Fills an empty database; returns false (and does nothing) when it already has users. */
export function seedDemoData(db: Db, now = Date.now(), size: DemoSize = { customers: 40, vehicles: 300, orders: 120 }): boolean {
  const clock = new ManualClock(now - 270 * DAY);
  const services = createServices(db, { clock });
  if (services.deps.repos.users.count() > 0) return false;
  const rand = prng(42);
  db.transaction(() => {
    const users = DEMO_ACCOUNTS.map((a) => services.auth.createUser({ ...a, password: DEMO_PASSWORD }));
    const actors: Actor[] = users.map((u) => ({ id: u.id, name: u.displayName }));
    const csr = (): Actor => rand.pick([actors[0], actors[0], actors[2]]) as Actor;

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
      });
    });

    const vehicles = Array.from({ length: size.vehicles }, (_, i) => {
      clock.advance(rand.int(10, 60) * 60_000);
      const model = rand.pick(MODELS);
      return services.vehicles.create(csr(), {
        vin: makeIdentifier(rand, model, i),
        make: model.make,
        model: model.model,
        year: rand.int(2012, 2024),
        colour: rand.pick(['Pearl White', 'Silver', 'Black', 'Midnight Blue', 'Red', 'Grey', 'Green']),
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
          price: convert(v.purchasePrice ?? 0, v.currency ?? 'USD', currency, rand.int(112, 135) / 100),
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
      if (target === 'Cancelled') {
        clock.advance(rand.int(2, 20) * DAY);
        services.orders.update(actor, {
          id: order.id,
          version: current.version,
          status: 'Cancelled',
          reason: rand.pick([
            'Customer withdrew: finance declined.',
            'Vehicle failed pre-purchase inspection.',
            'Customer chose a local vehicle instead.',
          ]),
        });
        return;
      }
      if (target === 'Confirmed') return;
      if (picked.length > 2 && rand.next() < 0.15) {
        clock.advance(DAY);
        const gone = picked[picked.length - 1];
        if (gone)
          current = services.orders.removeVehicle(actor, {
            id: order.id,
            vehicleId: gone.id,
            reason: 'Auction price exceeded the customer’s limit.',
          });
      }
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
  })();
  return true;
}

/** Rough conversion with a margin, rounded to whole major units, for realistic agreed prices. */
function convert(minor: number, from: Currency, to: Currency, margin: number): number {
  const major = (minor / 10 ** currencyExponent(from) / APPROX_PER_USD[from]) * APPROX_PER_USD[to] * margin;
  return Math.round(major) * 10 ** currencyExponent(to);
}

function statusAge(status: OrderStatus): number {
  return { Completed: 4, Cancelled: 2.5, 'In Progress': 2, Confirmed: 1, Draft: 0 }[status];
}

function stageNote(stage: ImportStage, rand: ReturnType<typeof prng>): string | undefined {
  if (rand.next() > 0.35) return undefined;
  const notes: Partial<Record<ImportStage, string>> = {
    purchased: 'Won at auction; invoice received.',
    export_cleared: 'Export certificate issued.',
    at_origin_port: 'Delivered to port yard.',
    in_transit: `Loaded on MV ${rand.pick(['Trans Future 5', 'Hoegh Osaka', 'Glovis Sirius', 'Morning Cara'])}.`,
    arrived: 'Discharged at destination port.',
    customs_cleared: 'Duty and GST paid.',
    compliance_passed: 'Entry certification passed.',
    registered: 'Plates issued.',
    delivered: 'Handed over to the customer.',
  };
  return notes[stage];
}
