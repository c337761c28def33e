// Demo history: ~120 past orders over 15 months by five people, with stage histories, payments and contact, so the dashboard has a past.
import type { CustomerCreateInput } from '../../core/domain/customer';
import type { Currency } from '../../core/domain/money';
import type { Order } from '../../core/domain/order';
import { depositAmount, type PaymentMethod } from '../../core/domain/payment';
import type { ManualClock } from '../../core/domain/runtime';
import { IMPORT_STAGES, type ImportStage } from '../../core/domain/stages';
import type { VehicleView } from '../../core/domain/vehicle';
import { approximatePrice, COLOURS, pickModel, type Random, seededRandom, stageNote, vehicleIdentifier } from './demo-catalogue';
import type { Services } from './index';
import type { Actor } from './unit-of-work';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HISTORY_ORDERS = 110;
/** The history starts this long before now and its last order is placed HISTORY_END_DAYS before now. */
const HISTORY_DAYS = 456;
const HISTORY_END_DAYS = 12;
/** Orders placed after this one are never cancelled, so the vehicles cancellations release are all on orders again at the end. */
const LAST_CANCELLABLE = 92;
/** Vehicle serials far from the main demo's (0-299) and its duplicate pair's, so identifiers never collide. */
const SERIAL_BASE = 500_000;

/** More CSRs, so the workload chart compares people; they sign in with the demo password. */
export const HISTORY_ACCOUNTS = [
  { username: 'rangi', displayName: 'Rangi Parata' },
  { username: 'yuki', displayName: 'Yuki Tanaka' },
  { username: 'sam', displayName: 'Sam Whitfield' },
] as const;

/** Customers of the early months (the main demo's customers arrive later), of every type. */
const HISTORY_CUSTOMERS: CustomerCreateInput[] = (
  [
    { name: 'Tane Whitiora', company: 'Waitemata Fleet Leasing', type: 'fleet', segments: ['fleet', 'repeat'] },
    { name: 'Grace Liu', company: 'Motorhaus Dealers Ltd', type: 'dealer', segments: ['trade'] },
    { name: 'Olivia Marsh', type: 'private', segments: ['JDM enthusiast'] },
    { name: 'Hamish Reid', company: 'Reid Rentals', type: 'fleet', segments: ['fleet'] },
    { name: 'Nikhil Rao', type: 'private', segments: ['EV'] },
    { name: 'Ben Carter', company: 'Carter Classic Cars', type: 'dealer', segments: ['classic', 'trade'] },
    { name: 'Yasmin Haddad', type: 'private' },
  ] satisfies CustomerCreateInput[]
).map((c, i) => ({ ...c, email: `history${i + 1}@example.com`, allowDuplicate: true }));

/**
 * Days a vehicle typically stays at each stage before the next is recorded. Customs inspection
 * (waiting at `arrived`) is the bottleneck; sea time depends on the origin (TRANSIT_DAYS).
 */
const STAGE_DAYS: Record<Exclude<ImportStage, 'delivered'>, readonly [number, number]> = {
  pending: [2, 6],
  purchased: [4, 10],
  export_cleared: [3, 7],
  at_origin_port: [4, 11],
  in_transit: [14, 22],
  arrived: [22, 40],
  customs_cleared: [3, 8],
  compliance_passed: [2, 6],
  registered: [1, 4],
};
const TRANSIT_DAYS: Record<string, readonly [number, number]> = {
  Japan: [13, 21],
  'United States': [21, 30],
  Germany: [34, 44],
  'United Kingdom': [36, 46],
};
const ORDER_CURRENCIES: readonly Currency[] = ['NZD', 'NZD', 'NZD', 'AUD', 'AUD', 'USD', 'USD', 'JPY', 'JPY', 'GBP', 'EUR'];

type Outcome = 'Completed' | 'In Progress' | 'Stuck' | 'Confirmed' | 'Cancelled' | 'Draft';

interface StageEvent {
  vehicleId: string;
  stage: ImportStage;
  at: number;
}

/** Adds the history; inside the caller's transaction, after the main demo (whose customers it may reuse). */
export function seedDemoHistory(services: Services, clock: ManualClock, now: number, mainActors: readonly Actor[]): void {
  // Analytics fold lazily (the next read, or the background fold): seeding pays nothing for them.
  new DemoHistory(services, clock, now, mainActors).seed();
}

