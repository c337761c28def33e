// Applies pulled pages to SQLite: one transaction per page with its cursor, never over a pending local change, derived fields recomputed.
import { computeOrderDerived, nextAutoStatus } from '../../core/domain/order-rules';
import { outboxItemKey, type SyncedEntity } from '../../core/domain/outbox';
import { orderSearchText } from '../db/repos/orders-repo';
import type { RemoteRecord } from '../db/repos/pulled-record-fields';
import { PulledRecordsRepo, writePulledRecord } from '../db/repos/pulled-records-repo';
import type { ChangeEvent } from './change-events';
import { asAtCancellation } from './orders-service';
import type { ServiceDeps } from './unit-of-work';

/** One shard's page of pulled records and the cursor it moves the shard to (sync/local-store's PulledPage, by shape). */
export interface PulledPageInput {
  shard: number;
  records: readonly RemoteRecord[];
  cursor: string;
}

/** The local rows a page changed: what live screens refresh and what the rule checks look at. */
export interface TouchedIds {
  orders: string[];
  vehicles: string[];
  customers: string[];
  /** Message templates (optional: hooks and tests written before templates build their own). */
  templates?: string[];
}

export interface RemoteApplyResult {
  applied: number;
  skippedOlder: number;
  skippedPending: number;
  waiting: number;
  refused: { entity: SyncedEntity; key: Record<string, string>; message: string }[];
  touched: TouchedIds;
}

/**
 * Runs inside the page's transaction after the rows, derived fields and cursor are written: what
 * it writes commits with the page (rule-violation conflicts), and if it throws the whole page and
 * its cursor roll back, to be pulled again.
 */
export type AfterApplyHook = (touched: TouchedIds, deps: ServiceDeps) => void;

export const PULL_CAUSE = 'sync.pull';

/** The sets a page fills as it writes; `stageVehicles` also get their stage re-derived from their events. */
class Touched {
  readonly orders = new Set<string>();
  readonly vehicles = new Set<string>();
  readonly customers = new Set<string>();
  readonly templates = new Set<string>();
  readonly stageVehicles = new Set<string>();

  add(record: RemoteRecord): void {
    const { data } = record;
    const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    const orderId = text(data.orderId);
    const vehicleId = text(data.vehicleId);
    switch (record.entity) {
      case 'customer':
        if (record.key.id) this.customers.add(record.key.id);
        break;
      case 'template':
        if (record.key.id) this.templates.add(record.key.id);
        break;
      case 'vehicle':
        if (record.key.id) this.vehicles.add(record.key.id);
        break;
      case 'order':
        if (record.key.id) this.orders.add(record.key.id);
        break;
      case 'order_vehicle':
        if (orderId) this.orders.add(orderId);
        if (vehicleId) this.vehicles.add(vehicleId);
        break;
      case 'order_follower':
        // The order's follower count changed: its screen refreshes.
        if (orderId) this.orders.add(orderId);
        break;
      case 'stage_event':
        if (vehicleId) {
          this.vehicles.add(vehicleId);
          this.stageVehicles.add(vehicleId);
        }
        break;
      // A payment moves the order's balance and payment status (recomputed from its payments); a message or a task
      // shows on the order's Activity and Tasks tabs (and everybody's "My tasks"), which follow the order's change event.
      case 'payment':
      case 'communication':
      case 'task':
        if (orderId) this.orders.add(orderId);
        break;
      case 'audit':
        // The order's history changed: its screen refreshes (its derived fields do not move).
        if (orderId) this.orders.add(orderId);
        break;
    }
  }

  ids(): TouchedIds {
    return { orders: [...this.orders], vehicles: [...this.vehicles], customers: [...this.customers], templates: [...this.templates] };
  }
}

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The entity a parent row's writes release waiting records for, e.g. `vehicle:<id>`. */
function parentKeyOf(record: RemoteRecord): string | null {
  if (record.entity !== 'order' && record.entity !== 'vehicle' && record.entity !== 'customer') return null;
  return record.key.id ? `${record.entity}:${record.key.id}` : null;
}

