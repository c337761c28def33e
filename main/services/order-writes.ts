// Writing an order: settle derived fields and automatic status, then its audit entries, outbox items and change event.
import { type AuditOrigin, diffFields, type FieldChange } from '../../core/domain/audit';
import type { OrderStatus } from '../../core/domain/order';
import { computeOrderDerived, currentLinks, nextAutoStatus } from '../../core/domain/order-rules';
import { STAGE_LABELS } from '../../core/domain/stages';
import {
  type LineVehicle,
  type LinkRecord,
  type LinkWithVehicle,
  linkRecordOf,
  type OrderRecord,
  orderSearchText,
} from '../db/repos/orders-repo';
import { baseFieldsOf, type UnitOfWork } from './unit-of-work';

/** Order fields whose changes are audited (everything a person or a rule can change). */
const AUDITED_ORDER_FIELDS = [
  'status',
  'customerId',
  'currency',
  'notes',
  'targetCompletionDate',
  'estimatedCompletionDate',
  'actualCompletionDate',
  'cancelReason',
  'assigneeId',
  'totalVehicles',
  'completedVehicles',
  'orderValue',
  'progress',
] as const satisfies readonly (keyof OrderRecord)[];

const AUDITED_LINK_FIELDS = ['status', 'price', 'notes', 'removedReason', 'removedDate'] as const satisfies readonly (keyof LinkRecord)[];

export function saveLink(
  uow: UnitOfWork,
  order: OrderRecord,
  before: LinkWithVehicle,
  after: LinkWithVehicle,
  action: string,
  reason: string | null,
): void {
  uow.repos.orders.updateLink(linkRecordOf(after, order.id));
  recordLinkChange(uow, order, before, after, action, reason);
}

export function recordLinkChange(
  uow: UnitOfWork,
  order: OrderRecord,
  before: LinkWithVehicle | null,
  after: LinkWithVehicle,
  action: string,
  reason: string | null,
): void {
  const record = linkRecordOf(after, order.id);
  const changes = diffFields(before ? linkRecordOf(before, order.id) : null, record, AUDITED_LINK_FIELDS);
  uow.audit({
    entityType: 'order_vehicle',
    entityId: `${order.id}/${after.vehicleId}`,
    orderId: order.id,
    action,
    changes: [{ field: 'vin', before: null, after: after.vin }, ...changes],
    reason,
  });
  uow.outbox({
    entity: 'order_vehicle',
    key: { orderId: order.id, vehicleId: after.vehicleId },
    baseVersion: before ? before.version : null,
    baseFields: baseFieldsOf(before, changes),
    data: { ...record },
  });
}

/**
 * Recomputes derived fields, applies the automatic status rules, and writes the order once
 * (one version step over the row loaded earlier; `create` inserts its settled row itself)
 * with its audit entries: one for what the caller changed, one with origin 'system' for an
 * automatic status change.
 */
export function finish(
  uow: UnitOfWork,
  before: OrderRecord | null,
  next: OrderRecord,
  links: readonly LinkWithVehicle[],
  opts: RecordOptions,
): OrderRecord {
  const settled = settle(uow, before, next, links);
  if (before && settled.changes.length === 0 && settled.after.searchText === before.searchText) return before;
  uow.repos.orders.update(settled.saved);
  // The balance due follows the order's value and status (payment totals are derived, never synced).
  uow.repos.payments.refreshOrderTotals(settled.saved.id);
  recordOrderChange(uow, before, settled, links, opts);
  return settled.saved;
}

/** The order as `finish` would write it: derived fields recomputed, automatic status applied, next version. */
export function settle(uow: UnitOfWork, before: OrderRecord | null, next: OrderRecord, links: readonly LinkWithVehicle[]): SettledOrder {
  const derived = computeOrderDerived(links, next.targetCompletionDate);
  const manual: OrderRecord = { ...next, ...withoutStageCounts(derived) };
  const autoStatus = nextAutoStatus(manual.status, links);
  const after: OrderRecord = {
    ...manual,
    status: autoStatus,
    actualCompletionDate: autoStatus === 'Completed' && manual.status !== 'Completed' ? uow.now : manual.actualCompletionDate,
    searchText: orderSearchText(manual.orderNumber, links),
  };
  const changes = diffFields(before, after, AUDITED_ORDER_FIELDS);
  const saved: OrderRecord = {
    ...after,
    version: (before?.version ?? 0) + 1,
    updatedAt: uow.now,
    updatedBy: uow.actorId,
  };
  return { manual, after, saved, changes };
}

