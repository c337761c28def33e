// Every order rule of docs/order-rules.md as pure functions: status machine, vehicle add/remove, derived totals.
import { PortsideError, ruleViolation } from '../api/errors';
import type { LinkStatus, OrderStatus } from './order';
import { MAX_VEHICLES_PER_ORDER, ORDER_STATUSES } from './order';
import { emptyStageCounts, FINAL_STAGE_INDEX, type ImportStage, isDelivered, isInProcess, STAGE_LABELS, stageIndex } from './stages';

/** What the rules need to know about an order. */
export interface RuleOrder {
  orderNumber: string;
  status: OrderStatus;
  customerId: string | null;
  currency: string | null;
}

/** What the rules need to know about one vehicle link of the order. */
export interface RuleLink {
  vehicleId: string;
  vin: string;
  status: LinkStatus;
  stage: ImportStage;
  price: number;
  etaDelivery: string | null;
}

export const FINAL_STATUSES: readonly OrderStatus[] = ['Completed', 'Cancelled'];

/**
 * Open = not Completed or Cancelled: the one definition. A vehicle belongs to at most one open
 * order. SQL mirrors this list through `openOrderSql` in main/db (never a status list of its own).
 */
export const OPEN_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

export function isOpenStatus(status: OrderStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Completed and Cancelled orders are frozen: notes, dates, customer, currency and lines no longer
 * change (the one exception, a Manager's retraction of the delivery that completed an order,
 * reopens it first).
 */
export function assertNotFrozen(order: RuleOrder, what: string): void {
  if (!isOpenStatus(order.status)) {
    throw ruleViolation(`Order ${order.orderNumber} is ${order.status}: ${what} can no longer change.`);
  }
}

/** An order is about someone or something: it needs a customer or at least one vehicle. */
export function assertHasCustomerOrVehicle(
  order: Pick<RuleOrder, 'orderNumber' | 'customerId'>,
  currentVehicleCount: number,
  fix: string,
): void {
  if (!order.customerId && currentVehicleCount === 0) {
    throw new PortsideError('VALIDATION', `An order needs a customer or at least one vehicle: ${fix}`, {
      fields: {
        customerId: 'Choose a customer, or add a vehicle.',
        vehicles: 'Add a vehicle, or choose a customer.',
      },
    });
  }
}

/** Vehicles can be added or removed only while Draft, Confirmed or In Progress. */
export function canChangeVehicles(status: OrderStatus): boolean {
  return status === 'Draft' || status === 'Confirmed' || status === 'In Progress';
}

/** A vehicle joins a Draft order as Added and a confirmed one as Active. */
export function linkStatusFor(status: OrderStatus): LinkStatus {
  return status === 'Draft' ? 'Added' : 'Active';
}

/** The links that count: every link not Removed. */
export function currentLinks<L extends { status: LinkStatus }>(links: readonly L[]): L[] {
  return links.filter((l) => l.status !== 'Removed');
}

export interface OrderDerived {
  totalVehicles: number;
  completedVehicles: number;
  orderValue: number;
  progress: number;
  stageCounts: Record<ImportStage, number>;
  estimatedCompletionDate: string | null;
}

/**
 * Totals, value, progress and estimate from the links. Progress is the mean over current
 * vehicles of stage index / final index. The estimate is the latest delivery ETA of the
 * vehicles still on their way, falling back to the CSR's own target date.
 */
export function computeOrderDerived(links: readonly RuleLink[], targetCompletionDate: string | null): OrderDerived {
  const current = currentLinks(links);
  const stageCounts = emptyStageCounts();
  let completed = 0;
  let value = 0;
  let progressSum = 0;
  let latestEta: string | null = null;
  for (const link of current) {
    stageCounts[link.stage] += 1;
    value += link.price;
    progressSum += stageIndex(link.stage) / FINAL_STAGE_INDEX;
    if (isDelivered(link.stage)) {
      completed += 1;
    } else if (link.etaDelivery && (latestEta === null || link.etaDelivery > latestEta)) {
      latestEta = link.etaDelivery;
    }
  }
  return {
    totalVehicles: current.length,
    completedVehicles: completed,
    orderValue: value,
    progress: current.length === 0 ? 0 : Math.round((progressSum / current.length) * 10000) / 10000,
    stageCounts,
    estimatedCompletionDate: latestEta ?? targetCompletionDate,
  };
}

/** What is missing before a Draft order can be confirmed (empty when it can). */
export function confirmationBlockers(order: RuleOrder, links: readonly RuleLink[]): string[] {
  const missing: string[] = [];
  if (!order.customerId) missing.push('a customer');
  if (currentLinks(links).length === 0) missing.push('at least one vehicle');
  if (!order.currency) missing.push('a currency');
  return missing;
}

/**
 * Checks a status change asked for by a person. Only Confirmed (from Draft) and Cancelled
 * (from any open status, with a reason) may be set by hand; In Progress and Completed follow
 * from the vehicles' stages.
 */
export function assertManualTransition(order: RuleOrder, to: OrderStatus, links: readonly RuleLink[], reason: string | undefined): void {
  const from = order.status;
  if (from === to) return;
  if (!isOpenStatus(from)) {
    throw ruleViolation(`Order ${order.orderNumber} is ${from}: its status can no longer change.`);
  }
  switch (to) {
    case 'Draft':
      throw ruleViolation(`Order ${order.orderNumber} is ${from}: an order cannot go back to Draft.`);
    case 'Confirmed': {
      if (from !== 'Draft') {
        throw ruleViolation(`Order ${order.orderNumber} is already ${from}: only a Draft order can be confirmed.`);
      }
      const missing = confirmationBlockers(order, links);
      if (missing.length > 0) {
        throw ruleViolation(`Order ${order.orderNumber} cannot be confirmed yet: it needs ${missing.join(' and ')}.`);
      }
      // A vehicle delivered while the order was a Draft would join it delivered and complete it at once.
      const delivered = currentLinks(links).find((l) => isDelivered(l.stage));
      if (delivered) {
        throw ruleViolation(
          `Vehicle ${delivered.vin} has already been delivered: remove it from order ${order.orderNumber} before confirming (a delivered vehicle cannot join an order).`,
        );
      }
      return;
    }
    case 'In Progress':
      throw ruleViolation(
        `Order ${order.orderNumber} moves to In Progress by itself as soon as one of its vehicles is past Pending; record a vehicle stage instead.`,
      );
    case 'Completed':
      throw ruleViolation(`Order ${order.orderNumber} completes by itself when every vehicle is delivered; record the deliveries instead.`);
    case 'Cancelled':
      if (!reason || reason.trim() === '') {
        throw new PortsideError('VALIDATION', `Give a reason for cancelling order ${order.orderNumber}.`, {
          fields: { reason: 'A reason is required to cancel an order.' },
        });
      }
      return;
  }
}

/**
 * The status the automatic rules lead to: Confirmed -> In Progress once an active vehicle is
 * in process; In Progress -> Completed once every active vehicle is delivered. Draft never
 * auto-advances; final statuses never change.
 */
export function nextAutoStatus(status: OrderStatus, links: readonly RuleLink[]): OrderStatus {
  const active = links.filter((l) => l.status === 'Active');
  let next = status;
  if (next === 'Confirmed' && active.some((l) => isInProcess(l.stage))) next = 'In Progress';
  if (next === 'In Progress' && active.length > 0 && active.every((l) => isDelivered(l.stage))) next = 'Completed';
  return next;
}

/** Checks that a vehicle may join the order. `otherOpenOrderNumber` is set when another open order holds it. */
export function assertCanAddVehicle(
  order: RuleOrder,
  links: readonly RuleLink[],
  vehicle: { id: string; vin: string; stage: ImportStage },
  otherOpenOrderNumber: string | null,
): void {
  if (!canChangeVehicles(order.status)) {
    throw ruleViolation(`Order ${order.orderNumber} is ${order.status}: vehicles can no longer be added.`);
  }
  if (isDelivered(vehicle.stage)) {
    throw ruleViolation(
      `Vehicle ${vehicle.vin} has already been delivered: a delivered vehicle cannot join an order (it would complete the order at once).`,
    );
  }
  if (otherOpenOrderNumber) {
    throw ruleViolation(`Vehicle ${vehicle.vin} is already in order ${otherOpenOrderNumber}: remove it there first.`);
  }
  const current = currentLinks(links);
  if (current.some((l) => l.vehicleId === vehicle.id)) {
    throw ruleViolation(`Vehicle ${vehicle.vin} is already in order ${order.orderNumber}.`);
  }
  if (current.length >= MAX_VEHICLES_PER_ORDER) {
    throw ruleViolation(`Order ${order.orderNumber} already holds ${MAX_VEHICLES_PER_ORDER} vehicles, the most one order can hold.`);
  }
}

/** Checks that a vehicle may leave the order, and that a reason is given once the order is confirmed. */
export function assertCanRemoveVehicle(order: RuleOrder, links: readonly RuleLink[], link: RuleLink, reason: string | undefined): void {
  if (!canChangeVehicles(order.status)) {
    throw ruleViolation(`Order ${order.orderNumber} is ${order.status}: vehicles can no longer be removed.`);
  }
  if (link.status === 'Removed') {
    throw ruleViolation(`Vehicle ${link.vin} was already removed from order ${order.orderNumber}.`);
  }
  // A Draft never took its vehicles on: one delivered meanwhile can (and must, to confirm) leave it.
  if (isDelivered(link.stage) && order.status !== 'Draft') {
    throw ruleViolation(`Vehicle ${link.vin} has been delivered: a delivered vehicle cannot be removed from order ${order.orderNumber}.`);
  }
  if (order.status !== 'Draft') {
    const active = links.filter((l) => l.status === 'Active');
    if (active.length <= 1) {
      throw ruleViolation(`Vehicle ${link.vin} is the last vehicle of order ${order.orderNumber}: cancel the order instead.`);
    }
    if (!reason || reason.trim() === '') {
      throw new PortsideError('VALIDATION', `Give a reason for removing vehicle ${link.vin} from confirmed order ${order.orderNumber}.`, {
        fields: { reason: 'A reason is required to remove a vehicle from a confirmed order.' },
      });
    }
  }
}

/** A line's agreed price can change until the order is final (Draft, Confirmed, In Progress). */
export function assertCanChangeLinePrice(order: RuleOrder, link: RuleLink): void {
  assertNotFrozen(order, 'its prices');
  if (link.status === 'Removed') {
    throw ruleViolation(`Vehicle ${link.vin} was removed from order ${order.orderNumber}: add it again to give it a price.`);
  }
}

/** Stages only move forward (skipping is allowed: paperwork often arrives late). */
export function assertStageChange(vin: string, from: ImportStage, to: ImportStage): void {
  if (from === to) {
    throw ruleViolation(`Vehicle ${vin} is already at stage ${STAGE_LABELS[to]}.`);
  }
  if (stageIndex(to) < stageIndex(from)) {
    throw ruleViolation(
      `Vehicle ${vin} is at ${STAGE_LABELS[from]}: stages only move forward, so it cannot go back to ${STAGE_LABELS[to]}.`,
    );
  }
}

/** How far ahead of this device's clock a stage date may be: other devices' clocks drift. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** What the stage rules need to know about a vehicle. */
export interface StageRuleVehicle {
  vin: string;
  year: number;
  stage: ImportStage;
  /** The latest recorded (not retracted) stage event, if any. */
  latest: { stage: ImportStage; at: string } | null;
}

/**
 * Stage events are chronological and real: forward only, not in the future (beyond a few
 * minutes of clock skew), not before the vehicle could exist, and not before the stage it last
 * reached. Model years start selling the calendar year before (a 2027 model is bought in 2026),
 * so the earliest date is 1 January of the year before the model year.
 */
export function assertStageEvent(vehicle: StageRuleVehicle, to: ImportStage, at: string, now: string): void {
  assertStageChange(vehicle.vin, vehicle.stage, to);
  const label = STAGE_LABELS[to];
  if (Date.parse(at) > Date.parse(now) + CLOCK_SKEW_MS) {
    throw stageDateViolation(
      `The ${label} date ${day(at)} for vehicle ${vehicle.vin} is in the future: record a stage once it has happened.`,
    );
  }
  const earliest = `${String(vehicle.year - 1).padStart(4, '0')}-01-01T00:00:00.000Z`;
  if (at < earliest) {
    throw stageDateViolation(
      `The ${label} date ${day(at)} is before vehicle ${vehicle.vin} could exist (model year ${vehicle.year}): check the year of the date.`,
    );
  }
  if (vehicle.latest && at < vehicle.latest.at) {
    throw stageDateViolation(
      `Vehicle ${vehicle.vin} reached ${STAGE_LABELS[vehicle.latest.stage]} on ${day(vehicle.latest.at)}: a ${label} date must be on or after that, not ${day(at)}.`,
    );
  }
}

function stageDateViolation(message: string): PortsideError {
  return new PortsideError('RULE_VIOLATION', message, { fields: { at: message } });
}

function day(instant: string): string {
  return instant.slice(0, 10);
}

/**
 * Retracting a stage event corrects a mistake: only the latest (not yet retracted) event can be
 * retracted. `reopensCompletedOrder` is set when the retraction takes a vehicle of a Completed
 * order back from Delivered; only someone allowed to reopen orders (a Manager) may do that.
 */
export function assertCanRetractStage(
  vin: string,
  eventId: string,
  latestEventId: string | null,
  completedOrder: { orderNumber: string } | null,
  mayReopen: boolean,
): void {
  if (latestEventId === null) {
    throw ruleViolation(`Vehicle ${vin} has no recorded stage left to retract.`);
  }
  if (eventId !== latestEventId) {
    throw ruleViolation(
      `Only the latest stage of vehicle ${vin} can be retracted: retract the later stages first, newest first (reload to see them).`,
    );
  }
  if (completedOrder && !mayReopen) {
    throw new PortsideError(
      'FORBIDDEN',
      `Retracting this delivery would reopen completed order ${completedOrder.orderNumber}: only a Manager can do that. Ask a Manager.`,
    );
  }
}
