// Analytics: the dashboard's filters and figures, an order's analytics, and the pure math both share.
import { z } from 'zod';
import { CUSTOMER_TYPES, type CustomerType } from './customer-profile';
import { blankToUndefined, currency, dateOnly, entityId, isRealDate, optionalText } from './fields';

/** Query strings send "" for a filter left empty; anything else (spaces included) is read as given. */
const emptyToUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
import type { Currency } from './money';
import { ORDER_STATUSES, type OrderStatus } from './order';
import type { PaymentStatus } from './payment';
import { IMPORT_STAGES, type ImportStage } from './stages';

/*
 * What the figures mean (the SQL in main and the reference in tests/support both follow this):
 *
 * - Selected orders: not deleted, and matching every filter given. `from`/`to` are office-local
 *   days (inclusive) of the order date; `assigneeId` the order's assignee; `customerId`,
 *   `customerType` and `segment` its customer; `currency` its currency; `origin` (compared
 *   ignoring case and surrounding spaces) the origin country of one of its non-removed vehicles.
 * - Vehicle figures (pipeline, cycle time) count the non-removed vehicles of selected orders,
 *   and with `origin` only those vehicles from that origin.
 * - A stage span is the time from a vehicle's non-retracted stage event to its next one (events
 *   ordered by time, then recorded time, then id), measured in tenths of a day rounded down (an
 *   order's analytics shows those). Cycle time counts the closed spans of vehicles on selected
 *   orders that are not Cancelled, in whole days (tenths / 10, rounded down); percentiles are
 *   nearest rank over those days (see `nearestRank`), and so are the forecast's medians.
 */

export const DEFAULT_STALE_DAYS = 14;
export const MAX_STALE_DAYS = 365;
/** A dashboard range longer than this is refused: it is a typo, not a question. */
export const MAX_RANGE_DAYS = 3660;
/** How many quiet orders the dashboard lists (the count covers all of them). */
export const QUIET_ORDERS_LIMIT = 20;
/** Spans of an origin needed before the forecast trusts that origin's medians over everyone's. */
export const ORIGIN_SPANS_NEEDED = 20;
export const TENTH_DAY_MS = 8_640_000;
export const DAY_MS = 86_400_000;

/** Stages a vehicle spends time in (delivered is where it stops). */
export type TimedStage = Exclude<ImportStage, 'delivered'>;
export const TIMED_STAGES = IMPORT_STAGES.filter((s): s is TimedStage => s !== 'delivered');

/** Orders under way: their vehicles make the pipeline, and they go quiet without contact. */
export const UNDER_WAY_STATUSES: readonly OrderStatus[] = ['Confirmed', 'In Progress'];
/** Orders whose value counts as booked and whose balance is owed. */
export const BOOKED_STATUSES: readonly OrderStatus[] = ['Confirmed', 'In Progress', 'Completed'];

export const AGE_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

const staleDaysMessage = `staleDays must be a whole number of days from 1 to ${MAX_STALE_DAYS}.`;

/** The dashboard's filters (a query string: every value arrives as text; blank means not given). */
export const dashboardInput = z
  .strictObject({
    from: z.preprocess(emptyToUndefined, dateOnly('from').optional()),
    to: z.preprocess(emptyToUndefined, dateOnly('to').optional()),
    assigneeId: z.preprocess(emptyToUndefined, entityId('assigneeId').optional()),
    customerId: z.preprocess(emptyToUndefined, entityId('customerId').optional()),
    customerType: z.preprocess(
      emptyToUndefined,
      z.enum(CUSTOMER_TYPES, { error: `customerType must be one of ${CUSTOMER_TYPES.join(', ')}.` }).optional(),
    ),
    segment: optionalText('segment', 40),
    origin: optionalText('origin', 60),
    currency: z.preprocess(emptyToUndefined, currency.optional()),
    staleDays: z.preprocess(
      // Like `limit`: blank (spaces too) means the default.
      (v) => (typeof v === 'string' && /^[1-9][0-9]{0,3}$/.test(v) ? Number(v) : blankToUndefined(v)),
      z
        .number({ error: staleDaysMessage })
        .int({ error: staleDaysMessage })
        .min(1, { error: staleDaysMessage })
        .max(MAX_STALE_DAYS, { error: staleDaysMessage })
        .default(DEFAULT_STALE_DAYS),
    ),
  })
  .superRefine((input, ctx) => {
    // Only two real dates can be compared; a malformed one already has its own message.
    if (input.from !== undefined && input.to !== undefined && isRealDate(input.from) && isRealDate(input.to)) {
      if (input.from > input.to) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: `from (${input.from}) is after to (${input.to}): swap them.` });
      } else if (daysBetween(input.from, input.to) > MAX_RANGE_DAYS) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `from and to are more than ${MAX_RANGE_DAYS / 366 > 9 ? 'ten years' : `${MAX_RANGE_DAYS} days`} apart: choose a shorter range, or leave both out for every order.`,
        });
      }
    }
  });