/** One page's writes, inside its transaction. */
class PageWriter {
  readonly result: RemoteApplyResult = {
    applied: 0,
    skippedOlder: 0,
    skippedPending: 0,
    waiting: 0,
    refused: [],
    touched: { orders: [], vehicles: [], customers: [] },
  };
  readonly touched = new Touched();
  private readonly pending = new Map<SyncedEntity, Set<string>>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly repo: PulledRecordsRepo,
    private readonly now: string,
    /** Whether a record may be waiting for a row this page writes (kept before, or earlier in this page). */
    private anyWaiting: boolean,
  ) {}

  /** One lookup per entity for the page: which of its rows have a pending, parked or conflicting change. */
  loadPending(records: readonly RemoteRecord[]): void {
    const byEntity = new Map<SyncedEntity, Record<string, string>[]>();
    for (const r of records) {
      if (r.entity === 'audit') continue;
      const keys = byEntity.get(r.entity) ?? [];
      keys.push(r.key);
      byEntity.set(r.entity, keys);
    }
    for (const [entity, keys] of byEntity) this.pending.set(entity, this.deps.repos.outbox.pendingKeys(entity, keys));
  }

  private hasPending(record: RemoteRecord, released: boolean): boolean {
    if (record.entity === 'audit') return false;
    if (released) return this.deps.repos.outbox.hasPendingChange(record.entity, record.key);
    return this.pending.get(record.entity)?.has(outboxItemKey(record.entity, record.key)) ?? false;
  }

  write(record: RemoteRecord, released = false): void {
    // The push conflict path merges this row with the table's; writing it here would lose the local edit.
    if (this.hasPending(record, released)) {
      this.result.skippedPending += 1;
      return;
    }
    let outcome;
    try {
      outcome = writePulledRecord(this.repo, record);
    } catch (error) {
      const message = `This ${record.entity} from another device could not be stored here: ${describeError(error)}`;
      this.repo.putWaiting(record, null, message, this.now);
      this.anyWaiting = true;
      this.result.refused.push({ entity: record.entity, key: record.key, message });
      return;
    }
    if (outcome.kind === 'waiting') {
      this.repo.putWaiting(record, outcome.waitsFor, `Waits for ${outcome.waitsFor} to arrive from the table.`, this.now);
      this.anyWaiting = true;
      this.result.waiting += 1;
      return;
    }
    if (outcome.kind === 'older') {
      this.result.skippedOlder += 1;
      return;
    }
    this.result.applied += 1;
    if (released || this.anyWaiting) this.repo.dropWaiting(record.entity, record.key);
    this.touched.add(record);
    const parent = parentKeyOf(record);
    if (parent && this.anyWaiting) {
      for (const child of this.repo.takeWaitingFor(parent)) this.write(child, true);
    }
  }
}

/** Re-derives each touched vehicle's stage from its stage events (the latest that still counts). */
function settleVehicleStages(deps: ServiceDeps, repo: PulledRecordsRepo, vehicleIds: Iterable<string>): void {
  for (const id of vehicleIds) {
    const latest = deps.repos.vehicles.latestStageEvent(id);
    if (latest) {
      repo.setVehicleStage(id, latest.stage, latest.at);
      continue;
    }
    // Every event retracted: back to pending since it was registered, as a local retraction does.
    const createdAt = repo.vehicleCreatedAt(id);
    if (createdAt !== null) repo.setVehicleStage(id, 'pending', createdAt);
  }
}

/**
 * Recomputes an order's derived fields, search text and automatic status from its lines as they
 * stand after the pull, written in place: no version step, no outbox, no audit entry (derived
 * fields are recomputed on every device, never synced as changes nor reported as conflicts).
 * A Cancelled order is derived from its vehicles as they were at cancellation.
 */
