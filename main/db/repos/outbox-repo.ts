// SQL for the sync outbox: change sets appended by services, drained in order by sync.
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
}

export interface StoredChangeSet extends OutboxChangeSet {
  seq: number;
  state: 'pending' | 'parked' | 'done';
  attempts: number;
  lastError: string | null;
}

export class OutboxRepo {
  private readonly appendStmt;
  private readonly pendingStmt;
  private readonly countsStmt;

  constructor(db: Db) {
    this.appendStmt = db.prepare<{ id: string; created_at: string; actor_id: string | null; operation: string; items: string }>(
      `INSERT INTO outbox (id, created_at, actor_id, operation, items) VALUES (@id, @created_at, @actor_id, @operation, @items)`,
    );
    this.pendingStmt = db.prepare<[number], OutboxRow>(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`);
    this.countsStmt = db.prepare<[], { state: string; n: number }>(`SELECT state, count(*) AS n FROM outbox GROUP BY state`);
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

  pending(limit: number): StoredChangeSet[] {
    return this.pendingStmt.all(limit).map((r) => ({
      seq: r.seq,
      id: r.id,
      createdAt: r.created_at,
      actorId: r.actor_id,
      operation: r.operation,
      items: JSON.parse(r.items) as OutboxItem[],
      state: r.state as StoredChangeSet['state'],
      attempts: r.attempts,
      lastError: r.last_error,
    }));
  }

  counts(): Record<'pending' | 'parked' | 'done', number> {
    const out = { pending: 0, parked: 0, done: 0 };
    for (const row of this.countsStmt.all()) {
      if (row.state === 'pending' || row.state === 'parked' || row.state === 'done') out[row.state] = row.n;
    }
    return out;
  }
}
