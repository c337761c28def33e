// Orders: create with many vehicles, update, confirm, cancel, add/remove vehicles, automatic status.
import { type FieldErrors, notFound, PortsideError, ruleViolation } from '../../core/api/errors';
import type { Currency } from '../../core/domain/money';
import type {
  Order,
  OrderAddVehicleInput,
  OrderCreateInput,
  OrderListInput,
  OrderRemoveVehicleInput,
  OrderSummary,
  OrderUpdateInput,
  Page,
} from '../../core/domain/order';
import {
  assertCanAddVehicle,
  assertCanRemoveVehicle,
  assertManualTransition,
  computeOrderDerived,
  currentLinks,
  isOpenStatus,
  linkStatusFor,
} from '../../core/domain/order-rules';
import { type LineVehicle, type LinkWithVehicle, linkRecordOf, type OrderRecord } from '../db/repos/orders-repo';
import { finish, newLink, recordLinkChange, recordOrderChange, saveLink, settle } from './order-writes';
import { type Actor, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

export class OrdersService {
  constructor(private readonly deps: ServiceDeps) {}

  list(input: OrderListInput): Page<OrderSummary> {
    return this.deps.repos.orders.list(input);
  }

  get(id: string): Order {
    const record = this.deps.repos.orders.get(id);
    if (!record) throw notFound(`Order ${id}`);
    return this.toOrder(record, this.deps.repos.orders.links(id));
  }

  create(actor: Actor, input: OrderCreateInput): Order {
    return inTransaction(this.deps, actor, 'orders.create', (uow) => {
      const { repos } = uow;
      if (input.customerId && !repos.customers.get(input.customerId)) {
        throw new PortsideError('NOT_FOUND', 'The chosen customer was not found: pick the customer again.', {
          fields: { customerId: 'No customer with this id.' },
        });
      }
      const year = Number(uow.now.slice(0, 4));
      const id = uow.newId();
      const orderNumber = repos.orders.nextOrderNumber(year);
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
        searchText: '',
        version: 0,
        createdAt: uow.now,
        createdBy: actor.name,
        updatedAt: uow.now,
        updatedBy: actor.name,
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
      for (const link of links) {
        repos.orders.insertLink(linkRecordOf(link, id));
        recordLinkChange(uow, record, null, link, 'vehicle_added', null);
      }
      recordOrderChange(uow, null, settled, links, { action: 'created' });
      return this.toOrder(settled.saved, links);
    });
  }

  update(actor: Actor, input: OrderUpdateInput): Order {
    return inTransaction(this.deps, actor, 'orders.update', (uow) => {
      const { before, links } = this.loadAtVersion(uow, input.id, input.version);
      const next: OrderRecord = { ...before };
      const final = !isOpenStatus(before.status);
      if (input.customerId !== undefined && input.customerId !== before.customerId) {
        if (final) throw ruleViolation(`Order ${before.orderNumber} is ${before.status}: its customer can no longer change.`);
        if (input.customerId && !uow.repos.customers.get(input.customerId)) {
          throw new PortsideError('NOT_FOUND', 'The chosen customer was not found: pick the customer again.', {
            fields: { customerId: 'No customer with this id.' },
          });
        }
        if (!input.customerId && before.status !== 'Draft') {
          throw ruleViolation(`Order ${before.orderNumber} is ${before.status}: a confirmed order must keep a customer.`);
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
      if (input.notes !== undefined) next.notes = input.notes;
      if (input.estimatedCompletionDate !== undefined) {
        if (final)
          throw ruleViolation(`Order ${before.orderNumber} is ${before.status}: its estimated completion date can no longer change.`);
        next.targetCompletionDate = input.estimatedCompletionDate;
      }
      let action = 'updated';
      if (input.status !== undefined && input.status !== before.status) {
        assertManualTransition(next, input.status, links, input.reason);
        next.status = input.status;
        if (input.status === 'Confirmed') {
          action = 'confirmed';
          for (const link of links) {
            if (link.status !== 'Added') continue;
            const activated: LinkWithVehicle = {
              ...link,
              status: 'Active',
              version: link.version + 1,
              updatedAt: uow.now,
              updatedBy: actor.name,
            };
            saveLink(uow, next, link, activated, 'vehicle_activated', null);
            Object.assign(link, activated);
          }
        } else if (input.status === 'Cancelled') {
          action = 'cancelled';
          next.cancelReason = input.reason ?? null;
        }
      }
      const saved = finish(uow, before, next, links, { action, reason: input.reason ?? null });
      return this.toOrder(saved, links);
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
          updatedBy: actor.name,
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
      return this.toOrder(saved, links);
    });
  }

  removeVehicle(actor: Actor, input: OrderRemoveVehicleInput): Order {
    return inTransaction(this.deps, actor, 'orders.removeVehicle', (uow) => {
      const { before, links } = this.loadAtVersion(uow, input.id, input.version);
      const link = links.find((l) => l.vehicleId === input.vehicleId);
      if (!link) throw notFound(`Vehicle ${input.vehicleId} in order ${before.orderNumber}`);
      assertCanRemoveVehicle(before, links, link, input.reason);
      const removed: LinkWithVehicle = {
        ...link,
        status: 'Removed',
        removedReason: input.reason ?? null,
        removedDate: uow.now,
        version: link.version + 1,
        updatedAt: uow.now,
        updatedBy: actor.name,
      };
      saveLink(uow, before, link, removed, 'vehicle_removed', input.reason ?? null);
      Object.assign(link, removed);
      const saved = finish(uow, before, { ...before }, links, { action: 'vehicle_removed', reason: input.reason ?? null });
      return this.toOrder(saved, links);
    });
  }

  audit(id: string) {
    const order = this.deps.repos.orders.get(id);
    if (!order) throw notFound(`Order ${id}`);
    return this.deps.repos.audit.forOrder(id);
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

  // ---- internals -------------------------------------------------------------------

  private load(uow: UnitOfWork, id: string): OrderRecord {
    const record = uow.repos.orders.get(id);
    if (!record) throw notFound(`Order ${id}`);
    return record;
  }

  private loadAtVersion(uow: UnitOfWork, id: string, version: number | undefined): { before: OrderRecord; links: LinkWithVehicle[] } {
    const before = this.load(uow, id);
    const links = uow.repos.orders.links(id);
    if (version !== undefined && before.version !== version) {
      throw new PortsideError(
        'CONFLICT',
        `Order ${before.orderNumber} was changed by ${before.updatedBy} after you opened it (you had version ${version}, it is now ${before.version}). Review the current order and try again.`,
        { current: this.toOrder(before, links) },
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

  toOrder(record: OrderRecord, links: readonly LinkWithVehicle[]): Order {
    const derived = computeOrderDerived(links, record.targetCompletionDate);
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
      version: record.version,
      updatedAt: record.updatedAt,
      vehicleIds: currentLinks(links).map((l) => l.vehicleId),
      vehicles: links.map(({ version: _v, updatedAt: _u, updatedBy: _b, ...vehicle }) => vehicle),
      stageCounts: derived.stageCounts,
      notes: record.notes,
      cancelReason: record.cancelReason,
      targetCompletionDate: record.targetCompletionDate,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
      updatedBy: record.updatedBy,
    };
  }
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
