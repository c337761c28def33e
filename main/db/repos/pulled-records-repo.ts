// SQL for writing pulled records: version-guarded upserts per entity, records waiting for their parent row, and the pull cursors.
import { outboxItemKey, type SyncedEntity } from '../../../core/domain/outbox';
import type { Db } from '../database';
import { COMMUNICATION_COLUMNS, COMMUNICATION_DELIVERY_COLUMNS, fromCommunication } from './communications-repo';
import { CUSTOMER_COLUMN_NAMES, fromCustomer } from './customers-repo';
import { FOLLOWER_COLUMNS, fromFollowerRecord } from './order-followers-repo';
import { fromLinkRecord, fromOrderRecord } from './orders-repo';
import {
  auditEntryOf,
  communicationOf,
  customerOf,
  followerOf,
  linkOf,
  orderOf,
  paymentOf,
  PulledRecordError,
  type RemoteRecord,
  stageEventOf,
  templateOf,
  taskOf,
  vehicleOf,
} from './pulled-record-fields';
import { fromPayment } from './payments-repo';
import { fromTemplate, TEMPLATE_COLUMNS } from './templates-repo';
import { fromTask, TASK_COLUMNS } from './tasks-repo';
import { fromVehicleRecord } from './vehicles-repo';

/** What writing one pulled record did. */
export type PulledWrite =
  | { kind: 'applied' }
  /** The local row is at this version or newer (or the audit entry is already here). */
  | { kind: 'older' }
  /** A row it refers to is not here yet (`waitsFor`, e.g. `vehicle:<id>`): keep the record until it is. */
  | { kind: 'waiting'; waitsFor: string };

/** Settings key prefix of the per-shard cursors (`sync.pull.cursor.<shard>`). */
export const PULL_CURSOR_PREFIX = 'sync.pull.cursor.';