export type DashboardInput = z.input<typeof dashboardInput>;
/** The filters a dashboard was computed with (the parsed input), spelled out so schema generators (OpenAPI) can read it. */
export interface DashboardFilters {
  from?: string | undefined;
  to?: string | undefined;
  assigneeId?: string | undefined;
  customerId?: string | undefined;
  customerType?: CustomerType | undefined;
  segment?: string | undefined;
  origin?: string | undefined;
  currency?: Currency | undefined;
  staleDays: number;
}
/** Fails to compile when DashboardFilters and the schema's output drift apart. */
const _filtersMatchSchema: [DashboardFilters, z.output<typeof dashboardInput>] extends [z.output<typeof dashboardInput>, DashboardFilters]
  ? true
  : never = true;

export interface StageCycleTime {
  stage: Exclude<ImportStage, 'delivered'>;
  /** Closed spans measured. */
  spans: number;
  /** Whole days (each span rounded down); null without spans. */
  medianDays: number | null;
  p90Days: number | null;
}

export interface WeekCount {
  /** Monday of the office-local week, YYYY-MM-DD. */
  weekStart: string;
  created: number;
  completed: number;
}

export interface MonthMoney {
  /** Office-local month, YYYY-MM. */
  month: string;
  currency: Currency;
  /** Value (minor units) of the Confirmed, In Progress and Completed orders dated in the month. */
  booked: number;
  /** Deposits, instalments and balance payments received in the month (minor units). */
  collected: number;
  refunded: number;
}

export interface OutstandingBalance {
  currency: Currency;
  orders: number;
  balanceDue: number;
  /** Balance due by the order's age in days (minor units). */
  ageing: Record<AgeBucket, number>;
}

export interface CsrWorkload {
  assigneeId: string;
  assigneeName: string;
  /** Draft, Confirmed and In Progress orders. */
  openOrders: number;
  /** Their non-removed vehicles not yet delivered. */
  vehiclesInProcess: number;
}

export interface QuietOrder {
  id: string;
  orderNumber: string;
  status: OrderStatus;
  customerName: string | null;
  assigneeName: string;
  /** Last customer-facing communication (any channel but an internal note), or null for none. */
  lastContactAt: string | null;
  /** Whole days since the last contact, or since the order date when there was none. */
  daysQuiet: number;
}

export interface Dashboard {
  filters: DashboardFilters;
  /** When the figures were computed, and the office's time zone they use for days, weeks and months. */
  generatedAt: string;
  timeZone: string;
  ordersByStatus: Record<OrderStatus, number>;
  /** Non-removed vehicles of Confirmed and In Progress orders, by current stage. */
  pipeline: Record<ImportStage, number>;
  cycleTime: StageCycleTime[];
  /** The stage with the longest median (the earliest on a tie), or null without spans. */
  bottleneck: Exclude<ImportStage, 'delivered'> | null;
  onTime: { completed: number; withTarget: number; onTime: number; rate: number | null };
  weekly: WeekCount[];
  monthlyMoney: MonthMoney[];
  outstanding: OutstandingBalance[];
  workload: CsrWorkload[];
  quiet: { staleDays: number; count: number; items: QuietOrder[] };
}

export interface VehicleStageTime {
  stage: ImportStage;
  enteredAt: string;
  /** null while the vehicle is still at this stage. */
  leftAt: string | null;
  /** Days to a tenth (to now for the current stage). */
  days: number;
}

