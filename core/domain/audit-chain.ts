// The audit hash chain: what each entry's hash covers, and the walk that finds a forged, edited or deleted entry.
import canonicalize from 'canonicalize';
import type { AuditEntry } from './audit';
import type { OrderMismatch } from './order-consistency';

/** The prev_hash of a device's first entry. */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

/** Bumped if the hashed payload ever changes shape, so old and new entries stay verifiable. */
export const AUDIT_CHAIN_FORMAT = 1;

/** Where an entry sits in its device's chain. */
export interface AuditChainPosition {
  deviceId: string;
  seq: number;
  prevHash: string;
}

export interface AuditChainLink extends AuditChainPosition {
  hash: string;
}

/**
 * The exact text an entry's hash is taken over: RFC 8785 canonical JSON of its content, its
 * device, its sequence number and the previous entry's hash. `changes` must be the value as
 * stored (parsed back from its JSON), so what is verified later is what was hashed now.
 */
export function auditChainText(entry: AuditEntry, position: AuditChainPosition): string {
  const text = canonicalize({
    format: AUDIT_CHAIN_FORMAT,
    id: entry.id,
    at: entry.at,
    actorId: entry.actorId,
    actorName: entry.actorName,
    entityType: entry.entityType,
    entityId: entry.entityId,
    orderId: entry.orderId,
    action: entry.action,
    changes: entry.changes,
    reason: entry.reason,
    origin: entry.origin,
    deviceId: position.deviceId,
    seq: position.seq,
    prevHash: position.prevHash,
  });
  if (text === undefined) throw new Error('an audit entry has no JSON form');
  return text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The value with every lone UTF-16 surrogate replaced by U+FFFD, as SQLite's UTF-8 would store
 * it: canonical JSON refuses lone surrogates, and the hash must cover what is stored.
 */
export function wellFormedValue<T>(value: T): T {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => wellFormedValue(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormedValue(k), wellFormedValue(v)])) as T;
  }
  return value;
}

/** A problem the verification found: an entry (id and seq when known) or the table's guards. */
export interface AuditChainProblem {
  id: string | null;
  seq: number | null;
  reason: string;
}

/** One stored entry as the verifier reads it; the chain fields are null on a row never sealed. */
export interface StoredChainEntry {
  entry: AuditEntry;
  deviceId: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * Walks one device's chain in seq order. Each entry must hash to its stored hash (else it was
 * edited or forged), follow the previous seq by one (else entries were deleted) and name the
 * previous entry's hash (else one was deleted or replaced). The head kept in settings must be
 * the last entry (else entries at the end were deleted, or appended outside Portside).
 */
export class AuditChainWalk {
  private expectedSeq = 1;
  private previousHash = AUDIT_CHAIN_GENESIS;
  private lastId: string | null = null;
  readonly problems: AuditChainProblem[] = [];

  /**
   * `pulled`: another device's chain, copied here by pull. Its entries arrive as that device
   * pushes them, and a change set it holds back (a conflict waiting for a person) leaves a gap
   * that later ones skip over, so a gap there means "not here yet", not "deleted": only the
   * entries present are checked (each hash, and the link between neighbours). The table holds
   * the authoritative copy of every chain.
   */
  constructor(
    readonly deviceId: string,
    private readonly hashOf: (text: string) => string,
    private readonly options: { pulled?: boolean } = {},
  ) {}

  check(row: StoredChainEntry): void {
    const { entry } = row;
    const problem = (reason: string): void => void this.problems.push({ id: entry.id, seq: row.seq, reason });
    const recomputed = this.recompute(row);
    if (recomputed === null) {
      problem(`entry ${entry.id} (seq ${row.seq}) holds content that cannot be hashed: it was written outside Portside`);
    } else if (recomputed !== row.hash) {
      problem(`entry ${entry.id} (seq ${row.seq}) does not match its hash: its content was edited, or it was forged`);
    }
    if (row.seq > this.expectedSeq && this.options.pulled) {
      // Not here yet (see the constructor): nothing to link this entry to.
    } else if (row.seq !== this.expectedSeq) {
      problem(
        row.seq > this.expectedSeq
          ? `entries with seq ${this.expectedSeq}${row.seq - 1 > this.expectedSeq ? `-${row.seq - 1}` : ''} are missing before entry ${entry.id} (seq ${row.seq}): they were deleted`
          : `entry ${entry.id} repeats seq ${row.seq}: it was inserted outside Portside`,
      );
    } else if (row.prevHash !== this.previousHash) {
      problem(
        `entry ${entry.id} (seq ${row.seq}) does not link to the entry before it (prev_hash differs): an entry was deleted or replaced`,
      );
    }
    this.expectedSeq = row.seq + 1;
    this.previousHash = row.hash;
    this.lastId = entry.id;
  }

  private recompute(row: StoredChainEntry): string | null {
    try {
      return this.hashOf(auditChainText(row.entry, row));
    } catch {
      // Only a lone surrogate makes canonical JSON throw (it can sit escaped in the `changes` of
      // an entry sealed at upgrade): its hash was taken over the well-formed text.
      try {
        return this.hashOf(auditChainText(wellFormedValue(row.entry), row));
      } catch {
        return null;
      }
    }
  }

  /** Compares the end of the walk with the head kept in settings (null when none is kept). */
  finish(head: { seq: number; hash: string } | null): void {
    const lastSeq = this.expectedSeq - 1;
    if (head === null) {
      if (lastSeq > 0) {
        this.problems.push({ id: null, seq: null, reason: `the chain head of device ${this.deviceId} is missing from settings` });
      }
      return;
    }
    if (head.seq > lastSeq) {
      this.problems.push({
        id: null,
        seq: lastSeq + 1,
        reason: `the chain head in settings is at seq ${head.seq} but the last entry is seq ${lastSeq}: entries at the end were deleted`,
      });
    } else if (head.seq < lastSeq) {
      this.problems.push({
        id: this.lastId,
        seq: lastSeq,
        reason: `entries after seq ${head.seq} (the chain head in settings) up to seq ${lastSeq} were appended outside Portside`,
      });
    } else if (head.hash !== this.previousHash) {
      this.problems.push({
        id: this.lastId,
        seq: lastSeq,
        reason: `the last entry (seq ${lastSeq}) is not the one the chain head in settings names: it was replaced`,
      });
    }
  }
}

export interface OrderConsistencyReport {
  checked: number;
  mismatches: OrderMismatch[];
  /** How many mismatches there are in all (the list stops at a thousand). */
  mismatchCount: number;
}

/** What `GET /audit/verify` and `npm run audit:verify` answer. */
export interface AuditVerifyReport {
  /** True when the chain, the append-only guards and every order's derived fields are intact. */
  ok: boolean;
  /** Audit entries checked. */
  checked: number;
  /** The first problem, in chain order (a guard problem when the entries themselves are intact). */
  firstBroken?: AuditChainProblem;
  /** Every problem found (the list stops at a thousand). */
  problems: AuditChainProblem[];
  orders: OrderConsistencyReport;
}
