// Scenario 1: create a 20-vehicle order through OrdersService.create against raw inserts of the same rows.
import { v7 as uuidv7 } from 'uuid';
import type { OrderCreateInput } from '../../core/domain/order';
import type { Db } from '../../main/db/database';
import type { Actor } from '../../main/services/unit-of-work';
import type { StockVehicle } from '../generate';
import { timePaired } from '../measure';
import { type BenchContext, type ResultRow, resultRow, scaled } from '../scenario';

const VEHICLES_PER_ORDER = 20;
const ACTOR_ID = '0190a1b2-0000-7000-8000-00000000c5a1';
const ACTOR: Actor = { id: ACTOR_ID, name: 'Casey Morgan' };

/**
 * The floor any implementation pays: the same rows (order, 20 links, the creator following it,
 * 22 audit entries, one outbox change set with the same items) built from data already at hand and written with
 * raw prepared statements in one transaction. No reads, no rules, no diffing.
 */
function rawInserts(db: Db): (vehicles: readonly StockVehicle[], customerId: string, serial: number) => void {
  const insertOrder = db.prepare(
    `INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency, progress,
     order_date, target_completion_date, estimated_completion_date, actual_completion_date, notes, cancel_reason, search_text,
     version, created_at, created_by, updated_at, updated_by, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)`,
  );
  const insertLink = db.prepare(
    `INSERT INTO order_vehicles (order_id, vehicle_id, status, price, added_date, notes, removed_reason, removed_date, version,
     updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertAudit = db.prepare(
    `INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin)
     VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertOutbox = db.prepare(`INSERT INTO outbox (id, created_at, actor_id, operation, items) VALUES (?,?,?,?,?)`);
  const insertFollower = db.prepare(
    `INSERT INTO order_followers (order_id, user_id, following, version, updated_at, updated_by) VALUES (?,?,1,1,?,?)`,
  );
  return db.transaction((vehicles: readonly StockVehicle[], customerId: string, serial: number) => {
    const now = new Date().toISOString();
    const orderId = uuidv7();
    const orderNumber = `PB-${now.slice(0, 4)}-${String(serial).padStart(5, '0')}`;
    const items: unknown[] = [];
    const audit = (entityType: string, entityId: string, action: string, changes: unknown[]): void => {
      const entry = { id: uuidv7(), at: now, actorId: ACTOR.id, actorName: ACTOR.name, entityType, entityId, orderId, action, changes };
      insertAudit.run(entry.id, now, ACTOR.id, ACTOR.name, entityType, entityId, orderId, action, JSON.stringify(changes), null, 'local');
      items.push({
        entity: 'audit',
        key: { id: entry.id },
        baseVersion: null,
        baseFields: null,
        data: { ...entry, reason: null, origin: 'local' },
      });
    };
    let value = 0;
    const search = [orderNumber];
    for (const v of vehicles) {
      value += v.price;
      search.push(v.vin, v.make, v.model);
    }
    const order = {
      id: orderId,
      orderNumber,
      customerId,
      status: 'Draft',
      totalVehicles: vehicles.length,
      completedVehicles: 0,
      orderValue: value,
      currency: 'USD',
      progress: 0,
      orderDate: now,
      targetCompletionDate: null,
      estimatedCompletionDate: null,
      actualCompletionDate: null,
      notes: null,
      cancelReason: null,
      version: 1,
      createdAt: now,
      createdBy: ACTOR_ID,
      updatedAt: now,
      updatedBy: ACTOR_ID,
    };
    insertOrder.run(
      orderId,
      orderNumber,
      customerId,
      'Draft',
      vehicles.length,
      0,
      value,
      'USD',
      0,
      now,
      null,
      null,
      null,
      null,
      null,
      search.join(' ').toLowerCase(),
      1,
      now,
      ACTOR_ID,
      now,
      ACTOR_ID,
    );
    for (const v of vehicles) {
      insertLink.run(orderId, v.id, 'Added', v.price, now, null, null, null, 1, now, ACTOR_ID);
      const link = {
        orderId,
        vehicleId: v.id,
        status: 'Added',
        price: v.price,
        addedDate: now,
        notes: null,
        removedReason: null,
        removedDate: null,
        version: 1,
        updatedAt: now,
        updatedBy: ACTOR_ID,
      };
      audit('order_vehicle', `${orderId}/${v.id}`, 'vehicle_added', [
        { field: 'vin', before: null, after: v.vin },
        { field: 'status', before: null, after: 'Added' },
        { field: 'price', before: null, after: v.price },
      ]);
      items.push({ entity: 'order_vehicle', key: { orderId, vehicleId: v.id }, baseVersion: null, baseFields: null, data: link });
    }
    audit('order', orderId, 'created', [
      { field: 'status', before: null, after: 'Draft' },
      { field: 'customerId', before: null, after: customerId },
      { field: 'currency', before: null, after: 'USD' },
      { field: 'totalVehicles', before: null, after: vehicles.length },
      { field: 'orderValue', before: null, after: value },
    ]);
    const data = { ...order, orderId, vehicles: vehicles.map((v) => v.id) };
    items.push({ entity: 'order', key: { id: orderId }, baseVersion: null, baseFields: null, data });
    insertFollower.run(orderId, ACTOR_ID, now, ACTOR_ID);
    audit('order_follower', `${orderId}/${ACTOR_ID}`, 'followed', [
      { field: 'userId', before: null, after: ACTOR_ID },
      { field: 'following', before: false, after: true },
    ]);
    const follower = { orderId, userId: ACTOR_ID, following: true, version: 1, updatedAt: now, updatedBy: ACTOR_ID };
    items.push({ entity: 'order_follower', key: { orderId, userId: ACTOR_ID }, baseVersion: null, baseFields: null, data: follower });
    insertOutbox.run(uuidv7(), now, ACTOR.id, 'bench.rawCreate', JSON.stringify(items));
  });
}