class DemoHistory {
  private readonly rand: Random = seededRandom(2026);
  private readonly start: number;
  private readonly actors: Actor[] = [];
  private readonly manager: Actor;
  private readonly customers: { id: string; since: number }[] = [];
  /** Vehicles released by cancelled orders, sold again on the next orders. */
  private readonly released: VehicleView[] = [];
  private readonly open: { order: Order; actor: Actor }[] = [];
  /** Open orders nobody has contacted for weeks (the dashboard's quiet list): no contact is logged on them lately. */
  private readonly quiet = new Set<string>();
  private serial = SERIAL_BASE;

  constructor(
    private readonly services: Services,
    private readonly clock: ManualClock,
    private readonly now: number,
    mainActors: readonly Actor[],
  ) {
    this.start = now - HISTORY_DAYS * DAY;
    const [csr, manager] = mainActors;
    if (!csr || !manager) throw new Error('the demo accounts must exist before the demo history');
    this.manager = { ...manager, roles: ['Manager'] };
    this.actors.push(csr, this.manager);
  }

  seed(): void {
    this.clock.set(this.start - 20 * DAY);
    this.addAccounts();
    this.addCustomers();
    for (let i = 0; i < HISTORY_ORDERS; i++) {
      const placedAt = this.start + Math.floor((HISTORY_DAYS - HISTORY_END_DAYS) * DAY * ((i + this.rand.next() * 0.8) / HISTORY_ORDERS));
      this.playOrder(i, placedAt, this.outcomeOf(i, placedAt));
    }
    if (this.released.length > 0) this.placeOrder(this.now - HISTORY_END_DAYS * DAY, this.pickActor(), this.released.length);
    this.keepInTouch();
  }

  /** The same record `auth.createUser` writes, with the demo password's hash reused (three scrypt runs cost more than the rest). */
  private addAccounts(): void {
    const { users } = this.services.deps.repos;
    const passwordHash = users.byUsername('csr')?.passwordHash;
    if (!passwordHash) throw new Error('the demo CSR must exist before the demo history');
    for (const account of HISTORY_ACCOUNTS) {
      const id = this.services.deps.ids.next();
      users.insert({ id, ...account, roles: ['CSR'], passwordHash, disabled: false, createdAt: this.clock.now() });
      this.actors.push({ id, name: account.displayName, roles: ['CSR'] });
    }
  }

  private addCustomers(): void {
    const csr = this.actors[0] as Actor;
    for (const input of HISTORY_CUSTOMERS) {
      this.clock.advance(this.rand.int(2, 9) * HOUR);
      this.customers.push({ id: this.services.customers.create(csr, input).id, since: Date.parse(this.clock.now()) });
    }
    // The main demo's customers too, for the orders placed after they were entered.
    const main = this.services.deps.db
      .prepare<[], { id: string; created_at: string }>(
        `SELECT id, created_at FROM customers WHERE deleted = 0 AND merged_into IS NULL ORDER BY created_at, id`,
      )
      .all();
    for (const c of main)
      if (!this.customers.some((k) => k.id === c.id)) this.customers.push({ id: c.id, since: Date.parse(c.created_at) });
  }

  /** Old orders are mostly done; recent ones are under way; a few are cancelled, stuck, or still drafts. */
  private outcomeOf(i: number, placedAt: number): Outcome {
    const age = (this.now - placedAt) / DAY;
    const roll = this.rand.next();
    if (i < LAST_CANCELLABLE && roll < 0.09) return 'Cancelled';
    if (age > 150) return roll < 0.95 ? 'Completed' : 'Stuck';
    if (age > 60) return roll < 0.55 ? 'Completed' : roll < 0.9 ? 'In Progress' : 'Stuck';
    if (age > 25) return roll < 0.75 ? 'In Progress' : 'Confirmed';
    return roll < 0.5 ? 'Confirmed' : roll < 0.8 ? 'In Progress' : 'Draft';
  }

  /** The busiest CSRs take most orders; the Manager a few. */
  private pickActor(): Actor {
    const [csr, manager, rangi, yuki, sam] = this.actors;
    return this.rand.pick([rangi, rangi, rangi, yuki, yuki, yuki, sam, sam, csr, manager].filter((a): a is Actor => !!a));
  }

