// SQL for the orders list: one prepared statement per filter shape, and text search that stays fast at 100k orders.
import type Database from 'better-sqlite3';
import { originKey } from '../../../core/domain/analytics';
import { type CustomerType, segmentKey } from '../../../core/domain/customer-profile';
import type { Currency } from '../../../core/domain/money';
import type { OrderStatus, OrderSummary } from '../../../core/domain/order';
import type { PaymentStatus } from '../../../core/domain/payment-status';
import { unknownUserName } from '../../../core/domain/people';
import type { ImportStage } from '../../../core/domain/stages';
import type { Db } from '../database';
import { decodeCursor, encodeCursor, likePattern } from '../cursor';
import { DriverProbe, filterConditions, type Shape, shapeKey } from './orders-list-filters';

export interface OrderListFilter {
  status?: OrderStatus | undefined;
  customerId?: string | undefined;
  paymentStatus?: PaymentStatus | undefined;
  assigneeId?: string | undefined;
  currency?: Currency | undefined;
  customerType?: CustomerType | undefined;
  /** Compared as `segmentKey` (customer_segments.segment_key). */
  segment?: string | undefined;
  /** Compared as `originKey`: lower(trim(origin_country)) in SQL. */
  origin?: string | undefined;
  stage?: ImportStage | undefined;
  /** UTC instant an office-local day starts at: orders dated at or after it. */
  orderDateFrom?: string | undefined;
  /** UTC instant: orders dated before it (the start of the day after the last one wanted). */
  orderDateBefore?: string | undefined;
  query?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface SummaryRow {
  id: string;
  order_number: string;
  customer_id: string | null;
  customer_name: string | null;
  status: string;
  total_vehicles: number;
  completed_vehicles: number;
  order_value: number;
  currency: string;
  progress: number;
  order_date: string;
  estimated_completion_date: string | null;
  actual_completion_date: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  created_by: string;
  version: number;
  updated_at: string;
  paid_amount: number;
  refunded_amount: number;
  balance_due: number;
  payment_status: string;
}

const SUMMARY_COLUMNS = `o.id, o.order_number, o.customer_id, c.name AS customer_name, o.status, o.total_vehicles,
    o.completed_vehicles, o.order_value, o.currency, o.progress, o.order_date, o.estimated_completion_date,
    o.actual_completion_date, o.assignee_id, (SELECT p.display_name FROM people p WHERE p.id = o.assignee_id) AS assignee_name,
    o.created_by, o.version, o.updated_at, o.paid_amount, o.refunded_amount, o.balance_due, o.payment_status`;
export const SUMMARY_SELECT = `SELECT ${SUMMARY_COLUMNS} FROM orders o LEFT JOIN customers c ON c.id = o.customer_id`;

export function toSummary(r: SummaryRow): OrderSummary {
  return {
    id: r.id,
    orderNumber: r.order_number,
    customerId: r.customer_id,
    customerName: r.customer_name,
    status: r.status as OrderStatus,
    totalVehicles: r.total_vehicles,
    completedVehicles: r.completed_vehicles,
    orderValue: r.order_value,
    currency: r.currency as Currency,
    progress: r.progress,
    orderDate: r.order_date,
    estimatedCompletionDate: r.estimated_completion_date,
    actualCompletionDate: r.actual_completion_date,
    assigneeId: r.assignee_id ?? r.created_by,
    assigneeName: r.assignee_name ?? unknownUserName(r.assignee_id ?? r.created_by),
    version: r.version,
    updatedAt: r.updated_at,
    paid: r.paid_amount,
    refunded: r.refunded_amount,
    balanceDue: r.balance_due,
    paymentStatus: r.payment_status as PaymentStatus,
  };
}

interface ListParams {
  status: string | null;
  customer_id: string | null;
  payment_status: string | null;
  assignee_id: string | null;
  currency: string | null;
  customer_type: string | null;
  segment_key: string | null;
  origin_key: string | null;
  stage: string | null;
  date_from: string | null;
  date_before: string | null;
  pattern: string | null;
  phrase: string | null;
  after_key: string | null;
  after_id: string;
  floor_key: string | null;
  floor_id: string;
  offset: number;
  limit: number;
}

/**
 * What a statement does. `plain`: no text filter. `like`: the text filter tested row by row
 * along the index (queries too short for the trigram index). `range`: the same for a range
 * known to be small, with matching customers looked up once. `window`: that, down to the
 * floor row only. `fts`: the matches older than the floor, found through the trigram indexes.
 */
type Kind = 'plain' | 'like' | 'range' | 'window' | 'fts';

/**
 * How many orders (newest first, within the status/customer/cursor range) a text search
 * tests one by one before it asks the trigram index for the older matches instead. A common
 * term ("toyota") fills its page well inside the window, reading orders in date order; a rare
 * one (a VIN fragment) is looked up in the index, at a cost in proportion to its matches, of
 * which there are few: fewer than a page per window, or the window would have filled the page.
 */
const SEARCH_WINDOW = 1000;

/** The original filter: the order's own search text or its customer's. */
const TEXT_MATCH = `(o.search_text LIKE @pattern ESCAPE '\\' OR c.search_text LIKE @pattern ESCAPE '\\')`;
/** Customers whose search text matches: the trigram index narrows them down, LIKE decides. */
const MATCHING_CUSTOMERS = `SELECT mc.id FROM customers_fts f JOIN customers mc ON mc.rowid = f.rowid
  WHERE customers_fts MATCH @phrase AND mc.search_text LIKE @pattern ESCAPE '\\'`;
/** TEXT_MATCH with the customer side as one lookup per query rather than a join and a LIKE per order. */
const TEXT_MATCH_BY_CUSTOMER_SET = `(o.search_text LIKE @pattern ESCAPE '\\' OR o.customer_id IN (${MATCHING_CUSTOMERS}))`;
const ORDER_BY = 'ORDER BY o.order_date DESC, o.id DESC';

/**
 * The trigram index finds substrings of 3 characters or more. The phrase matches every row
 * that LIKE would (and, being case-folding, perhaps a few more), so the LIKE test that
 * follows keeps the result exactly what the LIKE filter alone gives.
 */
function trigramPhrase(query: string): string | null {
  const text = query.toLowerCase();
  return [...text].length >= 3 ? `"${text.replace(/"/g, '""')}"` : null;
}

function sqlFor(kind: Kind, shape: Shape): string {
  const where = ['o.deleted = 0', ...filterConditions(shape)];
  switch (kind) {
    case 'plain':
      if (shape.driver !== null) {
        // The driving set is sorted with just its keys; only the page's rows are then read in full.
        return `WITH page(rid) AS (SELECT o.rowid FROM orders o WHERE ${where.join(' AND ')} ${ORDER_BY} LIMIT @limit)
          SELECT ${SUMMARY_COLUMNS} FROM page CROSS JOIN orders o ON o.rowid = page.rid LEFT JOIN customers c ON c.id = o.customer_id
          ${ORDER_BY}`;
      }
      return `${SUMMARY_SELECT} WHERE ${where.join(' AND ')} ${ORDER_BY} LIMIT @limit`;
    case 'like':
      return `${SUMMARY_SELECT} WHERE ${[...where, TEXT_MATCH].join(' AND ')} ${ORDER_BY} LIMIT @limit`;
    case 'range':
      return `${SUMMARY_SELECT} WHERE ${[...where, TEXT_MATCH_BY_CUSTOMER_SET].join(' AND ')} ${ORDER_BY} LIMIT @limit`;
    case 'window':
      return `${SUMMARY_SELECT} WHERE ${[...where, '(o.order_date, o.id) >= (@floor_key, @floor_id)', TEXT_MATCH_BY_CUSTOMER_SET].join(' AND ')}
        ${ORDER_BY} LIMIT @limit`;
    case 'fts': {
      // The matches older than the floor (which lies below any cursor), from the two sides
      // separately: orders whose own text matches (the trigram index proposes, LIKE decides),
      // and orders of matching customers (from a covering index, no row visits: INDEXED BY
      // because without statistics SQLite would walk the status index instead). Only the
      // page's rows are then read in full.
      const older = ['o.deleted = 0', ...filterConditions({ ...shape, cursor: false }), '(o.order_date, o.id) < (@floor_key, @floor_id)'];
      return `WITH own(rid, order_date, id) AS (
          SELECT o.rowid, o.order_date, o.id FROM orders_fts CROSS JOIN orders o ON o.rowid = orders_fts.rowid
          WHERE orders_fts MATCH @phrase AND o.search_text LIKE @pattern ESCAPE '\\' AND ${older.join(' AND ')}
        ),
        by_customer(rid, order_date, id) AS (
          SELECT o.rowid, o.order_date, o.id FROM orders o INDEXED BY orders_live_by_customer_status_date
          WHERE o.customer_id IN (${MATCHING_CUSTOMERS}) AND ${older.join(' AND ')}
        ),
        page(rid) AS (
          SELECT rid FROM (SELECT * FROM own UNION SELECT * FROM by_customer) ORDER BY order_date DESC, id DESC LIMIT @limit
        )
        SELECT ${SUMMARY_COLUMNS} FROM page CROSS JOIN orders o ON o.rowid = page.rid LEFT JOIN customers c ON c.id = o.customer_id
        ${ORDER_BY}`;
    }
  }
}

/** Reads the index only: deleted rows count too, as the floor just needs to be some row of the range. */
function floorSql(shape: Shape): string {
  const where = filterConditions(shape);
  return `SELECT o.order_date, o.id FROM orders o ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ${ORDER_BY} LIMIT 1 OFFSET @offset`;
}

export class OrderList {
  private readonly statements = new Map<string, Database.Statement<[ListParams], SummaryRow>>();
  private readonly floors = new Map<string, Database.Statement<[ListParams], { order_date: string; id: string }>>();
  private readonly drivers: DriverProbe;

