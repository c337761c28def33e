// Fills a Portside database with realistic rows at scale: raw prepared statements in chunked transactions.
import { v7 as uuidv7 } from 'uuid';
import type { Currency } from '../core/domain/money';
import type { LinkStatus, OrderStatus } from '../core/domain/order';
import { computeOrderDerived, nextAutoStatus } from '../core/domain/order-rules';
import { FINAL_STAGE_INDEX, IMPORT_STAGES, type ImportStage } from '../core/domain/stages';
import type { Db } from '../main/db/database';
import { customerSearchText } from '../main/db/repos/customers-repo';
import { orderSearchText } from '../main/db/repos/orders-repo';
import { vehicleSearchText } from '../main/db/repos/vehicles-repo';
import { planOrders, type PlannedOrder } from './order-plan';
import { StageEventBuffer } from './stage-event-buffer';
import {
  approximatePrice,
  CANCEL_REASONS,
  COLOURS,
  COMPANIES,
  CSR_AUTHORS,
  CSR_IDS,
  FIRST_NAMES,
  ORDER_CURRENCIES,
  ORDER_NOTES,
  pickModel,
  type Random,
  REMOVE_REASONS,
  seededRandom,
  SURNAMES,
  vehicleIdentifier,
} from './vocabulary';

const DAY = 86_400_000;
/** Orders are spread over this many days before "now"; customers start a little earlier. */
const HISTORY_DAYS = 1095;
const ORDERS_PER_TRANSACTION = 500;

export interface DatasetSize {
  orders: number;
  vehicles: number;
  customers: number;
}

export interface GenerateReport {
  rows: { customers: number; vehicles: number; stageEvents: number; orders: number; links: number };
  ms: { customers: number; ordersAndVehicles: number; stageEvents: number; total: number };
}

interface GeneratedVehicle {
  id: string;
  vin: string;
  make: string;
  model: string;
  year: number;
  colour: string;
  purchasePrice: number;
  currency: Currency;
  stage: ImportStage;
  stageAt: string;
  etaDelivery: string;
}

/** A vehicle in stock, with the agreed price in the currency asked for. */
export interface StockVehicle {
  id: string;
  vin: string;
  make: string;
  model: string;
  price: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const dateOnly = (ms: number): string => iso(ms).slice(0, 10);

/** Writes customers, vehicles with stage histories and orders with vehicle links, as the services would. */
export class DatasetGenerator {
  private readonly rand: Random;
  private serial = 0;
  private readonly insertCustomer;
  private readonly insertVehicle;
  private readonly insertEvent;
  private readonly insertOrder;
  private readonly insertLink;
  private readonly saveCounter;
  private readonly events = new StageEventBuffer();

