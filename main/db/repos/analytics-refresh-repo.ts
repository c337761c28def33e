// Folds the orders the triggers marked dirty into stage spans, analytics facts, per-order cells and their sums.
import { BOOKED_STATUSES, UNDER_WAY_STATUSES } from '../../../core/domain/analytics';
import { OPEN_STATUSES } from '../../../core/domain/order-rules';
import type { Db } from '../database';
import { statusInSql } from './open-orders-sql';

/*
 * Every statement works on a batch of dirty orders at once (analytics_batch), so one order after
 * an edit and thousands after a bulk load or an upgrade take the same path. `FROM analytics_batch b
 * CROSS JOIN ...` makes SQLite start from the batch (CROSS JOIN fixes the loop order) instead of
 * scanning an index of every order. Needs the functions of main/db/analytics-functions.ts.
 */

/** Non-removed vehicles of the batch's orders. */
const BATCH_VEHICLES = `SELECT DISTINCT ov.vehicle_id FROM analytics_batch b CROSS JOIN order_vehicles ov ON ov.order_id = b.order_id WHERE ov.status != 'Removed'`;

/** Adds (sign 1) or takes away (sign -1) the batch's cells from the sums, per filter value. */
const applyCells = (sign: 1 | -1) => `
  INSERT INTO analytics_cells (dim, val, measure, k1, k2, n, amount)
  SELECT d.dim, d.val, c.measure, c.k1, c.k2, ${sign} * sum(c.n), ${sign} * sum(c.amount)
  FROM analytics_batch b
  CROSS JOIN analytics_order_dims d ON d.order_id = b.order_id
  CROSS JOIN analytics_order_cells c ON c.order_id = b.order_id
  WHERE d.dim != 'origin' OR c.measure NOT IN ('pipeline', 'span') OR c.origin = d.val
  GROUP BY d.dim, d.val, c.measure, c.k1, c.k2
  ON CONFLICT (dim, val, measure, k1, k2) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount`;

/** A span's length in tenths of a day from two ISO instants (exact: milliseconds as integers). */
const TENTHS = `max(0, CAST(round((unixepoch(next_at, 'subsec') - unixepoch(at, 'subsec')) * 1000) AS INTEGER) / 8640000)`;

const SPANS = [
  `DELETE FROM stage_spans WHERE vehicle_id IN (${BATCH_VEHICLES})`,
  `INSERT INTO stage_spans (event_id, vehicle_id, stage, entered_at, left_at, tenths)
   SELECT id, vehicle_id, stage, at, next_at, CASE WHEN next_at IS NULL THEN NULL ELSE ${TENTHS} END
   FROM (SELECT e.id, e.vehicle_id, e.stage, e.at,
                LEAD(e.at) OVER (PARTITION BY e.vehicle_id ORDER BY e.at, e.recorded_at, e.id) AS next_at
         FROM (${BATCH_VEHICLES}) v CROSS JOIN vehicle_stage_events e ON e.vehicle_id = v.vehicle_id
         WHERE e.retracted_at IS NULL)`,
];

const FACTS = `
  INSERT INTO analytics_orders (order_id, status, order_date, day, assignee_id, customer_id, customer_type, currency,
                                balance_due, last_contact_at, last_touch)
  SELECT o.id, o.status, o.order_date, office_day(o.order_date), o.assignee_id, o.customer_id, c.type, o.currency,
         o.balance_due, lc.last_at, coalesce(lc.last_at, o.order_date)
  FROM analytics_batch b
  CROSS JOIN orders o ON o.id = b.order_id
  LEFT JOIN customers c ON c.id = o.customer_id
  LEFT JOIN (SELECT order_id, max(created_at) AS last_at FROM communications
             WHERE channel != 'note' AND order_id IN (SELECT order_id FROM analytics_batch) GROUP BY order_id) lc ON lc.order_id = o.id
  WHERE o.deleted = 0`;

