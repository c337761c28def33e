// Replays the planned history oldest first, as the services would have written it: stage events, payments, messages, audit, outbox.
import { v7 as uuidv7 } from 'uuid';
import type { FieldChange } from '../core/domain/audit';
import { diffFields } from '../core/domain/audit';
import type { CommunicationEntry } from '../core/domain/communication';
import type { Payment } from '../core/domain/payment';
import { SYSTEM_USER_ID, SYSTEM_USER_NAME } from '../core/domain/people';
import { IMPORT_STAGES, STAGE_LABELS } from '../core/domain/stages';
import { ChainSettings } from '../main/db/audit-chain';
import type { Db } from '../main/db/database';
import { type HistoryEvent, HistoryKind, type HistoryLog, type HistOrder } from './history-log';
import {
  AUDITED_VEHICLE_FIELDS,
  draftRow,
  finishOrder,
  type Fleet,
  type OrderState,
  recordLink,
  snapshotOf,
  type VehicleState,
  vehicleRecord,
} from './history-records';
import { communicationEntry, insertCommunication } from './history-messages';
import { type Actor, TrailWriter } from './trail-writer';

const EVENTS_PER_TRANSACTION = 10_000;
const SYSTEM: Actor = { id: SYSTEM_USER_ID, name: SYSTEM_USER_NAME };

export interface ReplayReport {
  stageEvents: number;
  auditEntries: number;
  changeSets: number;
  payments: number;
  communications: number;
  followers: number;
  /** Orders whose replayed status differs from the planned one (a generator bug when not 0). */
  statusMismatches: number;
  /** Per kind of service call: how many were replayed and the time spent writing them (commits apart). */
  calls: Record<string, { count: number; ms: number }>;
  /** Committing the chunks and settling the order rows. */
  commitMs: number;
}

/** The service call each history kind replays, by HistoryKind value. */
const CALL_NAMES = [
  'vehicles.create',
  'vehicles.recordStage',
  'orders.create',
  'orders.update (confirm)',
  'orders.removeVehicle',
  'orders.update (cancel)',
  'payments.record',
  'communication.log',
  'communication.deliver',
];

/** The rows the history writes besides the trail; shared with the rows-only writer (history-rows.ts). */
export function historyStatements(db: Db) {
  return {
    event: db.prepare(
      `INSERT INTO vehicle_stage_events (id, vehicle_id, stage, at, note, recorded_by, recorded_at) VALUES (?,?,?,?,NULL,?,?)`,
    ),
    payment: db.prepare(
      `INSERT INTO payments (id, order_id, kind, amount, currency, method, reference, paid_at, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?,?,?)`,
    ),
    communication: db.prepare(
      `INSERT INTO communications (id, order_id, customer_id, channel, direction, subject, body, vehicle_ids, to_address, delivery_status,
       message_id, attempts, created_at, created_by, version, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,'[]',?,?,?,?,?,?,?,?,?)`,
    ),
    follower: db.prepare(
      `INSERT INTO order_followers (order_id, user_id, following, version, updated_at, updated_by) VALUES (?,?,1,1,?,?)`,
    ),
    finalOrder: db.prepare(
      `UPDATE orders SET version = ?, updated_at = ?, updated_by = ?, actual_completion_date = ?, cancel_snapshot = ?, total_vehicles = ?,
       completed_vehicles = ?, progress = ?, estimated_completion_date = ? WHERE id = ?`,
    ),
    finalLink: db.prepare(
      `UPDATE order_vehicles SET version = ?, updated_at = ?, updated_by = ?, removed_date = ? WHERE order_id = ? AND vehicle_id = ?`,
    ),
  };
}

export class HistoryReplay {
  private readonly trail: TrailWriter;
  private readonly fleet: Fleet;
  private readonly states: VehicleState[];
  private readonly orders: (OrderState | undefined)[];
  private readonly stmt: ReturnType<typeof historyStatements>;
  private readonly deviceId: string;
  private readonly counts = { stageEvents: 0, payments: 0, communications: 0, followers: 0 };

  constructor(
    private readonly db: Db,
    private readonly log: HistoryLog,
    private readonly csrs: readonly Actor[],
    private readonly manager: Actor,
  ) {
    this.trail = new TrailWriter(db);
    this.states = log.vehicles.map((v) => ({ stage: 0, stageAt: v.createdAt, version: 1, updatedAt: v.createdAt, updatedBy: v.createdBy }));
    this.fleet = { vehicles: log.vehicles, states: this.states };
    this.orders = log.orders.map(() => undefined);
    this.deviceId = new ChainSettings(db).deviceId();
    this.stmt = historyStatements(db);
  }