  private playOrder(i: number, placedAt: number, outcome: Outcome): void {
    const actor = this.pickActor();
    const order = this.placeOrder(placedAt, actor, this.rand.pick([1, 1, 1, 1, 1, 2, 2]));
    if (outcome === 'Draft' || !order.customerId) return;
    if (outcome !== 'Completed' && outcome !== 'Cancelled' && this.rand.next() < 0.2) this.quiet.add(order.id);
    this.clock.set(placedAt + this.rand.int(1, 4) * DAY + this.rand.int(1, 8) * HOUR);
    let current = this.services.orders.update(actor, {
      id: order.id,
      version: order.version,
      status: 'Confirmed',
      reason: this.rand.pick([
        'Customer signed the purchase agreement.',
        'Agreement signed at the yard.',
        'Signed agreement received by e-mail.',
      ]),
    });
    if (this.rand.next() < 0.88) this.pay(actor, current, 'deposit', depositAmount(current.orderValue, 10), `DEP-H${i}`);
    if (this.rand.next() < 0.5) this.contact(actor, current, 'email', 'out', `Order ${current.orderNumber} confirmed`);
    if (outcome === 'Cancelled') return this.cancel(current);
    if (outcome !== 'Confirmed') current = this.progress(actor, current, outcome);
    if (current.status !== 'Completed') this.open.push({ order: current, actor });
  }

  /** A Draft order of a customer known by then, with `count` vehicles: released ones first, then new ones bought for it. */
  private placeOrder(placedAt: number, actor: Actor, count: number): Order {
    this.clock.set(placedAt - this.rand.int(1, 3) * DAY);
    const vehicles = this.released.splice(0, count);
    while (vehicles.length < count) vehicles.push(this.buyVehicle(actor, placedAt));
    this.clock.set(placedAt);
    const known = this.customers.filter((c) => c.since < placedAt);
    const currency = this.rand.pick(ORDER_CURRENCIES);
    return this.services.orders.create(actor, {
      customerId: this.rand.pick(known).id,
      currency,
      vehicles: vehicles.map((v) => ({
        vehicleId: v.id,
        price: approximatePrice(v.purchasePrice ?? 0, v.currency ?? 'USD', currency, this.rand.int(115, 135) / 100),
      })),
      estimatedCompletionDate: new Date(placedAt + this.rand.int(80, 115) * DAY).toISOString().slice(0, 10),
    });
  }

  private buyVehicle(actor: Actor, placedAt: number): VehicleView {
    const model = pickModel(this.rand);
    const year = this.rand.int(2014, 2024);
    this.serial += 1;
    return this.services.vehicles.create(actor, {
      vin: vehicleIdentifier(this.rand, model, this.serial, year),
      make: model.make,
      model: model.model,
      year,
      colour: this.rand.pick(COLOURS),
      originCountry: model.origin,
      originPort: model.port,
      purchasePrice: this.rand.int(model.price[0], model.price[1]),
      currency: model.currency,
      etaDelivery: new Date(placedAt + 90 * DAY).toISOString().slice(0, 10),
    });
  }

  /** A confirmed order is cancelled by the manager (a CSR may cancel only a Draft). */
  private cancel(order: Order): void {
    this.clock.advance(this.rand.int(4, 25) * DAY);
    const cancelled = this.services.orders.update(this.manager, {
      id: order.id,
      version: order.version,
      status: 'Cancelled',
      reason: this.rand.pick(['Customer withdrew: finance declined.', 'Customer bought locally instead.', 'Auction price over budget.']),
    });
    if (cancelled.paid - cancelled.refunded > 0) {
      this.pay(this.manager, cancelled, 'refund', cancelled.paid - cancelled.refunded, `RF-${cancelled.orderNumber.slice(-5)}`);
    }
    this.released.push(...cancelled.vehicles.map((v) => this.services.vehicles.get(v.vehicleId)));
  }

