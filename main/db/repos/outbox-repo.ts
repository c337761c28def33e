// SQL for the sync outbox: change sets appended by services, drained in order by sync (which marks, parks or reschedules them).
import type { OutboxChangeSet, OutboxItem } from '../../../core/domain/outbox';
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

/** What sync keeps about a parked change set (the shape of sync/local-store's ParkRecord). */
export interface OutboxPark {
  reason: 'conflict' | 'rejected';
  message: string;
  remoteItems: Record<string, unknown>[];
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
    return { reason, message: String(parsed.message ?? ''), remoteItems: Array.isArray(parsed.remoteItems) ? parsed.remoteItems : [] };
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
  }

  append(cs: OutboxChangeSet): void {
    this.appendStmt.run({
      id: cs.id,
      created_at: cs.createdAt,
      actor_id: cs.actorId,
      operation: cs.operation,
      items: JSON.stringify(cs.items),
    });
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
      last_error: JSON.stringify({ message: park.message, remoteItems: park.remoteItems }),
    });
  }

  scheduleRetry(id: string, failure: { error: string; nextAttemptAt: string }): void {
    this.retryStmt.run({ id, last_error: failure.error, next_attempt_at: failure.nextAttemptAt });
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
}
