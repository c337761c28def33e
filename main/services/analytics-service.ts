// Analytics: the managers' dashboard and an order's analytics, computed in SQL from the local database.
import {
  ageBucketOf,
  bottleneckOf,
  type Dashboard,
  type DashboardFilters,
  DAY_MS,
  daysBetween,
  emptyStageRecord,
  emptyStatusRecord,
  fillMonths,
  fillWeeks,
  type MonthMoney,
  nearestRank,
  type OrderAnalytics,
  originKey,
  type OutstandingBalance,
  QUIET_ORDERS_LIMIT,
  type StageCycleTime,
  TIMED_STAGES,
  type WeekCount,
} from '../../core/domain/analytics';
import { segmentKey } from '../../core/domain/customer-profile';
import type { Currency } from '../../core/domain/money';
import type { OrderStatus } from '../../core/domain/order';
import { localDateOf } from '../../core/domain/task';
import { registerAnalyticsFunctions } from '../db/analytics-functions';
import { AnalyticsRefreshRepo } from '../db/repos/analytics-refresh-repo';
import { type AnalyticsSelection, AnalyticsRepo, type CellSum } from '../db/repos/analytics-repo';
import { buildOrderAnalytics, type StageMedianSource } from './order-analytics';
import type { OrdersService } from './orders-service';
import type { ServiceDeps } from './unit-of-work';

/** Orders folded per transaction when catching up. */
const FOLD_BATCH = 1000;

const DASHBOARD_MEASURES = [
  'status',
  'pipeline',
  'span',
  'ontime',
  'created',
  'completed',
  'booked',
  'collected',
  'refunded',
  'workload',
  'owing',
];

export class AnalyticsService implements StageMedianSource {
  private readonly refresher: AnalyticsRefreshRepo;
  private readonly repo: AnalyticsRepo;
  /** Stage medians per origin ('' = every origin), valid until the next refresh changes something. */
  private medians = new Map<string, Map<string, { tenths: number; spans: number }>>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly orders: OrdersService,
    private readonly timeZone: string,
  ) {
    registerAnalyticsFunctions(deps.db, timeZone);
    this.refresher = new AnalyticsRefreshRepo(deps.db);
    this.repo = new AnalyticsRepo(deps.db);
  }

  /**
   * Folds the orders changed since the last fold into the analytics tables, a batch per
   * transaction so edits interleave. Every change marks its orders in its own transaction (the
   * triggers of migration 018), and every read folds first, so no figure is ever read stale; the
   * edits themselves stay as fast as before analytics existed.
   */
  refresh(maxBatches = Number.POSITIVE_INFINITY, batchSize = FOLD_BATCH): number {
    // A closed database (the app quitting while the background fold waits) has nothing to fold.
    if (!this.deps.db.open) return 0;
    let folded = 0;
    const batch = this.deps.db.transaction(() => this.refresher.foldBatch(batchSize));
    for (let i = 0; i < maxBatches; i++) {
      const n = batch.immediate();
      if (n === 0) break;
      folded += n;
    }
    if (folded > 0) this.medians.clear();
    return folded;
  }

  /** How many orders wait to be folded into the analytics (a bulk load, an upgrade, a big pull). */
  pending(): number {
    return this.deps.db.open ? this.refresher.pending() : 0;
  }

  dashboard(filters: DashboardFilters): Dashboard {
    this.refresh();
    const now = this.deps.clock.now();
    const today = localDateOf(now, this.timeZone);
    const selection = selectionOf(filters);
    const sums = groupByMeasure(this.repo.cellSums(selection, DASHBOARD_MEASURES));
    const cycleTime = cycleTimeOf(sums.get('span') ?? []);
    const names = this.deps.repos.people.names((sums.get('workload') ?? []).map((c) => c.k1));
    const quiet = this.repo.quiet(selection, new Date(Date.parse(now) - filters.staleDays * DAY_MS).toISOString(), QUIET_ORDERS_LIMIT);
    const quietNames = this.deps.repos.people.names(quiet.rows.map((r) => r.assigneeId));
    const onTime = countsOf(sums.get('ontime') ?? []);
    return {
      filters,
      generatedAt: now,
      timeZone: this.timeZone,
      ordersByStatus: { ...emptyStatusRecord(), ...countsOf(sums.get('status') ?? []) },
      pipeline: { ...emptyStageRecord(), ...countsOf(sums.get('pipeline') ?? []) },
      cycleTime,
      bottleneck: bottleneckOf(cycleTime),
      onTime: {
        completed: onTime.completed ?? 0,
        withTarget: onTime.with_target ?? 0,
        onTime: onTime.on_time ?? 0,
        rate: onTime.with_target ? (onTime.on_time ?? 0) / onTime.with_target : null,
      },
      weekly: weeklyOf(sums),
      monthlyMoney: monthlyOf(sums),
      outstanding: outstandingOf(sums.get('owing') ?? [], today),
      workload: (sums.get('workload') ?? [])
        .map((c) => ({ assigneeId: c.k1, assigneeName: names.nameOf(c.k1), openOrders: c.n, vehiclesInProcess: c.amount }))
        .sort(
          (a, b) => b.openOrders - a.openOrders || a.assigneeName.localeCompare(b.assigneeName) || a.assigneeId.localeCompare(b.assigneeId),
        ),
      quiet: {
        staleDays: filters.staleDays,
        count: quiet.count,
        items: quiet.rows.map((r) => ({
          id: r.orderId,
          orderNumber: r.orderNumber,
          status: r.status as OrderStatus,
          customerName: r.customerName,
          assigneeName: r.assigneeId === null ? '' : quietNames.nameOf(r.assigneeId),
          lastContactAt: r.lastContactAt,
          daysQuiet: Math.floor((Date.parse(now) - Date.parse(r.lastTouch)) / DAY_MS),
        })),
      },
    };
  }

  orderAnalytics(orderId: string): OrderAnalytics {
    this.refresh();
    const order = this.orders.get(orderId);
    return buildOrderAnalytics({
      order,
      now: this.deps.clock.now(),
      timeZone: this.timeZone,
      repo: this.repo,
      medians: this,
    });
  }

  /** Median span per stage (in tenths of a day, from whole-day spans) over every order (origin null) or one origin's vehicles. */
  stageMedians(origin: string | null): Map<string, { tenths: number; spans: number }> {
    const key = origin ?? '';
    const cached = this.medians.get(key);
    if (cached) return cached;
    const byStage = new Map<string, [number, number][]>();
    for (const row of this.repo.spanHistogram(origin)) {
      const list = byStage.get(row.stage) ?? [];
      list.push([row.days, row.n]);
      byStage.set(row.stage, list);
    }
    const medians = new Map<string, { tenths: number; spans: number }>();
    for (const [stage, histogram] of byStage) {
      const median = nearestRank(histogram, 50);
      if (median !== null) medians.set(stage, { tenths: median * 10, spans: histogram.reduce((s, [, n]) => s + n, 0) });
    }
    this.medians.set(key, medians);
    return medians;
  }
}

