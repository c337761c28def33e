// Scenario: applying 10,000 pulled table items locally (decode + RemoteApply, pages of 500) against plain inserts of the same rows.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../main/db/database';
import { RemoteApply } from '../../main/services/remote-apply';
import type { TableItem } from '../../sync/attribute-values';
import { fromTableItem, type SyncedRecord, toTableItem } from '../../sync/item-mapping';
import { DEFAULT_PULL_PAGE_SIZE } from '../../sync/pull';
import { timePaired } from '../measure';
import { type BenchContext, type ResultRow, resultRow } from '../scenario';

/** 400 customers, 1,600 vehicles with one stage event each, 400 orders of 4 lines, 4,400 audit entries: 10,000 items. */
const SHAPE = { customers: 400, vehiclesPerCustomer: 4, auditEntries: 4_400 } as const;
export const PULLED_ITEMS = 10_000;

type Data = Record<string, unknown>;
type Item = { entity: SyncedRecord['entity']; key: Record<string, string>; data: Data };

/** Another device's day as table items, in feed order (parents first, as that device pushed them). */
export function feed(serial: number): TableItem[] {
  const at = new Date(Date.UTC(2026, 10, 30, 6, 0, serial)).toISOString();
  const by = 'Other Device CSR';
  const stamp = { version: 1, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by };
  const items: Item[] = [];
  const deviceId = uuidv7();
  for (let c = 0; c < SHAPE.customers; c++) {
    const customerId = uuidv7();
    const customer = { id: customerId, name: `Pulled Customer ${serial}-${c}`, company: null, email: null, phone: null, address: null };
    items.push({ entity: 'customer', key: { id: customerId }, data: { ...customer, preferredChannel: null, notes: null, ...stamp } });
    const vehicleIds: string[] = [];
    for (let v = 0; v < SHAPE.vehiclesPerCustomer; v++) {
      const id = uuidv7();
      vehicleIds.push(id);
      const vin = `PL${String(serial).padStart(4, '0')}${String(c * 10 + v).padStart(11, '0')}`;
      const vehicle = { id, vin, make: 'Toyota', model: 'Hilux', year: 2024, colour: 'White', originCountry: 'JP', originPort: 'Yokohama' };
      const common = { purchasePrice: 2_500_000, currency: 'USD', etaDelivery: null, onHold: false, holdReason: null };
      items.push({ entity: 'vehicle', key: { id }, data: { ...vehicle, ...common, stage: 'purchased', stageAt: at, ...stamp } });
      const eventId = uuidv7();
      const event = { id: eventId, vehicleId: id, stage: 'purchased', at, note: null, recordedBy: by, recordedAt: at };
      items.push({
        entity: 'stage_event',
        key: { vehicleId: id, id: eventId },
        data: { ...event, retractedAt: null, retractedBy: null, retractReason: null },
      });
    }
    const orderId = uuidv7();
    // The feed sorts an order's DETAILS before its VEHICLE# lines (same push time, then by key).
    const order = {
      id: orderId,
      orderId,
      orderNumber: `PS-2026-P${String(serial).padStart(3, '0')}${String(c).padStart(4, '0')}`,
      customerId,
      status: 'In Progress',
      totalVehicles: 4,
      completedVehicles: 0,
      orderValue: 10_000_000,
      currency: 'USD',
      progress: 0.1111,
      orderDate: at,
      targetCompletionDate: null,
      estimatedCompletionDate: null,
      actualCompletionDate: null,
      notes: null,
      cancelReason: null,
      cancelSnapshot: null,
      vehicles: vehicleIds,
    };
    items.push({ entity: 'order', key: { id: orderId }, data: { ...order, ...stamp } });
    for (const vehicleId of vehicleIds) {
      const link = { orderId, vehicleId, status: 'Active', price: 2_500_000, addedDate: at, notes: null, removedReason: null };
      items.push({
        entity: 'order_vehicle',
        key: { orderId, vehicleId },
        data: { ...link, removedDate: null, version: 1, updatedAt: at, updatedBy: by },
      });
    }
  }
  for (let seq = 1; seq <= SHAPE.auditEntries; seq++) {
    const id = uuidv7();
    const entry = { id, at, actorId: null, actorName: by, entityType: 'order', entityId: id, orderId: null, action: 'updated' };
    const chain = { deviceId, seq, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) };
    items.push({
      entity: 'audit',
      key: { id },
      data: { ...entry, changes: [{ field: 'notes', before: null, after: 'x' }], reason: null, origin: 'local', ...chain },
    });
  }
  if (items.length !== PULLED_ITEMS) throw new Error(`the pulled feed has ${items.length} items, not ${PULLED_ITEMS}`);
  return items.map((item) => toTableItem(item, { changedAt: at }));
}

