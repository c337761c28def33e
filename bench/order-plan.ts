// Plans the bench data set's orders before any row is written: dates, statuses, vehicle counts and stages.
import type { LinkStatus, OrderStatus } from '../core/domain/order';
import { FINAL_STAGE_INDEX } from '../core/domain/stages';
import type { Random } from './vocabulary';

const DAY = 86_400_000;
/** Fleet orders exist, but most orders hold a handful of vehicles. */
const MAX_VEHICLES_IN_PLAN = 40;

export interface PlannedOrder {
  at: number;
  status: OrderStatus;
  /** How the non-removed links stand: Added while Draft (or cancelled as a draft), else Active. */
  linkStatus: LinkStatus;
  /** Stage index per vehicle: the current ones first, then `removed` removed ones. */
  stages: number[];
  removed: number;
  withoutCustomer: boolean;
  /** Vehicles bought into stock (in no order) just before this order. */
  stockBefore: number;
}

export interface OrderPlan {
  orders: PlannedOrder[];
  /** Recent stock vehicles written after the last order. */
  stockAfter: number;
}

/** Old orders are mostly finished, recent ones mostly open: the status mix drifts with age (share in %). */
const STATUS_MIX: { olderThanDays: number; shares: Record<OrderStatus, number> }[] = [
  { olderThanDays: 200, shares: { Completed: 80, Cancelled: 14, 'In Progress': 5, Confirmed: 0.5, Draft: 0.5 } },
  { olderThanDays: 45, shares: { 'In Progress': 60, Completed: 15, Cancelled: 10, Confirmed: 8, Draft: 7 } },
  { olderThanDays: 0, shares: { Draft: 30, Confirmed: 22, 'In Progress': 38, Cancelled: 8, Completed: 2 } },
];

function statusFor(rand: Random, ageDays: number): OrderStatus {
  const mix = STATUS_MIX.find((m) => ageDays > m.olderThanDays) ?? STATUS_MIX[STATUS_MIX.length - 1];
  let roll = rand.next() * 100;
  for (const [status, share] of Object.entries(mix?.shares ?? {}) as [OrderStatus, number][]) {
    roll -= share;
    if (roll < 0) return status;
  }
  return 'Completed';
}

/** Geometric vehicle count with the given mean (>= 1). */
function vehicleCount(rand: Random, mean: number): number {
  if (mean <= 1.0001) return 1;
  const failures = Math.floor(Math.log(1 - rand.next()) / Math.log(1 - 1 / mean));
  return Math.min(MAX_VEHICLES_IN_PLAN, 1 + failures);
}

/** Stage index per current vehicle, consistent with what the order status rules demand. */
function stagesFor(rand: Random, status: OrderStatus, count: number, ageDays: number): number[] {
  const stages = Array.from({ length: count }, () => 0);
  switch (status) {
    case 'Draft':
      return stages.map(() => (rand.next() < 0.85 ? 0 : 1));
    case 'Confirmed':
      return stages;
    case 'Completed':
      return stages.map(() => FINAL_STAGE_INDEX);
    case 'Cancelled':
      return stages.map(() => (rand.next() < 0.7 ? 0 : 1));
    case 'In Progress': {
      const expected = Math.min(FINAL_STAGE_INDEX - 1, ageDays / 11);
      const drawn = stages.map(() => Math.max(0, Math.min(FINAL_STAGE_INDEX, Math.round(expected + (rand.next() - 0.5) * 4))));
      // In Progress means: at least one vehicle past pending, not every vehicle delivered.
      if (!drawn.some((s) => s > 0)) drawn[0] = 1;
      if (drawn.every((s) => s === FINAL_STAGE_INDEX)) drawn[drawn.length - 1] = FINAL_STAGE_INDEX - 1;
      return drawn;
    }
  }
}

export function planOrders(rand: Random, size: { orders: number; vehicles: number; start: number; now: number }): OrderPlan {
  const mean = Math.max(1, (0.85 * size.vehicles) / Math.max(1, size.orders));
  const span = size.now - 3_600_000 - size.start;
  const orders: PlannedOrder[] = [];
  let used = 0;
  for (let i = 0; i < size.orders; i++) {
    const at = size.start + (span * (i + rand.next())) / size.orders;
    const ageDays = (size.now - at) / DAY;
    let status = statusFor(rand, ageDays);
    let count = status === 'Draft' && rand.next() < 0.1 ? 0 : vehicleCount(rand, mean);
    let removed = status !== 'Draft' && count >= 2 && rand.next() < 0.05 ? 1 : 0;
    const left = size.vehicles - used;
    if (count + removed > left) {
      count = Math.max(0, left);
      removed = 0;
    }
    if (count === 0) status = 'Draft';
    used += count + removed;
    const linkStatus: LinkStatus = status === 'Draft' || (status === 'Cancelled' && rand.next() < 0.4) ? 'Added' : 'Active';
    // A vehicle later removed from a Confirmed order never moved: while on it, it would have made the order In Progress.
    const removedStage = (): number => (status === 'Confirmed' ? 0 : rand.int(0, 1));
    const stages = [...stagesFor(rand, status, count, ageDays), ...Array.from({ length: removed }, removedStage)];
    orders.push({ at, status, linkStatus, stages, removed, withoutCustomer: status === 'Draft' && rand.next() < 0.05, stockBefore: 0 });
  }
  const stock = size.vehicles - used;
  const stockAfter = Math.floor(stock * 0.3);
  const spread = stock - stockAfter;
  orders.forEach((o, i) => {
    o.stockBefore = Math.floor(((i + 1) * spread) / orders.length) - Math.floor((i * spread) / orders.length);
  });
  return { orders, stockAfter: orders.length === 0 ? stock : stockAfter };
}
