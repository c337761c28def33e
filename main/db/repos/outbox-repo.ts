// SQL for the sync outbox: change sets appended by services, drained in order by sync (which marks, parks or reschedules them).
import { type OutboxChangeSet, type OutboxItem, outboxItemKey, type SyncedEntity } from '../../../core/domain/outbox';
import type { Db } from '../database';

interface OutboxRow {
  seq: number;
  id: string;
  created_at: string;
  actor_id: string | null;
  operation: string;
  items: string;
  state: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
}

export type OutboxState = 'pending' | 'parked' | 'conflict' | 'done';

export interface StoredChangeSet extends OutboxChangeSet {
  seq: number;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

interface QueueRow {
  id: string;
  created_at: string;
  operation: string;
  state: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  item_count: number;
  actor_name: string | null;
}

/** A change set as the Sync screen's queue lists it: no items, their count. */
export interface QueuedRow {
  id: string;
  createdAt: string;
  operation: string;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  itemCount: number;
  actorName: string | null;
}

/** What sync keeps about a parked change set (the shape of sync/local-store's ParkRecord). */
export interface OutboxPark {
  reason: 'conflict' | 'rejected';
  message: string;
  remoteItems: Record<string, unknown>[];
  /** Outbox item keys of the items already in the table (earlier parts of a change set over 100 items). */
  appliedItems?: string[];
}

export interface ParkedOutboxChangeSet extends OutboxChangeSet {
  seq: number;
  park: OutboxPark;
}

const toChangeSet = (r: OutboxRow): StoredChangeSet => ({
  seq: r.seq,
  id: r.id,
  createdAt: r.created_at,
  actorId: r.actor_id,
  operation: r.operation,
  items: JSON.parse(r.items) as OutboxItem[],
  state: r.state as OutboxState,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
});

/**
 * A parked row keeps its park record as JSON in last_error (message, and the remote items for the
 * merge step), so parking needs no schema change; older rows with plain text read as a rejection.
 */
function parkOf(row: OutboxRow): OutboxPark {
  const reason = row.state === 'conflict' ? 'conflict' : 'rejected';
  try {
    const parsed = JSON.parse(row.last_error ?? '') as Partial<OutboxPark>;
    const applied = Array.isArray(parsed.appliedItems) ? parsed.appliedItems.filter((k): k is string => typeof k === 'string') : [];
    return {
      reason,
      message: String(parsed.message ?? ''),
      remoteItems: Array.isArray(parsed.remoteItems) ? parsed.remoteItems : [],
      ...(applied.length > 0 ? { appliedItems: applied } : {}),
    };
  } catch {
    return { reason, message: row.last_error ?? '', remoteItems: [] };
  }
}

/** The outbox, and the sync engine's LocalStore over it (sync/local-store.ts; main/db cannot import sync, so the shape is matched). */
export class OutboxRepo {
  private readonly appendStmt;
  private readonly pendingStmt;
  private readonly parkedStmt;
  private readonly countsStmt;
  private readonly doneStmt;
  private readonly parkStmt;
  private readonly retryStmt;
  private readonly retryNowStmt;
  private readonly queueStmt;
  private readonly byIdStmt;
  private readonly requeueStmt;
  private readonly supersedeStmt;
  private readonly conflictToParkedStmt;
  private readonly keys: OutboxKeyStatements;

