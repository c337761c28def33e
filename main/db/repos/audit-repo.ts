// SQL for the append-only audit trail.
import type { AuditEntity, AuditEntry, AuditOrigin, FieldChange } from '../../../core/domain/audit';
import type { Db } from '../database';

interface AuditRow {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  entity_type: string;
  entity_id: string;
  order_id: string | null;
  action: string;
  changes: string;
  reason: string | null;
  origin: string;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    entityType: r.entity_type as AuditEntity,
    entityId: r.entity_id,
    orderId: r.order_id,
    action: r.action,
    changes: JSON.parse(r.changes) as FieldChange[],
    reason: r.reason,
    origin: r.origin as AuditOrigin,
  };
}

export class AuditRepo {
  private readonly insertStmt;
  private readonly byOrderStmt;
  private readonly byEntityStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<AuditRow>(
      `INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin)
       VALUES (@id, @at, @actor_id, @actor_name, @entity_type, @entity_id, @order_id, @action, @changes, @reason, @origin)`,
    );
    this.byOrderStmt = db.prepare<[string], AuditRow>(`SELECT * FROM audit_entries WHERE order_id = ? ORDER BY at, id`);
    this.byEntityStmt = db.prepare<[string, string], AuditRow>(
      `SELECT * FROM audit_entries WHERE entity_type = ? AND entity_id = ? ORDER BY at, id`,
    );
  }

  insert(e: AuditEntry): void {
    this.insertStmt.run({
      id: e.id,
      at: e.at,
      actor_id: e.actorId,
      actor_name: e.actorName,
      entity_type: e.entityType,
      entity_id: e.entityId,
      order_id: e.orderId,
      action: e.action,
      changes: JSON.stringify(e.changes),
      reason: e.reason,
      origin: e.origin,
    });
  }

  forOrder(orderId: string): AuditEntry[] {
    return this.byOrderStmt.all(orderId).map(toEntry);
  }

  forEntity(entityType: AuditEntity, entityId: string): AuditEntry[] {
    return this.byEntityStmt.all(entityType, entityId).map(toEntry);
  }
}
