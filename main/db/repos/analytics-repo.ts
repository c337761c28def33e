// Reads the analytics tables: sums of cells for a set of orders, balances and quiet orders, an order's spans.
import { UNDER_WAY_STATUSES } from '../../../core/domain/analytics';
import type { Db } from '../database';
import { statusInSql } from './open-orders-sql';

/** Which orders a dashboard covers, already normalised (segment and origin as keys, days as YYYY-MM-DD). */
export interface AnalyticsSelection {
  from?: string;
  to?: string;
  assigneeId?: string;
  customerId?: string;
  customerType?: string;
  segment?: string;
  origin?: string;
  currency?: string;
}

export interface CellSum {
  measure: string;
  k1: string;
  k2: string;
  n: number;
  amount: number;
}

export interface QuietRow {
  orderId: string;
  orderNumber: string;
  status: string;
  customerName: string | null;
  assigneeId: string | null;
  lastContactAt: string | null;
  lastTouch: string;
}

export interface SpanRow {
  vehicleId: string;
  stage: string;
  enteredAt: string;
  leftAt: string | null;
  tenths: number | null;
}

/** The one filter that has its own sums in analytics_cells, when exactly one is given. */
const SINGLE_DIMS: Record<Exclude<keyof AnalyticsSelection, 'from' | 'to'>, string> = {
  assigneeId: 'assignee',
  customerId: 'customer',
  customerType: 'customer_type',
  segment: 'segment',
  origin: 'origin',
  currency: 'currency',
};

/** SQL over analytics_orders f for each filter; fixed text, values always bound. */
const FILTER_SQL: Record<keyof AnalyticsSelection, string> = {
  from: 'f.day >= @from',
  to: 'f.day <= @to',
  assigneeId: 'f.assignee_id = @assigneeId',
  customerId: 'f.customer_id = @customerId',
  customerType: 'f.customer_type = @customerType',
  currency: 'f.currency = @currency',
  segment: "EXISTS (SELECT 1 FROM analytics_order_dims d WHERE d.order_id = f.order_id AND d.dim = 'segment' AND d.val = @segment)",
  origin: "EXISTS (SELECT 1 FROM analytics_order_dims d WHERE d.order_id = f.order_id AND d.dim = 'origin' AND d.val = @origin)",
};

type Params = Record<string, string | number>;

const monthOf = (day: string) => day.slice(0, 7);
function shiftMonth(month: string, by: 1 | -1): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Splits a range of days into the whole months inside it (m1..m2) and the days left at its start
 * (d1..d2) and end (d3..d4); an empty part has its bounds crossed. Either end may be open.
 */
export function rangeParts(from: string | undefined, to: string | undefined): Record<'m1' | 'm2' | 'd1' | 'd2' | 'd3' | 'd4', string> {
  const m1 = from === undefined ? '0000-01' : from.endsWith('-01') ? monthOf(from) : shiftMonth(monthOf(from), 1);
  const m2 = to === undefined ? '9999-12' : to === lastDayOf(monthOf(to)) ? monthOf(to) : shiftMonth(monthOf(to), -1);
  const none = { d3: '9', d4: '0' };
  if (m1 > m2) return { m1: '9', m2: '0', d1: from ?? '0000-01-01', d2: to ?? '9999-12-31', ...none };
  return {
    m1,
    m2,
    d1: from ?? '9',
    d2: from === undefined ? '0' : dayBefore(`${m1}-01`),
    d3: to === undefined ? '9' : `${shiftMonth(m2, 1)}-01`,
    d4: to ?? '0',
  };
}

export class AnalyticsRepo {
  private readonly cache = new Map<string, ReturnType<Db['prepare']>>();
  private readonly spansStmt;
  private readonly commStmt;
  private readonly originsStmt;

