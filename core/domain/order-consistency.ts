// Whether an order's stored derived fields still follow from its vehicle links, by the one rule that derives them.
import type { CancelSnapshot, OrderStatus } from './order';
import { computeOrderDerived, currentLinks, type RuleLink } from './order-rules';
import { computePaymentTotals, type PaymentKind, type PaymentTotals } from './payment';

export const CHECKED_DERIVED_FIELDS = ['totalVehicles', 'completedVehicles', 'orderValue', 'progress'] as const;
/** Payment totals derived from the order's payments (core/domain/payment.ts). */
export const CHECKED_PAYMENT_FIELDS = ['paid', 'refunded', 'balanceDue'] as const;
/** `cancelSnapshot`: how many current vehicles a Cancelled order's snapshot knows (expected: all of them). */
export type CheckedDerivedField = (typeof CHECKED_DERIVED_FIELDS)[number] | (typeof CHECKED_PAYMENT_FIELDS)[number] | 'cancelSnapshot';

/**
 * A Cancelled order cancelled before snapshots were kept: its vehicles moved on in other orders,
 * so only what cannot move is compared, the lines and value.
 */
const CANCELLED_FIELDS: readonly CheckedDerivedField[] = ['totalVehicles', 'orderValue'];

/** One order whose stored derived field differs from what its vehicle links give. */
export interface OrderMismatch {
  orderId: string;
  orderNumber: string;
  field: CheckedDerivedField;
  stored: number;
  expected: number;
}

export type StoredDerived = { id: string; orderNumber: string; status: OrderStatus; cancelSnapshot?: CancelSnapshot | null } & Record<
  (typeof CHECKED_DERIVED_FIELDS)[number],
  number
>;

/** Progress is stored as a REAL rounded to four places: equal within float noise is equal. */
const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

/**
 * The stored derived fields that differ from what the links give. A Cancelled order is derived
 * from its vehicles as they were at cancellation (its snapshot), and the snapshot itself must
 * know every vehicle still on the order.
 */
export function derivedFieldMismatches(order: StoredDerived, links: readonly RuleLink[]): OrderMismatch[] {
  const mismatch = (field: CheckedDerivedField, stored: number, expected: number): OrderMismatch => ({
    orderId: order.id,
    orderNumber: order.orderNumber,
    field,
    stored,
    expected,
  });
  const kept = order.status === 'Cancelled' ? (order.cancelSnapshot ?? null) : null;
  const snapshot = kept?.approximate ? null : kept;
  if (order.status === 'Cancelled' && !snapshot) {
    const expected = computeOrderDerived(links, null);
    return CANCELLED_FIELDS.flatMap((f) => {
      const field = f as (typeof CHECKED_DERIVED_FIELDS)[number];
      return same(order[field], expected[field]) ? [] : [mismatch(field, order[field], expected[field])];
    });
  }
  const found: OrderMismatch[] = [];
  let derivedFrom = links;
  if (snapshot) {
    const current = currentLinks(links);
    const known = current.filter((l) => snapshot.stages[l.vehicleId] !== undefined).length;
    if (known !== current.length) found.push(mismatch('cancelSnapshot', known, current.length));
    derivedFrom = links.map((l) => ({ ...l, stage: snapshot.stages[l.vehicleId] ?? l.stage }));
  }
  const expected = computeOrderDerived(derivedFrom, null);
  for (const field of CHECKED_DERIVED_FIELDS) {
    if (!same(order[field], expected[field])) found.push(mismatch(field, order[field], expected[field]));
  }
  return found;
}

/** The stored payment totals that differ from what the order's payments give (the same rule the app writes them with). */
export function paymentTotalsMismatches(
  order: { id: string; orderNumber: string; status: OrderStatus; orderValue: number },
  stored: Pick<PaymentTotals, (typeof CHECKED_PAYMENT_FIELDS)[number]>,
  sums: readonly { kind: PaymentKind; amount: number }[],
): OrderMismatch[] {
  const expected = computePaymentTotals(order, sums);
  return CHECKED_PAYMENT_FIELDS.flatMap((field) =>
    stored[field] === expected[field]
      ? []
      : [{ orderId: order.id, orderNumber: order.orderNumber, field, stored: stored[field], expected: expected[field] }],
  );
}
