// Fills a Portside database with realistic rows at scale: raw prepared statements in chunked transactions.
import { v7 as uuidv7 } from 'uuid';
import type { Currency } from '../core/domain/money';
import type { LinkStatus } from '../core/domain/order';
import { computeOrderDerived, nextAutoStatus } from '../core/domain/order-rules';
import { computePaymentTotals } from '../core/domain/payment';
import { FINAL_STAGE_INDEX, IMPORT_STAGES, type ImportStage } from '../core/domain/stages';
import type { Db } from '../main/db/database';
import { orderSearchText } from '../main/db/repos/orders-repo';
import { vehicleSearchText } from '../main/db/repos/vehicles-repo';
import { withDeferredIndexes } from './bulk-load';
import { type CustomerPool, customerFor, writeCustomers, writeUsers } from './generate-people';
import { type HistOrder, HistoryKind, HistoryLog, type HistVehicle } from './history-log';
import { HistoryReplay } from './history-replay';
import { writeHistoryRows } from './history-rows';
import { logOrderHistory, planTimeline } from './order-history';
import { planOrders, type PlannedOrder } from './order-plan';
import {
  approximatePrice,
  CANCEL_REASONS,
  COLOURS,
  CSR_AUTHORS,
  MANAGER_AUTHOR,
  ORDER_CURRENCIES,
  ORDER_NOTES,
  pickBenchModel,
  type Random,
  REMOVE_REASONS,
  seededRandom,
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

/**
 * How much history to write: `full` replays every call with its audit entries and outbox change
 * set; `rows` writes only the rows analytics read (stage events, payments, messages, followers).
 */
export type HistoryDepth = 'full' | 'rows';

export interface GenerateReport {
  rows: {
    users: number;
    customers: number;
    vehicles: number;
    stageEvents: number;
    orders: number;
    links: number;
    payments: number;
    communications: number;
    followers: number;
    auditEntries: number;
    outboxChangeSets: number;
  };
  ms: { customers: number; ordersAndVehicles: number; history: number; total: number };
  /** The history replay in detail: time per kind of service call, commits, and the deferred index rebuild. */
  historyMs: { calls: Record<string, { count: number; ms: number }>; commits: number; indexRebuild: number };
}

/** A vehicle in stock, with the agreed price in the currency asked for. */
export interface StockVehicle {
  id: string;
  vin: string;
  make: string;
  model: string;
  price: number;
}

interface WrittenVehicle extends HistVehicle {
  stage: ImportStage;
  stageAt: string;
  index: number;
  /** When it reached each stage after pending (ms). */
  eventTimes: number[];
}

const iso = (ms: number): string => new Date(ms).toISOString();
const dateOnly = (ms: number): string => iso(ms).slice(0, 10);

/**
 * Writes users, customers, vehicles with stage histories and orders with vehicle links, then
 * replays the history that made them (see history-replay.ts): the audit trail, the done outbox
 * change sets, payments and the communication log, as the services would have written them.
 */
export class DatasetGenerator {
  private readonly rand: Random;
  private serial = 0;
  private readonly insertVehicle;
  private readonly insertOrder;
  private readonly insertLink;
  private readonly saveCounter;
  /** Collects the history while `generate` runs; vehicles written later (stock for scenarios) have none. */
  private log: HistoryLog | null = null;

  constructor(
    private readonly db: Db,
    /** The end of the generated history (ms): "today" for the data set. */
    readonly now: number,
    seed = 7,
  ) {
    this.rand = seededRandom(seed);
    this.insertVehicle = db.prepare(
      `INSERT INTO vehicles (id, vin, make, model, year, colour, origin_country, origin_port, purchase_price, currency, stage,
       stage_at, eta_delivery, on_hold, hold_reason, search_text, version, created_at, created_by, updated_at, updated_by, deleted)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)`,
    );
    this.insertOrder = db.prepare(
      `INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency, progress,
       order_date, target_completion_date, estimated_completion_date, actual_completion_date, notes, cancel_reason, search_text,
       version, created_at, created_by, updated_at, updated_by, assignee_id, paid_amount, refunded_amount, balance_due, payment_status,
       deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)`,
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
   * Writes the data set. While loading, the connection runs with a rollback journal, without fsync
   * and with a big page cache (a crash would only lose bench data); all three go back to what
   * openDatabase set before the scenarios run, so those measure the app's own settings.
   */
  generate(size: DatasetSize, history: HistoryDepth = 'full'): GenerateReport {
    const settings = ['journal_mode', 'synchronous', 'cache_size'].map((name) => [name, this.db.pragma(name, { simple: true })] as const);
    // The app's connection is defensive, which refuses journal_mode OFF: a rollback journal (which
    // saves only pages that existed before, and these transactions mostly append) is the cheapest
    // it allows, and beats WAL, which writes every page twice.
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -262144');
    let report: GenerateReport;
    try {
      this.log = new HistoryLog();
      report = this.load(size, this.log, history);
    } finally {
      this.log = null;
      for (const [name, value] of settings) this.db.pragma(`${name} = ${String(value)}`);
    }
    if (this.db.pragma('journal_mode', { simple: true }) !== settings[0]?.[1]) throw new Error('could not restore the journal mode');
    return report;
  }

  private load(size: DatasetSize, log: HistoryLog, history: HistoryDepth): GenerateReport {
    const started = performance.now();
    const users = writeUsers(this.db, iso(this.now - (HISTORY_DAYS + 90) * DAY));
    const start = this.now - HISTORY_DAYS * DAY;
    const pool = writeCustomers(this.db, this.rand, size.customers, start - 60 * DAY, this.now);
    const customersDone = performance.now();

    const plan = planOrders(this.rand, { ...size, start, now: this.now });
    const counters = new Map<number, number>();
    let links = 0;
    const chunk = this.db.transaction((orders: readonly PlannedOrder[]) => {
      for (const planned of orders) {
        for (let s = 0; s < planned.stockBefore; s++) this.writeStockVehicle(start + this.rand.next() * (this.now - start));
        const year = new Date(planned.at).getUTCFullYear();
        const number = (counters.get(year) ?? 0) + 1;
        counters.set(year, number);
        const share = (planned.at - start + 60 * DAY) / (this.now - start + 60 * DAY);
        const customer = planned.withoutCustomer ? null : customerFor(this.rand, pool, share);
        links += this.writeOrder(planned, `PS-${year}-${String(number).padStart(5, '0')}`, customer, pool);
      }
    });
    for (let i = 0; i < plan.orders.length; i += ORDERS_PER_TRANSACTION) chunk(plan.orders.slice(i, i + ORDERS_PER_TRANSACTION));
    this.db.transaction(() => {
      for (let s = 0; s < plan.stockAfter; s++) this.writeStockVehicle(this.now - this.rand.next() * 30 * DAY);
      for (const [year, last] of counters) this.saveCounter.run(year, last);
    })();
    const ordersDone = performance.now();
    const csrs = CSR_AUTHORS.map((a) => ({ id: a.id, name: a.name }));
    const manager = { id: MANAGER_AUTHOR.id, name: MANAGER_AUTHOR.name };
    let replayMs = 0;
    const replayed = withDeferredIndexes(this.db, () => {
      const replayStarted = performance.now();
      const report =
        history === 'full' ? new HistoryReplay(this.db, log, csrs, manager).run() : writeHistoryRows(this.db, log, csrs, manager);
      replayMs = performance.now() - replayStarted;
      return report;
    });
    if (replayed.statusMismatches > 0)
      console.warn(`  generator: ${replayed.statusMismatches} orders replayed to another status than planned`);
    const finished = performance.now();
    return {
      rows: {
        users,
        customers: pool.ids.length,
        vehicles: log.vehicles.length,
        stageEvents: replayed.stageEvents,
        orders: log.orders.length,
        links,
        payments: replayed.payments,
        communications: replayed.communications,
        followers: replayed.followers,
        auditEntries: replayed.auditEntries,
        outboxChangeSets: replayed.changeSets,
      },
      ms: {
        customers: customersDone - started,
        ordersAndVehicles: ordersDone - customersDone,
        history: finished - ordersDone,
        total: finished - started,
      },
      historyMs: { calls: replayed.calls, commits: replayed.commitMs, indexRebuild: finished - ordersDone - replayMs },
    };
  }

  /** Continues the VIN serials after a data set restored from disk (BENCH_DATASET), so new vehicles stay unique. */
  continueAfter(vehicles: number): void {
    this.serial = Math.max(this.serial, vehicles);
  }

  /** Fresh vehicles in stock (pending, in no order, priced in `currency`), e.g. for orders a benchmark creates. */
  stockVehicles(count: number, currency: Currency): StockVehicle[] {
    const created: StockVehicle[] = [];
    this.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const v = this.writeVehicle(this.now - this.rand.int(1, 30) * DAY, 0, this.now);
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

  private writeStockVehicle(createdAt: number): void {
    const roll = this.rand.next();
    const stage = roll < 0.7 ? 0 : roll < 0.9 ? 1 : this.rand.int(2, 5);
    this.writeVehicle(createdAt, stage, Math.min(this.now, createdAt + 60 * DAY));
  }

  /** One vehicle at stage index `stage`, its stage events spread between creation and `until`. */
  private writeVehicle(createdAt: number, stage: number, until: number): WrittenVehicle {
    const model = pickBenchModel(this.rand);
    const year = this.rand.int(2012, 2024);
    const serial = this.serial++;
    const csr = this.rand.int(0, CSR_AUTHORS.length - 1);
    const by = CSR_AUTHORS[csr]?.id ?? 'system';
    const gap = Math.max(3_600_000, Math.min(12 * DAY, (until - createdAt) / (stage + 1)));
    const eventTimes: number[] = [];
    let at = createdAt;
    for (let s = 1; s <= stage; s++) {
      at += gap * (0.7 + this.rand.next() * 0.3);
      eventTimes.push(at);
    }
    const stageAt = iso(at);
    const onHold = stage > 2 && stage < FINAL_STAGE_INDEX && this.rand.next() < 0.02;
    const v: WrittenVehicle = {
      id: uuidv7({ msecs: Math.floor(createdAt) }),
      vin: vehicleIdentifier(this.rand, model, serial, year),
      make: model.make,
      model: model.model,
      year,
      colour: this.rand.pick(COLOURS),
      originCountry: model.originCountry,
      originPort: model.originPort,
      purchasePrice: this.rand.int(model.price[0], model.price[1]),
      currency: model.currency,
      etaDelivery: stage === FINAL_STAGE_INDEX ? stageAt.slice(0, 10) : dateOnly(createdAt + this.rand.int(80, 140) * DAY),
      onHold,
      holdReason: onHold ? 'Customs hold: documents requested.' : null,
      createdAt: iso(createdAt),
      createdBy: by,
      order: -1,
      stage: IMPORT_STAGES[stage] ?? 'pending',
      stageAt,
      index: this.log?.vehicles.length ?? -1,
      eventTimes,
    };
    this.insertVehicle.run(
      v.id,
      v.vin,
      v.make,
      v.model,
      v.year,
      v.colour,
      v.originCountry,
      v.originPort,
      v.purchasePrice,
      v.currency,
      v.stage,
      v.stageAt,
      v.etaDelivery,
      onHold ? 1 : 0,
      v.holdReason,
      vehicleSearchText(v),
      1 + stage,
      v.createdAt,
      by,
      v.stageAt,
      by,
    );
    if (this.log) {
      const { stage: _stage, stageAt: _stageAt, index: _index, eventTimes: _times, ...historic } = v;
      this.log.vehicles.push(historic);
      this.log.add(HistoryKind.VehicleCreated, createdAt, v.index);
      eventTimes.forEach((time, i) => this.log?.add(HistoryKind.Stage, time, v.index, i + 1, csr));
    }
    return v;
  }

  /** Writes the order and its links as they stand now, and plans the calls that got it there; returns the links written. */
  private writeOrder(planned: PlannedOrder, orderNumber: string, customer: number | null, pool: CustomerPool): number {
    const id = uuidv7({ msecs: Math.floor(planned.at) });
    const currency = this.rand.pick(ORDER_CURRENCIES);
    const csr = this.rand.int(0, CSR_AUTHORS.length - 1);
    const by = CSR_AUTHORS[csr]?.id ?? 'system';
    const orderDate = iso(planned.at);
    const links = planned.stages.map((stage, i) => {
      const removed = i >= planned.stages.length - planned.removed;
      const vehicle = this.writeVehicle(planned.at - this.rand.int(1, 20) * DAY, stage, this.now);
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
    const customerId = customer === null ? null : (pool.ids[customer] ?? null);
    const deliveries = links.filter((l) => l.status !== 'Removed' && l.stage === 'delivered').map((l) => Date.parse(l.stageAt));
    const timeline = planTimeline(this.rand, {
      status: planned.status,
      linkStatus: planned.linkStatus,
      createdAt: planned.at,
      now: this.now,
      orderValue: derived.orderValue,
      currency,
      hasRemoved: planned.removed > 0,
      firstDelivery: deliveries.length > 0 ? Math.min(...deliveries) : null,
      lastDelivery: deliveries.length > 0 ? Math.max(...deliveries) : null,
      customerEmail: customer === null ? null : (pool.emails[customer] ?? null),
      orderNumber,
    });
    const totals = computePaymentTotals({ status: planned.status, orderValue: derived.orderValue }, timeline.payments);
    const notes = this.rand.next() < 0.4 ? this.rand.pick(ORDER_NOTES) : null;
    const cancelReason = planned.status === 'Cancelled' ? this.rand.pick(CANCEL_REASONS) : null;
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
      planned.status === 'Completed' ? iso(updatedAt) : null,
      notes,
      cancelReason,
      orderSearchText(orderNumber, links),
      1, // the replay sets the version its calls reached
      orderDate,
      by,
      iso(updatedAt),
      by,
      by,
      totals.paid,
      totals.refunded,
      totals.balanceDue,
      totals.paymentStatus,
    );
    const removedAt = timeline.removeAt === null ? null : iso(timeline.removeAt);
    const histLinks = links.map((link) => {
      const removed = link.status === 'Removed';
      const removedReason = removed ? this.rand.pick(REMOVE_REASONS) : null;
      // The replay brings version and last write up to date (history-replay.ts settleLinkRows).
      this.insertLink.run(
        id,
        link.vehicleId,
        link.status,
        link.price,
        orderDate,
        null,
        removedReason,
        removed ? removedAt : null,
        1,
        orderDate,
        by,
      );
      return { vehicle: link.index, price: link.price, removedAt: removed ? timeline.removeAt : null, removedReason };
    });
    if (this.log) {
      const order: HistOrder = {
        id,
        orderNumber,
        customerId,
        customerEmail: customer === null ? null : (pool.emails[customer] ?? null),
        status: planned.status,
        linkStatus: planned.linkStatus,
        currency,
        createdAt: planned.at,
        target,
        notes,
        cancelReason,
        csr,
        links: histLinks,
        confirmAt: timeline.confirmAt,
        cancelAt: timeline.cancelAt,
        payments: timeline.payments,
        communications: timeline.communications,
      };
      logOrderHistory(this.log, order);
    }
    return links.length;
  }
}
