// Whether an order's stored derived fields still follow from its vehicle links, by the one rule that derives them.
import type { OrderStatus } from './order';
import { computeOrderDerived, type RuleLink } from './order-rules';

export const CHECKED_DERIVED_FIELDS = ['totalVehicles', 'completedVehicles', 'orderValue', 'progress'] as const;
export type CheckedDerivedField = (typeof CHECKED_DERIVED_FIELDS)[number];

/**
 * A Cancelled order keeps its counts and progress as they were at cancellation while its
 * vehicles move on in other orders, so only what cannot move is compared: the lines and value.
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

export type StoredDerived = { id: string; orderNumber: string; status: OrderStatus } & Record<CheckedDerivedField, number>;

/** Progress is stored as a REAL rounded to four places: equal within float noise is equal. */
const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

export function derivedFieldMismatches(order: StoredDerived, links: readonly RuleLink[]): OrderMismatch[] {
  const expected = computeOrderDerived(links, null);
  const fields = order.status === 'Cancelled' ? CANCELLED_FIELDS : CHECKED_DERIVED_FIELDS;
  return fields
    .filter((field) => !same(order[field], expected[field]))
    .map((field) => ({ orderId: order.id, orderNumber: order.orderNumber, field, stored: order[field], expected: expected[field] }));
}
