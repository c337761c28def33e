// Audit entries: who changed what, when, why, and from where. Append-only.

/** 'offline': written during a session unlocked offline (cloud mode, the pool unreachable; role = last seen online). */
export const AUDIT_ORIGINS = ['local', 'sync', 'system', 'offline'] as const;
export type AuditOrigin = (typeof AUDIT_ORIGINS)[number];

export const AUDIT_ENTITIES = [
  'order',
  'order_vehicle',
  'vehicle',
  'customer',
  'user',
  'payment',
  'setting',
  'template',
  'communication',
  'task',
  'order_follower',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  entityType: AuditEntity;
  entityId: string;
  orderId: string | null;
  action: string;
  changes: FieldChange[];
  reason: string | null;
  origin: AuditOrigin;
}

/**
 * An entry as read back, with its place in the hash chain (see audit-chain.ts). The chain
 * fields are null only on a row that was never sealed, i.e. written outside Portside.
 */
export interface StoredAuditEntry extends AuditEntry {
  deviceId: string | null;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

/**
 * An entry as the order history shows it. `actorName` stays the name the entry was written
 * under (it is part of the entry's hash); `actorDisplayName` is what the actor is called now,
 * so a renamed user reads the same in the history as on the record they changed.
 */
export interface AuditEntryView extends StoredAuditEntry {
  actorDisplayName: string;
}

/** Field-level diff of two flat records over the given fields; unchanged fields are left out. */
export function diffFields<T extends object>(before: T | null, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const b = before ? (before[field] ?? null) : null;
    const a = after[field] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}