  constructor(private readonly db: Db) {
    this.drivers = new DriverProbe(db);
  }

  page(filter: OrderListFilter): { items: OrderSummary[]; nextCursor: string | null } {
    const rows = this.rows(filter);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > filter.limit && last ? encodeCursor(last.order_date, last.id) : null,
    };
  }

  /** SQLite's plan for each statement `page(filter)` may run, one line per step, so tests can hold them to their indexes. */
  queryPlan(filter: OrderListFilter): string[] {
    const shape = this.shapeOf(filter);
    const statements = !filter.query
      ? [this.statement('plain', shape)]
      : trigramPhrase(filter.query)
        ? [this.floor(shape), this.statement('range', shape), this.statement('window', shape), this.statement('fts', shape)]
        : [this.statement('like', shape)];
    return statements.flatMap((stmt) =>
      this.db
        .prepare<[ListParams], { detail: string }>(`EXPLAIN QUERY PLAN ${stmt.source}`)
        .all(paramsOf(filter))
        .map((r) => r.detail),
    );
  }

  /** The page plus one row (to know whether a next page exists), newest first. */
  private rows(filter: OrderListFilter): SummaryRow[] {
    const shape = this.shapeOf(filter);
    const params = paramsOf(filter);
    if (!filter.query) return this.statement('plain', shape).all(params);
    if (!params.phrase) return this.statement('like', shape).all(params);
    const floor = this.floor(shape).get(params);
    if (!floor) return this.statement('range', shape).all(params);
    params.floor_key = floor.order_date;
    params.floor_id = floor.id;
    const recent = this.statement('window', shape).all(params);
    if (recent.length >= params.limit) return recent;
    const older = this.statement('fts', shape).all({ ...params, limit: params.limit - recent.length });
    return [...recent, ...older];
  }

