// Orders: create with many vehicles, update, confirm, cancel, add/remove vehicles, automatic status.
import { type FieldErrors, notFound, PortsideError, ruleViolation } from '../../core/api/errors';
import { addDaysTo, localDayStartUtc } from '../../core/domain/analytics';
import type { AuditEntryView } from '../../core/domain/audit';
import type { Currency } from '../../core/domain/money';
import type {
  CancelSnapshot,
  Order,
  OrderAddVehicleInput,
  OrderCreateInput,
  OrderListInput,
  OrderRemoveVehicleInput,
  OrderSummary,
  OrderUpdateInput,
  OrderUpdateVehicleInput,
  Page,
} from '../../core/domain/order';
import {
  assertCanAddVehicle,
  assertCanChangeLinePrice,
  assertCanRemoveVehicle,
  assertHasCustomerOrVehicle,
  assertManualTransition,
  assertNotFrozen,
  computeOrderDerived,
  currentLinks,
  isOpenStatus,
  linkStatusFor,
} from '../../core/domain/order-rules';
import { type LineVehicle, type LinkWithVehicle, linkRecordOf, type OrderRecord } from '../db/repos/orders-repo';
import { setFollowing } from './order-following';
import { finish, newLink, recordLinkChange, recordOrderChange, saveLink, settle } from './order-writes';
import { type Actor, actorMay, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

export class OrdersService {
  constructor(
    private readonly deps: ServiceDeps,
    /** The office's IANA time zone: `from`/`to` are its days. */
    private readonly timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone,
  ) {}

  /** A page of orders, newest first; `from`/`to` are office-local order days, inclusive (as the dashboard's). */
  list(input: OrderListInput): Page<OrderSummary> {
    const { from, to, ...rest } = input;
    if (from !== undefined && to !== undefined && from > to) {
      throw new PortsideError('VALIDATION', `from (${from}) is after to (${to}): swap them.`, {
        fields: { from: `from (${from}) is after to (${to}): swap them.` },
      });
    }
    return this.deps.repos.orders.list({
      ...rest,
      orderDateFrom: from === undefined ? undefined : localDayStartUtc(from, this.timeZone),
      orderDateBefore: to === undefined ? undefined : localDayStartUtc(addDaysTo(to, 1), this.timeZone),
    });
  }

  /** The order as `viewerId` sees it (whether they follow it). */
  get(id: string, viewerId: string | null = null): Order {
    const record = this.deps.repos.orders.get(id);
    if (!record) throw notFound(`Order ${id}`);
    return this.toOrder(record, this.deps.repos.orders.links(id), viewerId);
  }

  create(actor: Actor, input: OrderCreateInput): Order {
    return inTransaction(this.deps, actor, 'orders.create', (uow) => {
      const { repos } = uow;
      if (input.customerId && !repos.customers.get(input.customerId)) {
        throw new PortsideError('NOT_FOUND', 'The chosen customer was not found: pick the customer again.', {
          fields: { customerId: 'No customer with this id.' },
        });
      }
      assertHasCustomerOrVehicle(
        { orderNumber: 'new', customerId: input.customerId ?? null },
        input.vehicles.length,
        'choose a customer or add a vehicle before saving the order.',
      );
      const id = uow.newId();
      // The year is the office's (PORTSIDE_TIME_ZONE), not UTC's: Auckland's New Year comes 13 hours early.
      const orderNumber = this.deps.orderNumbers.allocate(uow.now);
      const record: OrderRecord = {
        id,
        orderNumber,
        customerId: input.customerId ?? null,
        status: 'Draft',
        totalVehicles: 0,
        completedVehicles: 0,
        orderValue: 0,
        currency: input.currency,
        progress: 0,
        orderDate: uow.now,
        targetCompletionDate: input.estimatedCompletionDate ?? null,
        estimatedCompletionDate: null,
        actualCompletionDate: null,
        notes: input.notes ?? null,
        cancelReason: null,
        cancelSnapshot: null,
        assigneeId: uow.actorId,
        searchText: '',
        version: 0,
        createdAt: uow.now,
        createdBy: uow.actorId,
        updatedAt: uow.now,
        updatedBy: uow.actorId,
      };
      // Every line is checked before anything is written; missing prices are reported all at
      // once so the form can mark each line, rule refusals stop at the first offending vehicle.
      const priceErrors: PortsideError[] = [];
      const links: LinkWithVehicle[] = [];
      input.vehicles.forEach((line, i) => {
        const vehicle = this.vehicleForOrder(line.vehicleId, `vehicles.${i}.vehicleId`);
        withField(`vehicles.${i}.vehicleId`, () => assertCanAddVehicle(record, [], vehicle, vehicle.openOrder?.orderNumber ?? null));
        try {
          links.push(newLink(uow, vehicle, 'Added', resolvePrice(vehicle, line.price, input.currency, `vehicles.${i}.price`)));
        } catch (error) {
          if (!(error instanceof PortsideError) || error.code !== 'VALIDATION') throw error;
          priceErrors.push(error);
        }
      });
      const [firstPriceError] = priceErrors;
      if (firstPriceError) {
        const fields: FieldErrors = Object.fromEntries(priceErrors.flatMap((e) => Object.entries(e.fields ?? {})));
        const message =
          priceErrors.length === 1 ? firstPriceError.message : `Enter the agreed price for ${priceErrors.length} vehicles (marked below).`;
        throw new PortsideError('VALIDATION', message, { fields });
      }
      // The row is written once, already settled (derived fields, search text), before its links.
      const settled = settle(uow, null, record, links);
      repos.orders.insert(settled.saved);
      repos.payments.refreshOrderTotals(id);
      for (const link of links) {
        repos.orders.insertLink(linkRecordOf(link, id));
        recordLinkChange(uow, record, null, link, 'vehicle_added', null);
      }
      recordOrderChange(uow, null, settled, links, { action: 'created' });
      // The creator follows the order (and is its assignee) from the start.
      setFollowing(uow, id, uow.actorId, true);
      return this.toOrder(settled.saved, links, uow.actorId);
    });
  }

  update(actor: Actor, input: OrderUpdateInput): Order {
    return inTransaction(this.deps, actor, 'orders.update', (uow) => {
      const { before, links } = this.loadAtVersion(uow, input.id, input.version);
      if (input.status === 'Cancelled') assertMayCancel(actor, before);
      const next: OrderRecord = { ...before };
      if (input.customerId !== undefined && input.customerId !== before.customerId) {
        assertNotFrozen(before, 'its customer');
        if (input.customerId && !uow.repos.customers.get(input.customerId)) {
          throw new PortsideError('NOT_FOUND', 'The chosen customer was not found: pick the customer again.', {
            fields: { customerId: 'No customer with this id.' },
          });
        }
        if (!input.customerId && before.status !== 'Draft') {
          throw ruleViolation(`Order ${before.orderNumber} is ${before.status}: a confirmed order must keep a customer.`);
        }
        if (!input.customerId) {
          assertHasCustomerOrVehicle(
            { orderNumber: before.orderNumber, customerId: null },
            currentLinks(links).length,
            `order ${before.orderNumber} has no vehicles, so it must keep its customer (cancel the draft instead).`,
          );
        }
        next.customerId = input.customerId;
      }
      if (input.currency !== undefined && input.currency !== before.currency) {
        if (before.status !== 'Draft') {
          throw ruleViolation(`Order ${before.orderNumber} is ${before.status}: its currency can only change while Draft.`);
        }
        if (currentLinks(links).length > 0) {
          throw ruleViolation(
            `Order ${before.orderNumber} has vehicles priced in ${before.currency}: remove them before changing the currency to ${input.currency}.`,
          );
        }
        next.currency = input.currency;
      }
      if (input.notes !== undefined && input.notes !== before.notes) {
        assertNotFrozen(before, 'its notes');
        next.notes = input.notes;
      }
      if (input.estimatedCompletionDate !== undefined && input.estimatedCompletionDate !== before.targetCompletionDate) {
        assertNotFrozen(before, 'its estimated completion date');
        next.targetCompletionDate = input.estimatedCompletionDate;
      }
      let action = 'updated';
      if (input.status !== undefined && input.status !== before.status) {
        assertManualTransition(next, input.status, links, input.reason);
        next.status = input.status;
        if (input.status === 'Confirmed') {
          action = 'confirmed';
          this.activateLinks(uow, next, links);
        } else if (input.status === 'Cancelled') {
          action = 'cancelled';
          next.cancelReason = input.reason ?? null;
          next.cancelSnapshot = snapshotOf(links);
        }
      }
      const saved = finish(uow, before, next, links, { action, reason: input.reason ?? null });
      return this.toOrder(saved, links, uow.actorId);
    });
  }

  /** Changes the agreed price of a vehicle on the order, until the order is final. */
  updateVehicle(actor: Actor, input: OrderUpdateVehicleInput): Order {
    return inTransaction(this.deps, actor, 'orders.updateVehicle', (uow) => {
      const { before, links } = this.loadAtVersion(uow, input.id, input.version);
      const link = links.find((l) => l.vehicleId === input.vehicleId);
      if (!link) throw notFound(`Vehicle ${input.vehicleId} in order ${before.orderNumber}`);
      assertCanChangeLinePrice(before, link);
      if (link.price === input.price) return this.toOrder(before, links, uow.actorId);
      const repriced: LinkWithVehicle = {
        ...link,
        price: input.price,
        version: link.version + 1,
        updatedAt: uow.now,
        updatedBy: uow.actorId,
      };
      saveLink(uow, before, link, repriced, 'vehicle_repriced', null);
      Object.assign(link, repriced);
      const saved = finish(uow, before, { ...before }, links, { action: 'vehicle_repriced', reason: null });
      return this.toOrder(saved, links, uow.actorId);
    });
  }

  addVehicle(actor: Actor, input: OrderAddVehicleInput): Order {
    return inTransaction(this.deps, actor, 'orders.addVehicle', (uow) => {
      const { before, links } = this.loadAtVersion(uow, input.id, input.version);
      const vehicle = this.vehicleForOrder(input.vehicleId, 'vehicleId');
      const other = vehicle.openOrder;
      assertCanAddVehicle(before, links, vehicle, other && other.id !== before.id ? other.orderNumber : null);
      const price = resolvePrice(vehicle, input.price, before.currency, 'price');
      const status = linkStatusFor(before.status);
      const existing = links.find((l) => l.vehicleId === vehicle.id);
      if (existing) {
        // Re-adding a vehicle that was removed earlier revives its link, keeping one history.
        const revived: LinkWithVehicle = {
          ...existing,
          status,
          price,
          addedDate: uow.now,
          removedReason: null,
          removedDate: null,
          version: existing.version + 1,
          updatedAt: uow.now,
          updatedBy: uow.actorId,
        };
        saveLink(uow, before, existing, revived, 'vehicle_added', null);
        Object.assign(existing, revived);
      } else {
        const link = newLink(uow, vehicle, status, price);
        uow.repos.orders.insertLink(linkRecordOf(link, before.id));
        recordLinkChange(uow, before, null, link, 'vehicle_added', null);
        links.push(link);
      }
      const saved = finish(uow, before, { ...before }, links, { action: 'vehicle_added', reason: null });
      return this.toOrder(saved, links, uow.actorId);
    });
  }

  removeVehicle(actor: Actor, input: OrderRemoveVehicleInput): Order {
    return inTransaction(this.deps, actor, 'orders.removeVehicle', (uow) => {
      const { before, links } = this.loadAtVersion(uow, input.id, input.version);
      const link = links.find((l) => l.vehicleId === input.vehicleId);
      if (!link) throw notFound(`Vehicle ${input.vehicleId} in order ${before.orderNumber}`);
      assertCanRemoveVehicle(before, links, link, input.reason);
      assertHasCustomerOrVehicle(
        before,
        currentLinks(links).length - 1,
        `vehicle ${link.vin} is the only thing on order ${before.orderNumber}, which has no customer: cancel the draft instead.`,
      );
      const removed: LinkWithVehicle = {
        ...link,
        status: 'Removed',
        removedReason: input.reason ?? null,
        removedDate: uow.now,
        version: link.version + 1,
        updatedAt: uow.now,
        updatedBy: uow.actorId,
      };
      saveLink(uow, before, link, removed, 'vehicle_removed', input.reason ?? null);
      Object.assign(link, removed);
      const saved = finish(uow, before, { ...before }, links, { action: 'vehicle_removed', reason: input.reason ?? null });
      return this.toOrder(saved, links, uow.actorId);
    });
  }

  audit(id: string): AuditEntryView[] {
    const order = this.deps.repos.orders.get(id);
    if (!order) throw notFound(`Order ${id}`);
    const entries = this.deps.repos.audit.forOrder(id);
    const names = this.deps.repos.people.names(entries.map((e) => e.actorId));
    // An entry with no actor (a caller nobody knew) keeps the name it was written under.
    return entries.map((e) => ({ ...e, actorDisplayName: e.actorId === null ? e.actorName : names.nameOf(e.actorId) }));
  }

  /**
   * Re-evaluates derived fields and automatic status after a vehicle of the order changed
   * (stage event) inside the caller's transaction.
   */
  afterVehicleChange(uow: UnitOfWork, orderId: string, cause: string): void {
    const before = this.load(uow, orderId);
    const links = uow.repos.orders.links(orderId);
    finish(uow, before, { ...before }, links, { action: 'vehicles_changed', reason: cause });
  }

  /**
   * A Manager retracted the delivery that completed the order: the order is open again (In
   * Progress, no completion date), recorded as a system-rule change with the reason.
   */
  reopenAfterRetraction(uow: UnitOfWork, orderId: string, reason: string): void {
    const before = this.load(uow, orderId);
    if (before.status !== 'Completed') return;
    const links = uow.repos.orders.links(orderId);
    const next: OrderRecord = { ...before, status: 'In Progress', actualCompletionDate: null };
    finish(uow, before, next, links, { action: 'reopened', reason, origin: 'system' });
  }

  // ---- internals -------------------------------------------------------------------

  /** Confirming an order makes its Added vehicles Active. */
  private activateLinks(uow: UnitOfWork, order: OrderRecord, links: LinkWithVehicle[]): void {
    for (const link of links) {
      if (link.status !== 'Added') continue;
      const activated: LinkWithVehicle = {
        ...link,
        status: 'Active',
        version: link.version + 1,
        updatedAt: uow.now,
        updatedBy: uow.actorId,
      };
      saveLink(uow, order, link, activated, 'vehicle_activated', null);
      Object.assign(link, activated);
    }
  }

  private load(uow: UnitOfWork, id: string): OrderRecord {
    const record = uow.repos.orders.get(id);
    if (!record) throw notFound(`Order ${id}`);
    return record;
  }

  /** The order at the version the caller saw; a stale version is a CONFLICT carrying the current order. */
  loadAtVersion(uow: UnitOfWork, id: string, version: number): { before: OrderRecord; links: LinkWithVehicle[] } {
    const before = this.load(uow, id);
    const links = uow.repos.orders.links(id);
    if (before.version !== version) {
      throw new PortsideError(
        'CONFLICT',
        `Order ${before.orderNumber} was changed by ${uow.repos.people.nameOf(before.updatedBy)} after you opened it (you had version ${version}, it is now ${before.version}). Review the current order and try again.`,
        { current: this.toOrder(before, links, uow.actorId) },
      );
    }
    return { before, links };
  }

  /** The vehicle to link, with the open order holding it (one statement: an order takes up to 200 vehicles). */
  private vehicleForOrder(vehicleId: string, field: string): LineVehicle {
    const vehicle = this.deps.repos.orders.lineVehicle(vehicleId);
    if (!vehicle) {
      throw new PortsideError('NOT_FOUND', `Vehicle ${vehicleId} was not found: pick it again from the vehicle list.`, {
        fields: { [field]: 'No vehicle with this id.' },
      });
    }
    return vehicle;
  }

  toOrder(record: OrderRecord, storedLinks: readonly LinkWithVehicle[], viewerId: string | null = null): Order {
    // A Cancelled order shows its vehicles as they were at cancellation: they may have moved on since.
    const snapshot = record.status === 'Cancelled' ? record.cancelSnapshot : null;
    const links = snapshot ? asAtCancellation(storedLinks, snapshot) : storedLinks;
    const derived = computeOrderDerived(links, record.targetCompletionDate);
    const payments = this.deps.repos.payments.storedTotals(record.id);
    const names = this.deps.repos.people.names([record.createdBy, record.updatedBy, record.assigneeId]);
    return {
      id: record.id,
      orderNumber: record.orderNumber,
      customerId: record.customerId,
      customerName: this.deps.repos.orders.customerName(record.customerId),
      status: record.status,
      totalVehicles: record.totalVehicles,
      completedVehicles: record.completedVehicles,
      orderValue: record.orderValue,
      currency: record.currency,
      progress: record.progress,
      orderDate: record.orderDate,
      estimatedCompletionDate: record.estimatedCompletionDate,
      actualCompletionDate: record.actualCompletionDate,
      assigneeId: record.assigneeId,
      assigneeName: names.nameOf(record.assigneeId),
      version: record.version,
      updatedAt: record.updatedAt,
      paid: payments?.paid ?? 0,
      refunded: payments?.refunded ?? 0,
      balanceDue: payments?.balanceDue ?? record.orderValue,
      paymentStatus: payments?.paymentStatus ?? 'Unpaid',
      vehicleIds: currentLinks(links).map((l) => l.vehicleId),
      vehicles: links.map(({ version: _v, updatedAt: _u, updatedBy: _b, ...vehicle }) => vehicle),
      stageCounts: derived.stageCounts,
      notes: record.notes,
      cancelReason: record.cancelReason,
      targetCompletionDate: record.targetCompletionDate,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
      updatedBy: record.updatedBy,
      createdByName: names.nameOf(record.createdBy),
      updatedByName: names.nameOf(record.updatedBy),
      following: viewerId !== null && this.deps.repos.followers.isFollowing(record.id, viewerId),
      followerCount: this.deps.repos.followers.count(record.id),
    };
  }
}

/**
 * A CSR may cancel a Draft (nothing has been promised to the customer yet); once an order is
 * Confirmed or In Progress, cancelling it needs 'orders:cancel' (Manager, Admin). Whoever calls:
 * the screen, the HTTP API, a sync conflict resolved with "mine".
 */
function assertMayCancel(actor: Actor, order: OrderRecord): void {
  if (order.status === 'Draft' || !isOpenStatus(order.status) || actorMay(actor, 'orders:cancel')) return;
  throw new PortsideError(
    'FORBIDDEN',
    `Order ${order.orderNumber} is ${order.status}: only a Manager or an Admin can cancel an order once it is confirmed (your role: ${(actor.roles ?? []).join(', ') || 'none'}). Ask a Manager to cancel it; a CSR can cancel a Draft.`,
    { fields: { status: 'Cancelling a confirmed order needs a Manager or an Admin.' } },
  );
}

/** Each current vehicle's stage, kept with a cancellation. */
function snapshotOf(links: readonly LinkWithVehicle[]): CancelSnapshot {
  const current = currentLinks(links);
  return {
    stages: Object.fromEntries(current.map((l) => [l.vehicleId, l.stage])),
    vehicles: Object.fromEntries(
      current.map((l) => [l.vehicleId, { stageAt: l.stageAt, etaDelivery: l.etaDelivery, onHold: l.onHold, holdReason: l.holdReason }]),
    ),
  };
}

/** The links as they were at cancellation, where the snapshot knows them. */
export function asAtCancellation(links: readonly LinkWithVehicle[], snapshot: CancelSnapshot): LinkWithVehicle[] {
  return links.map((l) => {
    const stage = snapshot.stages[l.vehicleId];
    if (stage === undefined) return l;
    return { ...l, stage, ...(snapshot.vehicles?.[l.vehicleId] ?? {}) };
  });
}

/** Runs a rule check and pins its refusal on one form field, so the UI can show it in place. */
function withField(field: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof PortsideError && !error.fields)
      throw new PortsideError(error.code, error.message, { fields: { [field]: error.message } });
    throw error;
  }
}

/** The agreed price: as given, else the vehicle's purchase price when it is in the order's currency. */
function resolvePrice(vehicle: LineVehicle, given: number | undefined, currency: Currency, field: string): number {
  if (given !== undefined) return given;
  if (vehicle.purchasePrice !== null && vehicle.currency === currency) return vehicle.purchasePrice;
  const why =
    vehicle.purchasePrice === null
      ? 'it has no purchase price on record'
      : `its purchase price is in ${vehicle.currency ?? 'another currency'} and the order is in ${currency}`;
  throw new PortsideError('VALIDATION', `Enter the agreed price for vehicle ${vehicle.vin}: ${why}.`, {
    fields: { [field]: `Agreed price in ${currency} is required.` },
  });
}
