// SQL for the append-only audit trail, each entry hash-chained to the one before it on this device.
import type { AuditEntity, AuditEntry, AuditOrigin, FieldChange, StoredAuditEntry } from '../../../core/domain/audit';
import { AUDIT_CHAIN_GENESIS, type AuditChainLink, type StoredChainEntry, wellFormedValue } from '../../../core/domain/audit-chain';
import { APPEND_ONLY_TRIGGERS, auditEntryHash, CHAIN_SEALED_KEY, ChainSettings } from '../audit-chain';
import type { Db } from '../database';

interface AuditRow {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  entity_type: string;
  entity_id: string;
  order_id: string | null;
  action: string;
  changes: string;
  reason: string | null;
  origin: string;
}

interface ChainedRow extends AuditRow {
  device_id: string | null;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** `changes` as stored; a row written outside Portside may hold text that is not JSON, kept as is so its hash fails. */
function parseChanges(text: string): FieldChange[] {
  try {
    return JSON.parse(text) as FieldChange[];
  } catch {
    return text as unknown as FieldChange[];
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    entityType: r.entity_type as AuditEntity,
    entityId: r.entity_id,
    orderId: r.order_id,
    action: r.action,
    changes: parseChanges(r.changes),
    reason: r.reason,
    origin: r.origin as AuditOrigin,
  };
}

function toStored(r: ChainedRow): StoredAuditEntry {
  return { ...toEntry(r), deviceId: r.device_id, seq: r.seq, prevHash: r.prev_hash, hash: r.hash };
}

const ESCAPED_LONE_SURROGATE = /\\ud[89a-f][0-9a-f]{2}/i;

/** The entry exactly as it will read back: lone surrogates replaced as SQLite stores them, changes through JSON. */
function asStored(e: AuditEntry): { entry: AuditEntry; changesJson: string } {
  // JSON.stringify escapes exactly the lone surrogates: only then is the deep copy needed.
  const entry = ESCAPED_LONE_SURROGATE.test(JSON.stringify(e)) ? wellFormedValue(e) : e;
  const changesJson = JSON.stringify(entry.changes);
  return { entry: { ...entry, changes: JSON.parse(changesJson) as FieldChange[] }, changesJson };
}

const ENTRY_COLUMNS = 'id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin';
const CHAINED_COLUMNS = `${ENTRY_COLUMNS}, device_id, seq, prev_hash, hash`;

export class AuditRepo {
  private readonly chain: ChainSettings;
  private readonly insertStmt;
  private readonly byOrderStmt;
  private readonly byEntityStmt;
  private readonly appendTx: (e: AuditEntry) => AuditEntry & AuditChainLink;
  /**
   * Within one service transaction (see `inBatch`): the device id and the chain head as this
   * transaction moved it, so that 21 entries cost one head read and one head write, not 21 each.
   */
  private batch: { deviceId: string; head: { seq: number; hash: string } | null; moved: boolean } | null = null;

  constructor(private readonly db: Db) {
    this.chain = new ChainSettings(db);
    // Made once: building a transaction function per entry costs more than the hashing.
    this.appendTx = db.transaction((e: AuditEntry) => this.append(e));
    this.insertStmt = db.prepare<ChainedRow>(
      `INSERT INTO audit_entries (${CHAINED_COLUMNS})
       VALUES (@id, @at, @actor_id, @actor_name, @entity_type, @entity_id, @order_id, @action, @changes, @reason, @origin,
               @device_id, @seq, @prev_hash, @hash)`,
    );
    this.byOrderStmt = db.prepare<[string], ChainedRow>(`SELECT ${CHAINED_COLUMNS} FROM audit_entries WHERE order_id = ? ORDER BY at, id`);
    this.byEntityStmt = db.prepare<[string, string], ChainedRow>(
      `SELECT ${CHAINED_COLUMNS} FROM audit_entries WHERE entity_type = ? AND entity_id = ? ORDER BY at, id`,
    );
  }

  /**
   * Appends the entry to this device's chain and moves the head in `settings`. Runs inside the
   * caller's transaction (its own when there is none), so a rollback takes the entry and the
   * head back together.
   */
  insert(e: AuditEntry): AuditEntry & AuditChainLink {
    return this.db.inTransaction ? this.append(e) : this.appendTx(e);
  }

  /**
   * Runs `work` (already inside a transaction) with the chain head kept in memory, and writes the
   * head to `settings` once at the end. When `work` throws, the transaction rolls back and the
   * in-memory head is dropped with it.
   */
  inBatch<T>(work: () => T): T {
    if (this.batch || !this.db.inTransaction) return work();
    this.batch = { deviceId: this.chain.deviceId(), head: this.chain.head(), moved: false };
    try {
      const result = work();
      if (this.batch.moved && this.batch.head) this.chain.setHead(this.batch.head);
      return result;
    } finally {
      this.batch = null;
    }
  }

