// The outbox change set: what one local transaction changed, queued for the sync engine.

export const SYNCED_ENTITIES = [
  'order',
  'order_vehicle',
  'vehicle',
  'stage_event',
  'customer',
  'audit',
  'payment',
  'template',
  'communication',
  'task',
  'order_follower',
] as const;
export type SyncedEntity = (typeof SYNCED_ENTITIES)[number];

export interface OutboxItem {
  entity: SyncedEntity;
  /** The entity's key: its id, or orderId + vehicleId for links. */
  key: Record<string, string>;
  /** Version this change was made on top of; null for a create or an append-only item. */
  baseVersion: number | null;
  /** Values of the changed fields before the change, for the sync engine's per-field three-way merge. */
  baseFields: Record<string, unknown> | null;
  /** The full item after the change. */
  data: Record<string, unknown>;
  /** The record was deleted: push writes the item as a tombstone (`deleted: true`), kept in the table. */
  deleted?: true;
}

export interface OutboxChangeSet {
  id: string;
  createdAt: string;
  actorId: string | null;
  /** The contract operation (or system rule) that produced it. */
  operation: string;
  items: OutboxItem[];
}

/** The key fields of each entity, in the order they appear in its canonical item key. */
export const OUTBOX_KEY_FIELDS: Readonly<Record<SyncedEntity, readonly string[]>> = {
  order: ['id'],
  order_vehicle: ['orderId', 'vehicleId'],
  vehicle: ['id'],
  stage_event: ['vehicleId', 'id'],
  customer: ['id'],
  audit: ['id'],
  payment: ['orderId', 'id'],
  template: ['id'],
  communication: ['orderId', 'id'],
  task: ['orderId', 'id'],
  order_follower: ['orderId', 'userId'],
};

/**
 * The one canonical text of an item's key, e.g. `order:<id>` or `order_vehicle:<orderId>/<vehicleId>`:
 * what the outbox indexes so "does this row have a pending change?" is one index lookup. Migration
 * 008 builds the same text in SQL for its backfill; a test holds the two together.
 */
export function outboxItemKey(entity: SyncedEntity, key: Readonly<Record<string, string>>): string {
  const parts = OUTBOX_KEY_FIELDS[entity].map((field) => {
    const value = key[field];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`The ${entity} outbox item's key needs a non-empty ${field} (got ${JSON.stringify(value)}).`);
    }
    return value;
  });
  return `${entity}:${parts.join('/')}`;
}
