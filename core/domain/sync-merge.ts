// Field-level three-way merge of one record after another device changed it first: base (our change's before-values), ours, theirs.
import type { SyncedEntity } from './outbox';

/**
 * Fields no person edits: recomputed on each side from the merged data (totals, progress,
 * automatic dates, the current vehicle list, the record's own version stamp), so a difference in
 * them is never a conflict. The merge takes theirs and the caller recomputes.
 */
export const DERIVED_FIELDS: Readonly<Record<SyncedEntity, readonly string[]>> = {
  order: [
    'totalVehicles',
    'completedVehicles',
    'orderValue',
    'progress',
    'estimatedCompletionDate',
    'actualCompletionDate',
    'vehicles',
    'searchText',
    'orderId',
  ],
  order_vehicle: [],
  // A vehicle's stage is the latest stage event that counts: events merge on their own.
  vehicle: ['stage', 'stageAt'],
  stage_event: [],
  customer: [],
  audit: [],
  // Append-only: a payment is never changed, so never merged.
  payment: [],
  template: [],
  // Content never changes; the delivery fields are advanced by the sending device only.
  communication: [],
  task: [],
  order_follower: [],
};

/** Every synced record's version stamp: set by whoever writes the merged record, never merged. */
export const STAMP_FIELDS: readonly string[] = ['version', 'updatedAt', 'updatedBy'];

/**
 * Fields that only make sense together with a lead field: they follow its outcome, and a
 * concurrent edit of the pair is one conflict (on the lead), not several.
 */
export const COMPANION_FIELDS: Readonly<Record<SyncedEntity, Readonly<Record<string, readonly string[]>>>> = {
  order: { cancelReason: ['cancelSnapshot'] },
  order_vehicle: { removedReason: ['removedDate'] },
  vehicle: { holdReason: ['onHold'] },
  stage_event: { retractReason: ['retractedAt', 'retractedBy'] },
  customer: {},
  audit: {},
  payment: {},
  template: {},
  communication: {},
  // Who completed a task goes with when.
  task: { doneAt: ['doneBy'] },
  order_follower: {},
};

/**
 * Order statuses the rules set on their own (In Progress once a vehicle is in process, Completed
 * when all are delivered): two sides disagreeing on one of these is settled by recomputing, not
 * by a person.
 */
export const AUTOMATIC_ORDER_STATUSES: readonly string[] = ['In Progress', 'Completed'];

export interface FieldConflict {
  field: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface RecordMerge {
  /** Theirs with our non-conflicting changes applied (derived and stamp fields as theirs: recompute them). */
  merged: Record<string, unknown>;
  /** Fields where ours was kept over a different value of theirs: what still has to reach the table. */
  ours: string[];
  /** Fields both sides changed to different values: theirs kept, a person decides. */
  conflicts: FieldConflict[];
}

/** Values compare as JSON with sorted keys: two records holding the same values are equal whatever their key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k] ?? null)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The companions of every lead, as "companion -> lead". */
function leadOf(entity: SyncedEntity): Map<string, string> {
  const out = new Map<string, string>();
  for (const [lead, companions] of Object.entries(COMPANION_FIELDS[entity])) for (const c of companions) out.set(c, lead);
  return out;
}

/**
 * Merges one record. `baseFields` holds the values before our change of exactly the fields we
 * changed (the outbox item's `baseFields`); a field not in it was not changed here, so theirs
 * stands. Changed only here -> ours; both to the same value -> no conflict; both to different
 * values -> theirs kept and a conflict. Derived and stamp fields are left as theirs.
 */
export function mergeRecord(
  entity: SyncedEntity,
  baseFields: Readonly<Record<string, unknown>> | null,
  ours: Readonly<Record<string, unknown>>,
  theirs: Readonly<Record<string, unknown>>,
): RecordMerge {
  const merged: Record<string, unknown> = { ...theirs };
  const kept: string[] = [];
  const conflicts: FieldConflict[] = [];
  const skip = new Set([...DERIVED_FIELDS[entity], ...STAMP_FIELDS]);
  const companionLead = leadOf(entity);
  const changed = new Set(Object.keys(baseFields ?? {}));
  // A companion changed without its lead is decided as its lead (e.g. onHold with holdReason).
  for (const field of [...changed]) {
    const lead = companionLead.get(field);
    if (lead) changed.add(lead);
  }
  for (const field of changed) {
    if (skip.has(field) || companionLead.has(field)) continue;
    const group = [field, ...(COMPANION_FIELDS[entity][field] ?? [])];
    // A field we did not change holds its value from before our change: our data is its base.
    const baseOf = (f: string): unknown => (baseFields && f in baseFields ? baseFields[f] : ours[f]);
    if (group.every((f) => sameValue(ours[f], theirs[f]))) continue; // both sides agree
    if (group.every((f) => sameValue(ours[f], baseOf(f)))) continue; // we wrote it back unchanged: theirs stands
    const theyChanged = group.some((f) => !sameValue(theirs[f], baseOf(f)));
    if (!theyChanged) {
      for (const f of group) merged[f] = ours[f] ?? null;
      kept.push(...group.filter((f) => !sameValue(ours[f], theirs[f])));
      continue;
    }
    const mine = ours[field] ?? null;
    const their = theirs[field] ?? null;
    // Both changed the pair the same way in substance (e.g. the same retraction reason): theirs stands.
    if (sameValue(mine, their)) continue;
    if (
      entity === 'order' &&
      field === 'status' &&
      [mine, their].some((s) => typeof s === 'string' && AUTOMATIC_ORDER_STATUSES.includes(s))
    ) {
      continue; // an automatic status: the rules recompute it from the merged vehicles
    }
    conflicts.push({ field, base: baseOf(field) ?? null, mine, theirs: their });
  }
  return { merged, ours: kept, conflicts };
}

/** A table item read back as the record the outbox carries (sync/item-mapping's SyncedRecord, as core sees it). */
export interface RemoteRecord {
  entity: SyncedEntity;
  key: Record<string, string>;
  data: Record<string, unknown>;
  /** The item's version; null for append-only items. */
  version: number | null;
  deleted: boolean;
}

/** Turns a parked change set's remote item (a plain table record) into a RemoteRecord; null for a kind this version does not know. */
export type RemoteRecordDecoder = (item: Record<string, unknown>) => RemoteRecord | null;