  run(): ReplayReport {
    const started = performance.now();
    const order = this.log.oldestFirst();
    const spent = CALL_NAMES.map(() => 0);
    const count = CALL_NAMES.map(() => 0);
    const chunk = this.db.transaction((from: number, to: number) => {
      for (let k = from; k < to; k++) {
        const e = this.log.at(order[k] ?? 0);
        const t = performance.now();
        this.apply(e);
        spent[e.kind] = (spent[e.kind] ?? 0) + performance.now() - t;
        count[e.kind] = (count[e.kind] ?? 0) + 1;
      }
      this.trail.saveHead();
    });
    for (let k = 0; k < order.length; k += EVENTS_PER_TRANSACTION) chunk(k, Math.min(order.length, k + EVENTS_PER_TRANSACTION));
    const statusMismatches = this.db.transaction(() => this.settleOrderRows())();
    const calls = Object.fromEntries(CALL_NAMES.map((name, i) => [name, { count: count[i] ?? 0, ms: spent[i] ?? 0 }]));
    const commitMs = performance.now() - started - spent.reduce((a, b) => a + b, 0);
    return { ...this.counts, auditEntries: this.trail.entries, changeSets: this.trail.changeSets, statusMismatches, calls, commitMs };
  }

  private apply(e: HistoryEvent): void {
    switch (e.kind) {
      case HistoryKind.VehicleCreated:
        return this.vehicleCreated(e);
      case HistoryKind.Stage:
        return this.stageRecorded(e);
      case HistoryKind.OrderCreated:
        return this.orderCreated(e);
      case HistoryKind.OrderConfirmed:
        return this.orderUpdated(e, 'confirmed');
      case HistoryKind.OrderCancelled:
        return this.orderUpdated(e, 'cancelled');
      case HistoryKind.VehicleRemoved:
        return this.vehicleRemoved(e);
      case HistoryKind.Payment:
        return this.paymentRecorded(e);
      case HistoryKind.CommunicationLogged:
        return this.communicationLogged(e);
      case HistoryKind.EmailSent:
        return this.emailSent(e);
    }
  }

  private csrOf(o: HistOrder): Actor {
    return this.csrs[o.csr] ?? SYSTEM;
  }

  private vehicleCreated(e: HistoryEvent): void {
    const v = this.log.vehicles[e.subject];
    const s = this.states[e.subject];
    if (!v || !s) return;
    const actor = this.csrs.find((c) => c.id === v.createdBy) ?? SYSTEM;
    const cs = this.trail.begin(e.time, actor, 'vehicles.create');
    const record = vehicleRecord(v, s);
    cs.audit({
      entityType: 'vehicle',
      entityId: v.id,
      orderId: null,
      action: 'created',
      changes: diffFields(null, record, AUDITED_VEHICLE_FIELDS),
    });
    cs.outbox({ entity: 'vehicle', key: { id: v.id }, baseVersion: null, baseFields: null, data: record });
    cs.commit();
  }

  /** vehicles.recordStage: the event, the vehicle's new stage, and its open order re-evaluated in the same call. */
  private stageRecorded(e: HistoryEvent): void {
    const v = this.log.vehicles[e.subject];
    const s = this.states[e.subject];
    if (!v || !s) return;
    const actor = this.csrs[e.by] ?? SYSTEM;
    const cs = this.trail.begin(e.time, actor, 'vehicles.recordStage');
    const stage = IMPORT_STAGES[e.detail] ?? 'pending';
    const event = {
      id: uuidv7({ msecs: Math.floor(e.time) }),
      vehicleId: v.id,
      stage,
      at: cs.now,
      note: null,
      recordedBy: actor.id,
      recordedAt: cs.now,
      retractedAt: null,
      retractedBy: null,
      retractReason: null,
    };
    this.stmt.event.run(event.id, v.id, stage, cs.now, actor.id, cs.now);
    this.counts.stageEvents++;
    const before = vehicleRecord(v, s);
    Object.assign(s, { stage: e.detail, stageAt: cs.now, version: s.version + 1, updatedAt: cs.now, updatedBy: actor.id });
    const after = vehicleRecord(v, s);
    const changes = diffFields(before, after, AUDITED_VEHICLE_FIELDS);
    const open = this.openOrderOf(e.subject);
    cs.audit({ entityType: 'vehicle', entityId: v.id, orderId: open?.row.id ?? null, action: 'stage_recorded', changes, reason: null });
    cs.outbox({
      entity: 'vehicle',
      key: { id: v.id },
      baseVersion: s.version - 1,
      baseFields: Object.fromEntries(changes.map((c) => [c.field, c.before])),
      data: after,
    });
    cs.outbox({ entity: 'stage_event', key: { vehicleId: v.id, id: event.id }, baseVersion: null, baseFields: null, data: event });
    if (open) {
      finishOrder(cs, open, { ...open.row }, this.fleet, {
        action: 'vehicles_changed',
        reason: `Vehicle ${v.vin} reached ${STAGE_LABELS[stage]}.`,
      });
    }
    cs.commit();
  }

