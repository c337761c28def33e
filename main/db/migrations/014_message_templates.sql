-- 014: message templates with {{placeholders}} (core/domain/templates.ts), synced as TEMPLATE#<id> / DETAILS.
-- The four defaults are seeded here with fixed ids, so every device holds the same records before
-- any sync: an Admin's first edit of one goes to the table as its first item (see templates-service).
-- Defaults are edited, never deleted; custom templates are soft-deleted (deleted = 1) like other records.
CREATE TABLE message_templates (
  id         TEXT PRIMARY KEY,
  key        TEXT NOT NULL,              -- status_update | vehicle_arrived | payment_reminder | order_completed | a custom key
  name       TEXT NOT NULL,
  channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp', 'letter', 'any')),
  subject    TEXT,                       -- NULL for channels without one
  body       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX message_templates_by_key ON message_templates(key) WHERE deleted = 0;

INSERT INTO message_templates (id, key, name, channel, subject, body, version, created_at, created_by, updated_at, updated_by) VALUES
('template-status-update', 'status_update', 'Status update', 'email',
 'Update on your order {{order.number}}',
 'Dear {{customer.name}},

Here is the latest on your order {{order.number}} ({{order.status}}, {{order.progress}} complete):

{{vehicles.stageTable}}

We currently expect to complete your order by {{order.eta}}. We will keep you informed at every step of the import; if you have any questions, simply reply to this message.

Kind regards,
{{csr.name}}',
 1, '2026-11-30T00:00:00.000Z', 'system', '2026-11-30T00:00:00.000Z', 'system'),
('template-vehicle-arrived', 'vehicle_arrived', 'Vehicle arrived', 'any',
 'Your vehicle has arrived (order {{order.number}})',
 'Dear {{customer.name}},

Good news: your vehicle has arrived and is now moving through customs clearance and compliance. Where each vehicle on order {{order.number}} stands today:

{{vehicles.stageTable}}

We will contact you to arrange delivery as soon as registration is complete, which we expect by {{order.eta}}.

Kind regards,
{{csr.name}}',
 1, '2026-11-30T00:00:00.000Z', 'system', '2026-11-30T00:00:00.000Z', 'system'),
('template-payment-reminder', 'payment_reminder', 'Payment reminder', 'email',
 'Payment reminder for order {{order.number}}',
 'Dear {{customer.name}},

This is a friendly reminder that a balance of {{order.balanceDue}} remains due on order {{order.number}} (order value {{order.value}}).

To keep your vehicles moving through clearance and delivery without delay, please arrange payment at your earliest convenience, quoting {{order.number}} as the reference. If you have already paid, thank you, and please disregard this message.

Kind regards,
{{csr.name}}',
 1, '2026-11-30T00:00:00.000Z', 'system', '2026-11-30T00:00:00.000Z', 'system'),
('template-order-completed', 'order_completed', 'Order completed', 'email',
 'Your order {{order.number}} is complete',
 'Dear {{customer.name}},

We are pleased to confirm that order {{order.number}} is complete: every vehicle has been delivered.

{{vehicles.stageTable}}

Thank you for choosing us to import your vehicles. It has been a pleasure working with you, and we look forward to helping with your next import.

Kind regards,
{{csr.name}}',
 1, '2026-11-30T00:00:00.000Z', 'system', '2026-11-30T00:00:00.000Z', 'system');