/** The audit entries (one for the caller's change, one for an automatic status change), outbox item and event of a written order. */
export function recordOrderChange(
  uow: UnitOfWork,
  before: OrderRecord | null,
  { manual, after, saved, changes }: SettledOrder,
  links: readonly LinkWithVehicle[],
  opts: RecordOptions,
): void {
  const manualChanges = diffFields(before, manual, AUDITED_ORDER_FIELDS);
  if (manualChanges.length > 0) {
    uow.audit({
      entityType: 'order',
      entityId: saved.id,
      orderId: saved.id,
      action: opts.action,
      changes: manualChanges,
      reason: opts.reason ?? null,
      origin: opts.origin ?? 'local',
    });
  }
  if (after.status !== manual.status) {
    uow.audit({
      entityType: 'order',
      entityId: saved.id,
      orderId: saved.id,
      action: 'status_auto',
      changes: autoStatusChanges(manual, after),
      reason: autoStatusReason(after.status, links),
      origin: 'system',
    });
  }
  uow.outbox({
    entity: 'order',
    key: { id: saved.id },
    baseVersion: before ? before.version : null,
    baseFields: baseFieldsOf(before, changes),
    data: outboxData(saved, links),
  });
  const statusNote = before && before.status !== saved.status ? `${saved.orderNumber} is now ${saved.status}` : undefined;
  uow.notify({ entity: 'order', id: saved.id, ...(statusNote ? { summary: statusNote } : {}) });
}

/** The order as its outbox item carries it: the record without its local search text, with orderId and the current vehicle ids. */
export function outboxData(o: OrderRecord, links: readonly LinkWithVehicle[]): Record<string, unknown> {
  const { searchText: _searchText, ...rest } = o;
  return { ...rest, orderId: o.id, vehicles: currentLinks(links).map((l) => l.vehicleId) };
}

export interface RecordOptions {
  action: string;
  reason?: string | null;
  /** 'system' when a rule, not the person, made the change (e.g. a reopened order). */
  origin?: AuditOrigin;
}

/** An order settled by `settle`: as the caller left it (`manual`), after the automatic rules, and as written. */
interface SettledOrder {
  manual: OrderRecord;
  after: OrderRecord;
  saved: OrderRecord;
  changes: FieldChange[];
}

function withoutStageCounts(d: ReturnType<typeof computeOrderDerived>) {
  const { stageCounts: _stageCounts, ...rest } = d;
  return rest;
}

function autoStatusChanges(manual: OrderRecord, after: OrderRecord): FieldChange[] {
  const changes: FieldChange[] = [{ field: 'status', before: manual.status, after: after.status }];
  if (after.actualCompletionDate !== manual.actualCompletionDate) {
    changes.push({ field: 'actualCompletionDate', before: manual.actualCompletionDate, after: after.actualCompletionDate });
  }
  return changes;
}

function autoStatusReason(status: OrderStatus, links: readonly LinkWithVehicle[]): string {
  if (status === 'Completed') return 'Every active vehicle has been delivered.';
  const moving = links.find((l) => l.status === 'Active' && l.stage !== 'pending');
  return moving ? `Vehicle ${moving.vin} reached ${STAGE_LABELS[moving.stage]}.` : 'A vehicle is in process.';
}

export function newLink(uow: UnitOfWork, vehicle: LineVehicle, status: LinkWithVehicle['status'], price: number): LinkWithVehicle {
  return {
    vehicleId: vehicle.id,
    vin: vehicle.vin,
    make: vehicle.make,
    model: vehicle.model,
    year: vehicle.year,
    colour: vehicle.colour,
    status,
    stage: vehicle.stage,
    stageAt: vehicle.stageAt,
    etaDelivery: vehicle.etaDelivery,
    onHold: vehicle.onHold,
    holdReason: vehicle.holdReason,
    price,
    addedDate: uow.now,
    notes: null,
    removedReason: null,
    removedDate: null,
    version: 1,
    updatedAt: uow.now,
    updatedBy: uow.actorId,
  };
}
