// SQL for an order's Activity timeline: its audit trail newest first, a bounded page at a time (index audit_by_order).
import type { AuditEntity, FieldChange } from '../../../core/domain/audit';
import type { Db } from '../database';

/** An audit entry as the timeline reads it: enough to say what happened, by whom, when. */
export interface TimelineAuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  entityType: AuditEntity;
  entityId: string;
  action: string;
  changes: FieldChange[];
  reason: string | null;
  origin: string;
}

interface Row {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  entity_type: string;
  entity_id: string;
  action: string;
  changes: string;
  reason: string | null;
  origin: string;
}

export class TimelineRepo {
  private readonly firstStmt;
  private readonly beforeStmt;

  constructor(db: Db) {
    // Communication entries have their own source (with their content); their audit entries would repeat them.
    // Who follows the order is about the people, not the order: the History tab keeps it.
    const select = `SELECT id, at, actor_id, actor_name, entity_type, entity_id, action, changes, reason, origin FROM audit_entries
      WHERE order_id = @order_id AND entity_type NOT IN ('communication', 'order_follower')`;
    this.firstStmt = db.prepare<{ order_id: string; limit: number }, Row>(`${select} ORDER BY at DESC, id DESC LIMIT @limit`);
    this.beforeStmt = db.prepare<{ order_id: string; at: string; id: string; limit: number }, Row>(
      `${select} AND (at, id) < (@at, @id) ORDER BY at DESC, id DESC LIMIT @limit`,
    );
  }

  /** The order's audit entries (but communication's and following), newest first, at most `limit`, older than `before`. */
  auditForOrder(orderId: string, limit: number, before: { at: string; id: string } | null): TimelineAuditEntry[] {
    const rows = before
      ? this.beforeStmt.all({ order_id: orderId, at: before.at, id: before.id, limit })
      : this.firstStmt.all({ order_id: orderId, limit });
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      entityType: r.entity_type as AuditEntity,
      entityId: r.entity_id,
      action: r.action,
      changes: JSON.parse(r.changes) as FieldChange[],
      reason: r.reason,
      origin: r.origin,
    }));
  }
}