function selectionOf(filters: DashboardFilters): AnalyticsSelection {
  const selection: AnalyticsSelection = {};
  if (filters.from !== undefined) selection.from = filters.from;
  if (filters.to !== undefined) selection.to = filters.to;
  if (filters.assigneeId !== undefined) selection.assigneeId = filters.assigneeId;
  if (filters.customerId !== undefined) selection.customerId = filters.customerId;
  if (filters.customerType !== undefined) selection.customerType = filters.customerType;
  if (filters.currency !== undefined) selection.currency = filters.currency;
  if (filters.segment !== undefined) selection.segment = segmentKey(filters.segment);
  if (filters.origin !== undefined) selection.origin = originKey(filters.origin);
  return selection;
}

function groupByMeasure(cells: readonly CellSum[]): Map<string, CellSum[]> {
  const out = new Map<string, CellSum[]>();
  for (const cell of cells) {
    if (cell.n === 0 && cell.amount === 0) continue;
    const list = out.get(cell.measure) ?? [];
    list.push(cell);
    out.set(cell.measure, list);
  }
  return out;
}

function countsOf(cells: readonly CellSum[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cells) out[c.k1] = (out[c.k1] ?? 0) + c.n;
  return out;
}

function cycleTimeOf(spans: readonly CellSum[]): StageCycleTime[] {
  return TIMED_STAGES.map((stage) => {
    const histogram = spans
      .filter((c) => c.k1 === stage)
      .map((c): [number, number] => [Number(c.k2), c.n])
      .sort((a, b) => a[0] - b[0]);
    const median = nearestRank(histogram, 50);
    const p90 = nearestRank(histogram, 90);
    return {
      stage,
      spans: histogram.reduce((s, [, n]) => s + n, 0),
      medianDays: median,
      p90Days: p90,
    };
  });
}

/** Balances due per currency, aged by whole days from the order day to today. */
function outstandingOf(owing: readonly CellSum[], today: string): OutstandingBalance[] {
  const byCurrency = new Map<string, OutstandingBalance>();
  for (const cell of owing) {
    let row = byCurrency.get(cell.k1);
    if (!row) {
      row = { currency: cell.k1 as Currency, orders: 0, balanceDue: 0, ageing: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 } };
      byCurrency.set(cell.k1, row);
    }
    row.orders += cell.n;
    row.balanceDue += cell.amount;
    row.ageing[ageBucketOf(daysBetween(cell.k2, today))] += cell.amount;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

function weeklyOf(sums: Map<string, CellSum[]>): WeekCount[] {
  const weeks = new Map<string, WeekCount>();
  const at = (week: string) => {
    let row = weeks.get(week);
    if (!row) {
      row = { weekStart: week, created: 0, completed: 0 };
      weeks.set(week, row);
    }
    return row;
  };
  for (const c of sums.get('created') ?? []) at(c.k1).created += c.n;
  for (const c of sums.get('completed') ?? []) at(c.k1).completed += c.n;
  return fillWeeks([...weeks.values()]);
}

function monthlyOf(sums: Map<string, CellSum[]>): MonthMoney[] {
  const rows = new Map<string, MonthMoney>();
  const at = (month: string, currency: string) => {
    const key = `${month}|${currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { month, currency: currency as Currency, booked: 0, collected: 0, refunded: 0 };
      rows.set(key, row);
    }
    return row;
  };
  for (const c of sums.get('booked') ?? []) at(c.k1, c.k2).booked += c.amount;
  for (const c of sums.get('collected') ?? []) at(c.k1, c.k2).collected += c.amount;
  for (const c of sums.get('refunded') ?? []) at(c.k1, c.k2).refunded += c.amount;
  return fillMonths([...rows.values()].filter((r) => r.booked !== 0 || r.collected !== 0 || r.refunded !== 0));
}