  /** The open order (Draft, Confirmed, In Progress) holding the vehicle now, if any. */
  private openOrderOf(vehicle: number): OrderState | undefined {
    const index = this.log.vehicles[vehicle]?.order ?? -1;
    const state = index < 0 ? undefined : this.orders[index];
    if (!state || state.row.status === 'Completed' || state.row.status === 'Cancelled') return undefined;
    const k = state.vehicles.indexOf(vehicle);
    return state.links[k]?.status === 'Removed' ? undefined : state;
  }

  /** orders.create: its links (as Added), the settled Draft, and the creator following it. */
  private orderCreated(e: HistoryEvent): void {
    const o = this.log.orders[e.subject];
    if (!o) return;
    const actor = this.csrOf(o);
    const cs = this.trail.begin(e.time, actor, 'orders.create');
    const state: OrderState = { row: draftRow(o, actor.id, cs.now), links: [], vehicles: [] };
    for (const link of o.links) {
      const v = this.log.vehicles[link.vehicle];
      if (!v) continue;
      const row = {
        orderId: o.id,
        vehicleId: v.id,
        status: 'Added' as const,
        price: link.price,
        addedDate: cs.now,
        notes: null,
        removedReason: null,
        removedDate: null,
        version: 1,
        updatedAt: cs.now,
        updatedBy: actor.id,
      };
      state.links.push(row);
      state.vehicles.push(link.vehicle);
      recordLink(cs, null, row, v.vin, 'vehicle_added', null);
    }
    finishOrder(cs, state, state.row, this.fleet, { action: 'created', creating: true });
    this.orders[e.subject] = state;
    this.stmt.follower.run(o.id, actor.id, cs.now, actor.id);
    this.counts.followers++;
    const follower = { orderId: o.id, userId: actor.id, following: true, version: 1, updatedAt: cs.now, updatedBy: actor.id };
    cs.audit({
      entityType: 'order_follower',
      entityId: `${o.id}/${actor.id}`,
      orderId: o.id,
      action: 'followed',
      changes: [
        { field: 'userId', before: null, after: actor.id },
        { field: 'following', before: false, after: true },
      ],
    });
    cs.outbox({ entity: 'order_follower', key: { orderId: o.id, userId: actor.id }, baseVersion: null, baseFields: null, data: follower });
    cs.commit();
  }

  /** orders.update to Confirmed (its links activated) or to Cancelled (with the snapshot of its vehicles' stages). */
  private orderUpdated(e: HistoryEvent, action: 'confirmed' | 'cancelled'): void {
    const o = this.log.orders[e.subject];
    const state = this.orders[e.subject];
    if (!o || !state) return;
    const cs = this.trail.begin(e.time, this.csrOf(o), 'orders.update');
    if (action === 'confirmed') {
      state.links.forEach((link, k) => {
        if (link.status !== 'Added') return;
        const activated = { ...link, status: 'Active' as const, version: link.version + 1, updatedAt: cs.now, updatedBy: cs.actor.id };
        recordLink(cs, link, activated, this.vinOf(state, k), 'vehicle_activated', null);
        state.links[k] = activated;
      });
      finishOrder(cs, state, { ...state.row, status: 'Confirmed' }, this.fleet, { action, reason: null });
    } else {
      const next = {
        ...state.row,
        status: 'Cancelled' as const,
        cancelReason: o.cancelReason,
        cancelSnapshot: snapshotOf(state, this.fleet),
      };
      finishOrder(cs, state, next, this.fleet, { action, reason: o.cancelReason });
    }
    cs.commit();
  }

  private vinOf(state: OrderState, k: number): string {
    return this.log.vehicles[state.vehicles[k] ?? 0]?.vin ?? '';
  }

  private vehicleRemoved(e: HistoryEvent): void {
    const o = this.log.orders[e.subject];
    const state = this.orders[e.subject];
    const link = state?.links[e.detail];
    if (!o || !state || !link) return;
    const cs = this.trail.begin(e.time, this.csrOf(o), 'orders.removeVehicle');
    const reason = o.links[e.detail]?.removedReason ?? null;
    const removed = {
      ...link,
      status: 'Removed' as const,
      removedReason: reason,
      removedDate: cs.now,
      version: link.version + 1,
      updatedAt: cs.now,
      updatedBy: cs.actor.id,
    };
    recordLink(cs, link, removed, this.vinOf(state, e.detail), 'vehicle_removed', reason);
    state.links[e.detail] = removed;
    finishOrder(cs, state, { ...state.row }, this.fleet, { action: 'vehicle_removed', reason });
    cs.commit();
  }

