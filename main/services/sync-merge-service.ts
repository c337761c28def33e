// The merge step: a change set push parked as a conflict is merged field by field with the table's newer items and queued again on top of them.
import { diffFields } from '../../core/domain/audit';
import type { AuditEntity } from '../../core/domain/audit';
import { computeOrderDerived, isOpenStatus, nextAutoStatus } from '../../core/domain/order-rules';
import { type OutboxChangeSet, type OutboxItem, outboxItemKey, type SyncedEntity } from '../../core/domain/outbox';
import {
  type FieldConflict,
  mergeRecord,
  type RemoteRecord,
  type RemoteRecordDecoder,
  sameValue,
  STAMP_FIELDS,
} from '../../core/domain/sync-merge';
import type { OrderRecord } from '../db/repos/orders-repo';
import type { ParkedOutboxChangeSet } from '../db/repos/outbox-repo';
import { PulledRecordsRepo, writePulledRecord } from '../db/repos/pulled-records-repo';
import { orderRecordOf, writeMergedRecord } from './merged-record-writer';
import { outboxData } from './order-writes';
import { describeValue, recordLabel } from './sync-conflict-text';
import { detectRuleConflicts } from './sync-rule-conflicts';
import { type Actor, inTransaction, type ServiceDeps, SYSTEM_ACTOR, type UnitOfWork } from './unit-of-work';

/** One record's changes across the merged change sets: the first base, the last data. */
interface RecordGroup {
  entity: SyncedEntity;
  key: Record<string, string>;
  itemKey: string;
  baseVersion: number | null;
  baseFields: Record<string, unknown> | null;
  data: Record<string, unknown>;
  /** The last of our changes deleted the record (a tombstone): the merged record goes as one too. */
  deleted?: true;
}

export interface MergeSummary {
  /** Parked change sets merged (with the pending ones that waited behind them). */
  merged: number;
  /** Field conflicts recorded for a person. */
  conflicts: number;
  /** Rule conflicts recorded after the merge. */
  ruleConflicts: number;
}

interface MergeContext {
  uow: UnitOfWork;
  parked: ParkedOutboxChangeSet;
  conflicts: number;
  vehicleIds: Set<string>;
  orderIds: Set<string>;
}

/** Stage events first (a vehicle's stage follows them), then records, then orders (their totals follow their lines). */
const MERGE_ORDER: readonly SyncedEntity[] = [
  'communication',
  'task',
  'stage_event',
  'vehicle',
  'customer',
  'template',
  'order_follower',
  'order_vehicle',
  'order',
];

export class SyncMergeService {
  /** Pull's record writer, for tombstones (prepared on first use: most merges never meet one). */
  private pulled: PulledRecordsRepo | null = null;

  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Merges every change set parked as a conflict, each in one SQLite transaction. Run it after a
   * pull, so the other device's related records (lines, stage events) are already local and the
   * recomputed totals cover them.
   */
  mergeParked(decode: RemoteRecordDecoder): MergeSummary {
    const summary: MergeSummary = { merged: 0, conflicts: 0, ruleConflicts: 0 };
    for (const parked of this.deps.repos.outbox.parkedChangeSets()) {
      if (parked.park.reason !== 'conflict') continue;
      const result = this.mergeOne(parked, decode);
      if (!result) continue;
      summary.merged += 1;
      summary.conflicts += result.conflicts;
      summary.ruleConflicts += result.ruleConflicts;
    }
    return summary;
  }

  private actorOf(actorId: string | null): Actor {
    const user = actorId ? this.deps.repos.users.byId(actorId) : null;
    return user ? { id: user.id, name: user.displayName, roles: user.roles } : SYSTEM_ACTOR;
  }

