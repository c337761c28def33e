-- 001: users and sessions, customers, vehicles with stage history, orders with vehicle links,
-- the append-only audit trail and the sync outbox.

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  roles         TEXT NOT NULL,            -- JSON array of Role
  password_hash TEXT NOT NULL,            -- scrypt$N$r$p$salt$hash
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,            -- sha256 of the bearer token; the token itself is never stored
  user_id    TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE customers (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  company           TEXT,
  email             TEXT,
  phone             TEXT,
  address           TEXT,
  preferred_channel TEXT,
  notes             TEXT,
  search_text       TEXT NOT NULL,
  version           INTEGER NOT NULL,
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  updated_by        TEXT NOT NULL,
  deleted           INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX customers_by_name ON customers(name COLLATE NOCASE, id);

CREATE TABLE vehicles (
  id             TEXT PRIMARY KEY,
  vin            TEXT NOT NULL UNIQUE,
  make           TEXT NOT NULL,
  model          TEXT NOT NULL,
  year           INTEGER NOT NULL,
  colour         TEXT,
  origin_country TEXT,
  origin_port    TEXT,
  purchase_price INTEGER,
  currency       TEXT,
  stage          TEXT NOT NULL,
  stage_at       TEXT,
  eta_delivery   TEXT,
  on_hold        INTEGER NOT NULL DEFAULT 0,
  hold_reason    TEXT,
  search_text    TEXT NOT NULL,
  version        INTEGER NOT NULL,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  updated_by     TEXT NOT NULL,
  deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX vehicles_by_created ON vehicles(created_at DESC, id DESC);
CREATE INDEX vehicles_by_stage ON vehicles(stage, created_at DESC, id DESC);

CREATE TABLE vehicle_stage_events (
  id          TEXT PRIMARY KEY,
  vehicle_id  TEXT NOT NULL REFERENCES vehicles(id),
  stage       TEXT NOT NULL,
  at          TEXT NOT NULL,
  note        TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX stage_events_by_vehicle ON vehicle_stage_events(vehicle_id, at);

CREATE TABLE orders (
  id                        TEXT PRIMARY KEY,
  order_number              TEXT NOT NULL UNIQUE,
  customer_id               TEXT REFERENCES customers(id),
  status                    TEXT NOT NULL,
  total_vehicles            INTEGER NOT NULL,
  completed_vehicles        INTEGER NOT NULL,
  order_value               INTEGER NOT NULL,
  currency                  TEXT NOT NULL,
  progress                  REAL NOT NULL,
  order_date                TEXT NOT NULL,
  target_completion_date    TEXT,
  estimated_completion_date TEXT,
  actual_completion_date    TEXT,
  notes                     TEXT,
  cancel_reason             TEXT,
  search_text               TEXT NOT NULL,
  version                   INTEGER NOT NULL,
  created_at                TEXT NOT NULL,
  created_by                TEXT NOT NULL,
  updated_at                TEXT NOT NULL,
  updated_by                TEXT NOT NULL,
  deleted                   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX orders_by_date ON orders(order_date DESC, id DESC);
CREATE INDEX orders_by_status_date ON orders(status, order_date DESC, id DESC);
CREATE INDEX orders_by_customer_date ON orders(customer_id, order_date DESC, id DESC);

CREATE TABLE order_vehicles (
  order_id       TEXT NOT NULL REFERENCES orders(id),
  vehicle_id     TEXT NOT NULL REFERENCES vehicles(id),
  status         TEXT NOT NULL,           -- Added | Active | Removed
  price          INTEGER NOT NULL,
  added_date     TEXT NOT NULL,
  notes          TEXT,
  removed_reason TEXT,
  removed_date   TEXT,
  version        INTEGER NOT NULL,
  updated_at     TEXT NOT NULL,
  updated_by     TEXT NOT NULL,
  PRIMARY KEY (order_id, vehicle_id)
) STRICT;
CREATE INDEX order_vehicles_by_vehicle ON order_vehicles(vehicle_id, status);

CREATE TABLE audit_entries (
  id          TEXT PRIMARY KEY,
  at          TEXT NOT NULL,
  actor_id    TEXT,
  actor_name  TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  order_id    TEXT,
  action      TEXT NOT NULL,
  changes     TEXT NOT NULL,              -- JSON [{field, before, after}]
  reason      TEXT,
  origin      TEXT NOT NULL               -- local | sync | system
) STRICT;
CREATE INDEX audit_by_order ON audit_entries(order_id, at, id) WHERE order_id IS NOT NULL;
CREATE INDEX audit_by_entity ON audit_entries(entity_type, entity_id, at);

-- Append-only guard: an audit trail that can be edited is not an audit trail.
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

CREATE TABLE outbox (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT NOT NULL UNIQUE,   -- change-set id, used as the DynamoDB ClientRequestToken
  created_at      TEXT NOT NULL,
  actor_id        TEXT,
  operation       TEXT NOT NULL,
  items           TEXT NOT NULL,          -- JSON OutboxItem[]
  state           TEXT NOT NULL DEFAULT 'pending', -- pending | parked | done
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  next_attempt_at TEXT
) STRICT;
CREATE INDEX outbox_by_state ON outbox(state, seq);

CREATE TABLE order_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