  /** The filters in use; without a text search, a rare origin, stage or segment drives the statement from its own index. */
  private shapeOf(filter: OrderListFilter): Shape {
    const shape = shapeOf(filter);
    return filter.query ? shape : { ...shape, driver: this.drivers.driverFor(shape, paramsOf(filter)) };
  }

  private statement(kind: Kind, shape: Shape): Database.Statement<[ListParams], SummaryRow> {
    const key = `${kind}:${shapeKey(shape)}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      stmt = this.db.prepare<[ListParams], SummaryRow>(sqlFor(kind, shape));
      this.statements.set(key, stmt);
    }
    return stmt;
  }

  private floor(shape: Shape): Database.Statement<[ListParams], { order_date: string; id: string }> {
    const key = shapeKey(shape);
    let stmt = this.floors.get(key);
    if (!stmt) {
      stmt = this.db.prepare<[ListParams], { order_date: string; id: string }>(floorSql(shape));
      this.floors.set(key, stmt);
    }
    return stmt;
  }
}

function shapeOf(filter: OrderListFilter): Shape {
  return {
    status: !!filter.status,
    customer: !!filter.customerId,
    payment: !!filter.paymentStatus,
    assignee: !!filter.assigneeId,
    currency: !!filter.currency,
    customerType: !!filter.customerType,
    segment: filter.segment !== undefined,
    origin: filter.origin !== undefined,
    stage: !!filter.stage,
    from: !!filter.orderDateFrom,
    to: !!filter.orderDateBefore,
    cursor: !!filter.cursor,
    driver: null,
  };
}

function paramsOf(filter: OrderListFilter): ListParams {
  const after = decodeCursor(filter.cursor);
  return {
    status: filter.status ?? null,
    customer_id: filter.customerId ?? null,
    payment_status: filter.paymentStatus ?? null,
    assignee_id: filter.assigneeId ?? null,
    currency: filter.currency ?? null,
    customer_type: filter.customerType ?? null,
    segment_key: filter.segment !== undefined ? segmentKey(filter.segment) : null,
    origin_key: filter.origin !== undefined ? originKey(filter.origin) : null,
    stage: filter.stage ?? null,
    date_from: filter.orderDateFrom ?? null,
    date_before: filter.orderDateBefore ?? null,
    pattern: filter.query ? likePattern(filter.query) : null,
    phrase: filter.query ? trigramPhrase(filter.query) : null,
    after_key: after?.sortKey ?? null,
    after_id: after?.id ?? '',
    floor_key: null,
    floor_id: '',
    offset: SEARCH_WINDOW - 1,
    limit: filter.limit + 1,
  };
}