  constructor(db: Db) {
    this.appendStmt = db.prepare<{ id: string; created_at: string; actor_id: string | null; operation: string; items: string }>(
      `INSERT INTO outbox (id, created_at, actor_id, operation, items) VALUES (@id, @created_at, @actor_id, @operation, @items)`,
    );
    this.pendingStmt = db.prepare<[number, number], OutboxRow>(
      `SELECT * FROM outbox WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?`,
    );
    this.parkedStmt = db.prepare<[], OutboxRow>(`SELECT * FROM outbox WHERE state IN ('parked', 'conflict') ORDER BY seq`);
    this.countsStmt = db.prepare<[], { state: string; n: number }>(`SELECT state, count(*) AS n FROM outbox GROUP BY state`);
    // Only a pending change set moves: a second pusher (or a late acknowledgement) cannot undo a park.
    this.doneStmt = db.prepare<[string]>(
      `UPDATE outbox SET state = 'done', last_error = NULL, next_attempt_at = NULL WHERE id = ? AND state = 'pending'`,
    );
    this.parkStmt = db.prepare<{ id: string; state: string; last_error: string }>(
      `UPDATE outbox SET state = @state, attempts = attempts + 1, last_error = @last_error, next_attempt_at = NULL
       WHERE id = @id AND state = 'pending'`,
    );
    this.retryStmt = db.prepare<{ id: string; last_error: string; next_attempt_at: string }>(
      `UPDATE outbox SET attempts = attempts + 1, last_error = @last_error, next_attempt_at = @next_attempt_at
       WHERE id = @id AND state = 'pending'`,
    );
    this.retryNowStmt = db.prepare<[]>(`UPDATE outbox SET next_attempt_at = NULL WHERE state = 'pending' AND next_attempt_at IS NOT NULL`);
    // Without the items themselves: parsing 200 change sets' JSON (a 200-vehicle order is ~400 items) only to count them cost ~100 ms.
    this.queueStmt = db.prepare<[number], QueueRow>(
      `SELECT o.id, o.created_at, o.operation, o.state, o.attempts, o.last_error, o.next_attempt_at,
              json_array_length(o.items) AS item_count, u.display_name AS actor_name
       FROM outbox o LEFT JOIN people u ON u.id = o.actor_id
       WHERE o.state IN ('pending', 'parked', 'conflict') ORDER BY o.seq DESC LIMIT ?`,
    );
    this.byIdStmt = db.prepare<[string], OutboxRow>(`SELECT * FROM outbox WHERE id = ?`);
    // A person's retry: the parked change set goes back to the queue with a fresh count of attempts.
    this.requeueStmt = db.prepare<[string]>(
      `UPDATE outbox SET state = 'pending', attempts = 0, last_error = NULL, next_attempt_at = NULL WHERE id = ? AND state = 'parked'`,
    );
    // A change set merged into a newer one: done, with a note saying where its changes went (kept for the audit).
    this.supersedeStmt = db.prepare<[string, string]>(
      `UPDATE outbox SET state = 'done', last_error = ?, next_attempt_at = NULL WHERE id = ? AND state IN ('pending', 'conflict')`,
    );
    this.conflictToParkedStmt = db.prepare<[string, string]>(
      `UPDATE outbox SET state = 'parked', last_error = ?, next_attempt_at = NULL WHERE id = ? AND state = 'conflict'`,
    );
    this.keys = new OutboxKeyStatements(db);
  }

  /** A conflict the merge cannot work on (no newer item to merge with) becomes a parked change a person retries. */
  parkConflictAsRejected(id: string, message: string): boolean {
    return this.conflictToParkedStmt.run(JSON.stringify({ message, remoteItems: [] }), id).changes === 1;
  }