  private mergeOne(parked: ParkedOutboxChangeSet, decode: RemoteRecordDecoder): { conflicts: number; ruleConflicts: number } | null {
    return inTransaction(this.deps, this.actorOf(parked.actorId), 'sync.merge', (uow) => {
      // Another pass may have merged it since it was read.
      if (uow.repos.outbox.byId(parked.id)?.state !== 'conflict') return null;
      const remote = decodeRemote(parked.park.remoteItems, decode);
      if (remote.size === 0) {
        // Nothing to merge with (the item was missing or unreadable): queuing it again would only conflict again.
        uow.repos.outbox.parkConflictAsRejected(
          parked.id,
          `${parked.park.message} The table holds no newer version to merge with; retry once the other device has synced.`,
        );
        return null;
      }
      const sets: OutboxChangeSet[] = [parked, ...this.heldBehind(parked)];
      // Items of parts that reached the table before the conflicting one (a change set over 100 items) are there with
      // our content: queued again, their creates would fail attribute_not_exists. Only what is still missing goes.
      const applied = new Set(parked.park.appliedItems ?? []);
      const items = [...parked.items.filter((i) => !applied.has(outboxItemKey(i.entity, i.key))), ...sets.slice(1).flatMap((s) => s.items)];
      const ctx: MergeContext = { uow, parked, conflicts: 0, vehicleIds: new Set(), orderIds: new Set() };
      const groups = [...groupRecords(items).values()].sort((a, b) => MERGE_ORDER.indexOf(a.entity) - MERGE_ORDER.indexOf(b.entity));
      for (const group of groups) {
        if (group.entity === 'order') this.mergeOrder(ctx, group, remote.get(group.itemKey));
        else this.mergeRecordGroup(ctx, group, remote.get(group.itemKey));
      }
      // Audit entries of the part that conflicted (and after) never reached the table: they go with the merged changes.
      for (const item of items) if (item.entity === 'audit') uow.outbox(item);
      const note = `Another device changed these records first; merged at ${uow.now} and queued again on top of their version.`;
      for (const set of sets) uow.repos.outbox.supersede(set.id, note);
      // Payment totals are derived from the merged order's value and status, never merged themselves.
      for (const orderId of ctx.orderIds) uow.repos.payments.refreshOrderTotals(orderId);
      const rules = detectRuleConflicts(this.deps, { vehicleIds: ctx.vehicleIds, orderIds: ctx.orderIds }, parked.id);
      return { conflicts: ctx.conflicts, ruleConflicts: rules.length };
    });
  }

  /** Pending change sets made on top of the parked one (they touch its records, directly or through each other): push holds them back. */
  private heldBehind(parked: ParkedOutboxChangeSet): OutboxChangeSet[] {
    const keys = new Set(recordKeys(parked));
    const held: OutboxChangeSet[] = [];
    for (const cs of this.deps.repos.outbox.pending(Number.MAX_SAFE_INTEGER, parked.seq)) {
      const own = recordKeys(cs);
      if (!own.some((k) => keys.has(k))) continue;
      own.forEach((k) => keys.add(k));
      held.push(cs);
    }
    return held;
  }

  private mergeRecordGroup(ctx: MergeContext, group: RecordGroup, theirs: RemoteRecord | undefined): void {
    const { uow } = ctx;
    this.noteTouched(ctx, group);
    if (theirs?.deleted) {
      this.keepDeletion(ctx, group, theirs);
      return;
    }
    if (!theirs) {
      // Not one of the items another device changed: it goes again as it was.
      uow.outbox(itemOf(group));
      return;
    }
    const merge = mergeRecord(group.entity, group.baseFields, group.data, theirs.data);
    this.recordConflicts(ctx, group, theirs, merge.conflicts);
    let final: Record<string, unknown> = { ...merge.merged };
    if (group.entity === 'vehicle') {
      // The stage is the latest stage event that counts, here after the merge.
      const latest = uow.repos.vehicles.latestStageEvent(group.key.id ?? '');
      if (latest) final = { ...final, stage: latest.stage, stageAt: latest.at };
    }
    const ours = changedFields(final, theirs.data);
    if (ours.length > 0 && group.entity !== 'stage_event') {
      final = { ...final, version: (theirs.version ?? 0) + 1, updatedAt: uow.now, updatedBy: uow.actorId };
    }
    writeMergedRecord(uow.repos, group.entity, final, group.deleted === true);
    this.auditMerge(ctx, group, final, theirs, merge.conflicts);
    if (ours.length > 0 || group.deleted) {
      uow.outbox({
        entity: group.entity,
        key: group.key,
        baseVersion: group.entity === 'stage_event' ? null : theirs.version,
        baseFields: pick(theirs.data, ours),
        data: ours.length > 0 ? final : { ...final, version: (theirs.version ?? 0) + 1, updatedAt: uow.now, updatedBy: uow.actorId },
        ...(group.deleted ? { deleted: group.deleted } : {}),
      });
    }
  }

