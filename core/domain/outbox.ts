// The outbox change set: what one local transaction changed, queued for the sync engine.

export const SYNCED_ENTITIES = ['order', 'order_vehicle', 'vehicle', 'stage_event', 'customer', 'audit'] as const;
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
}

export interface OutboxChangeSet {
  id: string;
  createdAt: string;
  actorId: string | null;
  /** The contract operation (or system rule) that produced it. */
  operation: string;
  items: OutboxItem[];
}
