// The SQL mirror of the core rule "open order" (core/domain/order-rules.ts OPEN_STATUSES): the only place SQL names it.
import type { OrderStatus } from '../../../core/domain/order';
import { OPEN_STATUSES } from '../../../core/domain/order-rules';

/** `('Draft', 'Confirmed', 'In Progress')` from a core list of statuses, so SQL and core never drift. */
function statusList(statuses: readonly OrderStatus[]): string {
  return `(${statuses.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')})`;
}

const OPEN_STATUS_LIST = statusList(OPEN_STATUSES);

/** `column IN (...)` for a set of statuses core defines (e.g. the analytics' pipeline or booked orders). */
export function statusInSql(column: string, statuses: readonly OrderStatus[]): string {
  return `${column} IN ${statusList(statuses)}`;
}

/** The condition "the order aliased `alias` is open": an open status and not deleted. */
export function openOrderSql(alias: string): string {
  return `(${alias}.status IN ${OPEN_STATUS_LIST} AND ${alias}.deleted = 0)`;
}