/** The batch's orders that still exist (analytics_orders rows), as `f`. */
const FOLDED = `analytics_batch b CROSS JOIN analytics_orders f ON f.order_id = b.order_id`;

/** One row per filter value an order answers to. */
const DIMS = [
  `INSERT INTO analytics_order_dims (order_id, dim, val)
   SELECT f.order_id, 'all', '' FROM ${FOLDED}
   UNION ALL SELECT f.order_id, 'day', f.day FROM ${FOLDED}
   UNION ALL SELECT f.order_id, 'month', substr(f.day, 1, 7) FROM ${FOLDED}
   UNION ALL SELECT f.order_id, 'assignee', f.assignee_id FROM ${FOLDED} WHERE f.assignee_id IS NOT NULL
   UNION ALL SELECT f.order_id, 'assignee_month', f.assignee_id || '|' || substr(f.day, 1, 7) FROM ${FOLDED} WHERE f.assignee_id IS NOT NULL
   UNION ALL SELECT f.order_id, 'customer', f.customer_id FROM ${FOLDED} WHERE f.customer_id IS NOT NULL
   UNION ALL SELECT f.order_id, 'customer_type', f.customer_type FROM ${FOLDED} WHERE f.customer_type IS NOT NULL
   UNION ALL SELECT f.order_id, 'currency', f.currency FROM ${FOLDED}`,
  `INSERT OR IGNORE INTO analytics_order_dims (order_id, dim, val)
   SELECT f.order_id, 'segment', s.segment_key FROM ${FOLDED}
   CROSS JOIN customer_segments s ON s.customer_id = f.customer_id`,
  `INSERT OR IGNORE INTO analytics_order_dims (order_id, dim, val)
   SELECT f.order_id, 'origin', origin_key(v.origin_country) FROM ${FOLDED}
   CROSS JOIN order_vehicles ov ON ov.order_id = f.order_id
   CROSS JOIN vehicles v ON v.id = ov.vehicle_id
   WHERE ov.status != 'Removed' AND origin_key(v.origin_country) IS NOT NULL`,
];

