// Reads every order's stored derived fields beside its vehicle links and payments, in id-ordered batches, for the consistency check.
import type { CancelSnapshot, LinkStatus, OrderStatus } from '../../../core/domain/order';
import type { PaymentKind, PaymentTotals } from '../../../core/domain/payment';
import type { RuleLink } from '../../../core/domain/order-rules';
import type { ImportStage } from '../../../core/domain/stages';
import type { Db } from '../database';

/** An order's stored derived fields and the links they were derived from. */
export interface StoredOrderTotals {
  id: string;
  orderNumber: string;
  status: OrderStatus;
  totalVehicles: number;
  completedVehicles: number;
  orderValue: number;
  progress: number;
  /** Cancelled orders: the vehicles' stages at cancellation (null before they were kept). */
  cancelSnapshot: CancelSnapshot | null;
  links: RuleLink[];
  /** The stored payment totals (migration 012) and the sums per kind of its payments they derive from. */
  payments: Pick<PaymentTotals, 'paid' | 'refunded' | 'balanceDue'>;
  paymentSums: { kind: PaymentKind; amount: number }[];
}

interface OrderRow {
  id: string;
  order_number: string;
  status: string;
  total_vehicles: number;
  completed_vehicles: number;
  order_value: number;
  progress: number;
  cancel_snapshot: string | null;
  paid_amount: number;
  refunded_amount: number;
  balance_due: number;
}

interface LinkRow {
  order_id: string;
  vehicle_id: string;
  vin: string;
  status: string;
  stage: string;
  price: number;
  eta_delivery: string | null;
}

export class OrderTotalsRepo {
  private readonly countStmt;
  private readonly ordersStmt;
  private readonly linksStmt;
  private readonly paymentsStmt;

  constructor(db: Db) {
    this.countStmt = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM orders WHERE deleted = 0`);
    this.ordersStmt = db.prepare<[string, number], OrderRow>(
      `SELECT id, order_number, status, total_vehicles, completed_vehicles, order_value, progress, cancel_snapshot,
         paid_amount, refunded_amount, balance_due
       FROM orders WHERE deleted = 0 AND id > ? ORDER BY id LIMIT ?`,
    );
    // The links of one batch by a range of the primary key (order_id, vehicle_id): no temp index, no IN list.
    this.linksStmt = db.prepare<[string, string], LinkRow>(
      `SELECT l.order_id, l.vehicle_id, v.vin, l.status, v.stage, l.price, v.eta_delivery
       FROM order_vehicles l JOIN vehicles v ON v.id = l.vehicle_id
       WHERE l.order_id >= ? AND l.order_id <= ?`,
    );
    this.paymentsStmt = db.prepare<[string, string], { order_id: string; kind: string; amount: number }>(
      `SELECT order_id, kind, sum(amount) AS amount FROM payments WHERE order_id >= ? AND order_id <= ? GROUP BY order_id, kind`,
    );
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  /** Every live order with its links, `size` orders at a time, so a big database never loads at once. */
  *batches(size = 500): Generator<StoredOrderTotals[]> {
    let after = '';
    for (;;) {
      const rows = this.ordersStmt.all(after, size);
      const first = rows[0];
      const last = rows[rows.length - 1];
      if (!first || !last) return;
      const orders = new Map<string, StoredOrderTotals>(
        rows.map((r) => [
          r.id,
          {
            id: r.id,
            orderNumber: r.order_number,
            status: r.status as OrderStatus,
            totalVehicles: r.total_vehicles,
            completedVehicles: r.completed_vehicles,
            orderValue: r.order_value,
            progress: r.progress,
            cancelSnapshot: parseSnapshot(r.cancel_snapshot),
            links: [],
            payments: { paid: r.paid_amount, refunded: r.refunded_amount, balanceDue: r.balance_due },
            paymentSums: [],
          },
        ]),
      );
      for (const l of this.linksStmt.all(first.id, last.id)) {
        orders.get(l.order_id)?.links.push({
          vehicleId: l.vehicle_id,
          vin: l.vin,
          status: l.status as LinkStatus,
          stage: l.stage as ImportStage,
          price: l.price,
          etaDelivery: l.eta_delivery,
        });
      }
      for (const p of this.paymentsStmt.all(first.id, last.id)) {
        orders.get(p.order_id)?.paymentSums.push({ kind: p.kind as PaymentKind, amount: p.amount });
      }
      yield [...orders.values()];
      after = last.id;
    }
  }
}

/** A snapshot that is not the JSON Portside wrote counts as none: the check then names what it cannot derive. */
function parseSnapshot(text: string | null): CancelSnapshot | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && typeof (value as { stages?: unknown }).stages === 'object'
      ? (value as CancelSnapshot)
      : { stages: {} };
  } catch {
    return { stages: {} };
  }
}
