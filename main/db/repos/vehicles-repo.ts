// SQL for vehicles and their stage events: prepared statements only.
import type Database from 'better-sqlite3';
import type { Currency } from '../../../core/domain/money';
import type { ImportStage } from '../../../core/domain/stages';
import type { StageEvent, Vehicle } from '../../../core/domain/vehicle';
import type { Db } from '../database';
import { decodeCursor, encodeCursor, likePattern } from '../cursor';
import { openOrderSql } from './open-orders-sql';

export interface VehicleRow {
  id: string;
  vin: string;
  make: string;
  model: string;
  year: number;
  colour: string | null;
  origin_country: string | null;
  origin_port: string | null;
  purchase_price: number | null;
  currency: string | null;
  stage: string;
  stage_at: string | null;
  eta_delivery: string | null;
  on_hold: number;
  hold_reason: string | null;
  search_text: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted: number;
}

interface VehicleRowWithOrder extends VehicleRow {
  open_order_id: string | null;
  open_order_number: string | null;
}

interface ListParams {
  pattern: string | null;
  stage: string | null;
  after_key: string | null;
  after_id: string;
  limit: number;
}

interface StageEventRow {
  id: string;
  vehicle_id: string;
  stage: string;
  at: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
  retracted_at: string | null;
  retracted_by: string | null;
  retract_reason: string | null;
}

function toStageEvent(r: StageEventRow): StageEvent {
  return {
    id: r.id,
    vehicleId: r.vehicle_id,
    stage: r.stage as ImportStage,
    at: r.at,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    retractedAt: r.retracted_at,
    retractedBy: r.retracted_by,
    retractReason: r.retract_reason,
  };
}

export type VehicleRecord = Omit<Vehicle, 'openOrder'>;

export function vehicleSearchText(v: Pick<Vehicle, 'vin' | 'make' | 'model' | 'year' | 'colour'>): string {
  return [v.vin, v.make, v.model, v.year, v.colour].filter(Boolean).join(' ').toLowerCase();
}

function toVehicle(r: VehicleRowWithOrder): Vehicle {
  return {
    ...toVehicleRecord(r),
    openOrder: r.open_order_id && r.open_order_number ? { orderId: r.open_order_id, orderNumber: r.open_order_number } : null,
  };
}

