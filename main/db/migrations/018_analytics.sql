-- 018: analytics kept up to date with the data. Triggers keep each vehicle's stage spans and mark the
-- orders whose figures changed; the analytics service folds those orders into per-order facts and
-- into counts per filter value (analytics_cells) that the dashboard sums instead of scanning history.

-- One row per non-retracted stage event of a vehicle on an order: how long it stayed at that stage
-- (rebuilt by the fold for the vehicles of the orders it folds).
CREATE TABLE stage_spans (
  event_id   TEXT PRIMARY KEY,
  vehicle_id TEXT NOT NULL,
  stage      TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  left_at    TEXT,              -- null while the vehicle is still at this stage
  tenths     INTEGER            -- whole tenths of a day, rounded down; null while open
) STRICT;
CREATE INDEX stage_spans_by_vehicle ON stage_spans(vehicle_id, entered_at);

-- Orders whose analytics must be recomputed (written by the triggers below, emptied by the service).
-- The triggers use ON CONFLICT DO NOTHING, not INSERT OR IGNORE: an outer statement's conflict
-- policy (a pulled row's INSERT OR ABORT) would override OR IGNORE inside a trigger.
CREATE TABLE analytics_dirty (order_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
-- The slice of dirty orders one fold transaction handles (empty between folds).
CREATE TABLE analytics_batch (order_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

-- A stage event (recorded, retracted or pulled, in any order) changes its vehicle's spans and the
-- figures of every order the vehicle is on: the fold rebuilds the spans of those orders' vehicles.
CREATE TRIGGER analytics_dirty_event_insert AFTER INSERT ON vehicle_stage_events BEGIN
  INSERT INTO analytics_dirty (order_id) SELECT order_id FROM order_vehicles WHERE vehicle_id = NEW.vehicle_id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_event_update AFTER UPDATE ON vehicle_stage_events BEGIN
  INSERT INTO analytics_dirty (order_id) SELECT order_id FROM order_vehicles WHERE vehicle_id = NEW.vehicle_id ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER analytics_dirty_order_insert AFTER INSERT ON orders BEGIN
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_order_update AFTER UPDATE ON orders BEGIN
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_link_insert AFTER INSERT ON order_vehicles BEGIN
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.order_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_link_update AFTER UPDATE ON order_vehicles BEGIN
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.order_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_vehicle_update AFTER UPDATE OF stage, origin_country, deleted ON vehicles BEGIN
  INSERT INTO analytics_dirty (order_id) SELECT order_id FROM order_vehicles WHERE vehicle_id = NEW.id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_payment_insert AFTER INSERT ON payments BEGIN
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.order_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_communication_insert AFTER INSERT ON communications BEGIN
  INSERT INTO analytics_dirty (order_id) VALUES (NEW.order_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_communication_update AFTER UPDATE OF order_id ON communications BEGIN
  INSERT INTO analytics_dirty (order_id) VALUES (OLD.order_id), (NEW.order_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_customer_update AFTER UPDATE OF type ON customers BEGIN
  INSERT INTO analytics_dirty (order_id) SELECT id FROM orders WHERE customer_id = NEW.id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_segment_insert AFTER INSERT ON customer_segments BEGIN
  INSERT INTO analytics_dirty (order_id) SELECT id FROM orders WHERE customer_id = NEW.customer_id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER analytics_dirty_segment_delete AFTER DELETE ON customer_segments BEGIN
  INSERT INTO analytics_dirty (order_id) SELECT id FROM orders WHERE customer_id = OLD.customer_id ON CONFLICT DO NOTHING;
END;

-- Per order: the columns every filter reads, and the last customer contact that quiet orders are measured from.
CREATE TABLE analytics_orders (
  order_id        TEXT PRIMARY KEY,
  status          TEXT NOT NULL,
  order_date      TEXT NOT NULL,
  day             TEXT NOT NULL,   -- office-local day of the order date
  assignee_id     TEXT,
  customer_id     TEXT,
  customer_type   TEXT,
  currency        TEXT NOT NULL,
  balance_due     INTEGER NOT NULL,
  last_contact_at TEXT,            -- last customer-facing communication
  last_touch      TEXT NOT NULL    -- last contact, or the order date without one
) STRICT, WITHOUT ROWID;
CREATE INDEX analytics_orders_by_day ON analytics_orders(day);
CREATE INDEX analytics_orders_by_assignee ON analytics_orders(assignee_id, day);
CREATE INDEX analytics_orders_by_customer ON analytics_orders(customer_id, day);
CREATE INDEX analytics_orders_by_type ON analytics_orders(customer_type, day);
CREATE INDEX analytics_orders_by_currency ON analytics_orders(currency, day);
CREATE INDEX analytics_orders_quiet ON analytics_orders(last_touch) WHERE status IN ('Confirmed', 'In Progress');

-- Per order: every filter value it answers to (dim 'all' with val '', day, month, assignee,
-- assignee_month ('<assignee id>|YYYY-MM', for a CSR over a date range), customer,
-- customer_type, currency, and one row per segment and per vehicle origin).
CREATE TABLE analytics_order_dims (
  order_id TEXT NOT NULL,
  dim      TEXT NOT NULL,
  val      TEXT NOT NULL,
  PRIMARY KEY (order_id, dim, val)
) STRICT, WITHOUT ROWID;
CREATE INDEX analytics_order_dims_by_value ON analytics_order_dims(dim, val, order_id);

-- Per order: what it adds to each figure. `origin` is the vehicle's origin key on vehicle figures
-- (pipeline, span; '' for a vehicle without one) so an origin filter counts only that origin's vehicles.
CREATE TABLE analytics_order_cells (
  order_id TEXT NOT NULL,
  measure  TEXT NOT NULL,
  k1       TEXT NOT NULL,
  k2       TEXT NOT NULL,
  origin   TEXT NOT NULL,          -- '' for order figures
  n        INTEGER NOT NULL,
  amount   INTEGER NOT NULL,
  PRIMARY KEY (order_id, measure, k1, k2, origin)
) STRICT, WITHOUT ROWID;

-- The sums of analytics_order_cells per filter value: what a dashboard with no filter, a date range
-- (whole months, then single days at its ends) or one other filter reads. Rows that fall to zero are deleted.
CREATE TABLE analytics_cells (
  dim     TEXT NOT NULL,
  val     TEXT NOT NULL,
  measure TEXT NOT NULL,
  k1      TEXT NOT NULL,
  k2      TEXT NOT NULL,
  n       INTEGER NOT NULL,
  amount  INTEGER NOT NULL,
  PRIMARY KEY (dim, val, measure, k1, k2)
) STRICT, WITHOUT ROWID;
CREATE INDEX analytics_cells_spent ON analytics_cells(dim) WHERE n = 0 AND amount = 0;

-- Every existing order to compute (the fold measures their vehicles' spans as it goes).
INSERT INTO analytics_dirty (order_id) SELECT id FROM orders;
