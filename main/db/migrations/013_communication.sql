-- 013: the order communication log (calls, notes, messages, e-mails). Content is written once and never
-- changed (a correction is a new entry referencing the old one); only the delivery fields advance,
-- each advance a new version, audited and synced. customer_id is the order's customer when the entry
-- was written, so the customer page lists their communication with one index lookup.
CREATE TABLE communications (
  id                TEXT PRIMARY KEY,
  order_id          TEXT NOT NULL REFERENCES orders(id),
  customer_id       TEXT,
  channel           TEXT NOT NULL CHECK (channel IN ('note', 'phone', 'email', 'sms', 'whatsapp', 'letter')),
  direction         TEXT CHECK (direction IN ('in', 'out')),
  subject           TEXT,
  body              TEXT NOT NULL,
  vehicle_ids       TEXT NOT NULL DEFAULT '[]',   -- JSON list of vehicle ids of the order
  template_key      TEXT,
  corrects_id       TEXT,
  to_address        TEXT,
  delivery_status   TEXT NOT NULL DEFAULT 'none' CHECK (delivery_status IN ('none', 'drafted', 'queued', 'sent', 'failed')),
  message_id        TEXT,
  attempts          INTEGER NOT NULL DEFAULT 0,
  last_error        TEXT,
  next_attempt_at   TEXT,
  sending_device_id TEXT,                         -- only this device sends it
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  version           INTEGER NOT NULL,
  updated_at        TEXT NOT NULL,
  updated_by        TEXT NOT NULL,
  CHECK ((channel = 'note') = (direction IS NULL))
) STRICT;
CREATE INDEX communications_by_order ON communications(order_id, created_at DESC, id DESC);
CREATE INDEX communications_by_customer ON communications(customer_id, created_at DESC, id DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX communications_by_corrected ON communications(corrects_id) WHERE corrects_id IS NOT NULL;
-- The delivery loop's question: what must this device send now?
CREATE INDEX communications_due ON communications(sending_device_id, next_attempt_at)
  WHERE delivery_status IN ('queued', 'failed');