  private mergeOrder(ctx: MergeContext, group: RecordGroup, theirs: RemoteRecord | undefined): void {
    const { uow } = ctx;
    this.noteTouched(ctx, group);
    if (theirs?.deleted) {
      this.keepDeletion(ctx, group, theirs);
      return;
    }
    const merge = theirs ? mergeRecord('order', group.baseFields, group.data, theirs.data) : null;
    const record = orderRecordOf(merge ? merge.merged : group.data, uow.repos);
    const links = uow.repos.orders.links(record.id);
    let settled: OrderRecord = record;
    // Totals, progress and the automatic status are recomputed from the merged lines; a final order keeps its own.
    if (isOpenStatus(record.status)) {
      const { stageCounts: _counts, ...derived } = computeOrderDerived(links, record.targetCompletionDate);
      const status = nextAutoStatus(record.status, links);
      const completedNow = status === 'Completed' && record.status !== 'Completed';
      settled = { ...record, ...derived, status, actualCompletionDate: completedNow ? uow.now : record.actualCompletionDate };
    }
    if (!theirs || !merge) {
      // The order item was not what conflicted (a line was): it goes again at our version, totals refreshed.
      uow.repos.orders.update(settled);
      uow.outbox({ ...itemOf(group), data: outboxData(settled, links) });
      return;
    }
    this.recordConflicts(ctx, group, theirs, merge.conflicts);
    const ours = changedFields(outboxData(settled, links), theirs.data);
    const final: OrderRecord =
      ours.length > 0 ? { ...settled, version: (theirs.version ?? 0) + 1, updatedAt: uow.now, updatedBy: uow.actorId } : settled;
    uow.repos.orders.update(final);
    const data = outboxData(final, links);
    this.auditMerge(ctx, group, data, theirs, merge.conflicts);
    if (ours.length > 0) {
      uow.outbox({ entity: 'order', key: group.key, baseVersion: theirs.version, baseFields: pick(theirs.data, ours), data });
    }
  }

  /**
   * The rule for a record deleted on another device while it was edited here: the deletion stands
   * (our edit would silently bring the record back), and the edit becomes a conflict a person sees,
   * holding what was changed here, beside the record's history (audited). Nothing of it is queued.
   */
  private keepDeletion(ctx: MergeContext, group: RecordGroup, theirs: RemoteRecord): void {
    const { uow } = ctx;
    const label = recordLabel(uow.repos, group.entity, group.key);
    const changed = Object.keys(group.baseFields ?? {}).filter((f) => !STAMP_FIELDS.includes(f));
    const mine = Object.fromEntries(changed.map((f) => [f, group.data[f] ?? null]));
    const theirAuthorId = typeof theirs.data.updatedBy === 'string' && theirs.data.updatedBy !== '' ? theirs.data.updatedBy : null;
    const theirAuthor = authorName(uow, theirAuthorId) ?? 'another device';
    const what =
      changed.length > 0
        ? changed.map((f) => `${f} to ${describeValue(group.data[f])}`).join(', ')
        : group.baseVersion === null
          ? 'it was created'
          : 'it was changed';
    uow.repos.syncConflicts.insert({
      id: uow.newId(),
      entity: group.entity,
      key: group.key,
      itemKey: group.itemKey,
      orderId: orderIdOf(group),
      field: 'deleted',
      kind: 'rule',
      base: null,
      mine,
      theirs: 'deleted',
      myAuthor: uow.actorId,
      myAt: typeof group.data.updatedAt === 'string' ? group.data.updatedAt : ctx.parked.createdAt,
      theirAuthor: theirAuthorId,
      theirAt: typeof theirs.data.updatedAt === 'string' ? theirs.data.updatedAt : null,
      message: `${label} was deleted by ${theirAuthor} while it was changed here (${what}). It stays deleted and the change made here was not sent; it is kept in this conflict and in the record's history. Enter it again where it belongs if it is still needed, then close this conflict.`,
      changeSetId: ctx.parked.id,
      createdAt: uow.now,
    });
    ctx.conflicts += 1;
    uow.audit({
      ...auditTarget(group),
      orderId: orderIdOf(group),
      action: 'sync_merged',
      changes: changed.map((f) => ({ field: f, before: group.data[f] ?? null, after: null })),
      reason: `Deleted by ${theirAuthor} on another device; the change made here (${what}) was not sent and waits in a conflict.`,
      origin: 'sync',
    });
    this.pulled ??= new PulledRecordsRepo(this.deps.db);
    applyTombstone(uow, this.pulled, theirs);
  }