export function settleOrderDerived(deps: ServiceDeps, repo: PulledRecordsRepo, orderId: string, now: string): boolean {
  const order = deps.repos.orders.get(orderId);
  if (!order) return false;
  const links = deps.repos.orders.links(orderId);
  const snapshot = order.status === 'Cancelled' ? order.cancelSnapshot : null;
  const usable = snapshot && !snapshot.approximate ? snapshot : null;
  const derived = computeOrderDerived(usable ? asAtCancellation(links, usable) : links, order.targetCompletionDate);
  // Without a usable snapshot a Cancelled order's stage counts stay as they were (its vehicles moved on since).
  const frozenCounts = order.status === 'Cancelled' && !usable;
  const status = nextAutoStatus(order.status, links);
  const next = {
    id: order.id,
    total_vehicles: derived.totalVehicles,
    completed_vehicles: frozenCounts ? order.completedVehicles : derived.completedVehicles,
    order_value: derived.orderValue,
    progress: frozenCounts ? order.progress : derived.progress,
    estimated_completion_date: frozenCounts ? order.estimatedCompletionDate : derived.estimatedCompletionDate,
    status,
    actual_completion_date: status === 'Completed' && order.status !== 'Completed' ? now : order.actualCompletionDate,
    search_text: orderSearchText(order.orderNumber, links),
  };
  const same =
    next.total_vehicles === order.totalVehicles &&
    next.completed_vehicles === order.completedVehicles &&
    next.order_value === order.orderValue &&
    next.progress === order.progress &&
    next.estimated_completion_date === order.estimatedCompletionDate &&
    next.status === order.status &&
    next.actual_completion_date === order.actualCompletionDate &&
    next.search_text === order.searchText;
  if (!same) repo.updateDerived(next);
  // Payment totals follow the order's value, status and payments (pulled or local): derived here, never merged.
  const paymentsMoved = deps.repos.payments.refreshOrderTotals(orderId);
  return !same || paymentsMoved;
}

/**
 * Applies one pulled page and moves its shard's cursor in ONE transaction: records newer than the
 * local row are written, older or equal ones skipped (re-pulls and the overlap window are
 * harmless), rows with a pending local change left alone, records whose order, vehicle or customer
 * has not arrived kept until it does; then stages and derived fields of what was touched are
 * recomputed, and `afterApply` runs. No outbox change set, no audit entry of its own. Change
 * events are the caller's (see `changeEventsFor`), after the commit.
 */
export function applyPulledPage(
  deps: ServiceDeps,
  repo: PulledRecordsRepo,
  page: PulledPageInput,
  afterApply?: AfterApplyHook,
): RemoteApplyResult {
  return deps.db
    .transaction(() => {
      const now = deps.clock.now();
      const writer = new PageWriter(deps, repo, now, repo.hasWaiting());
      writer.loadPending(page.records);
      for (const record of page.records) writer.write(record);
      const { touched } = writer;
      settleVehicleStages(deps, repo, touched.stageVehicles);
      for (const vehicleId of touched.vehicles) for (const orderId of repo.ordersOfVehicle(vehicleId)) touched.orders.add(orderId);
      for (const orderId of touched.orders) settleOrderDerived(deps, repo, orderId, now);
      repo.saveCursor(page.shard, page.cursor);
      const ids = touched.ids();
      afterApply?.(ids, deps);
      return { ...writer.result, touched: ids };
    })
    .immediate();
}

/** The change events live screens refresh on, for the rows a pulled page touched. */
export function changeEventsFor(touched: TouchedIds, cause = PULL_CAUSE): ChangeEvent[] {
  return [
    ...touched.orders.map((id): ChangeEvent => ({ entity: 'order', id, cause })),
    ...touched.vehicles.map((id): ChangeEvent => ({ entity: 'vehicle', id, cause })),
    ...touched.customers.map((id): ChangeEvent => ({ entity: 'customer', id, cause })),
    ...(touched.templates ?? []).map((id): ChangeEvent => ({ entity: 'template', id, cause })),
  ];
}

export interface RemoteApplyOptions {
  afterApply?: AfterApplyHook;
  /** Emit change events on `deps.events` after each commit (the in-process case; default true). */
  emitEvents?: boolean;
}

/**
 * The local store pull writes into (sync/local-store's PullStore, matched by shape): cursors,
 * and each page applied with its cursor, then its change events emitted.
 */
export class RemoteApply {
  readonly repo: PulledRecordsRepo;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: RemoteApplyOptions = {},
  ) {
    this.repo = new PulledRecordsRepo(deps.db);
  }

  pullCursors(): Record<number, string> {
    return this.repo.cursors();
  }

  applyPulledPage(page: PulledPageInput): RemoteApplyResult {
    const result = applyPulledPage(this.deps, this.repo, page, this.options.afterApply);
    if (this.options.emitEvents ?? true) this.deps.events.emit(changeEventsFor(result.touched));
    // Pulled audit entries are now local: the notifier tells this device's followers about them.
    this.deps.events.committed();
    return result;
  }

  /** Pulled records kept back: waiting for the row they refer to, or refused with why (shown, never dropped). */
  waitingRecords(): ReturnType<PulledRecordsRepo['waiting']> {
    return this.repo.waiting();
  }
}
