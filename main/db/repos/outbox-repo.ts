// SQL for the sync outbox: change sets appended by services, drained in order by sync.
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
  private readonly keys: OutboxKeyStatements;

  constructor(db: Db) {
    this.appendStmt = db.prepare<{ id: string; created_at: string; actor_id: string | null; operation: string; items: string }>(
      `INSERT INTO outbox (id, created_at, actor_id, operation, items) VALUES (@id, @created_at, @actor_id, @operation, @items)`,
    );
    this.pendingStmt = db.prepare<[number], OutboxRow>(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`);
    this.countsStmt = db.prepare<[], { state: string; n: number }>(`SELECT state, count(*) AS n FROM outbox GROUP BY state`);
    this.keys = new OutboxKeyStatements(db);
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
      this.keys.insert.run({ seq: Number(lastInsertRowid), entity: item.entity, item_key: outboxItemKey(item.entity, item.key) });
    }
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

const WAITING = `o.state IN ('pending', 'parked')`;
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
