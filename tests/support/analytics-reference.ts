// The analytics figures computed again in plain TypeScript over whole tables (tests only): what the SQL must equal.
import {
  ageBucketOf,
  AGE_BUCKETS,
  bottleneckOf,
  DAY_MS,
  daysBetween,
  emptyStageRecord,
  emptyStatusRecord,
  fillMonths,
  fillWeeks,
  forecastDeliveryMs,
  nearestRank,
  originKey,
  QUIET_ORDERS_LIMIT,
  scheduleStateOf,
  tenthDays,
  TIMED_STAGES,
  weekStartOf,
  type AgeBucket,
  type CsrWorkload,
  type Dashboard,
  type DashboardFilters,
  type MonthMoney,
  type OrderAnalytics,
  type OutstandingBalance,
  type QuietOrder,
  type StageCycleTime,
  type StageMedians,
  type TimedStage,
  type VehicleAnalytics,
  type VehicleStageTime,
  type WeekCount,
} from '../../core/domain/analytics';
import { segmentKey } from '../../core/domain/customer-profile';
import type { Currency } from '../../core/domain/money';
import type { CancelSnapshot, OrderStatus } from '../../core/domain/order';
import type { PaymentStatus } from '../../core/domain/payment';
import { unknownUserName } from '../../core/domain/people';
import type { ImportStage } from '../../core/domain/stages';
import { localDateOf } from '../../core/domain/task';
import type { AnalyticsRows, CommunicationRow, LinkRow, OrderRow, StageEventRow, VehicleRow } from './analytics-rows';

export { loadAnalyticsRows } from './analytics-rows';

/*
 * Where core/domain/analytics.ts and the brief leave a choice, this reference decides (the SQL must agree):
 * - Customer filters (customerId, customerType, segment) never match an order without a customer; a
 *   customer's own deleted flag is not looked at. Segment: customer_segments.segment_key equals
 *   segmentKey(filter) (so a key the table holds in another case, e.g. a non-ASCII capital, is not found).
 * - Workload: orders without an assignee are left out; vehiclesInProcess counts every non-removed vehicle
 *   not delivered, whatever the origin filter (the origin narrows orders there, not vehicles); an unknown
 *   assignee's name is unknownUserName(id), as the people directory gives it everywhere. Ties sort by
 *   name, then id (localeCompare, as a person reads a list).
 * - Quiet orders' assigneeName as workload's; customerName null without a customer.
 * - Order analytics: the vehicles are the non-removed links, by link added_date then VIN; a Cancelled
 *   order shows each vehicle's stage from its snapshot (stageCounts likewise), but its stage history is
 *   every non-retracted event (those after the cancellation too). Each stage row's days run to the next
 *   event, or to now for the last one (delivered included). progress is the order's stored progress.
 * - Forecast: none (vehicle or order) once the order is Completed or Cancelled; stageAt is the vehicle's
 *   stage_at; an order's date is null when any vehicle not delivered has none, and for an order whose
 *   vehicles are all delivered or that has none. The basis text is not compared (only that it is given).
 * - schedule.orderDate and completedAt are the stored instants (as the order itself shows them);
 *   elapsedDays runs to today for a Cancelled order (it has no completion day).
 * - collectedShare = (paid - refunded) / order value, not rounded, kept within 0..1 (an order whose value fell
 *   after payments shows 1); null for a zero value.
 * - communication.count counts every entry of the order (notes and corrections included).
 */

const BOOKED: readonly string[] = ['Confirmed', 'In Progress', 'Completed'];
const IN_FLIGHT: readonly string[] = ['Confirmed', 'In Progress'];
const OPEN: readonly string[] = ['Draft', 'Confirmed', 'In Progress'];

/** The tables indexed the way the figures look them up. */
class Tables {
  readonly vehicles = new Map<string, VehicleRow>();
  readonly linksByOrder = new Map<string, LinkRow[]>();
  /** Non-retracted events per vehicle, ordered by (at, recorded_at, id). */
  readonly eventsByVehicle = new Map<string, StageEventRow[]>();
  readonly commsByOrder = new Map<string, CommunicationRow[]>();
  private readonly names = new Map<string, string>();

