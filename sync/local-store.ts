// The sync engine's view of the local database; main/db implements it (the sync issue fills in the engine).
import type { OutboxChangeSet } from '../core/domain/outbox';

export interface PendingChangeSet extends OutboxChangeSet {
  seq: number;
  attempts: number;
}

export interface LocalStore {
  /** Oldest pending change sets first: push drains them strictly in order. */
  pendingChangeSets(limit: number): PendingChangeSet[];
  /** Queue depth per state, for the sync status shown to the CSR. */
  outboxCounts(): { pending: number; parked: number; done: number };
}