  private noteTouched(ctx: MergeContext, group: RecordGroup): void {
    const { key } = group;
    if (group.entity === 'order' && key.id) ctx.orderIds.add(key.id);
    if (group.entity === 'order_vehicle' && key.orderId && key.vehicleId) {
      ctx.orderIds.add(key.orderId);
      ctx.vehicleIds.add(key.vehicleId);
    }
    if (group.entity === 'vehicle' && key.id) ctx.vehicleIds.add(key.id);
    if (group.entity === 'stage_event' && key.vehicleId) ctx.vehicleIds.add(key.vehicleId);
    if (group.entity === 'order' || group.entity === 'vehicle' || group.entity === 'customer') {
      const id = key.id ?? '';
      ctx.uow.notify({ entity: group.entity, id, summary: 'Merged with a change from another device' });
    }
  }

  private recordConflicts(ctx: MergeContext, group: RecordGroup, theirs: RemoteRecord, conflicts: FieldConflict[]): void {
    const { uow } = ctx;
    const theirAuthorId = typeof theirs.data.updatedBy === 'string' && theirs.data.updatedBy !== '' ? theirs.data.updatedBy : null;
    const theirAuthor = authorName(uow, theirAuthorId);
    const label = recordLabel(uow.repos, group.entity, group.key);
    for (const c of conflicts) {
      uow.repos.syncConflicts.insert({
        id: uow.newId(),
        entity: group.entity,
        key: group.key,
        itemKey: group.itemKey,
        orderId: orderIdOf(group),
        field: c.field,
        kind: 'field',
        base: c.base,
        mine: c.mine,
        theirs: c.theirs,
        myAuthor: uow.actorId,
        myAt: typeof group.data.updatedAt === 'string' ? group.data.updatedAt : ctx.parked.createdAt,
        theirAuthor: theirAuthorId,
        theirAt: typeof theirs.data.updatedAt === 'string' ? theirs.data.updatedAt : null,
        message: `${label}: ${c.field} was changed here to ${describeValue(c.mine)} and by ${theirAuthor ?? 'another device'} to ${describeValue(c.theirs)}. Theirs is kept until you choose.`,
        changeSetId: ctx.parked.id,
        createdAt: uow.now,
      });
      ctx.conflicts += 1;
    }
  }

  /** The merge in the record's history: which of our values gave way to theirs, and how many wait for a person. */
  private auditMerge(
    ctx: MergeContext,
    group: RecordGroup,
    final: Record<string, unknown>,
    theirs: RemoteRecord,
    conflicts: FieldConflict[],
  ): void {
    const fields = Object.keys(final).filter((f) => !STAMP_FIELDS.includes(f) && f !== 'vehicles');
    const changes = diffFields(group.data, final, fields);
    if (changes.length === 0 && conflicts.length === 0) return;
    const author = authorName(ctx.uow, theirs.data.updatedBy) ?? 'another device';
    const { entityType, entityId } = auditTarget(group);
    ctx.uow.audit({
      entityType,
      entityId,
      orderId: orderIdOf(group),
      action: 'sync_merged',
      changes,
      reason:
        conflicts.length > 0
          ? `Merged with a change by ${author}; ${conflicts.length} field${conflicts.length > 1 ? 's' : ''} (${conflicts.map((c) => c.field).join(', ')}) wait for a person to choose.`
          : `Merged with a change by ${author}.`,
      origin: 'sync',
    });
  }
}

/**
 * The local row takes the tombstone, as pull writes one (a line becomes Removed, a stage event
 * retracted, other records flagged deleted). Pull's writer only moves a row to a newer version and
 * the row holds our edit, possibly at the tombstone's own version: it first goes back to the version
 * before the tombstone, with the tombstone's values, so both writes land in this transaction.
 */