export interface VehicleAnalytics {
  vehicleId: string;
  vin: string;
  make: string;
  model: string;
  originCountry: string | null;
  stage: ImportStage;
  stages: VehicleStageTime[];
  /** Forecast delivery day (office-local), null when delivered or without history. */
  forecastDate: string | null;
}

/** An order against its target date (named apart from payment.ts's ScheduleState: OpenAPI components need one name per type). */
export type TargetScheduleState = 'done' | 'on_track' | 'at_risk' | 'late' | 'no_target';
export type ScheduleState = TargetScheduleState;

export interface OrderAnalytics {
  orderId: string;
  orderNumber: string;
  status: OrderStatus;
  generatedAt: string;
  timeZone: string;
  /** Every stage, with how many of the order's non-removed vehicles are at it (as at cancellation when Cancelled). */
  stageCounts: Record<ImportStage, number>;
  progress: number;
  vehicles: VehicleAnalytics[];
  schedule: {
    orderDate: string;
    targetDate: string | null;
    completedAt: string | null;
    /** Whole days from the order date to completion, or to today while open. */
    elapsedDays: number;
    /** Target minus today (negative: past the target); null without a target or once final. */
    daysToTarget: number | null;
    state: TargetScheduleState;
  };
  forecast: {
    /** When the last vehicle should be delivered (office-local day), or null. */
    date: string | null;
    /** The basis in words: which medians, from how many spans. */
    basis: string;
  };
  payments: {
    currency: Currency;
    orderValue: number;
    paid: number;
    refunded: number;
    balanceDue: number;
    paymentStatus: PaymentStatus;
    /** (paid - refunded) / order value, 0..1 (null for a zero value). */
    collectedShare: number | null;
  };
  communication: {
    count: number;
    customerContacts: number;
    lastContactAt: string | null;
    /** Whole days since the last customer contact (null without one). */
    daysSinceContact: number | null;
  };
}

// ---------------------------------------------------------------------------------------------
// Pure math shared by the SQL side, the renderer and the reference implementation.

/** Whole days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A span's length in tenths of a day, rounded down (never negative). */
export function tenthDays(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / TENTH_DAY_MS));
}

/**
 * Nearest-rank percentile of a histogram given as [value, count] pairs sorted by value: the
 * smallest value with at least p% of the counts at or below it. Null when empty.
 */
export function nearestRank(histogram: readonly (readonly [number, number])[], percent: number): number | null {
  const total = histogram.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((percent / 100) * total));
  let seen = 0;
  for (const [value, n] of histogram) {
    seen += n;
    if (seen >= rank) return value;
  }
  return histogram[histogram.length - 1]?.[0] ?? null;
}

/** Monday of the week holding a YYYY-MM-DD day (weeks run Monday to Sunday, as ISO 8601). */
export function weekStartOf(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * DAY_MS).toISOString().slice(0, 10);
}

