// The sync engine's view of the local database; main/db implements it (the sync issue fills in the engine).
import type { OutboxChangeSet, SyncedEntity } from '../core/domain/outbox';
import type { SyncedRecord } from './item-mapping';

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
  /**
   * A change set over 100 items goes in parts: the outbox item keys (`outboxItemKey`) of the items
   * whose parts reached the table before the one that conflicted. They are in the table with our
   * content, so the merge must not queue them again (their creates would fail attribute_not_exists).
   */
  appliedItems?: string[];
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

/** A page of the change feed as pull hands it to the store: one shard's records, in feed order, and where the shard now stands. */
export interface PulledPage {
  shard: number;
  records: SyncedRecord[];
  /** The shard's new cursor: the GSI2SK of the page's last item (never behind the saved one). */
  cursor: string;
}

/** The local rows a pulled page changed, for change events (live screens) and the rule checks after a merge. */
export interface TouchedIds {
  orders: string[];
  vehicles: string[];
  customers: string[];
}

/** A pulled record the store could not write (a duplicate VIN, a field of the wrong type): kept locally, shown, never dropped. */
export interface RefusedRecord {
  entity: SyncedEntity;
  key: Record<string, string>;
  message: string;
}

export interface PullApplyResult {
  /** Records written (inserted, updated, tombstoned). */
  applied: number;
  /** Records the local row already had at this version or newer (re-pulled, or the overlap window). */
  skippedOlder: number;
  /** Records whose row has a pending, parked or conflicting local change: left for push's conflict path. */
  skippedPending: number;
  /** Records kept until the row they belong to arrives (a line before its order or vehicle, from another shard). */
  waiting: number;
  refused: RefusedRecord[];
  touched: TouchedIds;
}

/** The local side of pull; main implements it (main/services/remote-apply.ts). */
export interface PullStore {
  /** Each shard's saved cursor (the GSI2SK of the last applied item), by shard number; absent = never pulled. */
  pullCursors(): Record<number, string>;
  /** Applies the page and saves the shard's cursor in ONE local transaction: both move, or neither. */
  applyPulledPage(page: PulledPage): PullApplyResult;
}