  constructor(
    private readonly db: Db,
    private readonly now: number,
    seed = 7,
  ) {
    this.rand = seededRandom(seed);
    this.insertCustomer = db.prepare(
      `INSERT INTO customers (id, name, company, email, phone, address, preferred_channel, notes, search_text, version,
       created_at, created_by, updated_at, updated_by, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)`,
    );
    this.insertVehicle = db.prepare(
      `INSERT INTO vehicles (id, vin, make, model, year, colour, origin_country, origin_port, purchase_price, currency, stage,
       stage_at, eta_delivery, on_hold, hold_reason, search_text, version, created_at, created_by, updated_at, updated_by, deleted)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO vehicle_stage_events (id, vehicle_id, stage, at, note, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?)`,
    );
    this.insertOrder = db.prepare(
      `INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency, progress,
       order_date, target_completion_date, estimated_completion_date, actual_completion_date, notes, cancel_reason, search_text,
       version, created_at, created_by, updated_at, updated_by, balance_due, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)`,
    );
    this.insertLink = db.prepare(
      `INSERT INTO order_vehicles (order_id, vehicle_id, status, price, added_date, notes, removed_reason, removed_date, version,
       updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
    this.saveCounter = db.prepare(
      `INSERT INTO order_counters (year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = max(last, excluded.last)`,
    );
  }

  /**
   * Writes the data set. While loading, the connection runs without a journal, without fsync
   * and with a big page cache (a crash would only lose bench data); all three go back to what
   * openDatabase set before the scenarios run, so those measure the app's own settings.
   */
  generate(size: DatasetSize): GenerateReport {
    const settings = ['journal_mode', 'synchronous', 'cache_size'].map((name) => [name, this.db.pragma(name, { simple: true })] as const);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -262144');
    let report: GenerateReport;
    try {
      report = this.load(size);
    } finally {
      for (const [name, value] of settings) this.db.pragma(`${name} = ${String(value)}`);
    }
    if (this.db.pragma('journal_mode', { simple: true }) !== settings[0]?.[1]) throw new Error('could not restore the journal mode');
    return report;
  }

  private load(size: DatasetSize): GenerateReport {
    const started = performance.now();
    const rows = { customers: 0, vehicles: 0, stageEvents: 0, orders: 0, links: 0 };
    // Records name their authors by id; the directory names the ids, as the CSRs' sign-ins would have.
    const person = this.db.prepare(`INSERT OR REPLACE INTO people (id, display_name, seen_at) VALUES (?, ?, ?)`);
    for (const author of CSR_AUTHORS) person.run(author.id, author.name, iso(this.now));
    const customerIds = this.writeCustomers(size.customers);
    rows.customers = customerIds.length;
    const customersDone = performance.now();

    const start = this.now - HISTORY_DAYS * DAY;
    const plan = planOrders(this.rand, { ...size, start, now: this.now });
    const counters = new Map<number, number>();
    const chunk = this.db.transaction((orders: readonly PlannedOrder[]) => {
      for (const planned of orders) {
        for (let s = 0; s < planned.stockBefore; s++) this.writeStockVehicle(start + this.rand.next() * (this.now - start), rows);
        const year = new Date(planned.at).getUTCFullYear();
        const number = (counters.get(year) ?? 0) + 1;
        counters.set(year, number);
        const customerBound = Math.max(
          1,
          Math.floor(customerIds.length * ((planned.at - start + 60 * DAY) / (this.now - start + 60 * DAY))),
        );
        const customerId = planned.withoutCustomer
          ? null
          : (customerIds[this.rand.int(0, Math.min(customerBound, customerIds.length) - 1)] ?? null);
        this.writeOrder(planned, `PS-${year}-${String(number).padStart(5, '0')}`, customerId, rows);
      }
    });
    for (let i = 0; i < plan.orders.length; i += ORDERS_PER_TRANSACTION) chunk(plan.orders.slice(i, i + ORDERS_PER_TRANSACTION));
    this.db.transaction(() => {
      for (let s = 0; s < plan.stockAfter; s++) this.writeStockVehicle(this.now - this.rand.next() * 30 * DAY, rows);
      for (const [year, last] of counters) this.saveCounter.run(year, last);
    })();
    const ordersDone = performance.now();
    this.writeEvents();
    const finished = performance.now();
    return {
      rows,
      ms: {
        customers: customersDone - started,
        ordersAndVehicles: ordersDone - customersDone,
        stageEvents: finished - ordersDone,
        total: finished - started,
      },
    };
  }

  /** Fresh vehicles in stock (pending, in no order, priced in `currency`), e.g. for orders a benchmark creates. */
  stockVehicles(count: number, currency: Currency): StockVehicle[] {
    const created: StockVehicle[] = [];
    const rows = { vehicles: 0, stageEvents: 0 };
    this.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const v = this.writeVehicle(this.now - this.rand.int(1, 30) * DAY, 0, this.now, rows);
        created.push({
          id: v.id,
          vin: v.vin,
          make: v.make,
          model: v.model,
          price: approximatePrice(v.purchasePrice, v.currency, currency, 1.2),
        });
      }
    })();
    return created;
  }

  /**
   * Stage events are written last, oldest first, as an app recording them over the years
   * would have appended them: inserted in generation order, their time-ordered ids would land
   * all over the indexes, which is slower and leaves half-empty pages no real database has.
   */
  private writeEvents(): void {
    const order = this.events.oldestFirst();
    const chunk = this.db.transaction((from: number, to: number) => {
      for (let k = from; k < to; k++) {
        const e = this.events.at(order[k] ?? 0);
        const when = iso(e.time);
        this.insertEvent.run(
          uuidv7({ msecs: Math.floor(e.time) }),
          e.vehicleId,
          IMPORT_STAGES[e.stage] ?? 'pending',
          when,
          null,
          e.by,
          when,
        );
      }
    });
    for (let k = 0; k < order.length; k += 20_000) chunk(k, Math.min(order.length, k + 20_000));
    this.events.clear();
  }

  private writeCustomers(count: number): string[] {
    const ids: string[] = [];
    const first = this.now - (HISTORY_DAYS + 60) * DAY;
    this.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const at = iso(first + Math.floor(((this.now - first) * i) / count));
        const given = this.rand.pick(FIRST_NAMES);
        const surname = this.rand.pick(SURNAMES);
        const c = {
          name: `${given} ${surname}`,
          company: this.rand.next() < 0.3 ? this.rand.pick(COMPANIES) : null,
          email: `${given}.${surname}${i}@example.com`.toLowerCase(),
          phone: `+64 21 ${this.rand.int(100, 999)} ${this.rand.int(1000, 9999)}`,
        };
        const id = uuidv7({ msecs: Date.parse(at) });
        const address = `${this.rand.int(1, 240)} ${this.rand.pick(['Quay', 'Harbour', 'Victoria', 'King', 'Queen'])} Street`;
        const channel = this.rand.pick(['email', 'phone', 'whatsapp', 'sms']);
        const notes = this.rand.next() < 0.3 ? 'Prefers calls after 2pm. Repeat customer.' : null;
        const by = this.rand.pick(CSR_IDS);
        this.insertCustomer.run(id, c.name, c.company, c.email, c.phone, address, channel, notes, customerSearchText(c), 1, at, by, at, by);
        ids.push(id);
      }
    })();
    return ids;
  }

  private writeStockVehicle(createdAt: number, rows: { vehicles: number; stageEvents: number }): void {
    const roll = this.rand.next();
    const stage = roll < 0.7 ? 0 : roll < 0.9 ? 1 : this.rand.int(2, 5);
    this.writeVehicle(createdAt, stage, Math.min(this.now, createdAt + 60 * DAY), rows);
  }

  /** One vehicle at stage index `stage`, its stage events spread between creation and `until`. */
  private writeVehicle(createdAt: number, stage: number, until: number, rows: { vehicles: number; stageEvents: number }): GeneratedVehicle {
    const model = pickModel(this.rand);
    const year = this.rand.int(2012, 2024);
    const serial = this.serial++;
    const id = uuidv7({ msecs: Math.floor(createdAt) });
    const by = this.rand.pick(CSR_IDS);
    const v: GeneratedVehicle = {
      id,
      vin: vehicleIdentifier(this.rand, model, serial, year),
      make: model.make,
      model: model.model,
      year,
      colour: this.rand.pick(COLOURS),
      purchasePrice: this.rand.int(model.price[0], model.price[1]),
      currency: model.currency,
      stage: IMPORT_STAGES[stage] ?? 'pending',
      stageAt: iso(createdAt),
      etaDelivery: dateOnly(createdAt + this.rand.int(80, 140) * DAY),
    };
    const gap = Math.max(3_600_000, Math.min(12 * DAY, (until - createdAt) / (stage + 1)));
    const eventTimes: number[] = [];
    let at = createdAt;
    for (let s = 1; s <= stage; s++) {
      at += gap * (0.7 + this.rand.next() * 0.3);
      eventTimes.push(at);
    }
    if (stage > 0) v.stageAt = iso(at);
    if (stage === FINAL_STAGE_INDEX) v.etaDelivery = v.stageAt.slice(0, 10);
    const onHold = stage > 2 && stage < FINAL_STAGE_INDEX && this.rand.next() < 0.02;
    this.insertVehicle.run(
      id,
      v.vin,
      v.make,
      v.model,
      v.year,
      v.colour,
      model.origin,
      model.port,
      v.purchasePrice,
      v.currency,
      v.stage,
      v.stageAt,
      v.etaDelivery,
      onHold ? 1 : 0,
      onHold ? 'Customs hold: documents requested.' : null,
      vehicleSearchText(v),
      1 + stage,
      iso(createdAt),
      by,
      v.stageAt,
      by,
    );
    rows.vehicles++;
    eventTimes.forEach((time, i) => this.events.add(id, i + 1, time, by));
    rows.stageEvents += eventTimes.length;
    return v;
  }

  private writeOrder(planned: PlannedOrder, orderNumber: string, customerId: string | null, rows: GenerateReport['rows']): void {
    const id = uuidv7({ msecs: Math.floor(planned.at) });
    const currency = this.rand.pick(ORDER_CURRENCIES);
    const by = this.rand.pick(CSR_IDS);
    const orderDate = iso(planned.at);
    const links = planned.stages.map((stage, i) => {
      const removed = i >= planned.stages.length - planned.removed;
      const vehicle = this.writeVehicle(planned.at - this.rand.int(1, 20) * DAY, stage, this.now, rows);
      const status: LinkStatus = removed ? 'Removed' : planned.linkStatus;
      return {
        ...vehicle,
        vehicleId: vehicle.id,
        status,
        price: approximatePrice(vehicle.purchasePrice, vehicle.currency, currency, this.rand.int(112, 135) / 100),
      };
    });
    const updatedAt = links.reduce((latest, l) => Math.max(latest, Date.parse(l.stageAt)), planned.at);
    const target = dateOnly(planned.at + this.rand.int(75, 140) * DAY);
    const derived = computeOrderDerived(links, target);
    if (planned.status !== 'Draft' && planned.status !== 'Cancelled' && nextAutoStatus(planned.status, links) !== planned.status) {
      throw new Error(`generator bug: a ${planned.status} order whose vehicles say ${nextAutoStatus(planned.status, links)}`);
    }
    const actual = planned.status === 'Completed' ? iso(updatedAt) : null;
    this.insertOrder.run(
      id,
      orderNumber,
      customerId,
      planned.status,
      derived.totalVehicles,
      derived.completedVehicles,
      derived.orderValue,
      currency,
      derived.progress,
      orderDate,
      target,
      derived.estimatedCompletionDate,
      actual,
      this.rand.next() < 0.4 ? this.rand.pick(ORDER_NOTES) : null,
      planned.status === 'Cancelled' ? this.rand.pick(CANCEL_REASONS) : null,
      orderSearchText(orderNumber, links),
      versionOf(planned.status, links.length),
      orderDate,
      by,
      iso(updatedAt),
      by,
      // No payments in the bench data: the whole value is due (core's computePaymentTotals; a Cancelled order owes nothing).
      planned.status === 'Cancelled' ? 0 : derived.orderValue,
    );
    rows.orders++;
    for (const link of links) {
      const removedAt = planned.at + 2 * DAY;
      this.insertLink.run(
        id,
        link.vehicleId,
        link.status,
        link.price,
        orderDate,
        null,
        link.status === 'Removed' ? this.rand.pick(REMOVE_REASONS) : null,
        link.status === 'Removed' ? iso(removedAt) : null,
        link.status === 'Added' ? 1 : 2,
        link.status === 'Removed' ? iso(removedAt) : orderDate,
        by,
      );
      rows.links++;
    }
  }
}

/** Roughly how many writes an order has seen: create, confirm, one per vehicle stage step. */
function versionOf(status: OrderStatus, vehicles: number): number {
  if (status === 'Draft') return 1;
  return 2 + (status === 'Confirmed' ? 0 : vehicles);
}
