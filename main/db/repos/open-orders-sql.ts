// The SQL mirror of the core rule "open order" (core/domain/order-rules.ts OPEN_STATUSES): the only place SQL names it.
import { OPEN_STATUSES } from '../../../core/domain/order-rules';

/** `('Draft', 'Confirmed', 'In Progress')`, generated from the core list so the two never drift. */
const OPEN_STATUS_LIST = `(${OPEN_STATUSES.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')})`;

/** The condition "the order aliased `alias` is open": an open status and not deleted. */
export function openOrderSql(alias: string): string {
  return `(${alias}.status IN ${OPEN_STATUS_LIST} AND ${alias}.deleted = 0)`;
}