  /**
   * Walks each vehicle through its stages, each taking its own time (sea time by origin, customs
   * the slowest), recording what has happened by now. The balance is paid before the first
   * delivery; a stuck order waits at customs.
   */
  private progress(actor: Actor, order: Order, outcome: Outcome): Order {
    const confirmedAt = Date.parse(this.clock.now());
    const events: StageEvent[] = [];
    for (const line of order.vehicles) {
      const vehicle = this.services.vehicles.get(line.vehicleId);
      const last = outcome === 'Stuck' ? IMPORT_STAGES.indexOf('arrived') : IMPORT_STAGES.length - 1;
      let at = confirmedAt;
      for (let s = IMPORT_STAGES.indexOf(vehicle.stage) + 1; s <= last; s++) {
        const before = IMPORT_STAGES[s - 1] as Exclude<ImportStage, 'delivered'>;
        const [min, max] =
          before === 'in_transit' ? (TRANSIT_DAYS[vehicle.originCountry ?? ''] ?? STAGE_DAYS.in_transit) : STAGE_DAYS[before];
        at += Math.floor((min + this.rand.next() * (max - min)) * DAY);
        events.push({ vehicleId: vehicle.id, stage: IMPORT_STAGES[s] as ImportStage, at });
      }
    }
    events.sort((a, b) => a.at - b.at);
    let current = this.services.orders.get(order.id);
    for (const event of events) {
      if (event.at > this.now - 2 * HOUR) break;
      current = this.beforeStage(actor, current, event);
      this.clock.set(event.at);
      this.services.vehicles.recordStage(actor, { id: event.vehicleId, stage: event.stage, note: stageNote(event.stage, this.rand) });
    }
    return this.services.orders.get(order.id);
  }

  /** What happens just before a stage is recorded: the balance before delivery, a call when the ship is in. */
  private beforeStage(actor: Actor, order: Order, event: StageEvent): Order {
    if (event.stage === 'delivered' && order.balanceDue > 0) {
      this.clock.set(event.at - this.rand.int(1, 3) * DAY);
      this.pay(actor, order, 'balance', order.balanceDue, `BAL-${order.orderNumber.slice(-5)}`);
      if (this.rand.next() < 0.08) return this.discountAfterPayment(order);
      return this.services.orders.get(order.id);
    }
    if (event.stage === 'arrived' && this.rand.next() < 0.35) {
      this.clock.set(event.at + 6 * HOUR);
      this.contact(actor, order, 'phone', 'out', 'Vessel arrived; customs inspection next, about three weeks.');
    } else if (event.stage === 'in_transit' && order.balanceDue > 0 && this.rand.next() < 0.25) {
      this.clock.set(event.at - HOUR);
      this.pay(actor, order, 'instalment', Math.floor(order.balanceDue / 2), null);
      return this.services.orders.get(order.id);
    }
    return order;
  }

  /** Paid in full, then a scratch found at the port: the Manager lowers the price and refunds the difference. */
  private discountAfterPayment(order: Order): Order {
    const paid = this.services.orders.get(order.id);
    const line = paid.vehicles[0];
    if (!line) return paid;
    this.clock.advance(2 * HOUR);
    const repriced = this.services.orders.updateVehicle(this.manager, {
      id: paid.id,
      version: paid.version,
      vehicleId: line.vehicleId,
      price: line.price - Math.floor(line.price / 20),
    });
    this.pay(this.manager, repriced, 'refund', -repriced.balanceDue, `RF-${repriced.orderNumber.slice(-5)}`);
    return this.services.orders.get(order.id);
  }

  /** Every open order but the quiet ones heard from the office in the last fortnight. */
  private keepInTouch(): void {
    for (const { order, actor } of this.open) {
      if (this.quiet.has(order.id)) continue;
      this.clock.set(Math.max(Date.parse(order.orderDate) + DAY, this.now - this.rand.int(1, 12) * DAY - this.rand.int(1, 8) * HOUR));
      const inbound = this.rand.next() < 0.4;
      this.contact(
        actor,
        order,
        this.rand.pick(['phone', 'email', 'whatsapp'] as const),
        inbound ? 'in' : 'out',
        inbound ? 'Customer asked for an update.' : 'Update on where the vehicles are.',
      );
    }
  }

  private contact(actor: Actor, order: Order, channel: 'phone' | 'email' | 'whatsapp', direction: 'in' | 'out', body: string): void {
    if (this.quiet.has(order.id) && Date.parse(this.clock.now()) > this.now - 30 * DAY) return;
    this.services.communication.log(actor, {
      id: order.id,
      channel,
      direction,
      ...(channel === 'email' ? { subject: `Order ${order.orderNumber}` } : {}),
      body,
    });
  }

  private pay(
    actor: Actor,
    order: Order,
    kind: 'deposit' | 'instalment' | 'balance' | 'refund',
    amount: number,
    reference: string | null,
  ): void {
    if (amount <= 0) return;
    const method: PaymentMethod =
      kind === 'refund' ? 'bank_transfer' : this.rand.pick(['bank_transfer', 'bank_transfer', 'card', 'finance'] as const);
    this.services.payments.record(actor, {
      id: order.id,
      kind,
      amount,
      currency: order.currency,
      method,
      ...(reference ? { reference } : {}),
    });
  }
}
