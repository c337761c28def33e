// The sync engine's view of the local database; main/db implements it (the sync issue fills in the engine).
import type { OutboxChangeSet, SyncedEntity } from '../core/domain/outbox';

export interface PendingChangeSet extends OutboxChangeSet {
  seq: number;
  attempts: number;
  /** Set after a transient failure: push leaves the change set (and everything after it) until then. */
  nextAttemptAt: string | null;
}

/** Why a change set stopped: another device changed its items first, or DynamoDB refused it for good. */
export type ParkReason = 'conflict' | 'rejected';

export interface ParkRecord {
  reason: ParkReason;
  /** For a person: what happened and what to do. */
  message: string;
  /** The table items as they were when our condition failed (ALL_OLD, as plain records): the merge step's "theirs". */
  remoteItems: Record<string, unknown>[];
}

export interface ParkedChangeSet extends OutboxChangeSet {
  seq: number;
  park: ParkRecord;
}

export interface LocalStore {
  /** Oldest pending change sets first, after `afterSeq`: push drains them strictly in order. */
  pendingChangeSets(limit: number, afterSeq?: number): PendingChangeSet[];
  /** Change sets parked as conflicts or rejections: later change sets touching their items wait for them. */
  parkedChangeSets(): ParkedChangeSet[];
  /** Every part of the change set is in the table. */
  markPushed(id: string): void;
  /** Stops the change set, keeping it and why (never dropped). */
  park(id: string, park: ParkRecord): void;
  /** A transient failure: one more attempt counted, the error kept, the next try not before `nextAttemptAt`. */
  scheduleRetry(id: string, failure: { error: string; nextAttemptAt: string }): void;
  /** Whether a pending or parked change set touches this row: pull never overwrites such a row (one index lookup). */
  hasPendingChange(entity: SyncedEntity, key: Readonly<Record<string, string>>): boolean;
  /** The rows among `keys` with a pending or parked change, as `outboxItemKey` texts: pull asks per batch. */
  pendingKeys(entity: SyncedEntity, keys: readonly Readonly<Record<string, string>>[]): Set<string>;
  /** Queue depth per state, for the sync status shown to the CSR. */
  outboxCounts(): { pending: number; parked: number; conflicts: number; done: number };
}