  constructor(readonly rows: AnalyticsRows) {
    for (const v of rows.vehicles) this.vehicles.set(v.id, v);
    for (const l of rows.links) push(this.linksByOrder, l.order_id, l);
    const live = rows.events.filter((e) => e.retracted_at === null);
    live.sort((a, b) => compare(a.at, b.at) || compare(a.recorded_at, b.recorded_at) || compare(a.id, b.id));
    for (const e of live) push(this.eventsByVehicle, e.vehicle_id, e);
    for (const c of rows.communications) push(this.commsByOrder, c.order_id, c);
    for (const p of rows.people) if (!this.names.has(p.id)) this.names.set(p.id, p.display_name);
  }

  /** A person's display name; "Unknown user (…)" for someone nobody knows, as everywhere else. */
  nameOf(id: string): string {
    return this.names.get(id) ?? unknownUserName(id);
  }

  /** The order's links that count (not Removed), with their vehicles. */
  current(orderId: string): { link: LinkRow; vehicle: VehicleRow }[] {
    return (this.linksByOrder.get(orderId) ?? []).flatMap((link) => {
      const vehicle = this.vehicles.get(link.vehicle_id);
      return link.status !== 'Removed' && vehicle ? [{ link, vehicle }] : [];
    });
  }

  /** Closed spans per timed stage (tenths of a day) of one vehicle. */
  spansOf(vehicleId: string): [TimedStage, number][] {
    const events = this.eventsByVehicle.get(vehicleId) ?? [];
    const spans: [TimedStage, number][] = [];
    events.forEach((event, i) => {
      const next = events[i + 1];
      if (next && event.stage !== 'delivered') spans.push([event.stage as TimedStage, tenthDays(event.at, next.at)]);
    });
    return spans;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Code-point order, as SQLite's BINARY collation sorts text. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function matchesOrigin(vehicle: VehicleRow, origin: string | undefined): boolean {
  return origin === undefined || (vehicle.origin_country !== null && originKey(vehicle.origin_country) === originKey(origin));
}

/** The selected orders: not deleted and matching every order filter. */
function selectOrders(t: Tables, filters: DashboardFilters, timeZone: string): OrderRow[] {
  const customers = new Map(t.rows.customers.map((c) => [c.id, c]));
  const segmentWanted = filters.segment === undefined ? undefined : segmentKey(filters.segment);
  return t.rows.orders.filter((o) => {
    if (o.deleted !== 0) return false;
    const day = localDateOf(o.order_date, timeZone);
    if (filters.from !== undefined && day < filters.from) return false;
    if (filters.to !== undefined && day > filters.to) return false;
    if (filters.assigneeId !== undefined && o.assignee_id !== filters.assigneeId) return false;
    if (filters.customerId !== undefined && o.customer_id !== filters.customerId) return false;
    if (filters.currency !== undefined && o.currency !== filters.currency) return false;
    const customer = o.customer_id === null ? undefined : customers.get(o.customer_id);
    if (filters.customerType !== undefined && customer?.type !== filters.customerType) return false;
    if (segmentWanted !== undefined && !t.rows.segments.some((s) => s.customer_id === o.customer_id && s.segment_key === segmentWanted))
      return false;
    if (filters.origin !== undefined && !t.current(o.id).some(({ vehicle }) => matchesOrigin(vehicle, filters.origin))) return false;
    return true;
  });
}

/** Span histograms per timed stage over a set of vehicles, each vehicle once, in whole days (tenths / 10 rounded down). */
function histograms(t: Tables, vehicleIds: Iterable<string>): Map<TimedStage, Map<number, number>> {
  const hist = new Map<TimedStage, Map<number, number>>(TIMED_STAGES.map((s) => [s, new Map()]));
  for (const id of new Set(vehicleIds)) {
    for (const [stage, tenths] of t.spansOf(id)) {
      const days = Math.floor(tenths / 10);
      const h = hist.get(stage);
      if (h) h.set(days, (h.get(days) ?? 0) + 1);
    }
  }
  return hist;
}

function sortedPairs(h: Map<number, number> | undefined): [number, number][] {
  return [...(h ?? new Map<number, number>()).entries()].sort((a, b) => a[0] - b[0]);
}

function cycleTimeOf(hist: Map<TimedStage, Map<number, number>>): StageCycleTime[] {
  return TIMED_STAGES.map((stage) => {
    const pairs = sortedPairs(hist.get(stage));
    const median = nearestRank(pairs, 50);
    const p90 = nearestRank(pairs, 90);
    return {
      stage,
      spans: pairs.reduce((sum, [, n]) => sum + n, 0),
      medianDays: median,
      p90Days: p90,
    };
  });
}

/** The vehicles whose spans count towards cycle time: non-removed ones of the given orders that are not Cancelled. */
function cycleVehicles(t: Tables, orders: readonly OrderRow[], origin: string | undefined): string[] {
  return orders
    .filter((o) => o.status !== 'Cancelled')
    .flatMap((o) => t.current(o.id).filter(({ vehicle }) => matchesOrigin(vehicle, origin)))
    .map(({ vehicle }) => vehicle.id);
}

export function referenceDashboard(rows: AnalyticsRows, filters: DashboardFilters, now: string, timeZone: string): Dashboard {
  const t = new Tables(rows);
  const selected = selectOrders(t, filters, timeZone);
  const today = localDateOf(now, timeZone);
  const ordersByStatus = emptyStatusRecord();
  for (const o of selected) ordersByStatus[o.status as OrderStatus] += 1;
  const pipeline = emptyStageRecord();
  for (const o of selected.filter((o) => IN_FLIGHT.includes(o.status))) {
    for (const { vehicle } of t.current(o.id)) if (matchesOrigin(vehicle, filters.origin)) pipeline[vehicle.stage as ImportStage] += 1;
  }
  const cycleTime = cycleTimeOf(histograms(t, cycleVehicles(t, selected, filters.origin)));
  return {
    filters,
    generatedAt: now,
    timeZone,
    ordersByStatus,
    pipeline,
    cycleTime,
    bottleneck: bottleneckOf(cycleTime),
    onTime: onTimeOf(selected, timeZone),
    weekly: weeklyOf(selected, timeZone),
    monthlyMoney: monthlyMoneyOf(t, selected, timeZone),
    outstanding: outstandingOf(selected, today, timeZone),
    workload: workloadOf(t, selected),
    quiet: quietOf(t, selected, now, filters.staleDays),
  };
}

function onTimeOf(selected: readonly OrderRow[], timeZone: string): Dashboard['onTime'] {
  const completed = selected.filter((o) => o.status === 'Completed');
  const withTarget = completed.filter((o) => o.target_completion_date !== null);
  const onTime = withTarget.filter(
    (o) => o.actual_completion_date !== null && localDateOf(o.actual_completion_date, timeZone) <= (o.target_completion_date ?? ''),
  );
  return {
    completed: completed.length,
    withTarget: withTarget.length,
    onTime: onTime.length,
    rate: withTarget.length === 0 ? null : onTime.length / withTarget.length,
  };
}

function weeklyOf(selected: readonly OrderRow[], timeZone: string): WeekCount[] {
  const weeks = new Map<string, WeekCount>();
  const week = (instant: string): WeekCount => {
    const weekStart = weekStartOf(localDateOf(instant, timeZone));
    const found = weeks.get(weekStart) ?? { weekStart, created: 0, completed: 0 };
    weeks.set(weekStart, found);
    return found;
  };
  for (const o of selected) {
    week(o.order_date).created += 1;
    if (o.status === 'Completed' && o.actual_completion_date !== null) week(o.actual_completion_date).completed += 1;
  }
  return fillWeeks([...weeks.values()]);
}

function monthlyMoneyOf(t: Tables, selected: readonly OrderRow[], timeZone: string): MonthMoney[] {
  const months = new Map<string, MonthMoney>();
  const row = (instant: string, currency: string): MonthMoney => {
    const month = localDateOf(instant, timeZone).slice(0, 7);
    const key = `${month}|${currency}`;
    const found = months.get(key) ?? { month, currency: currency as Currency, booked: 0, collected: 0, refunded: 0 };
    months.set(key, found);
    return found;
  };
  const ids = new Set(selected.map((o) => o.id));
  for (const o of selected) if (BOOKED.includes(o.status)) row(o.order_date, o.currency).booked += o.order_value;
  for (const p of t.rows.payments) {
    if (!ids.has(p.order_id)) continue;
    if (p.kind === 'refund') row(p.paid_at, p.currency).refunded += p.amount;
    else row(p.paid_at, p.currency).collected += p.amount;
  }
  return fillMonths([...months.values()].filter((m) => m.booked !== 0 || m.collected !== 0 || m.refunded !== 0));
}

function outstandingOf(selected: readonly OrderRow[], today: string, timeZone: string): OutstandingBalance[] {
  const byCurrency = new Map<string, OutstandingBalance>();
  for (const o of selected) {
    if (!BOOKED.includes(o.status) || o.balance_due <= 0) continue;
    const ageing = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<AgeBucket, number>;
    const found = byCurrency.get(o.currency) ?? { currency: o.currency as Currency, orders: 0, balanceDue: 0, ageing };
    byCurrency.set(o.currency, found);
    found.orders += 1;
    found.balanceDue += o.balance_due;
    found.ageing[ageBucketOf(daysBetween(localDateOf(o.order_date, timeZone), today))] += o.balance_due;
  }
  return [...byCurrency.values()].sort((a, b) => compare(a.currency, b.currency));
}

function workloadOf(t: Tables, selected: readonly OrderRow[]): CsrWorkload[] {
  const byAssignee = new Map<string, CsrWorkload>();
  for (const o of selected) {
    if (!OPEN.includes(o.status) || o.assignee_id === null) continue;
    const found = byAssignee.get(o.assignee_id) ?? {
      assigneeId: o.assignee_id,
      assigneeName: t.nameOf(o.assignee_id),
      openOrders: 0,
      vehiclesInProcess: 0,
    };
    byAssignee.set(o.assignee_id, found);
    found.openOrders += 1;
    found.vehiclesInProcess += t.current(o.id).filter(({ vehicle }) => vehicle.stage !== 'delivered').length;
  }
  return [...byAssignee.values()].sort(
    (a, b) => b.openOrders - a.openOrders || a.assigneeName.localeCompare(b.assigneeName) || a.assigneeId.localeCompare(b.assigneeId),
  );
}

/** The latest customer-facing contact (any channel but a note) of an order, or null. */
function lastContactOf(t: Tables, orderId: string): string | null {
  let last: string | null = null;
  for (const c of t.commsByOrder.get(orderId) ?? [])
    if (c.channel !== 'note' && (last === null || c.created_at > last)) last = c.created_at;
  return last;
}

function quietOf(t: Tables, selected: readonly OrderRow[], now: string, staleDays: number): Dashboard['quiet'] {
  const customers = new Map(t.rows.customers.map((c) => [c.id, c]));
  const quiet = selected
    .filter((o) => IN_FLIGHT.includes(o.status))
    .map((o) => {
      const lastContactAt = lastContactOf(t, o.id);
      const lastTouch = lastContactAt ?? o.order_date;
      return { o, lastContactAt, lastTouch, daysQuiet: Math.floor((Date.parse(now) - Date.parse(lastTouch)) / DAY_MS) };
    })
    .filter((q) => q.daysQuiet >= staleDays)
    .sort((a, b) => compare(a.lastTouch, b.lastTouch) || compare(a.o.id, b.o.id));
  const items: QuietOrder[] = quiet.slice(0, QUIET_ORDERS_LIMIT).map(({ o, lastContactAt, daysQuiet }) => ({
    id: o.id,
    orderNumber: o.order_number,
    status: o.status as OrderStatus,
    customerName: o.customer_id === null ? null : (customers.get(o.customer_id)?.name ?? null),
    assigneeName: o.assignee_id === null ? '' : t.nameOf(o.assignee_id),
    lastContactAt,
    daysQuiet,
  }));
  return { staleDays, count: quiet.length, items };
}

// ---------------------------------------------------------------------------------------------
// One order's analytics.

/** Median per timed stage (whole days, as tenths) over every order's cycle-time spans (no filters), overall and for one origin. */
function stageMedians(t: Tables, timeZone: string, origin: string | null): StageMedians {
  const everyone = selectOrders(t, { staleDays: 14 }, timeZone);
  const vehicleIds = cycleVehicles(t, everyone, undefined);
  const medians = (hist: Map<TimedStage, Map<number, number>>): StageMedians['all'] => {
    const out: StageMedians['all'] = {};
    for (const stage of TIMED_STAGES) {
      const pairs = sortedPairs(hist.get(stage));
      const days = nearestRank(pairs, 50);
      if (days !== null) out[stage] = { tenths: days * 10, spans: pairs.reduce((sum, [, n]) => sum + n, 0) };
    }
    return out;
  };
  const own = origin === null ? [] : vehicleIds.filter((id) => matchesOrigin(t.vehicles.get(id) as VehicleRow, origin));
  return { all: medians(histograms(t, vehicleIds)), byOrigin: origin === null ? {} : medians(histograms(t, own)) };
}

function stageTimesOf(t: Tables, vehicleId: string, now: string): VehicleStageTime[] {
  const events = t.eventsByVehicle.get(vehicleId) ?? [];
  return events.map((event, i) => {
    const leftAt = events[i + 1]?.at ?? null;
    return { stage: event.stage as ImportStage, enteredAt: event.at, leftAt, days: tenthDays(event.at, leftAt ?? now) / 10 };
  });
}

export function referenceOrderAnalytics(rows: AnalyticsRows, orderId: string, now: string, timeZone: string): OrderAnalytics | null {
  const t = new Tables(rows);
  const order = rows.orders.find((o) => o.id === orderId && o.deleted === 0);
  if (!order) return null;
  const status = order.status as OrderStatus;
  const final = status === 'Completed' || status === 'Cancelled';
  const today = localDateOf(now, timeZone);
  const snapshot = status === 'Cancelled' && order.cancel_snapshot ? (JSON.parse(order.cancel_snapshot) as CancelSnapshot) : null;
  const stageCounts = emptyStageRecord();
  const vehicles: VehicleAnalytics[] = [];
  const current = t
    .current(order.id)
    .sort((a, b) => compare(a.link.added_date, b.link.added_date) || compare(a.vehicle.vin, b.vehicle.vin));
  for (const { vehicle } of current) {
    const stage = (snapshot?.stages[vehicle.id] ?? vehicle.stage) as ImportStage;
    stageCounts[stage] += 1;
    const forecast = final
      ? null
      : forecastDeliveryMs({
          stage,
          stageAt: vehicle.stage_at,
          nowMs: Date.parse(now),
          medians: stageMedians(t, timeZone, vehicle.origin_country),
        });
    vehicles.push({
      vehicleId: vehicle.id,
      vin: vehicle.vin,
      make: vehicle.make,
      model: vehicle.model,
      originCountry: vehicle.origin_country,
      stage,
      stages: stageTimesOf(t, vehicle.id, now),
      forecastDate: forecast === null ? null : localDateOf(new Date(forecast.ms), timeZone),
    });
  }
  const open = vehicles.filter((v) => v.stage !== 'delivered');
  const forecastDate =
    final || open.some((v) => v.forecastDate === null)
      ? null
      : open.reduce<string | null>((latest, v) => (latest === null || (v.forecastDate ?? '') > latest ? v.forecastDate : latest), null);
  const targetDate = order.target_completion_date;
  const comms = t.commsByOrder.get(order.id) ?? [];
  const lastContactAt = lastContactOf(t, order.id);
  return {
    orderId: order.id,
    orderNumber: order.order_number,
    status,
    generatedAt: now,
    timeZone,
    stageCounts,
    progress: order.progress,
    vehicles,
    schedule: {
      orderDate: order.order_date,
      targetDate,
      completedAt: order.actual_completion_date,
      elapsedDays: daysBetween(
        localDateOf(order.order_date, timeZone),
        order.actual_completion_date === null ? today : localDateOf(order.actual_completion_date, timeZone),
      ),
      daysToTarget: targetDate === null || final ? null : daysBetween(today, targetDate),
      state: scheduleStateOf({ status, targetDate, today, forecastDate }),
    },
    forecast: { date: forecastDate, basis: '' },
    payments: {
      currency: order.currency as Currency,
      orderValue: order.order_value,
      paid: order.paid_amount,
      refunded: order.refunded_amount,
      balanceDue: order.balance_due,
      paymentStatus: order.payment_status as PaymentStatus,
      collectedShare:
        order.order_value <= 0 ? null : Math.min(1, Math.max(0, (order.paid_amount - order.refunded_amount) / order.order_value)),
    },
    communication: {
      count: comms.length,
      customerContacts: comms.filter((c) => c.channel !== 'note').length,
      lastContactAt,
      daysSinceContact: lastContactAt === null ? null : Math.floor((Date.parse(now) - Date.parse(lastContactAt)) / DAY_MS),
    },
  };
}