/** The floor: the same rows from the decoded records, written by plain INSERTs in one transaction per page. No checks, no recompute. */
function plainInserts(db: Db): (records: readonly SyncedRecord[]) => void {
  const ins = (sql: string) => db.prepare(sql);
  const customer = ins(`INSERT INTO customers (id, name, search_text, version, created_at, created_by, updated_at, updated_by)
    VALUES (@id, @name, @name, @version, @createdAt, @createdBy, @updatedAt, @updatedBy)`);
  const vehicle = ins(`INSERT INTO vehicles (id, vin, make, model, year, colour, origin_country, origin_port, purchase_price, currency,
    stage, stage_at, search_text, version, created_at, created_by, updated_at, updated_by)
    VALUES (@id, @vin, @make, @model, @year, @colour, @originCountry, @originPort, @purchasePrice, @currency, @stage, @stageAt, @vin,
    @version, @createdAt, @createdBy, @updatedAt, @updatedBy)`);
  const stage = ins(`INSERT INTO vehicle_stage_events (id, vehicle_id, stage, at, note, recorded_by, recorded_at)
    VALUES (@id, @vehicleId, @stage, @at, @note, @recordedBy, @recordedAt)`);
  const order = ins(`INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency,
    progress, order_date, search_text, version, created_at, created_by, updated_at, updated_by)
    VALUES (@id, @orderNumber, @customerId, @status, @totalVehicles, @completedVehicles, @orderValue, @currency, @progress, @orderDate,
    @orderNumber, @version, @createdAt, @createdBy, @updatedAt, @updatedBy)`);
  const link = ins(`INSERT INTO order_vehicles (order_id, vehicle_id, status, price, added_date, version, updated_at, updated_by)
    VALUES (@orderId, @vehicleId, @status, @price, @addedDate, @version, @updatedAt, @updatedBy)`);
  const audit = ins(`INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason,
    origin, device_id, seq, prev_hash, hash) VALUES (@id, @at, @actorId, @actorName, @entityType, @entityId, @orderId, @action, @changes,
    @reason, @origin, @deviceId, @seq, @prevHash, @hash)`);
  const page = db.transaction((records: readonly SyncedRecord[]) => {
    for (const { entity, data } of records) {
      if (entity === 'customer') customer.run(data);
      else if (entity === 'vehicle') vehicle.run({ ...data, version: data.version });
      else if (entity === 'stage_event') stage.run(data);
      else if (entity === 'order') order.run(data);
      else if (entity === 'order_vehicle') link.run(data);
      else audit.run({ ...data, changes: JSON.stringify(data.changes) });
    }
  });
  return (records) => {
    for (let i = 0; i < records.length; i += DEFAULT_PULL_PAGE_SIZE) page.immediate(records.slice(i, i + DEFAULT_PULL_PAGE_SIZE));
  };
}

export function applyPulledScenario(ctx: BenchContext): ResultRow[] {
  const plan = { warmup: 1, iterations: Math.max(5, Math.round(10 * ctx.iterationScale)) };
  const runs = plan.warmup + plan.iterations;
  const feeds = Array.from({ length: runs * 2 }, (_, i) => feed(i + 1));
  const decoded = feeds.map((items) => items.map((item) => fromTableItem(item)).filter((r): r is SyncedRecord => r !== null));
  const store = new RemoteApply(ctx.services.deps, { emitEvents: false });
  const plain = plainInserts(ctx.db);
  let applied = 0;
  const [pulled, baseline] = timePaired(
    plan,
    ctx.memory,
    (i) => {
      const items = feeds[i * 2] ?? [];
      for (let p = 0; p < items.length; p += DEFAULT_PULL_PAGE_SIZE) {
        const page = items.slice(p, p + DEFAULT_PULL_PAGE_SIZE);
        const records = page.map((item) => fromTableItem(item)).filter((r): r is SyncedRecord => r !== null);
        const cursor = `2026-11-30T06:00:00.000Z#bench#${String(i).padStart(4, '0')}${String(p).padStart(6, '0')}`;
        applied += store.applyPulledPage({ shard: 0, records, cursor }).applied;
      }
    },
    (i) => plain(decoded[i * 2 + 1] ?? []),
  );
  if (applied !== runs * PULLED_ITEMS) throw new Error(`RemoteApply wrote ${applied} of ${runs * PULLED_ITEMS} pulled items`);
  const baselineName = 'pull: plain inserts of the same 10,000 rows (baseline)';
  const baselineRow = resultRow(baselineName, baseline, null);
  return [
    resultRow(
      'pull: apply 10,000 pulled items locally (decode, version check, pending check, derived recompute)',
      pulled,
      { metric: 'p50', maxMs: 1_000 },
      { name: baselineName, timing: baselineRow },
    ),
    baselineRow,
  ];
}
