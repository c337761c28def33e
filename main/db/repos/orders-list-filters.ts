// The orders list's filters as SQL conditions, and which rare filter (if any) should drive the query instead of the date order.
import type Database from 'better-sqlite3';
import type { Db } from '../database';

/**
 * Each filter's condition, on the order row alone (the floor statement reads orders only). The
 * customer and vehicle conditions are correlated lookups by key: CROSS JOIN keeps SQLite on the
 * order's own links (the primary key) rather than every vehicle at a stage.
 */
export const FILTER_SQL = {
  status: 'o.status = @status',
  customer: 'o.customer_id = @customer_id',
  payment: 'o.payment_status = @payment_status',
  assignee: 'o.assignee_id = @assignee_id',
  currency: 'o.currency = @currency',
  customerType: 'EXISTS (SELECT 1 FROM customers ct WHERE ct.id = o.customer_id AND ct.type = @customer_type)',
  segment: 'EXISTS (SELECT 1 FROM customer_segments cs WHERE cs.customer_id = o.customer_id AND cs.segment_key = @segment_key)',
  // lower(trim()) is originKey for ASCII names (SQLite folds ASCII letters only, and trims spaces only).
  origin: `EXISTS (SELECT 1 FROM order_vehicles ov CROSS JOIN vehicles v ON v.id = ov.vehicle_id
    WHERE ov.order_id = o.id AND ov.status <> 'Removed' AND lower(trim(v.origin_country)) = @origin_key)`,
  stage: `EXISTS (SELECT 1 FROM order_vehicles ov CROSS JOIN vehicles v ON v.id = ov.vehicle_id
    WHERE ov.order_id = o.id AND ov.status <> 'Removed' AND v.stage = @stage)`,
  from: 'o.order_date >= @date_from',
  to: 'o.order_date < @date_before',
  cursor: '(o.order_date, o.id) < (@after_key, @after_id)',
} as const;

export type FilterName = keyof typeof FILTER_SQL;
export const FILTER_NAMES = Object.keys(FILTER_SQL) as FilterName[];

/** Filters whose matches can be listed from their own index, when few. */
export type Driver = 'origin' | 'stage' | 'segment';
const DRIVERS: readonly Driver[] = ['origin', 'stage', 'segment'];

/**
 * The same conditions as sets found through their own index: SQLite then reads just those
 * orders by key and sorts them, instead of walking every order by date looking for the few.
 */
const DRIVER_SQL: Record<Driver, string> = {
  origin: `o.id IN (SELECT ov.order_id FROM vehicles v INDEXED BY vehicles_by_origin_key CROSS JOIN order_vehicles ov ON ov.vehicle_id = v.id
    WHERE lower(trim(v.origin_country)) = @origin_key AND ov.status <> 'Removed')`,
  stage: `o.id IN (SELECT ov.order_id FROM vehicles v INDEXED BY vehicles_by_stage CROSS JOIN order_vehicles ov ON ov.vehicle_id = v.id
    WHERE v.stage = @stage AND ov.status <> 'Removed')`,
  segment: `o.customer_id IN (SELECT cs.customer_id FROM customer_segments cs WHERE cs.segment_key = @segment_key)`,
};

/** How many rows (vehicles, or orders of the segment's customers) a driving set may hold: sorting them costs about what walking the dates would. */
export const DRIVER_CAP = 5000;

/** Rows of each driver's set, counted up to the cap only (so a common value costs as little as a rare one). */
const PROBE_SQL: Record<Driver, string> = {
  origin: `SELECT count(*) AS n FROM (SELECT 1 FROM vehicles INDEXED BY vehicles_by_origin_key
    WHERE lower(trim(origin_country)) = @origin_key LIMIT ${DRIVER_CAP})`,
  stage: `SELECT count(*) AS n FROM (SELECT 1 FROM vehicles INDEXED BY vehicles_by_stage WHERE stage = @stage LIMIT ${DRIVER_CAP})`,
  segment: `SELECT count(*) AS n FROM (SELECT 1 FROM customer_segments cs CROSS JOIN orders o ON o.customer_id = cs.customer_id
    WHERE cs.segment_key = @segment_key LIMIT ${DRIVER_CAP})`,
};

/** Which filters are in use, and which (if any) drives the statement; each shape gets its own statement. */
export type Shape = Record<FilterName, boolean> & { driver: Driver | null };

export function shapeKey(shape: Shape): string {
  return `${FILTER_NAMES.map((key) => Number(shape[key])).join('')}:${shape.driver ?? '-'}`;
}

/** The WHERE conditions of a shape (without `deleted`), the driver's as its set. */
export function filterConditions(shape: Shape): string[] {
  return FILTER_NAMES.filter((key) => shape[key]).map((key) => (key === shape.driver ? DRIVER_SQL[key] : FILTER_SQL[key]));
}

export interface ProbeParams {
  origin_key: string | null;
  stage: string | null;
  segment_key: string | null;
}

/** Finds the filter in use with the fewest matches, when they are few enough to drive the query. */
export class DriverProbe {
  private readonly probes = new Map<Driver, Database.Statement<[ProbeParams], { n: number }>>();

  constructor(private readonly db: Db) {}

  driverFor(shape: Shape, params: ProbeParams): Driver | null {
    let best: { driver: Driver; n: number } | null = null;
    for (const driver of DRIVERS) {
      if (!shape[driver]) continue;
      const n = this.probe(driver).get(params)?.n ?? 0;
      if (n < DRIVER_CAP && (best === null || n < best.n)) best = { driver, n };
    }
    return best?.driver ?? null;
  }

  private probe(driver: Driver): Database.Statement<[ProbeParams], { n: number }> {
    let stmt = this.probes.get(driver);
    if (!stmt) {
      stmt = this.db.prepare<[ProbeParams], { n: number }>(PROBE_SQL[driver]);
      this.probes.set(driver, stmt);
    }
    return stmt;
  }
}