export function addDaysTo(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function ageBucketOf(days: number): AgeBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

/** Every Monday from the first to the last week given, with zeros where nothing happened. */
export function fillWeeks(counts: readonly WeekCount[]): WeekCount[] {
  if (counts.length === 0) return [];
  const byWeek = new Map(counts.map((c) => [c.weekStart, c]));
  const sorted = [...byWeek.keys()].sort();
  const out: WeekCount[] = [];
  const last = sorted[sorted.length - 1] ?? '';
  for (let week = sorted[0] ?? last; week <= last; week = addDaysTo(week, 7)) {
    out.push(byWeek.get(week) ?? { weekStart: week, created: 0, completed: 0 });
  }
  return out;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from the first to the last given, for each currency that appears, zero-filled; by month then currency. */
export function fillMonths(rows: readonly MonthMoney[]): MonthMoney[] {
  if (rows.length === 0) return [];
  const key = (month: string, cur: string) => `${month}|${cur}`;
  const byKey = new Map(rows.map((r) => [key(r.month, r.currency), r]));
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const months = rows.map((r) => r.month).sort();
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  const out: MonthMoney[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) {
    for (const cur of currencies) out.push(byKey.get(key(month, cur)) ?? { month, currency: cur, booked: 0, collected: 0, refunded: 0 });
  }
  return out;
}

/** The stage with the longest median (the earliest on a tie), or null. */
export function bottleneckOf(cycleTime: readonly StageCycleTime[]): StageCycleTime['stage'] | null {
  let best: StageCycleTime | null = null;
  for (const row of cycleTime) {
    if (row.medianDays === null) continue;
    if (best === null || (best.medianDays ?? -1) < row.medianDays) best = row;
  }
  return best?.stage ?? null;
}

export function emptyStageRecord(): Record<ImportStage, number> {
  return Object.fromEntries(IMPORT_STAGES.map((s) => [s, 0])) as Record<ImportStage, number>;
}

export function emptyStatusRecord(): Record<OrderStatus, number> {
  return Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
}

/** The key origins are compared by: "Japan", " japan " and "JAPAN" are one origin. */
export function originKey(origin: string): string {
  return origin.normalize('NFC').trim().toLocaleLowerCase('en');
}

export function scheduleStateOf(input: {
  status: OrderStatus;
  targetDate: string | null;
  today: string;
  forecastDate: string | null;
}): ScheduleState {
  if (input.status === 'Completed' || input.status === 'Cancelled') return 'done';
  if (input.targetDate === null) return 'no_target';
  if (input.today > input.targetDate) return 'late';
  if (input.forecastDate !== null && input.forecastDate > input.targetDate) return 'at_risk';
  return 'on_track';
}

/** Median tenths of a day per timed stage; `origin` ones are used where at least ORIGIN_SPANS_NEEDED spans back them. */
export interface StageMedians {
  all: Partial<Record<ImportStage, { tenths: number; spans: number }>>;
  byOrigin: Partial<Record<ImportStage, { tenths: number; spans: number }>>;
}

/**
 * When a vehicle should reach `delivered`, in ms since the epoch: what is left of its current
 * stage's median (never less than nothing) plus the medians of every later stage. Null when a
 * needed stage has no history yet (pending without history counts as nothing), or the vehicle is delivered.
 */
export function forecastDeliveryMs(input: {
  stage: ImportStage;
  stageAt: string | null;
  nowMs: number;
  medians: StageMedians;
}): { ms: number; usedOrigin: boolean } | null {
  if (input.stage === 'delivered') return null;
  const spent = input.stageAt === null ? 0 : Math.max(0, Math.floor((input.nowMs - Date.parse(input.stageAt)) / TENTH_DAY_MS));
  let remaining = 0;
  let usedOrigin = false;
  for (const stage of TIMED_STAGES.slice(IMPORT_STAGES.indexOf(input.stage))) {
    const own = input.medians.byOrigin[stage];
    const trusted = own !== undefined && own.spans >= ORIGIN_SPANS_NEEDED;
    const pick = trusted ? own : input.medians.all[stage];
    // Vehicles are rarely recorded as pending, so "pending" seldom has history: count it as nothing.
    if (pick === undefined && stage === 'pending') continue;
    if (pick === undefined) return null;
    usedOrigin ||= trusted;
    remaining += stage === input.stage ? Math.max(0, pick.tenths - spent) : pick.tenths;
  }
  return { ms: input.nowMs + remaining * TENTH_DAY_MS, usedOrigin };
}

const OFFSET_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (Pacific/Auckland in January: +13 h). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  let format = OFFSET_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    OFFSET_FORMATS.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant (ISO) at which an office-local day begins: lets a range of local days filter
 * UTC timestamps through their index. On a DST change at midnight the day begins at the first
 * local time that exists.
 */
export function localDayStartUtc(day: string, timeZone: string): string {
  const midnightAsUtc = Date.parse(`${day}T00:00:00Z`);
  let guess = midnightAsUtc - zoneOffsetMs(midnightAsUtc, timeZone);
  // Twice: the offset at the guess may differ from the offset at the naive instant (DST).
  guess = midnightAsUtc - zoneOffsetMs(guess, timeZone);
  const local = new Date(guess + zoneOffsetMs(guess, timeZone)).toISOString().slice(0, 10);
  if (local < day) guess += 3_600_000; // midnight skipped by DST: the day starts an hour later
  return new Date(guess).toISOString();
}