  constructor(private readonly db: Db) {
    this.spansStmt = db.prepare<[string], SpanRow>(
      `SELECT s.vehicle_id AS vehicleId, s.stage, s.entered_at AS enteredAt, s.left_at AS leftAt, s.tenths
       FROM stage_spans s JOIN vehicle_stage_events e ON e.id = s.event_id
       WHERE s.vehicle_id IN (SELECT value FROM json_each(?))
       ORDER BY s.vehicle_id, e.at, e.recorded_at, e.id`,
    );
    this.originsStmt = db.prepare<[string], { id: string; origin: string | null }>(
      `SELECT id, origin_country AS origin FROM vehicles WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.commStmt = db.prepare<[string], { count: number; contacts: number | null; lastContactAt: string | null }>(
      `SELECT count(*) AS count, sum(channel != 'note') AS contacts,
              max(CASE WHEN channel != 'note' THEN created_at END) AS lastContactAt
       FROM communications WHERE order_id = ?`,
    );
  }

  private statement(sql: string) {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  private given(selection: AnalyticsSelection): (keyof AnalyticsSelection)[] {
    return (Object.keys(FILTER_SQL) as (keyof AnalyticsSelection)[]).filter((k) => selection[k] !== undefined);
  }

  private whereOf(selection: AnalyticsSelection): { sql: string; params: Params } {
    const keys = this.given(selection);
    const params: Params = {};
    for (const k of keys) params[k] = selection[k] as string;
    return { sql: keys.length === 0 ? '1' : keys.map((k) => FILTER_SQL[k]).join(' AND '), params };
  }

  /**
   * The selected orders' cells summed per figure key. No filter, a date range alone or one other
   * filter alone read the maintained sums; several filters together sum the matching orders' cells.
   */
  cellSums(selection: AnalyticsSelection, measures: readonly string[]): CellSum[] {
    const keys = this.given(selection);
    const measureList = measures.map((m) => `'${m.replace(/[^a-z_]/g, '')}'`).join(', ');
    const dateOnly = keys.every((k) => k === 'from' || k === 'to');
    if (keys.length === 0) {
      return this.statement(
        `SELECT measure, k1, k2, n, amount FROM analytics_cells WHERE dim = @dim AND val = '' AND measure IN (${measureList})`,
      ).all({ dim: 'all' }) as CellSum[];
    }
    if (dateOnly) {
      // Whole months from their monthly sums, the days at either end from their daily ones.
      return this.statement(
        `SELECT measure, k1, k2, sum(n) AS n, sum(amount) AS amount FROM (
           SELECT measure, k1, k2, n, amount FROM analytics_cells
           WHERE dim = 'month' AND val BETWEEN @m1 AND @m2 AND measure IN (${measureList})
           UNION ALL SELECT measure, k1, k2, n, amount FROM analytics_cells
           WHERE dim = 'day' AND val BETWEEN @d1 AND @d2 AND measure IN (${measureList})
           UNION ALL SELECT measure, k1, k2, n, amount FROM analytics_cells
           WHERE dim = 'day' AND val BETWEEN @d3 AND @d4 AND measure IN (${measureList}))
         GROUP BY measure, k1, k2`,
      ).all(rangeParts(selection.from, selection.to)) as CellSum[];
    }
    if (keys.length === 1) {
      const key = keys[0] as Exclude<keyof AnalyticsSelection, 'from' | 'to'>;
      return this.statement(
        `SELECT measure, k1, k2, n, amount FROM analytics_cells
         WHERE dim = @dim AND val = @val AND measure IN (${measureList})`,
      ).all({ dim: SINGLE_DIMS[key], val: selection[key] as string }) as CellSum[];
    }
    if (selection.assigneeId !== undefined && keys.every((k) => k === 'from' || k === 'to' || k === 'assigneeId')) {
      // A CSR over a range (the managers' usual question): that CSR's whole months from their
      // monthly sums, the days at either end from their orders' own figures.
      const parts = rangeParts(selection.from, selection.to);
      const a = selection.assigneeId;
      return this.statement(
        `SELECT measure, k1, k2, sum(n) AS n, sum(amount) AS amount FROM (
           SELECT measure, k1, k2, n, amount FROM analytics_cells
           WHERE dim = 'assignee_month' AND val BETWEEN @v1 AND @v2 AND measure IN (${measureList})
           UNION ALL SELECT c.measure, c.k1, c.k2, c.n, c.amount FROM analytics_orders f
           CROSS JOIN analytics_order_cells c ON c.order_id = f.order_id
           WHERE f.assignee_id = @a AND (f.day BETWEEN @d1 AND @d2 OR f.day BETWEEN @d3 AND @d4) AND c.measure IN (${measureList}))
         GROUP BY measure, k1, k2`,
      ).all({ a, v1: `${a}|${parts.m1}`, v2: `${a}|${parts.m2}`, d1: parts.d1, d2: parts.d2, d3: parts.d3, d4: parts.d4 }) as CellSum[];
    }
    const where = this.whereOf(selection);
    // Vehicle figures count only that origin's vehicles (one without an origin is no origin's).
    const originClause = selection.origin === undefined ? '' : "AND (c.measure NOT IN ('pipeline', 'span') OR c.origin = @origin)";
    return this.statement(
      `SELECT c.measure, c.k1, c.k2, sum(c.n) AS n, sum(c.amount) AS amount
       FROM analytics_order_cells c
       WHERE c.order_id IN (SELECT f.order_id FROM analytics_orders f WHERE ${where.sql})
         AND c.measure IN (${measureList}) ${originClause}
       GROUP BY c.measure, c.k1, c.k2`,
    ).all(where.params) as CellSum[];
  }

  /** Selected open orders without customer contact since `cutoff`: how many, and the quietest first. */
  quiet(selection: AnalyticsSelection, cutoff: string, limit: number): { count: number; rows: QuietRow[] } {
    const where = this.whereOf(selection);
    // The quiet index holds only open orders, by last contact: the filters are checked on those.
    const base = `FROM analytics_orders f INDEXED BY analytics_orders_quiet
      WHERE ${statusInSql('f.status', UNDER_WAY_STATUSES)} AND f.last_touch <= @cutoff AND ${where.sql}`;
    const params = { ...where.params, cutoff };
    const count = (this.statement(`SELECT count(*) AS n ${base}`).get(params) as { n: number }).n;
    const rows = this.statement(
      `SELECT f.order_id AS orderId, o.order_number AS orderNumber, f.status, c.name AS customerName,
              f.assignee_id AS assigneeId, f.last_contact_at AS lastContactAt, f.last_touch AS lastTouch
       FROM (SELECT f.* ${base} ORDER BY f.last_touch, f.order_id LIMIT @limit) f
       JOIN orders o ON o.id = f.order_id
       LEFT JOIN customers c ON c.id = f.customer_id
       ORDER BY f.last_touch, f.order_id`,
    ).all({ ...params, limit }) as QuietRow[];
    return { count, rows };
  }

  /** Every span of these vehicles, in event order. */
  spans(vehicleIds: readonly string[]): SpanRow[] {
    return vehicleIds.length === 0 ? [] : this.spansStmt.all(JSON.stringify(vehicleIds));
  }

  /** Span lengths per stage (whole days -> how many) over every order, or one origin. */
  spanHistogram(origin: string | null): { stage: string; days: number; n: number }[] {
    return this.statement(
      `SELECT k1 AS stage, CAST(k2 AS INTEGER) AS days, n FROM analytics_cells
       WHERE dim = @dim AND val = @val AND measure = 'span' ORDER BY k1, CAST(k2 AS INTEGER)`,
    ).all(origin === null ? { dim: 'all', val: '' } : { dim: 'origin', val: origin }) as { stage: string; days: number; n: number }[];
  }

  /** Each vehicle's origin country as recorded. */
  origins(vehicleIds: readonly string[]): Map<string, string | null> {
    const rows = vehicleIds.length === 0 ? [] : this.originsStmt.all(JSON.stringify(vehicleIds));
    return new Map(rows.map((r) => [r.id, r.origin]));
  }

  communication(orderId: string): { count: number; contacts: number; lastContactAt: string | null } {
    const row = this.commStmt.get(orderId);
    return { count: row?.count ?? 0, contacts: row?.contacts ?? 0, lastContactAt: row?.lastContactAt ?? null };
  }
}