  /** Change sets not yet in the table (pending, parked, conflict), newest first, with their item count and author's name. */
  queue(limit: number): QueuedRow[] {
    return this.queueStmt.all(limit).map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      operation: r.operation,
      state: r.state as OutboxState,
      attempts: r.attempts,
      lastError: r.last_error,
      nextAttemptAt: r.next_attempt_at,
      itemCount: r.item_count,
      actorName: r.actor_name,
    }));
  }

  byId(id: string): StoredChangeSet | null {
    const row = this.byIdStmt.get(id);
    return row ? toChangeSet(row) : null;
  }

  /** The reason a parked change set stopped, for a person (the park record's message). */
  parkMessage(cs: Pick<StoredChangeSet, 'state' | 'lastError'>): string | null {
    if (cs.state !== 'parked' && cs.state !== 'conflict') return cs.lastError;
    try {
      const parsed = JSON.parse(cs.lastError ?? '') as { message?: unknown };
      return typeof parsed.message === 'string' ? parsed.message : cs.lastError;
    } catch {
      return cs.lastError;
    }
  }

  /** A parked (rejected) change set back to pending; false when it is not parked. */
  requeue(id: string): boolean {
    return this.requeueStmt.run(id).changes === 1;
  }

  /** Marks a pending or conflict change set done because a newer change set carries its changes; `note` says so. */
  supersede(id: string, note: string): boolean {
    return this.supersedeStmt.run(JSON.stringify({ message: note }), id).changes === 1;
  }

  /** Appends the change set and its item keys; callers run it inside their unit of work's transaction. */
  append(cs: OutboxChangeSet): void {
    const { lastInsertRowid } = this.appendStmt.run({
      id: cs.id,
      created_at: cs.createdAt,
      actor_id: cs.actorId,
      operation: cs.operation,
      items: JSON.stringify(cs.items),
    });
    for (const item of cs.items) {
      // Audit entries are append-only: pull never overwrites one, so none needs the lookup (and a
      // 20-vehicle order writes 21 of them: half the keys).
      if (item.entity === 'audit') continue;
      this.keys.insert.run({ seq: Number(lastInsertRowid), entity: item.entity, item_key: outboxItemKey(item.entity, item.key) });
    }
  }

  pending(limit: number, afterSeq = 0): StoredChangeSet[] {
    return this.pendingStmt.all(afterSeq, limit).map(toChangeSet);
  }

  pendingChangeSets(limit: number, afterSeq = 0): StoredChangeSet[] {
    return this.pending(limit, afterSeq);
  }

  parkedChangeSets(): ParkedOutboxChangeSet[] {
    return this.parkedStmt.all().map((r) => {
      const { state: _state, attempts: _attempts, lastError: _lastError, nextAttemptAt: _next, ...cs } = toChangeSet(r);
      return { ...cs, park: parkOf(r) };
    });
  }

  markPushed(id: string): void {
    this.doneStmt.run(id);
  }

  park(id: string, park: OutboxPark): void {
    this.parkStmt.run({
      id,
      state: park.reason === 'conflict' ? 'conflict' : 'parked',
      last_error: JSON.stringify({
        message: park.message,
        remoteItems: park.remoteItems,
        ...(park.appliedItems && park.appliedItems.length > 0 ? { appliedItems: park.appliedItems } : {}),
      }),
    });
  }

  scheduleRetry(id: string, failure: { error: string; nextAttemptAt: string }): void {
    this.retryStmt.run({ id, last_error: failure.error, next_attempt_at: failure.nextAttemptAt });
  }

  /** Makes every waiting change set due now (the sync loop's own backoff already spaced the attempts); returns how many waited. */
  clearRetryDelays(): number {
    return this.retryNowStmt.run().changes;
  }

  counts(): Record<OutboxState, number> {
    const out = { pending: 0, parked: 0, conflict: 0, done: 0 };
    for (const row of this.countsStmt.all()) {
      if (row.state === 'pending' || row.state === 'parked' || row.state === 'conflict' || row.state === 'done') out[row.state] = row.n;
    }
    return out;
  }

  outboxCounts(): { pending: number; parked: number; conflicts: number; done: number } {
    const { pending, parked, conflict, done } = this.counts();
    return { pending, parked, conflicts: conflict, done };
  }

  /** Whether a pending or parked change set touches this row: the one indexed lookup pull makes per item. */
  hasPendingChange(entity: SyncedEntity, key: Readonly<Record<string, string>>): boolean {
    return this.keys.hasPending.get(entity, outboxItemKey(entity, key)) !== undefined;
  }

  /**
   * Which of these rows have a pending or parked change, as their canonical item keys
   * (`outboxItemKey`): one query per batch of pulled items instead of one per item.
   */
  pendingKeys(entity: SyncedEntity, keys: readonly Readonly<Record<string, string>>[]): Set<string> {
    const wanted = [...new Set(keys.map((key) => outboxItemKey(entity, key)))];
    const found = new Set<string>();
    for (let i = 0; i < wanted.length; i += PENDING_KEYS_BATCH) {
      const batch = JSON.stringify(wanted.slice(i, i + PENDING_KEYS_BATCH));
      for (const row of this.keys.pendingAmong.all(entity, batch)) found.add(row.item_key);
    }
    return found;
  }

  /**
   * Drops the item keys of change sets that are done. Migration 008's trigger already does it when
   * a change set's state becomes 'done'; this sweep is for callers that bypass it (and is cheap).
   * Returns how many keys went.
   */
  forgetDone(): number {
    return this.keys.forgetDone.run().changes;
  }

  /** EXPLAIN QUERY PLAN of the lookups, for the tests that keep them on their index. */
  keyLookupPlans(): { single: string[]; batch: string[] } {
    return {
      single: this.keys.plan(HAS_PENDING_SQL, 'order', 'order:x'),
      batch: this.keys.plan(PENDING_AMONG_SQL, 'order', '["order:x"]'),
    };
  }
}

/** Keys per query in `pendingKeys` (passed as one JSON array parameter, so no bound-variable limit applies). */
const PENDING_KEYS_BATCH = 500;

/** Change sets not yet in the table: pending, parked, or parked as a conflict (push's three waiting states). */
const WAITING = `o.state IN ('pending', 'parked', 'conflict')`;
const HAS_PENDING_SQL = `SELECT 1 FROM outbox_keys k JOIN outbox o ON o.seq = k.change_set_seq
  WHERE k.entity = ? AND k.item_key = ? AND ${WAITING} LIMIT 1`;
const PENDING_AMONG_SQL = `SELECT DISTINCT k.item_key FROM outbox_keys k JOIN outbox o ON o.seq = k.change_set_seq
  WHERE k.entity = ? AND k.item_key IN (SELECT value FROM json_each(?)) AND ${WAITING}`;

/** The statements on outbox_keys, kept apart from the change-set statements above. */
class OutboxKeyStatements {
  readonly insert;
  readonly hasPending;
  readonly pendingAmong;
  readonly forgetDone;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<{ seq: number; entity: string; item_key: string }>(
      `INSERT OR IGNORE INTO outbox_keys (change_set_seq, entity, item_key) VALUES (@seq, @entity, @item_key)`,
    );
    this.hasPending = db.prepare<[string, string], { 1: number }>(HAS_PENDING_SQL);
    this.pendingAmong = db.prepare<[string, string], { item_key: string }>(PENDING_AMONG_SQL);
    this.forgetDone = db.prepare(`DELETE FROM outbox_keys WHERE change_set_seq IN (SELECT seq FROM outbox WHERE state = 'done')`);
  }

  plan(sql: string, ...params: string[]): string[] {
    return this.db
      .prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => r.detail);
  }
}