export function createOrderScenario(ctx: BenchContext): ResultRow[] {
  const plan = { warmup: 40, iterations: scaled(ctx, 600) };
  const orders = plan.warmup + plan.iterations;
  // Every iteration needs 20 vehicles in no open order: create them all up front, in stock.
  const stock = ctx.generator.stockVehicles(orders * 2 * VEHICLES_PER_ORDER, 'USD');
  const customerIds = ctx.db
    .prepare<[], { id: string }>(`SELECT id FROM customers ORDER BY id LIMIT 500`)
    .all()
    .map((r) => r.id);
  const customerOf = (i: number): string => customerIds[i % customerIds.length] ?? '';
  const batch = (i: number, side: 0 | 1): StockVehicle[] =>
    stock.slice((i * 2 + side) * VEHICLES_PER_ORDER, (i * 2 + side + 1) * VEHICLES_PER_ORDER);
  const inputs: OrderCreateInput[] = Array.from({ length: orders }, (_, i) => ({
    customerId: customerOf(i),
    currency: 'USD',
    vehicles: batch(i, 0).map((v) => ({ vehicleId: v.id, price: v.price })),
    notes: 'Fleet order for rental business.',
    estimatedCompletionDate: '2026-09-30',
  }));
  const raw = rawInserts(ctx.db);
  let createdId = '';
  const [service, baseline] = timePaired(
    plan,
    ctx.memory,
    (i) => {
      const input = inputs[i];
      if (input) createdId = ctx.services.orders.create(ACTOR, input).id;
    },
    (i) => raw(batch(i, 1), customerOf(i), i + 1),
  );
  assertCreateWrote(ctx.db, createdId);
  const baselineName = 'create: raw inserts of the same rows (baseline)';
  const baselineRow = resultRow(baselineName, baseline, null);
  return [
    resultRow(
      'create: order with 20 vehicles (OrdersService.create)',
      service,
      { metric: 'p50', maxMs: 2, maxRatio: 3 },
      {
        name: baselineName,
        timing: baselineRow,
      },
    ),
    baselineRow,
  ];
}

/** The measured call must have written what it promises: 20 links, 22 audit entries (the follow too), one change set of 44 items. */
function assertCreateWrote(db: Db, orderId: string): void {
  const count = (sql: string): number => db.prepare<[string], { n: number }>(sql).get(orderId)?.n ?? -1;
  const links = count(`SELECT count(*) AS n FROM order_vehicles WHERE order_id = ?`);
  const audits = count(`SELECT count(*) AS n FROM audit_entries WHERE order_id = ?`);
  const outbox = db
    .prepare<[], { items: string }>(`SELECT items FROM outbox WHERE operation = 'orders.create' ORDER BY seq DESC LIMIT 1`)
    .get();
  const items = outbox ? (JSON.parse(outbox.items) as unknown[]).length : -1;
  if (links !== 20 || audits !== 22 || items !== 44) {
    throw new Error(`OrdersService.create wrote ${links} links, ${audits} audit entries and ${items} outbox items`);
  }
}
