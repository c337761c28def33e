// The sync engine's view of the local database; main/db implements it (the sync issue fills in the engine).
import type { OutboxChangeSet, SyncedEntity } from '../core/domain/outbox';

export interface PendingChangeSet extends OutboxChangeSet {
  seq: number;
  attempts: number;
}

export interface LocalStore {
  /** Oldest pending change sets first: push drains them strictly in order. */
  pendingChangeSets(limit: number): PendingChangeSet[];
  /** Whether a pending or parked change set touches this row: pull never overwrites such a row (one index lookup). */
  hasPendingChange(entity: SyncedEntity, key: Readonly<Record<string, string>>): boolean;
  /** The rows among `keys` with a pending or parked change, as `outboxItemKey` texts: pull asks per batch. */
  pendingKeys(entity: SyncedEntity, keys: readonly Readonly<Record<string, string>>[]): Set<string>;
  /** Queue depth per state, for the sync status shown to the CSR. */
  outboxCounts(): { pending: number; parked: number; done: number };
}
