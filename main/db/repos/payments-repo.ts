// SQL for payments (migration 012): append-only rows, the order's derived payment totals, and the payment schedule setting.
import type { Currency } from '../../../core/domain/money';
import type { OrderStatus } from '../../../core/domain/order';
import {
  computePaymentTotals,
  DEFAULT_PAYMENT_SCHEDULE,
  type Payment,
  type PaymentKind,
  type PaymentMethod,
  paymentScheduleInput,
  type PaymentScheduleSettings,
  type PaymentTotals,
} from '../../../core/domain/payment';
import type { PaymentStatus } from '../../../core/domain/payment-status';
import type { Db } from '../database';

interface PaymentRow {
  id: string;
  order_id: string;
  kind: string;
  amount: number;
  currency: string;
  method: string;
  reference: string | null;
  paid_at: string;
  recorded_at: string;
  recorded_by: string;
}

const PAYMENT_COLUMNS = 'id, order_id, kind, amount, currency, method, reference, paid_at, recorded_at, recorded_by';

/** The settings key the payment schedule is kept under (JSON {depositPercent}). */
export const PAYMENT_SCHEDULE_KEY = 'payments.schedule';

function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    orderId: r.order_id,
    kind: r.kind as PaymentKind,
    amount: r.amount,
    currency: r.currency as Currency,
    method: r.method as PaymentMethod,
    reference: r.reference,
    paidAt: r.paid_at,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  };
}

export function fromPayment(p: Payment): PaymentRow {
  return {
    id: p.id,
    order_id: p.orderId,
    kind: p.kind,
    amount: p.amount,
    currency: p.currency,
    method: p.method,
    reference: p.reference,
    paid_at: p.paidAt,
    recorded_at: p.recordedAt,
    recorded_by: p.recordedBy,
  };
}

/** The order's stored payment totals (derived columns of `orders`). */
export interface StoredPaymentTotals extends PaymentTotals {
  orderId: string;
}

export class PaymentsRepo {
  private readonly insertStmt;
  private readonly byOrderStmt;
  private readonly sumsStmt;
  private readonly orderStmt;
  private readonly writeTotalsStmt;
  private readonly storedTotalsStmt;
  private readonly settingStmt;
  private readonly putSettingStmt;

  constructor(db: Db) {
    const params = PAYMENT_COLUMNS.split(', ')
      .map((c) => `@${c}`)
      .join(', ');
    this.insertStmt = db.prepare<PaymentRow>(`INSERT INTO payments (${PAYMENT_COLUMNS}) VALUES (${params})`);
    this.byOrderStmt = db.prepare<[string], PaymentRow>(
      `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = ? ORDER BY paid_at DESC, id DESC`,
    );
    this.sumsStmt = db.prepare<[string], { kind: string; amount: number }>(
      `SELECT kind, sum(amount) AS amount FROM payments WHERE order_id = ? GROUP BY kind`,
    );
    this.orderStmt = db.prepare<[string], { status: string; order_value: number }>(`SELECT status, order_value FROM orders WHERE id = ?`);
    this.writeTotalsStmt = db.prepare<{
      id: string;
      paid_amount: number;
      refunded_amount: number;
      balance_due: number;
      payment_status: string;
    }>(
      `UPDATE orders SET paid_amount=@paid_amount, refunded_amount=@refunded_amount, balance_due=@balance_due, payment_status=@payment_status
       WHERE id=@id AND (paid_amount IS NOT @paid_amount OR refunded_amount IS NOT @refunded_amount OR balance_due IS NOT @balance_due
         OR payment_status IS NOT @payment_status)`,
    );
    this.storedTotalsStmt = db.prepare<
      [string],
      { paid_amount: number; refunded_amount: number; balance_due: number; payment_status: string }
    >(`SELECT paid_amount, refunded_amount, balance_due, payment_status FROM orders WHERE id = ?`);
    this.settingStmt = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
    this.putSettingStmt = db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
  }

  insert(payment: Payment): void {
    this.insertStmt.run(fromPayment(payment));
  }

  /** The order's payments, newest first (by when the money moved). */
  listForOrder(orderId: string): Payment[] {
    return this.byOrderStmt.all(orderId).map(toPayment);
  }

  /** The order's totals computed from its payment rows now (not the stored columns). */
  totalsFor(orderId: string): PaymentTotals | null {
    const order = this.orderStmt.get(orderId);
    if (!order) return null;
    const sums = this.sumsStmt.all(orderId).map((r) => ({ kind: r.kind as PaymentKind, amount: r.amount }));
    return computePaymentTotals({ status: order.status as OrderStatus, orderValue: order.order_value }, sums);
  }

  /**
   * Rewrites the order's derived payment columns from its payments, value and status: called in
   * the transaction of every payment and every change of the order's value or status (and after
   * pull and merge). Writes nothing when they already agree; returns whether they moved.
   */
  refreshOrderTotals(orderId: string): boolean {
    const totals = this.totalsFor(orderId);
    if (!totals) return false;
    const written = this.writeTotalsStmt.run({
      id: orderId,
      paid_amount: totals.paid,
      refunded_amount: totals.refunded,
      balance_due: totals.balanceDue,
      payment_status: totals.paymentStatus,
    });
    return written.changes > 0;
  }

  /** The derived columns as stored (for checks that they match `totalsFor`). */
  storedTotals(orderId: string): StoredPaymentTotals | null {
    const r = this.storedTotalsStmt.get(orderId);
    if (!r) return null;
    return {
      orderId,
      paid: r.paid_amount,
      refunded: r.refunded_amount,
      balanceDue: r.balance_due,
      paymentStatus: r.payment_status as PaymentStatus,
    };
  }

  /** The office's payment schedule; the default (10% deposit) until an Admin sets one. */
  schedule(): PaymentScheduleSettings {
    const text = this.settingStmt.get(PAYMENT_SCHEDULE_KEY)?.value;
    if (text === undefined) return DEFAULT_PAYMENT_SCHEDULE;
    try {
      const parsed = paymentScheduleInput.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : DEFAULT_PAYMENT_SCHEDULE;
    } catch {
      return DEFAULT_PAYMENT_SCHEDULE;
    }
  }

  saveSchedule(settings: PaymentScheduleSettings): void {
    this.putSettingStmt.run(PAYMENT_SCHEDULE_KEY, JSON.stringify(settings));
  }
}