function applyTombstone(uow: UnitOfWork, pulled: PulledRecordsRepo, theirs: RemoteRecord): void {
  if (theirs.entity === 'audit') return;
  if (theirs.entity !== 'stage_event' && theirs.version !== null && theirs.version > 1) {
    writeMergedRecord(uow.repos, theirs.entity, { ...theirs.data, version: theirs.version - 1 });
  }
  writePulledRecord(pulled, theirs);
}

/** The author's display name through the people directory (records carry user ids). */
function authorName(uow: UnitOfWork, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  return uow.repos.people.nameOf(value);
}

function orderIdOf(group: RecordGroup): string | null {
  if (group.entity === 'order') return group.key.id ?? null;
  const onOrder: readonly SyncedEntity[] = ['order_vehicle', 'communication', 'task', 'order_follower'];
  if (onOrder.includes(group.entity)) return group.key.orderId ?? null;
  return null;
}

function auditTarget(group: RecordGroup): { entityType: AuditEntity; entityId: string } {
  const { key } = group;
  switch (group.entity) {
    case 'order_vehicle':
      return { entityType: 'order_vehicle', entityId: `${key.orderId ?? ''}/${key.vehicleId ?? ''}` };
    case 'stage_event':
      return { entityType: 'vehicle', entityId: key.vehicleId ?? '' };
    case 'order':
    case 'vehicle':
    case 'customer':
    case 'template':
      return { entityType: group.entity, entityId: key.id ?? '' };
    case 'payment':
      return { entityType: 'payment', entityId: key.id ?? '' };
    case 'communication':
      return { entityType: 'communication', entityId: key.id ?? '' };
    case 'order_follower':
      return { entityType: 'order_follower', entityId: `${key.orderId ?? ''}/${key.userId ?? ''}` };
    case 'audit':
      return { entityType: 'order', entityId: key.id ?? '' };
    case 'task':
      return { entityType: 'task', entityId: key.id ?? '' };
  }
}

function recordKeys(cs: OutboxChangeSet): string[] {
  return cs.items.filter((i) => i.entity !== 'audit').map((i) => outboxItemKey(i.entity, i.key));
}

function groupRecords(items: readonly OutboxItem[]): Map<string, RecordGroup> {
  const groups = new Map<string, RecordGroup>();
  for (const item of items) {
    if (item.entity === 'audit') continue;
    const itemKey = outboxItemKey(item.entity, item.key);
    const group = groups.get(itemKey);
    if (!group) {
      const { entity, key, baseVersion, baseFields, data } = item;
      groups.set(itemKey, {
        entity,
        key,
        itemKey,
        baseVersion,
        baseFields: baseFields ? { ...baseFields } : null,
        data,
        ...(item.deleted ? { deleted: item.deleted } : {}),
      });
      continue;
    }
    group.data = item.data;
    if (item.deleted) group.deleted = item.deleted;
    // A field's base is its value before the first of our changes to it. A record created here has
    // none: it stays a creation whatever we changed after (a stage event recorded and retracted
    // before either reached the table goes as a new, retracted event, not as a retraction).
    if (group.baseVersion !== null || (group.entity === 'stage_event' && group.baseFields !== null)) {
      for (const [field, value] of Object.entries(item.baseFields ?? {})) {
        group.baseFields ??= {};
        if (!(field in group.baseFields)) group.baseFields[field] = value;
      }
    }
  }
  return groups;
}

function decodeRemote(items: readonly Record<string, unknown>[], decode: RemoteRecordDecoder): Map<string, RemoteRecord> {
  const out = new Map<string, RemoteRecord>();
  for (const item of items) {
    const record = decode(item);
    if (record && record.entity !== 'audit') out.set(outboxItemKey(record.entity, record.key), record);
  }
  return out;
}

function itemOf(group: RecordGroup): OutboxItem {
  const { entity, key, baseVersion, baseFields, data, deleted } = group;
  return { entity, key, baseVersion, baseFields, data, ...(deleted ? { deleted } : {}) };
}

/** Fields (stamps aside) where our record differs from theirs: what still has to reach the table. */
function changedFields(ours: Record<string, unknown>, theirs: Record<string, unknown>): string[] {
  const fields = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
  return [...fields].filter((f) => !STAMP_FIELDS.includes(f) && f in ours && !sameValue(ours[f], theirs[f]));
}

function pick(record: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, record[f] ?? null]));
}