  private append(e: AuditEntry): AuditEntry & AuditChainLink {
    const { entry, changesJson } = asStored(e);
    const batch = this.batch;
    const deviceId = batch ? batch.deviceId : this.chain.deviceId();
    const head = batch ? batch.head : this.chain.head();
    const position = { deviceId, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? AUDIT_CHAIN_GENESIS };
    const hash = auditEntryHash(entry, position);
    this.insertStmt.run({
      id: entry.id,
      at: entry.at,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      order_id: entry.orderId,
      action: entry.action,
      changes: changesJson,
      reason: entry.reason,
      origin: entry.origin,
      device_id: deviceId,
      seq: position.seq,
      prev_hash: position.prevHash,
      hash,
    });
    if (batch) {
      batch.head = { seq: position.seq, hash };
      batch.moved = true;
    } else {
      this.chain.setHead({ seq: position.seq, hash });
    }
    return { ...entry, ...position, hash };
  }

  forOrder(orderId: string): StoredAuditEntry[] {
    return this.byOrderStmt.all(orderId).map(toStored);
  }

  forEntity(entityType: AuditEntity, entityId: string): StoredAuditEntry[] {
    return this.byEntityStmt.all(entityType, entityId).map(toStored);
  }
}

/** Reads the chain for verification: streamed, never all at once. */
export class AuditChainReader {
  private readonly chainedStmt;
  private readonly unchainedStmt;
  private readonly countStmt;
  readonly settings: ChainSettings;

  constructor(db: Db) {
    this.settings = new ChainSettings(db);
    this.chainedStmt = db.prepare<[], ChainedRow>(
      `SELECT ${CHAINED_COLUMNS} FROM audit_entries WHERE seq IS NOT NULL ORDER BY device_id, seq`,
    );
    this.unchainedStmt = db.prepare<[], { id: string }>(`SELECT id FROM audit_entries WHERE seq IS NULL ORDER BY id`);
    this.countStmt = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM audit_entries`);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  /** Every chained entry, by device then seq. */
  *chained(): Generator<StoredChainEntry> {
    for (const r of this.chainedStmt.iterate()) {
      yield { entry: toEntry(r), deviceId: r.device_id ?? '', seq: r.seq ?? 0, prevHash: r.prev_hash ?? '', hash: r.hash ?? '' };
    }
  }

  /** Ids of entries that are in no chain: written outside Portside after the chain was sealed. */
  *unchained(): Generator<string> {
    for (const r of this.unchainedStmt.iterate()) yield r.id;
  }
}

/**
 * Seals the entries written before the chain existed, in id order (UUIDv7 ids follow time),
 * once: at the first open after 004_audit_chain. This trusts the trail as it stands at the
 * upgrade; from then on any row outside the chain is reported by verify, never sealed. The
 * update guard is lifted for this one transaction and put back exactly as 001 wrote it.
 */
export function sealUnchainedAuditEntries(db: Db): number {
  const settings = new ChainSettings(db);
  if (settings.get(CHAIN_SEALED_KEY) !== undefined) return 0;
  const legacy = db.prepare<[], ChainedRow>(`SELECT ${CHAINED_COLUMNS} FROM audit_entries WHERE seq IS NULL ORDER BY id`);
  const seal = db.prepare<{ id: string; device_id: string; seq: number; prev_hash: string; hash: string }>(
    `UPDATE audit_entries SET device_id = @device_id, seq = @seq, prev_hash = @prev_hash, hash = @hash WHERE id = @id`,
  );
  const updateGuard = APPEND_ONLY_TRIGGERS[0];
  return db.transaction(() => {
    const deviceId = settings.deviceId();
    let head = settings.head() ?? { seq: 0, hash: AUDIT_CHAIN_GENESIS };
    const rows = legacy.all();
    if (rows.length > 0) db.exec(`DROP TRIGGER ${updateGuard.name}`);
    for (const row of rows) {
      const { entry } = asStored(toEntry(row));
      const position = { deviceId, seq: head.seq + 1, prevHash: head.hash };
      const hash = auditEntryHash(entry, position);
      seal.run({ id: row.id, device_id: deviceId, seq: position.seq, prev_hash: position.prevHash, hash });
      head = { seq: position.seq, hash };
    }
    if (rows.length > 0) {
      db.exec(updateGuard.sql);
      settings.setHead(head);
    }
    settings.put(CHAIN_SEALED_KEY, JSON.stringify({ at: new Date().toISOString(), entries: rows.length }));
    return rows.length;
  })();
}
