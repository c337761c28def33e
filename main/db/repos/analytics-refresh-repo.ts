// Folds the orders the triggers marked dirty into analytics facts, per-order cells and their sums.
import type { Db } from '../database';

/*
 * Every statement works on the set of dirty orders at once, so one order after an edit and
 * 100,000 orders after a bulk load take the same path. Needs the functions of
 * main/db/analytics-functions.ts on the connection.
 */

const DIRTY = 'SELECT order_id FROM analytics_dirty';

/** Adds (sign 1) or takes away (sign -1) the dirty orders' cells from the sums, per filter value. */
const applyCells = (sign: 1 | -1) => `
  INSERT INTO analytics_cells (dim, val, measure, k1, k2, n, amount)
  SELECT d.dim, d.val, c.measure, c.k1, c.k2, ${sign} * sum(c.n), ${sign} * sum(c.amount)
  FROM analytics_order_dims d
  JOIN analytics_order_cells c ON c.order_id = d.order_id
  WHERE d.order_id IN (${DIRTY}) AND (d.dim != 'origin' OR c.origin = '' OR c.origin = d.val)
  GROUP BY d.dim, d.val, c.measure, c.k1, c.k2
  ON CONFLICT (dim, val, measure, k1, k2) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount`;

const FACTS = `
  INSERT INTO analytics_orders (order_id, status, order_date, day, assignee_id, customer_id, customer_type, currency,
                                balance_due, last_contact_at, last_touch)
  SELECT o.id, o.status, o.order_date, office_day(o.order_date), o.assignee_id, o.customer_id, c.type, o.currency,
         o.balance_due, lc.last_at, coalesce(lc.last_at, o.order_date)
  FROM orders o
  LEFT JOIN customers c ON c.id = o.customer_id
  LEFT JOIN (SELECT order_id, max(created_at) AS last_at FROM communications
             WHERE channel != 'note' AND order_id IN (${DIRTY}) GROUP BY order_id) lc ON lc.order_id = o.id
  WHERE o.id IN (${DIRTY}) AND o.deleted = 0`;

/** One row per filter value an order answers to. */
const DIM_STATEMENTS = [
  `INSERT INTO analytics_order_dims (order_id, dim, val)
   SELECT order_id, 'all', '' FROM analytics_orders WHERE order_id IN (${DIRTY})
   UNION ALL SELECT order_id, 'day', day FROM analytics_orders WHERE order_id IN (${DIRTY})
   UNION ALL SELECT order_id, 'assignee', assignee_id FROM analytics_orders WHERE order_id IN (${DIRTY}) AND assignee_id IS NOT NULL
   UNION ALL SELECT order_id, 'customer', customer_id FROM analytics_orders WHERE order_id IN (${DIRTY}) AND customer_id IS NOT NULL
   UNION ALL SELECT order_id, 'customer_type', customer_type FROM analytics_orders WHERE order_id IN (${DIRTY}) AND customer_type IS NOT NULL
   UNION ALL SELECT order_id, 'currency', currency FROM analytics_orders WHERE order_id IN (${DIRTY})`,
  `INSERT OR IGNORE INTO analytics_order_dims (order_id, dim, val)
   SELECT f.order_id, 'segment', s.segment_key FROM analytics_orders f
   JOIN customer_segments s ON s.customer_id = f.customer_id
   WHERE f.order_id IN (${DIRTY})`,
  `INSERT OR IGNORE INTO analytics_order_dims (order_id, dim, val)
   SELECT ov.order_id, 'origin', origin_key(v.origin_country) FROM order_vehicles ov
   JOIN vehicles v ON v.id = ov.vehicle_id
   WHERE ov.order_id IN (SELECT order_id FROM analytics_orders WHERE order_id IN (${DIRTY}))
     AND ov.status != 'Removed' AND origin_key(v.origin_country) IS NOT NULL`,
];

