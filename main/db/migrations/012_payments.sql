-- 012: payments on orders, and the order's payment totals derived from them.
-- A payment row is append-only (a mistake is corrected with a refund, as on a bank statement):
-- triggers refuse updates and deletes. It syncs as its own item ORDER#<orderId> / PAYMENT#<id>.
-- The order's paid_amount, refunded_amount, balance_due and payment_status are derived (core's
-- computePaymentTotals): the services rewrite them in the same transaction as any payment or any
-- change of the order's value or status, and pull / merge recompute them; they are never synced.
CREATE TABLE payments (
  id          TEXT PRIMARY KEY,
  order_id    TEXT NOT NULL REFERENCES orders(id),
  kind        TEXT NOT NULL CHECK (kind IN ('deposit', 'instalment', 'balance', 'refund')),
  amount      INTEGER NOT NULL CHECK (amount > 0),
  currency    TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('bank_transfer', 'card', 'cash', 'cheque', 'finance')),
  reference   TEXT,
  paid_at     TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
-- An order's payments, newest first (the payments panel and the totals).
CREATE INDEX payments_by_order ON payments(order_id, paid_at DESC, id DESC);

CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payments are append-only: record a refund instead of changing a payment');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payments are append-only: record a refund instead of deleting a payment');
END;

ALTER TABLE orders ADD COLUMN paid_amount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN refunded_amount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN balance_due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN payment_status TEXT NOT NULL DEFAULT 'Unpaid';

-- Backfill: no order has a payment yet, so each owes its whole value (a Cancelled one, nothing).
UPDATE orders SET balance_due = CASE WHEN status = 'Cancelled' THEN 0 ELSE order_value END;

-- The orders list filtered by payment status, newest first.
CREATE INDEX orders_live_by_payment_status_date ON orders(payment_status, order_date DESC, id DESC) WHERE deleted = 0;