/** What each order of the batch adds to each figure (see core/domain/analytics.ts for their meaning). */
const CELLS = [
  // Orders by status, created per week.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT f.order_id, 'status', f.status, '', '', 1, 0 FROM ${FOLDED}
   UNION ALL SELECT f.order_id, 'created', office_week(f.day), '', '', 1, 0 FROM ${FOLDED}`,
  // Completed per week, and on time against the target.
  `WITH done AS (SELECT o.id, office_day(o.actual_completion_date) AS done_day, o.target_completion_date AS target
                 FROM ${FOLDED} CROSS JOIN orders o ON o.id = f.order_id
                 WHERE f.status = 'Completed')
   INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT id, 'completed', office_week(done_day), '', '', 1, 0 FROM done WHERE done_day IS NOT NULL
   UNION ALL SELECT id, 'ontime', 'completed', '', '', 1, 0 FROM done
   UNION ALL SELECT id, 'ontime', 'with_target', '', '', 1, 0 FROM done WHERE target IS NOT NULL
   UNION ALL SELECT id, 'ontime', 'on_time', '', '', 1, 0 FROM done
     WHERE target IS NOT NULL AND done_day IS NOT NULL AND done_day <= target`,
  // Value booked per month and currency.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT o.id, 'booked', substr(f.day, 1, 7), o.currency, '', 1, o.order_value
   FROM ${FOLDED} CROSS JOIN orders o ON o.id = f.order_id
   WHERE ${statusInSql('f.status', BOOKED_STATUSES)}`,
  // Money received and refunded per month and currency.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT p.order_id, CASE WHEN p.kind = 'refund' THEN 'refunded' ELSE 'collected' END, substr(office_day(p.paid_at), 1, 7),
          p.currency, '', count(*), sum(p.amount)
   FROM ${FOLDED} CROSS JOIN payments p ON p.order_id = f.order_id
   GROUP BY 1, 2, 3, 4`,
  // Balances due per currency and order day (the dashboard ages them against today).
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT f.order_id, 'owing', f.currency, f.day, '', 1, f.balance_due FROM ${FOLDED}
   WHERE f.balance_due > 0 AND ${statusInSql('f.status', BOOKED_STATUSES)}`,
  // Open orders per assignee, with their vehicles still in process.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT f.order_id, 'workload', f.assignee_id, '', '', 1,
          (SELECT count(*) FROM order_vehicles ov CROSS JOIN vehicles v ON v.id = ov.vehicle_id
           WHERE ov.order_id = f.order_id AND ov.status != 'Removed' AND v.stage != 'delivered')
   FROM ${FOLDED}
   WHERE ${statusInSql('f.status', OPEN_STATUSES)} AND f.assignee_id IS NOT NULL`,
  // Vehicles of Confirmed and In Progress orders by current stage.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT f.order_id, 'pipeline', v.stage, '', coalesce(origin_key(v.origin_country), ''), count(*), 0
   FROM ${FOLDED}
   CROSS JOIN order_vehicles ov ON ov.order_id = f.order_id
   CROSS JOIN vehicles v ON v.id = ov.vehicle_id
   WHERE ov.status != 'Removed' AND ${statusInSql('f.status', UNDER_WAY_STATUSES)}
   GROUP BY 1, 2, 3, 4, 5`,
  // Closed stage spans of the vehicles of orders that were not cancelled, by stage and whole days.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT f.order_id, 'span', s.stage, CAST(s.tenths / 10 AS TEXT), coalesce(origin_key(v.origin_country), ''), count(*), 0
   FROM ${FOLDED}
   CROSS JOIN (SELECT DISTINCT order_id, vehicle_id FROM order_vehicles
               WHERE order_id IN (SELECT order_id FROM analytics_batch) AND status != 'Removed') ov ON ov.order_id = f.order_id
   CROSS JOIN vehicles v ON v.id = ov.vehicle_id
   CROSS JOIN stage_spans s ON s.vehicle_id = ov.vehicle_id
   WHERE f.status != 'Cancelled' AND s.tenths IS NOT NULL AND s.stage != 'delivered'
   GROUP BY 1, 2, 3, 4, 5`,
];

/** The fold's statements for one batch, in the order they run. */
export function foldStatements(): string[] {
  return [
    applyCells(-1),
    `DELETE FROM analytics_order_cells WHERE order_id IN (SELECT order_id FROM analytics_batch)`,
    `DELETE FROM analytics_order_dims WHERE order_id IN (SELECT order_id FROM analytics_batch)`,
    `DELETE FROM analytics_orders WHERE order_id IN (SELECT order_id FROM analytics_batch)`,
    ...SPANS,
    FACTS,
    ...DIMS,
    ...CELLS,
    applyCells(1),
    'DELETE FROM analytics_cells WHERE n = 0 AND amount = 0',
    'DELETE FROM analytics_dirty WHERE order_id IN (SELECT order_id FROM analytics_batch)',
    'DELETE FROM analytics_batch',
  ];
}

export class AnalyticsRefreshRepo {
  private readonly countDirty;
  private readonly takeBatch;
  private readonly steps: { run(): unknown }[];

  constructor(db: Db) {
    this.countDirty = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM analytics_dirty');
    this.takeBatch = db.prepare<[number]>('INSERT INTO analytics_batch (order_id) SELECT order_id FROM analytics_dirty LIMIT ?');
    this.steps = foldStatements().map((sql) => db.prepare(sql));
  }

  /** How many orders wait to be folded in. */
  pending(): number {
    return this.countDirty.get()?.n ?? 0;
  }

  /** Folds up to `limit` dirty orders in; run inside a write transaction. Returns how many it folded. */
  foldBatch(limit: number): number {
    const taken = this.takeBatch.run(limit).changes;
    if (taken === 0) return 0;
    for (const step of this.steps) step.run();
    return taken;
  }
}