/** What each dirty order adds to each figure (see core/domain/analytics.ts for their meaning). */
const CELL_STATEMENTS = [
  // Orders by status, created per week.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT order_id, 'status', status, '', '', 1, 0 FROM analytics_orders WHERE order_id IN (${DIRTY})
   UNION ALL SELECT order_id, 'created', office_week(day), '', '', 1, 0 FROM analytics_orders WHERE order_id IN (${DIRTY})`,
  // Completed per week, and on time against the target.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT o.id, 'completed', office_week(office_day(o.actual_completion_date)), '', '', 1, 0 FROM orders o
   WHERE o.id IN (SELECT order_id FROM analytics_orders WHERE order_id IN (${DIRTY})) AND o.status = 'Completed' AND o.actual_completion_date IS NOT NULL
   UNION ALL SELECT o.id, 'ontime', 'completed', '', '', 1, 0 FROM orders o
   WHERE o.id IN (SELECT order_id FROM analytics_orders WHERE order_id IN (${DIRTY})) AND o.status = 'Completed'
   UNION ALL SELECT o.id, 'ontime', 'with_target', '', '', 1, 0 FROM orders o
   WHERE o.id IN (SELECT order_id FROM analytics_orders WHERE order_id IN (${DIRTY})) AND o.status = 'Completed' AND o.target_completion_date IS NOT NULL
   UNION ALL SELECT o.id, 'ontime', 'on_time', '', '', 1, 0 FROM orders o
   WHERE o.id IN (SELECT order_id FROM analytics_orders WHERE order_id IN (${DIRTY})) AND o.status = 'Completed'
     AND o.target_completion_date IS NOT NULL AND o.actual_completion_date IS NOT NULL
     AND office_day(o.actual_completion_date) <= o.target_completion_date`,
  // Value booked per month and currency.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT o.id, 'booked', substr(f.day, 1, 7), o.currency, '', 1, o.order_value FROM orders o
   JOIN analytics_orders f ON f.order_id = o.id
   WHERE o.id IN (${DIRTY}) AND o.status IN ('Confirmed', 'In Progress', 'Completed')`,
  // Money received and refunded per month and currency.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT p.order_id, CASE WHEN p.kind = 'refund' THEN 'refunded' ELSE 'collected' END, substr(office_day(p.paid_at), 1, 7),
          p.currency, '', count(*), sum(p.amount)
   FROM payments p
   WHERE p.order_id IN (SELECT order_id FROM analytics_orders WHERE order_id IN (${DIRTY}))
   GROUP BY 1, 2, 3, 4`,
  // Open orders per assignee, with their vehicles still in process.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT f.order_id, 'workload', f.assignee_id, '', '', 1,
          (SELECT count(*) FROM order_vehicles ov JOIN vehicles v ON v.id = ov.vehicle_id
           WHERE ov.order_id = f.order_id AND ov.status != 'Removed' AND v.stage != 'delivered')
   FROM analytics_orders f
   WHERE f.order_id IN (${DIRTY}) AND f.status IN ('Draft', 'Confirmed', 'In Progress') AND f.assignee_id IS NOT NULL`,
  // Vehicles of Confirmed and In Progress orders by current stage.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT ov.order_id, 'pipeline', v.stage, '', coalesce(origin_key(v.origin_country), ''), count(*), 0
   FROM order_vehicles ov
   JOIN analytics_orders f ON f.order_id = ov.order_id
   JOIN vehicles v ON v.id = ov.vehicle_id
   WHERE ov.order_id IN (${DIRTY}) AND ov.status != 'Removed' AND f.status IN ('Confirmed', 'In Progress')
   GROUP BY 1, 2, 3, 4, 5`,
  // Closed stage spans of the vehicles of orders that were not cancelled, by stage and length.
  `INSERT INTO analytics_order_cells (order_id, measure, k1, k2, origin, n, amount)
   SELECT ov.order_id, 'span', s.stage, CAST(s.tenths AS TEXT), coalesce(origin_key(v.origin_country), ''), count(*), 0
   FROM (SELECT DISTINCT order_id, vehicle_id FROM order_vehicles WHERE order_id IN (${DIRTY}) AND status != 'Removed') ov
   JOIN analytics_orders f ON f.order_id = ov.order_id
   JOIN vehicles v ON v.id = ov.vehicle_id
   JOIN stage_spans s ON s.vehicle_id = ov.vehicle_id
   WHERE f.status != 'Cancelled' AND s.tenths IS NOT NULL AND s.stage != 'delivered'
   GROUP BY 1, 2, 3, 4, 5`,
];

export class AnalyticsRefreshRepo {
  private readonly countDirty;
  private readonly steps: { run(): unknown }[];

  constructor(db: Db) {
    this.countDirty = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM analytics_dirty');
    const statements = [
      applyCells(-1),
      `DELETE FROM analytics_order_cells WHERE order_id IN (${DIRTY})`,
      `DELETE FROM analytics_order_dims WHERE order_id IN (${DIRTY})`,
      `DELETE FROM analytics_orders WHERE order_id IN (${DIRTY})`,
      FACTS,
      ...DIM_STATEMENTS,
      ...CELL_STATEMENTS,
      applyCells(1),
      'DELETE FROM analytics_cells WHERE n = 0 AND amount = 0',
      'DELETE FROM analytics_dirty',
    ];
    this.steps = statements.map((sql) => db.prepare(sql));
  }

  /** How many orders wait to be folded in. */
  pending(): number {
    return this.countDirty.get()?.n ?? 0;
  }

  /** Folds every dirty order in; run inside a write transaction. Returns how many there were. */
  refreshDirty(): number {
    const dirty = this.pending();
    if (dirty === 0) return 0;
    for (const step of this.steps) step.run();
    return dirty;
  }
}
