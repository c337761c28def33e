// Analytics: the managers' dashboard and an order's analytics, computed in SQL from the local database.
import {
  AGE_BUCKETS,
  addDaysTo,
  bottleneckOf,
  type Dashboard,
  type DashboardFilters,
  DAY_MS,
  emptyStageRecord,
  emptyStatusRecord,
  fillMonths,
  fillWeeks,
  type MonthMoney,
  nearestRank,
  type OrderAnalytics,
  originKey,
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

const DASHBOARD_MEASURES = ['status', 'pipeline', 'span', 'ontime', 'created', 'completed', 'booked', 'collected', 'refunded', 'workload'];

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
   * Folds the orders changed since the last call into the analytics tables, in the caller's
   * transaction when there is one (every service write calls it before committing).
   */
  refresh(): number {
    const run = () => this.refresher.refreshDirty();
    const folded = this.deps.db.inTransaction ? run() : this.deps.db.transaction(run).immediate();
    if (folded > 0) this.medians.clear();
    return folded;
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
      outstanding: this.repo
        .owing(selection, { d30: addDaysTo(today, -30), d60: addDaysTo(today, -60), d90: addDaysTo(today, -90) })
        .map((r) => ({
          currency: r.currency as Currency,
          orders: r.orders,
          balanceDue: r.balanceDue,
          ageing: Object.fromEntries(AGE_BUCKETS.map((b, i) => [b, [r.a0, r.a31, r.a61, r.a91][i] ?? 0])) as Record<
            (typeof AGE_BUCKETS)[number],
            number
          >,
        })),
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

  /** Median span per stage over every order (origin null) or one origin's vehicles. */
  stageMedians(origin: string | null): Map<string, { tenths: number; spans: number }> {
    const key = origin ?? '';
    const cached = this.medians.get(key);
    if (cached) return cached;
    const byStage = new Map<string, [number, number][]>();
    for (const row of this.repo.spanHistogram(origin)) {
      const list = byStage.get(row.stage) ?? [];
      list.push([row.tenths, row.n]);
      byStage.set(row.stage, list);
    }
    const medians = new Map<string, { tenths: number; spans: number }>();
    for (const [stage, histogram] of byStage) {
      const median = nearestRank(histogram, 50);
      if (median !== null) medians.set(stage, { tenths: median, spans: histogram.reduce((s, [, n]) => s + n, 0) });
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
      medianDays: median === null ? null : median / 10,
      p90Days: p90 === null ? null : p90 / 10,
    };
  });
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