  private paymentRecorded(e: HistoryEvent): void {
    const o = this.log.orders[e.subject];
    const p = o?.payments[e.detail];
    if (!o || !p) return;
    const cs = this.trail.begin(e.time, p.kind === 'refund' ? this.manager : this.csrOf(o), 'payments.record');
    const payment: Payment = {
      id: p.id,
      orderId: o.id,
      kind: p.kind,
      amount: p.amount,
      currency: o.currency,
      method: p.method,
      reference: p.reference,
      paidAt: cs.now,
      recordedAt: cs.now,
      recordedBy: cs.actor.id,
    };
    this.stmt.payment.run(p.id, o.id, p.kind, p.amount, o.currency, p.method, p.reference, cs.now, cs.now, cs.actor.id);
    this.counts.payments++;
    const changes: FieldChange[] = (['kind', 'amount', 'currency', 'method', 'paidAt'] as const).map((field) => ({
      field,
      before: null,
      after: payment[field],
    }));
    if (p.reference !== null) changes.push({ field: 'reference', before: null, after: p.reference });
    cs.audit({
      entityType: 'payment',
      entityId: p.id,
      orderId: o.id,
      action: p.kind === 'refund' ? 'refund_recorded' : 'payment_recorded',
      changes,
    });
    cs.outbox({ entity: 'payment', key: { orderId: o.id, id: p.id }, baseVersion: null, baseFields: null, data: { ...payment } });
    cs.commit();
  }

  private communication(o: HistOrder, index: number, sent: boolean): CommunicationEntry | null {
    const c = o.communications[index];
    return c ? communicationEntry(o, c, this.csrOf(o).id, this.deviceId, sent) : null;
  }

  private communicationLogged(e: HistoryEvent): void {
    const o = this.log.orders[e.subject];
    const entry = o ? this.communication(o, e.detail, false) : null;
    const final = o ? this.communication(o, e.detail, true) : null;
    if (!o || !entry || !final) return;
    const cs = this.trail.begin(e.time, this.csrOf(o), 'communication.log');
    insertCommunication(this.stmt, final);
    this.counts.communications++;
    cs.audit({
      entityType: 'communication',
      entityId: entry.id,
      orderId: o.id,
      action: 'communication_logged',
      changes: [
        { field: 'channel', before: null, after: entry.channel },
        { field: 'direction', before: null, after: entry.direction },
        { field: 'subject', before: null, after: entry.subject },
      ],
    });
    cs.outbox({ entity: 'communication', key: { orderId: o.id, id: entry.id }, baseVersion: null, baseFields: null, data: { ...entry } });
    cs.commit();
  }

  /** communication.deliver: the system records the e-mail as sent. */
  private emailSent(e: HistoryEvent): void {
    const o = this.log.orders[e.subject];
    const before = o ? this.communication(o, e.detail, false) : null;
    const after = o ? this.communication(o, e.detail, true) : null;
    if (!o || !before || !after) return;
    const cs = this.trail.begin(e.time, SYSTEM, 'communication.deliver');
    const fields = ['deliveryStatus', 'messageId', 'attempts', 'lastError', 'nextAttemptAt'] as const;
    const changes = fields.filter((f) => before[f] !== after[f]).map((f) => ({ field: f, before: before[f], after: after[f] }));
    cs.audit({ entityType: 'communication', entityId: after.id, orderId: o.id, action: 'email_sent', changes });
    cs.outbox({
      entity: 'communication',
      key: { orderId: o.id, id: after.id },
      baseVersion: before.version,
      baseFields: Object.fromEntries(changes.map((c) => [c.field, c.before])),
      data: { ...after },
    });
    cs.commit();
  }

  /** Order and link rows take the version, last write and completion the replay reached; returns how many orders end in another status than planned. */
  private settleOrderRows(): number {
    let mismatches = 0;
    this.log.orders.forEach((o, i) => {
      const state = this.orders[i];
      if (!state) return;
      if (state.row.status !== o.status) mismatches++;
      const r = state.row;
      const snapshot = r.cancelSnapshot ? JSON.stringify(r.cancelSnapshot) : null;
      // A Cancelled order's figures stay as they were at cancellation, whatever its vehicles did after.
      this.stmt.finalOrder.run(
        r.version,
        r.updatedAt,
        r.updatedBy,
        r.actualCompletionDate,
        snapshot,
        r.totalVehicles,
        r.completedVehicles,
        r.progress,
        r.estimatedCompletionDate,
        r.id,
      );
      for (const l of state.links) this.stmt.finalLink.run(l.version, l.updatedAt, l.updatedBy, l.removedDate, l.orderId, l.vehicleId);
    });
    return mismatches;
  }
}
