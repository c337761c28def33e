// The records a replayed service call writes and syncs: orders settled by core's rules, links and vehicles, as the services shape them.
import { diffFields, type FieldChange } from '../core/domain/audit';
import type { Currency } from '../core/domain/money';
import type { CancelSnapshot, LinkStatus, OrderStatus } from '../core/domain/order';
import { computeOrderDerived, currentLinks, nextAutoStatus, type RuleLink } from '../core/domain/order-rules';
import { IMPORT_STAGES, STAGE_LABELS } from '../core/domain/stages';
import type { HistOrder, HistVehicle } from './history-log';
import type { ChangeSet } from './trail-writer';

/** main/services/order-writes.ts's audited fields (kept in step by hand: the bench writes what the service would). */
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
] as const;
const AUDITED_LINK_FIELDS = ['status', 'price', 'notes', 'removedReason', 'removedDate'] as const;
export const AUDITED_VEHICLE_FIELDS = [
  'vin',
  'make',
  'model',
  'year',
  'colour',
  'originCountry',
  'originPort',
  'purchasePrice',
  'currency',
  'stage',
  'stageAt',
  'etaDelivery',
  'onHold',
  'holdReason',
] as const;

/** The order row as main's OrderRecord holds it (less the local search text). */
export interface OrderRow {
  id: string;
  orderNumber: string;
  customerId: string | null;
  status: OrderStatus;
  totalVehicles: number;
  completedVehicles: number;
  orderValue: number;
  currency: Currency;
  progress: number;
  orderDate: string;
  targetCompletionDate: string | null;
  estimatedCompletionDate: string | null;
  actualCompletionDate: string | null;
  notes: string | null;
  cancelReason: string | null;
  cancelSnapshot: CancelSnapshot | null;
  assigneeId: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface LinkRow {
  orderId: string;
  vehicleId: string;
  status: LinkStatus;
  price: number;
  addedDate: string;
  notes: string | null;
  removedReason: string | null;
  removedDate: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** A vehicle as it stands at this point of the replay. */
export interface VehicleState {
  stage: number;
  stageAt: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface OrderState {
  row: OrderRow;
  links: LinkRow[];
  /** Index of each link's vehicle, in link order. */
  vehicles: number[];
}

/** The vehicle's record (VehicleRecord's fields, in its order) as it stands now. */
export function vehicleRecord(v: HistVehicle, s: VehicleState): Record<string, unknown> {
  return {
    id: v.id,
    vin: v.vin,
    make: v.make,
    model: v.model,
    year: v.year,
    colour: v.colour,
    originCountry: v.originCountry,
    originPort: v.originPort,
    purchasePrice: v.purchasePrice,
    currency: v.currency,
    stage: IMPORT_STAGES[s.stage] ?? 'pending',
    stageAt: s.stageAt,
    etaDelivery: v.etaDelivery,
    onHold: v.onHold,
    holdReason: v.holdReason,
    version: s.version,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  };
}

function ruleLinks(state: OrderState, fleet: Fleet): (RuleLink & { stageAt: string; onHold: boolean; holdReason: string | null })[] {
  return state.links.map((l, k) => {
    const i = state.vehicles[k] ?? 0;
    const v = fleet.vehicles[i];
    const s = fleet.states[i];
    return {
      vehicleId: l.vehicleId,
      vin: v?.vin ?? '',
      status: l.status,
      stage: IMPORT_STAGES[s?.stage ?? 0] ?? 'pending',
      stageAt: s?.stageAt ?? '',
      price: l.price,
      etaDelivery: v?.etaDelivery ?? null,
      onHold: v?.onHold ?? false,
      holdReason: v?.holdReason ?? null,
    };
  });
}

/** Everything `finish` needs to see the order's vehicles as they stand now. */
export interface Fleet {
  vehicles: readonly HistVehicle[];
  states: readonly VehicleState[];
}

/**
 * order-writes.ts's `finish`: derived fields recomputed, the automatic status applied, one
 * version step, an audit entry for the caller's change and one ('system') for an automatic
 * status change, and the order's outbox item.
 */
export function finishOrder(
  cs: ChangeSet,
  state: OrderState,
  next: OrderRow,
  fleet: Fleet,
  opts: { action: string; reason?: string | null; creating?: boolean },
): void {
  const before = opts.creating ? null : state.row;
  const links = ruleLinks(state, fleet);
  const { stageCounts: _counts, ...derived } = computeOrderDerived(links, next.targetCompletionDate);
  const manual: OrderRow = { ...next, ...derived };
  const status = nextAutoStatus(manual.status, links);
  const after: OrderRow = {
    ...manual,
    status,
    actualCompletionDate: status === 'Completed' && manual.status !== 'Completed' ? cs.now : manual.actualCompletionDate,
  };
  const changes = diffFields(before, after, AUDITED_ORDER_FIELDS);
  if (before && changes.length === 0) return;
  const saved: OrderRow = { ...after, version: (before?.version ?? 0) + 1, updatedAt: cs.now, updatedBy: cs.actor.id };
  const manualChanges = diffFields(before, manual, AUDITED_ORDER_FIELDS);
  const base = { entityType: 'order' as const, entityId: saved.id, orderId: saved.id };
  if (manualChanges.length > 0) cs.audit({ ...base, action: opts.action, changes: manualChanges, reason: opts.reason ?? null });
  if (status !== manual.status) {
    const autoChanges: FieldChange[] = [{ field: 'status', before: manual.status, after: status }];
    if (after.actualCompletionDate !== manual.actualCompletionDate) {
      autoChanges.push({ field: 'actualCompletionDate', before: manual.actualCompletionDate, after: after.actualCompletionDate });
    }
    cs.audit({ ...base, action: 'status_auto', changes: autoChanges, reason: autoReason(status, links), origin: 'system' });
  }
  cs.outbox({
    entity: 'order',
    key: { id: saved.id },
    baseVersion: before ? before.version : null,
    baseFields: before ? Object.fromEntries(changes.map((c) => [c.field, c.before])) : null,
    data: { ...saved, orderId: saved.id, vehicles: currentLinks(state.links).map((l) => l.vehicleId) },
  });
  state.row = saved;
}

function autoReason(status: OrderStatus, links: readonly RuleLink[]): string {
  if (status === 'Completed') return 'Every active vehicle has been delivered.';
  const moving = links.find((l) => l.status === 'Active' && l.stage !== 'pending');
  return moving ? `Vehicle ${moving.vin} reached ${STAGE_LABELS[moving.stage]}.` : 'A vehicle is in process.';
}

/** order-writes.ts's `recordLinkChange`: the link's audit entry (with its VIN) and outbox item. */
export function recordLink(
  cs: ChangeSet,
  before: LinkRow | null,
  after: LinkRow,
  vin: string,
  action: string,
  reason: string | null,
): void {
  const changes = diffFields(before, after, AUDITED_LINK_FIELDS);
  cs.audit({
    entityType: 'order_vehicle',
    entityId: `${after.orderId}/${after.vehicleId}`,
    orderId: after.orderId,
    action,
    changes: [{ field: 'vin', before: null, after: vin }, ...changes],
    reason,
  });
  cs.outbox({
    entity: 'order_vehicle',
    key: { orderId: after.orderId, vehicleId: after.vehicleId },
    baseVersion: before ? before.version : null,
    baseFields: before ? Object.fromEntries(changes.map((c) => [c.field, c.before])) : null,
    data: { ...after },
  });
}

/** The order as `orders.create` first writes it (a Draft, before its derived fields are settled). */
export function draftRow(o: HistOrder, assigneeId: string, now: string): OrderRow {
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    customerId: o.customerId,
    status: 'Draft',
    totalVehicles: 0,
    completedVehicles: 0,
    orderValue: 0,
    currency: o.currency,
    progress: 0,
    orderDate: now,
    targetCompletionDate: o.target,
    estimatedCompletionDate: null,
    actualCompletionDate: null,
    notes: o.notes,
    cancelReason: null,
    cancelSnapshot: null,
    assigneeId,
    version: 0,
    createdAt: now,
    createdBy: assigneeId,
    updatedAt: now,
    updatedBy: assigneeId,
  };
}

/** Each current vehicle's stage (and when it got there) at cancellation, as orders-service's snapshotOf keeps them. */
export function snapshotOf(state: OrderState, fleet: Fleet): CancelSnapshot {
  const current = ruleLinks(state, fleet).filter((l) => l.status !== 'Removed');
  return {
    stages: Object.fromEntries(current.map((l) => [l.vehicleId, l.stage])),
    vehicles: Object.fromEntries(
      current.map((l) => [l.vehicleId, { stageAt: l.stageAt, etaDelivery: l.etaDelivery, onHold: l.onHold, holdReason: l.holdReason }]),
    ),
  };
}