export function toVehicleRecord(r: VehicleRow): VehicleRecord {
  return {
    id: r.id,
    vin: r.vin,
    make: r.make,
    model: r.model,
    year: r.year,
    colour: r.colour,
    originCountry: r.origin_country,
    originPort: r.origin_port,
    purchasePrice: r.purchase_price,
    currency: r.currency as Currency | null,
    stage: r.stage as ImportStage,
    stageAt: r.stage_at,
    etaDelivery: r.eta_delivery,
    onHold: r.on_hold === 1,
    holdReason: r.hold_reason,
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function fromVehicleRecord(v: VehicleRecord): VehicleRow {
  return {
    id: v.id,
    vin: v.vin,
    make: v.make,
    model: v.model,
    year: v.year,
    colour: v.colour,
    origin_country: v.originCountry,
    origin_port: v.originPort,
    purchase_price: v.purchasePrice,
    currency: v.currency,
    stage: v.stage,
    stage_at: v.stageAt,
    eta_delivery: v.etaDelivery,
    on_hold: v.onHold ? 1 : 0,
    hold_reason: v.holdReason,
    search_text: vehicleSearchText(v),
    version: v.version,
    created_at: v.createdAt,
    created_by: v.createdBy,
    updated_at: v.updatedAt,
    updated_by: v.updatedBy,
    deleted: 0,
  };
}

const COLUMNS =
  'id, vin, make, model, year, colour, origin_country, origin_port, purchase_price, currency, stage, stage_at, eta_delivery, on_hold, hold_reason, search_text, version, created_at, created_by, updated_at, updated_by, deleted';
const PARAMS = COLUMNS.split(', ')
  .map((c) => `@${c}`)
  .join(', ');
const V_COLUMNS = COLUMNS.split(', ')
  .map((c) => `v.${c}`)
  .join(', ');
/** The open order holding the vehicle: at most one by the order rules. */
const OPEN_ORDER_JOIN = `LEFT JOIN order_vehicles ov ON ov.vehicle_id = v.id AND ov.status != 'Removed'
  AND EXISTS (SELECT 1 FROM orders oo WHERE oo.id = ov.order_id AND ${openOrderSql('oo')})
  LEFT JOIN orders o ON o.id = ov.order_id`;

export class VehiclesRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly byVinStmt;
  private readonly listStatements = new Map<string, Database.Statement<ListParams, VehicleRowWithOrder>>();
  private readonly select: string;
  private readonly insertEventStmt;
  private readonly eventsStmt;
  private readonly latestEventStmt;
  private readonly retractEventStmt;
  private readonly setRetractionStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<VehicleRow>(`INSERT INTO vehicles (${COLUMNS}) VALUES (${PARAMS})`);
    this.updateStmt = db.prepare<VehicleRow>(
      `UPDATE vehicles SET vin=@vin, make=@make, model=@model, year=@year, colour=@colour, origin_country=@origin_country,
       origin_port=@origin_port, purchase_price=@purchase_price, currency=@currency, stage=@stage, stage_at=@stage_at,
       eta_delivery=@eta_delivery, on_hold=@on_hold, hold_reason=@hold_reason, search_text=@search_text, version=@version,
       updated_at=@updated_at, updated_by=@updated_by, deleted=@deleted WHERE id=@id`,
    );
    const select = `SELECT ${V_COLUMNS}, o.id AS open_order_id, o.order_number AS open_order_number FROM vehicles v ${OPEN_ORDER_JOIN}`;
    this.select = select;
    this.byIdStmt = db.prepare<[string], VehicleRowWithOrder>(`${select} WHERE v.id = ? AND v.deleted = 0`);
    this.byVinStmt = db.prepare<[string], VehicleRowWithOrder>(`${select} WHERE v.vin = ? AND v.deleted = 0`);
    this.insertEventStmt = db.prepare<StageEventRow>(
      `INSERT INTO vehicle_stage_events (id, vehicle_id, stage, at, note, recorded_by, recorded_at, retracted_at, retracted_by, retract_reason)
       VALUES (@id, @vehicle_id, @stage, @at, @note, @recorded_by, @recorded_at, @retracted_at, @retracted_by, @retract_reason)`,
    );
    this.eventsStmt = db.prepare<[string], StageEventRow>(
      `SELECT * FROM vehicle_stage_events WHERE vehicle_id = ? ORDER BY at, recorded_at, id`,
    );
    // The stage the vehicle is at is its latest event that still counts (ids are time-ordered UUIDv7).
    this.latestEventStmt = db.prepare<[string], StageEventRow>(
      `SELECT * FROM vehicle_stage_events WHERE vehicle_id = ? AND retracted_at IS NULL ORDER BY at DESC, recorded_at DESC, id DESC LIMIT 1`,
    );
    this.setRetractionStmt = db.prepare<{
      id: string;
      retracted_at: string | null;
      retracted_by: string | null;
      retract_reason: string | null;
    }>(
      `UPDATE vehicle_stage_events SET retracted_at=@retracted_at, retracted_by=@retracted_by, retract_reason=@retract_reason WHERE id=@id`,
    );
    this.retractEventStmt = db.prepare<{ id: string; retracted_at: string; retracted_by: string; retract_reason: string }>(
      `UPDATE vehicle_stage_events SET retracted_at=@retracted_at, retracted_by=@retracted_by, retract_reason=@retract_reason
       WHERE id=@id AND retracted_at IS NULL`,
    );
  }

  insert(v: VehicleRecord): void {
    this.insertStmt.run(fromVehicleRecord(v));
  }

  update(v: VehicleRecord): void {
    this.updateStmt.run(fromVehicleRecord(v));
  }

  get(id: string): Vehicle | null {
    const row = this.byIdStmt.get(id);
    return row ? toVehicle(row) : null;
  }

  getByVin(vin: string): Vehicle | null {
    const row = this.byVinStmt.get(vin);
    return row ? toVehicle(row) : null;
  }

  list(input: {
    query?: string | undefined;
    available?: boolean | undefined;
    stage?: ImportStage | undefined;
    limit: number;
    cursor?: string | undefined;
  }): { items: Vehicle[]; nextCursor: string | null } {
    const after = decodeCursor(input.cursor);
    const shape = {
      pattern: Boolean(input.query),
      stage: Boolean(input.stage),
      available: Boolean(input.available),
      cursor: after !== null,
    };
    const rows = this.listStatement(shape).all({
      pattern: input.query ? likePattern(input.query) : null,
      stage: input.stage ?? null,
      after_key: after?.sortKey ?? null,
      after_id: after?.id ?? '',
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toVehicle),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  /**
   * One prepared statement per filter shape (built from fixed fragments, values always bound),
   * so SQLite can use the stage index instead of an "(@x IS NULL OR ...)" scan.
   */
  private listStatement(shape: { pattern: boolean; stage: boolean; available: boolean; cursor: boolean }) {
    const key = JSON.stringify(shape);
    let stmt = this.listStatements.get(key);
    if (!stmt) {
      const where = ['v.deleted = 0'];
      if (shape.pattern) where.push("v.search_text LIKE @pattern ESCAPE '\\'");
      if (shape.stage) where.push('v.stage = @stage');
      if (shape.available) where.push("o.id IS NULL AND v.stage != 'delivered'");
      if (shape.cursor) where.push('(v.created_at, v.id) < (@after_key, @after_id)');
      stmt = this.db.prepare<ListParams, VehicleRowWithOrder>(
        `${this.select} WHERE ${where.join(' AND ')} ORDER BY v.created_at DESC, v.id DESC LIMIT @limit`,
      );
      this.listStatements.set(key, stmt);
    }
    return stmt;
  }

  insertStageEvent(e: StageEvent): void {
    this.insertEventStmt.run({
      id: e.id,
      vehicle_id: e.vehicleId,
      stage: e.stage,
      at: e.at,
      note: e.note,
      recorded_by: e.recordedBy,
      recorded_at: e.recordedAt,
      retracted_at: e.retractedAt,
      retracted_by: e.retractedBy,
      retract_reason: e.retractReason,
    });
  }

  /** Every stage event of the vehicle, oldest first, retracted ones included (they stay in the history). */
  stageEvents(vehicleId: string): StageEvent[] {
    return this.eventsStmt.all(vehicleId).map(toStageEvent);
  }

  /** The latest stage event that still counts, or null when none is left. */
  latestStageEvent(vehicleId: string): StageEvent | null {
    const row = this.latestEventStmt.get(vehicleId);
    return row ? toStageEvent(row) : null;
  }

  /** Marks an event retracted (never deletes it); false when it was already retracted. */
  retractStageEvent(id: string, at: string, by: string, reason: string): boolean {
    return this.retractEventStmt.run({ id, retracted_at: at, retracted_by: by, retract_reason: reason }).changes === 1;
  }

  /** Sets an event's retraction as the sync merge settled it (the other device's retraction kept over ours). */
  setRetraction(id: string, r: Pick<StageEvent, 'retractedAt' | 'retractedBy' | 'retractReason'>): void {
    this.setRetractionStmt.run({ id, retracted_at: r.retractedAt, retracted_by: r.retractedBy, retract_reason: r.retractReason });
  }
}
