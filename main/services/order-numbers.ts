// Which number a new order gets, taken inside the create transaction: a local counter, or reserved blocks with an offline fallback.
import { formatOrderNumber, formatProvisionalOrderNumber, yearInZone } from '../../core/domain/order-number';
import type { Repos } from '../db/repos';

/**
 * Gives the next order number for an order created at `instant`. Synchronous: it runs inside
 * the SQLite transaction that writes the order, so a rolled-back create gives its number back.
 */
export interface OrderNumberAllocator {
  allocate(instant: string): string;
}

/** `local`: no table, one machine, today's per-year counter. `blocks`: a table is configured. */
export type OrderNumbering = 'local' | 'blocks';

/** Local mode: PS-YYYY-NNNNN from this database's own per-year counter. */
export function localOrderNumbers(repos: Pick<Repos, 'orders'>, timeZone: string): OrderNumberAllocator {
  return { allocate: (instant) => repos.orders.nextOrderNumber(yearInZone(instant, timeZone)) };
}

/**
 * Cloud mode: the next number of the year's oldest reserved block (PS-2027-00051, unique across
 * devices because the table's counter handed the block to this device alone). With none left,
 * offline or not, a provisional number PS-2027-K7QX-0001 from this device's code and its own
 * sequence: unique as long as device codes are (claimed in the table once online), and never
 * renumbered later, because a customer may already have written it down.
 */
export function blockOrderNumbers(repos: Pick<Repos, 'orderNumberBlocks'>, timeZone: string): OrderNumberAllocator {
  return {
    allocate: (instant) => {
      const year = yearInZone(instant, timeZone);
      const blocks = repos.orderNumberBlocks;
      const reserved = blocks.takeReserved(year);
      if (reserved !== null) return formatOrderNumber(year, reserved);
      return formatProvisionalOrderNumber(year, blocks.deviceCode(), blocks.nextProvisionalSeq(year));
    },
  };
}

export function orderNumberAllocator(numbering: OrderNumbering, repos: Repos, timeZone: string): OrderNumberAllocator {
  return numbering === 'blocks' ? blockOrderNumbers(repos, timeZone) : localOrderNumbers(repos, timeZone);
}
