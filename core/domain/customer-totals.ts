// A customer's money per currency (lifetime value, outstanding balance): never summed across currencies.
import type { OrderSummary } from './order';

export interface CurrencyAmount {
  currency: string;
  amount: number;
}

/**
 * What is still owed on one order. Until payments are recorded against orders this is the value
 * of every non-cancelled order that is not completed; the payments part replaces the body with
 * its `balanceDue` (the one place the customer page and list read a balance from).
 */
export function orderBalanceDue(order: Pick<OrderSummary, 'status' | 'balanceDue'>): number {
  // A Cancelled order owes nothing; what it still holds is a refund to make, not a balance the customer owes.
  if (order.status === 'Cancelled') return 0;
  return order.balanceDue;
}

/** Adds `amount` under its currency, keeping the first-seen currency order. */
function addTo(totals: Map<string, number>, currency: string, amount: number): void {
  totals.set(currency, (totals.get(currency) ?? 0) + amount);
}

const listed = (totals: Map<string, number>): CurrencyAmount[] => [...totals].map(([currency, amount]) => ({ currency, amount }));

/** Completed + open orders' value per currency (cancelled orders count for nothing). */
export function lifetimeValue(orders: readonly Pick<OrderSummary, 'status' | 'orderValue' | 'currency'>[]): CurrencyAmount[] {
  const totals = new Map<string, number>();
  for (const o of orders) if (o.status !== 'Cancelled') addTo(totals, o.currency, o.orderValue);
  return listed(totals);
}

/** What is owed per currency; currencies owing nothing are left out. */
export function outstandingBalance(orders: readonly Pick<OrderSummary, 'status' | 'balanceDue' | 'currency'>[]): CurrencyAmount[] {
  const totals = new Map<string, number>();
  for (const o of orders) {
    const due = orderBalanceDue(o);
    if (due !== 0) addTo(totals, o.currency, due);
  }
  return listed(totals);
}