/** `INSERT ... ON CONFLICT DO UPDATE ... WHERE newer`: one statement, so a refused row leaves the transaction intact. */
function upsert(table: string, columns: readonly string[], key: readonly string[], options: { keep?: readonly string[] } = {}): string {
  const set = columns
    .filter((c) => !key.includes(c) && !(options.keep ?? []).includes(c))
    .map((c) => `${c}=excluded.${c}`)
    .join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
    ON CONFLICT(${key.join(', ')}) DO UPDATE SET ${set} WHERE excluded.version > ${table}.version`;
}

const CUSTOMER_COLUMNS: readonly string[] = CUSTOMER_COLUMN_NAMES;
const VEHICLE_COLUMNS = [
  'id',
  'vin',
  'make',
  'model',
  'year',
  'colour',
  'origin_country',
  'origin_port',
  'purchase_price',
  'currency',
  'stage',
  'stage_at',
  'eta_delivery',
  'on_hold',
  'hold_reason',
  'search_text',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted',
];
const ORDER_COLUMNS = [
  'id',
  'order_number',
  'customer_id',
  'status',
  'total_vehicles',
  'completed_vehicles',
  'order_value',
  'currency',
  'progress',
  'order_date',
  'target_completion_date',
  'estimated_completion_date',
  'actual_completion_date',
  'notes',
  'cancel_reason',
  'cancel_snapshot',
  'assignee_id',
  'search_text',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted',
];
const LINK_COLUMNS = [
  'order_id',
  'vehicle_id',
  'status',
  'price',
  'added_date',
  'notes',
  'removed_reason',
  'removed_date',
  'version',
  'updated_at',
  'updated_by',
];

/** The statements pull writes with; every write is one statement (no read-modify-write). */
export class PulledRecordsRepo {
  readonly upsertCustomer;
  readonly upsertVehicle;
  readonly upsertOrder;
  readonly upsertLink;
  readonly upsertStageEvent;
  readonly upsertFollower;
  readonly insertAudit;
  readonly insertPayment;
  readonly upsertTemplate;
  readonly upsertCommunication;
  readonly upsertTask;
  private readonly existsStmts: Record<'customer' | 'vehicle' | 'order', ReturnType<Db['prepare']>>;
  private readonly putWaitingStmt;
  private readonly waitingForStmt;
  private readonly dropWaitingStmt;
  private readonly allWaitingStmt;
  private readonly anyWaitingStmt;
  private readonly cursorsStmt;
  private readonly putSettingStmt;
  private readonly ordersOfVehicleStmt;
  private readonly updateDerivedStmt;
  private readonly setVehicleStageStmt;
  private readonly vehicleCreatedAtStmt;

  constructor(db: Db) {
    this.upsertCustomer = db.prepare(upsert('customers', CUSTOMER_COLUMNS, ['id']));
    this.upsertVehicle = db.prepare(upsert('vehicles', VEHICLE_COLUMNS, ['id']));
    // The search text follows from the lines, which may arrive later: the derived pass writes it.
    this.upsertOrder = db.prepare(upsert('orders', ORDER_COLUMNS, ['id'], { keep: ['search_text'] }));
    this.upsertLink = db.prepare(upsert('order_vehicles', LINK_COLUMNS, ['order_id', 'vehicle_id']));
    this.upsertTemplate = db.prepare(upsert('message_templates', TEMPLATE_COLUMNS, ['id']));
    this.upsertFollower = db.prepare(upsert('order_followers', FOLLOWER_COLUMNS, ['order_id', 'user_id']));
    // A stage event changes once, by its retraction (version 2): only an unretracted row takes it.
    this.upsertStageEvent = db.prepare(
      `INSERT INTO vehicle_stage_events (id, vehicle_id, stage, at, note, recorded_by, recorded_at, retracted_at, retracted_by, retract_reason)
       VALUES (@id, @vehicle_id, @stage, @at, @note, @recorded_by, @recorded_at, @retracted_at, @retracted_by, @retract_reason)
       ON CONFLICT(id) DO UPDATE SET retracted_at=excluded.retracted_at, retracted_by=excluded.retracted_by,
         retract_reason=excluded.retract_reason
       WHERE vehicle_stage_events.retracted_at IS NULL AND excluded.retracted_at IS NOT NULL`,
    );
    // Append-only: an entry already here is left alone; a different entry at the same (device, seq) is refused by the index.
    this.insertAudit = db.prepare(
      `INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin,
         device_id, seq, prev_hash, hash)
       VALUES (@id, @at, @actor_id, @actor_name, @entity_type, @entity_id, @order_id, @action, @changes, @reason, @origin,
         @device_id, @seq, @prev_hash, @hash)
       ON CONFLICT(id) DO NOTHING`,
    );
    // Append-only like audit entries: a payment already here is left alone.
    this.insertPayment = db.prepare(
      `INSERT INTO payments (id, order_id, kind, amount, currency, method, reference, paid_at, recorded_at, recorded_by)
       VALUES (@id, @order_id, @kind, @amount, @currency, @method, @reference, @paid_at, @recorded_at, @recorded_by)
       ON CONFLICT(id) DO NOTHING`,
    );
    this.upsertCommunication = db.prepare(
      upsert('communications', COMMUNICATION_COLUMNS, ['id'], {
        keep: COMMUNICATION_COLUMNS.filter((c) => !COMMUNICATION_DELIVERY_COLUMNS.includes(c)),
      }),
    );
    this.upsertTask = db.prepare(upsert('tasks', TASK_COLUMNS, ['id']));
    this.existsStmts = {
      customer: db.prepare(`SELECT 1 FROM customers WHERE id = ?`),
      vehicle: db.prepare(`SELECT 1 FROM vehicles WHERE id = ?`),
      order: db.prepare(`SELECT 1 FROM orders WHERE id = ?`),
    };
    this.putWaitingStmt = db.prepare<{
      entity: string;
      item_key: string;
      record: string;
      waits_for: string | null;
      reason: string;
      at: string;
    }>(
      `INSERT INTO pulled_waiting (entity, item_key, record, waits_for, reason, pulled_at) VALUES (@entity, @item_key, @record, @waits_for, @reason, @at)
       ON CONFLICT(entity, item_key) DO UPDATE SET record=excluded.record, waits_for=excluded.waits_for, reason=excluded.reason,
         pulled_at=excluded.pulled_at
       WHERE coalesce(json_extract(excluded.record, '$.version'), 0) >= coalesce(json_extract(pulled_waiting.record, '$.version'), 0)`,
    );
    this.waitingForStmt = db.prepare<[string], { entity: string; item_key: string; record: string }>(
      `SELECT entity, item_key, record FROM pulled_waiting WHERE waits_for = ?`,
    );
    this.dropWaitingStmt = db.prepare<[string, string]>(`DELETE FROM pulled_waiting WHERE entity = ? AND item_key = ?`);
    this.allWaitingStmt = db.prepare<[], { record: string; waits_for: string | null; reason: string; pulled_at: string }>(
      `SELECT record, waits_for, reason, pulled_at FROM pulled_waiting ORDER BY pulled_at, entity, item_key`,
    );
    this.anyWaitingStmt = db.prepare<[], { n: number }>(`SELECT EXISTS (SELECT 1 FROM pulled_waiting) AS n`);
    this.cursorsStmt = db.prepare<[string, string], { key: string; value: string }>(
      `SELECT key, value FROM settings WHERE key >= ? AND key < ?`,
    );
    this.putSettingStmt = db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    this.ordersOfVehicleStmt = db.prepare<[string], { order_id: string }>(
      `SELECT DISTINCT order_id FROM order_vehicles WHERE vehicle_id = ?`,
    );
    this.updateDerivedStmt = db.prepare<{
      id: string;
      total_vehicles: number;
      completed_vehicles: number;
      order_value: number;
      progress: number;
      estimated_completion_date: string | null;
      status: string;
      actual_completion_date: string | null;
      search_text: string;
    }>(
      `UPDATE orders SET total_vehicles=@total_vehicles, completed_vehicles=@completed_vehicles, order_value=@order_value,
         progress=@progress, estimated_completion_date=@estimated_completion_date, status=@status,
         actual_completion_date=@actual_completion_date, search_text=@search_text
       WHERE id=@id`,
    );
    this.vehicleCreatedAtStmt = db.prepare<[string], { created_at: string }>(`SELECT created_at FROM vehicles WHERE id = ?`);
    this.setVehicleStageStmt = db.prepare<{ id: string; stage: string; stage_at: string | null }>(
      `UPDATE vehicles SET stage=@stage, stage_at=@stage_at WHERE id=@id AND (stage IS NOT @stage OR stage_at IS NOT @stage_at)`,
    );
  }

  exists(kind: 'customer' | 'vehicle' | 'order', id: string): boolean {
    return this.existsStmts[kind].get(id) !== undefined;
  }

  /** Keeps a record for later: waiting for `waitsFor`, or refused (null) with the reason. */
  putWaiting(record: RemoteRecord, waitsFor: string | null, reason: string, at: string): void {
    this.putWaitingStmt.run({
      entity: record.entity,
      item_key: outboxItemKey(record.entity, record.key),
      record: JSON.stringify(record),
      waits_for: waitsFor,
      reason,
      at,
    });
  }

  /** The records waiting for a row (e.g. `vehicle:<id>`), taken out: the caller writes them or puts them back. */
  takeWaitingFor(parentKey: string): RemoteRecord[] {
    const rows = this.waitingForStmt.all(parentKey);
    for (const row of rows) this.dropWaitingStmt.run(row.entity, row.item_key);
    return rows.map((r) => JSON.parse(r.record) as RemoteRecord);
  }

  dropWaiting(entity: SyncedEntity, key: Readonly<Record<string, string>>): void {
    this.dropWaitingStmt.run(entity, outboxItemKey(entity, key));
  }

  /** Whether any record is kept back: when none is, a page skips the per-record lookups for released ones. */
  hasWaiting(): boolean {
    return this.anyWaitingStmt.get()?.n === 1;
  }

  /** Every record kept back, oldest first: waiting for a row, or refused with why. */
  waiting(): { record: RemoteRecord; waitsFor: string | null; reason: string; pulledAt: string }[] {
    return this.allWaitingStmt.all().map((r) => ({
      record: JSON.parse(r.record) as RemoteRecord,
      waitsFor: r.waits_for,
      reason: r.reason,
      pulledAt: r.pulled_at,
    }));
  }

  cursors(): Record<number, string> {
    const out: Record<number, string> = {};
    for (const row of this.cursorsStmt.all(PULL_CURSOR_PREFIX, `${PULL_CURSOR_PREFIX.slice(0, -1)}/`)) {
      const shard = Number(row.key.slice(PULL_CURSOR_PREFIX.length));
      if (Number.isSafeInteger(shard) && shard >= 0) out[shard] = row.value;
    }
    return out;
  }

  saveCursor(shard: number, cursor: string): void {
    this.putSettingStmt.run(`${PULL_CURSOR_PREFIX}${shard}`, cursor);
  }

  ordersOfVehicle(vehicleId: string): string[] {
    return this.ordersOfVehicleStmt.all(vehicleId).map((r) => r.order_id);
  }

  updateDerived(row: Parameters<typeof this.updateDerivedStmt.run>[0]): void {
    this.updateDerivedStmt.run(row);
  }

  vehicleCreatedAt(id: string): string | null {
    return this.vehicleCreatedAtStmt.get(id)?.created_at ?? null;
  }

  setVehicleStage(id: string, stage: string, stageAt: string | null): boolean {
    return this.setVehicleStageStmt.run({ id, stage, stage_at: stageAt }).changes > 0;
  }
}

const TOMBSTONE_REASON = 'Deleted on another device.';

/** The first row the record refers to that is not here yet, as `<entity>:<id>`; null when all are. */
function missingParent(repo: PulledRecordsRepo, record: RemoteRecord): string | null {
  const { data } = record;
  const need: ['customer' | 'vehicle' | 'order', unknown][] = [];
  if (record.entity === 'order' && typeof data.customerId === 'string') need.push(['customer', data.customerId]);
  if (record.entity === 'order_vehicle') need.push(['order', data.orderId], ['vehicle', data.vehicleId]);
  if (record.entity === 'stage_event') need.push(['vehicle', data.vehicleId]);
  if (record.entity === 'payment') need.push(['order', data.orderId]);
  if (record.entity === 'communication') need.push(['order', data.orderId]);
  if (record.entity === 'task') {
    need.push(['order', data.orderId]);
    if (data.vehicleId !== null && data.vehicleId !== undefined) need.push(['vehicle', data.vehicleId]);
  }
  if (record.entity === 'order_follower') need.push(['order', data.orderId]);
  for (const [kind, id] of need) {
    if (typeof id !== 'string') throw new PulledRecordError(`${kind}Id`, `The pulled ${record.entity} names no ${kind}.`);
    if (!repo.exists(kind, id)) return `${kind}:${id}`;
  }
  return null;
}

/**
 * Writes one pulled record into its local row, if its version is newer than the row's: the
 * record -> row writer pull uses, and the one a merge step reuses to write a settled record.
 * Tombstones soft-delete (a line becomes Removed, a stage event retracted: neither has a delete
 * flag, and both stay in the history). Writes no audit entry and no outbox change set; the
 * caller checks pending local changes first and recomputes derived fields after. Throws
 * PulledRecordError (a field that does not fit) or SQLite's error (a duplicate VIN): the row
 * is then untouched and the transaction usable.
 */
export function writePulledRecord(repo: PulledRecordsRepo, record: RemoteRecord): PulledWrite {
  const parent = missingParent(repo, record);
  if (parent) return { kind: 'waiting', waitsFor: parent };
  const deleted = record.deleted ? 1 : 0;
  let changes: number;
  switch (record.entity) {
    case 'customer': {
      // A merged customer travels as a live record naming its target: it is a tombstone here too.
      const customer = customerOf(record);
      changes = repo.upsertCustomer.run({ ...fromCustomer(customer), deleted: deleted || (customer.mergedInto ? 1 : 0) }).changes;
      break;
    }
    case 'vehicle':
      changes = repo.upsertVehicle.run({ ...fromVehicleRecord(vehicleOf(record)), deleted }).changes;
      break;
    case 'template':
      changes = repo.upsertTemplate.run(fromTemplate(templateOf(record), record.deleted)).changes;
      break;
    case 'order': {
      const order = orderOf(record);
      changes = repo.upsertOrder.run({ ...fromOrderRecord({ ...order, searchText: order.orderNumber.toLowerCase() }), deleted }).changes;
      break;
    }
    case 'order_vehicle': {
      const link = linkOf(record);
      const removed = record.deleted && link.status !== 'Removed';
      const row = removed
        ? {
            ...link,
            status: 'Removed' as const,
            removedReason: link.removedReason ?? TOMBSTONE_REASON,
            removedDate: link.removedDate ?? link.updatedAt,
          }
        : link;
      changes = repo.upsertLink.run(fromLinkRecord(row)).changes;
      break;
    }
    case 'order_follower': {
      // No delete flag: a tombstone stops the following, the row stays.
      const follower = followerOf(record);
      changes = repo.upsertFollower.run(fromFollowerRecord(record.deleted ? { ...follower, following: false } : follower)).changes;
      break;
    }
    case 'stage_event': {
      const e = stageEventOf(record);
      const retracted =
        record.deleted && e.retractedAt === null
          ? { ...e, retractedAt: e.recordedAt, retractedBy: e.recordedBy, retractReason: TOMBSTONE_REASON }
          : e;
      changes = repo.upsertStageEvent.run({
        id: retracted.id,
        vehicle_id: retracted.vehicleId,
        stage: retracted.stage,
        at: retracted.at,
        note: retracted.note,
        recorded_by: retracted.recordedBy,
        recorded_at: retracted.recordedAt,
        retracted_at: retracted.retractedAt,
        retracted_by: retracted.retractedBy,
        retract_reason: retracted.retractReason,
      }).changes;
      break;
    }
    case 'payment':
      changes = repo.insertPayment.run(fromPayment(paymentOf(record))).changes;
      break;
    case 'communication':
      // Content never changes, so a newer version only moves the delivery fields; a tombstone is never written for it.
      changes = repo.upsertCommunication.run(fromCommunication(communicationOf(record))).changes;
      break;
    case 'task':
      changes = repo.upsertTask.run({ ...fromTask(taskOf(record)), deleted }).changes;
      break;
    case 'audit': {
      const a = auditEntryOf(record);
      changes = repo.insertAudit.run({
        id: a.id,
        at: a.at,
        actor_id: a.actorId,
        actor_name: a.actorName,
        entity_type: a.entityType,
        entity_id: a.entityId,
        order_id: a.orderId,
        action: a.action,
        changes: JSON.stringify(a.changes),
        reason: a.reason,
        origin: a.origin,
        device_id: a.deviceId,
        seq: a.seq,
        prev_hash: a.prevHash,
        hash: a.hash,
      }).changes;
      break;
    }
  }
  return changes > 0 ? { kind: 'applied' } : { kind: 'older' };
}
