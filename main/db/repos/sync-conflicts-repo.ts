// SQL for sync conflicts (migration 009): recorded by the merge step and rule checks, closed by a person's resolution.
import type { SyncedEntity } from '../../../core/domain/outbox';
import type { ConflictChoice, ConflictKind, SyncConflict } from '../../../core/domain/sync-conflict';
import type { Db } from '../database';
import { openOrderSql } from './open-orders-sql';

/**
 * A conflict as stored: what the Sync screen shows (without its label and whether it is editable,
 * worked out when read), with the authors and the resolver as user ids rather than names, the
 * item's outbox key and the change set it came from. Values are stored as JSON text.
 */
export interface ConflictRecord extends Omit<SyncConflict, 'label' | 'editable'> {
  itemKey: string;
  changeSetId: string | null;
}

interface ConflictRow {
  id: string;
  entity: string;
  entity_key: string;
  item_key: string;
  order_id: string | null;
  field: string;
  kind: string;
  base: string | null;
  mine: string | null;
  theirs: string | null;
  my_author: string | null;
  my_at: string | null;
  their_author: string | null;
  their_at: string | null;
  message: string;
  change_set_id: string | null;
  created_at: string;
  state: string;
  resolution: string | null;
  resolved_value: string | null;
  resolved_reason: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

function toRecord(r: ConflictRow): ConflictRecord {
  return {
    id: r.id,
    entity: r.entity as SyncedEntity,
    key: JSON.parse(r.entity_key) as Record<string, string>,
    itemKey: r.item_key,
    orderId: r.order_id,
    field: r.field,
    kind: r.kind as ConflictKind,
    base: parse(r.base),
    mine: parse(r.mine),
    theirs: parse(r.theirs),
    myAuthor: r.my_author,
    myAt: r.my_at,
    theirAuthor: r.their_author,
    theirAt: r.their_at,
    message: r.message,
    changeSetId: r.change_set_id,
    createdAt: r.created_at,
    state: r.state as ConflictRecord['state'],
    resolution: r.resolution as ConflictChoice | null,
    resolvedValue: parse(r.resolved_value),
    resolvedReason: r.resolved_reason,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
  };
}

export type NewConflict = Omit<ConflictRecord, 'state' | 'resolution' | 'resolvedValue' | 'resolvedReason' | 'resolvedBy' | 'resolvedAt'>;

export class SyncConflictsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly openStmt;
  private readonly openForStmt;
  private readonly countOpenStmt;
  private readonly resolveStmt;
  private readonly vehicleLinksStmt;
  private readonly orderVehiclesStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<
      Omit<ConflictRow, 'state' | 'resolution' | 'resolved_value' | 'resolved_reason' | 'resolved_by' | 'resolved_at'>
    >(
      `INSERT INTO sync_conflicts (id, entity, entity_key, item_key, order_id, field, kind, base, mine, theirs, my_author, my_at,
         their_author, their_at, message, change_set_id, created_at)
       VALUES (@id, @entity, @entity_key, @item_key, @order_id, @field, @kind, @base, @mine, @theirs, @my_author, @my_at,
         @their_author, @their_at, @message, @change_set_id, @created_at)`,
    );
    this.byIdStmt = db.prepare<[string], ConflictRow>(`SELECT * FROM sync_conflicts WHERE id = ?`);
    this.openStmt = db.prepare<[], ConflictRow>(`SELECT * FROM sync_conflicts WHERE state = 'open' ORDER BY created_at, id`);
    this.openForStmt = db.prepare<[string, string], ConflictRow>(
      `SELECT * FROM sync_conflicts WHERE item_key = ? AND field = ? AND state = 'open' LIMIT 1`,
    );
    this.countOpenStmt = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM sync_conflicts WHERE state = 'open'`);
    this.vehicleLinksStmt = db.prepare<[string], VehicleLinkRow>(
      `SELECT l.order_id, o.order_number, l.status, l.added_date, l.removed_date, ${openOrderSql('o')} AS order_open,
              v.vin, v.stage, v.stage_at
       FROM order_vehicles l JOIN orders o ON o.id = l.order_id JOIN vehicles v ON v.id = l.vehicle_id
       WHERE l.vehicle_id = ? ORDER BY o.order_number`,
    );
    this.orderVehiclesStmt = db.prepare<[string], { vehicle_id: string }>(`SELECT vehicle_id FROM order_vehicles WHERE order_id = ?`);
    // Only an open conflict closes: a second resolution of the same one changes nothing.
    this.resolveStmt = db.prepare<{
      id: string;
      resolution: string;
      resolved_value: string | null;
      resolved_reason: string | null;
      resolved_by: string;
      resolved_at: string;
    }>(
      `UPDATE sync_conflicts SET state = 'resolved', resolution = @resolution, resolved_value = @resolved_value,
         resolved_reason = @resolved_reason, resolved_by = @resolved_by, resolved_at = @resolved_at
       WHERE id = @id AND state = 'open'`,
    );
  }

  insert(c: NewConflict): void {
    this.insertStmt.run({
      id: c.id,
      entity: c.entity,
      entity_key: JSON.stringify(c.key),
      item_key: c.itemKey,
      order_id: c.orderId,
      field: c.field,
      kind: c.kind,
      base: json(c.base),
      mine: json(c.mine),
      theirs: json(c.theirs),
      my_author: c.myAuthor,
      my_at: c.myAt,
      their_author: c.theirAuthor,
      their_at: c.theirAt,
      message: c.message,
      change_set_id: c.changeSetId,
      created_at: c.createdAt,
    });
  }

  get(id: string): ConflictRecord | null {
    const row = this.byIdStmt.get(id);
    return row ? toRecord(row) : null;
  }

  open(): ConflictRecord[] {
    return this.openStmt.all().map(toRecord);
  }

  /** The open conflict on this record's field, if one is recorded (rule checks run after every merge and pull). */
  openFor(itemKey: string, field: string): ConflictRecord | null {
    const row = this.openForStmt.get(itemKey, field);
    return row ? toRecord(row) : null;
  }

  countOpen(): number {
    return this.countOpenStmt.get()?.n ?? 0;
  }

  /** Closes an open conflict; false when it was already resolved. */
  resolve(id: string, r: { resolution: ConflictChoice; value: unknown; reason: string | null; by: string; at: string }): boolean {
    return (
      this.resolveStmt.run({
        id,
        resolution: r.resolution,
        resolved_value: r.resolution === 'edit' ? json(r.value) : null,
        resolved_reason: r.reason,
        resolved_by: r.by,
        resolved_at: r.at,
      }).changes === 1
    );
  }

  /** Every order line of the vehicle with its order and the vehicle's stage: what the rule checks after a merge or pull read. */
  vehicleLinks(vehicleId: string): VehicleLink[] {
    return this.vehicleLinksStmt.all(vehicleId).map((r) => ({
      orderId: r.order_id,
      orderNumber: r.order_number,
      status: r.status,
      addedDate: r.added_date,
      removedDate: r.removed_date,
      orderOpen: r.order_open === 1,
      vin: r.vin,
      stage: r.stage,
      stageAt: r.stage_at,
    }));
  }

  /** The vehicles on an order's lines, removed ones included. */
  vehiclesOfOrder(orderId: string): string[] {
    return this.orderVehiclesStmt.all(orderId).map((r) => r.vehicle_id);
  }
}

interface VehicleLinkRow {
  order_id: string;
  order_number: string;
  status: string;
  added_date: string;
  removed_date: string | null;
  order_open: number;
  vin: string;
  stage: string;
  stage_at: string | null;
}

export interface VehicleLink {
  orderId: string;
  orderNumber: string;
  status: string;
  addedDate: string;
  removedDate: string | null;
  orderOpen: boolean;
  vin: string;
  stage: string;
  stageAt: string | null;
}
