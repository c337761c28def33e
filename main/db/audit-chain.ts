// The audit chain's storage: sha256 of an entry, this device's id and chain head in `settings`, the append-only guards.
import { createHash, randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../core/domain/audit';
import { type AuditChainPosition, type AuditChainProblem, auditChainText } from '../../core/domain/audit-chain';
import type { Db } from './database';
import { MIGRATIONS } from './migrations';

export const DEVICE_ID_KEY = 'device_id';
export const CHAIN_HEAD_KEY = 'audit_chain_head';
/** Set once the entries written before the chain existed have been sealed into it. */
export const CHAIN_SEALED_KEY = 'audit_chain_sealed';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function auditEntryHash(entry: AuditEntry, position: AuditChainPosition): string {
  return sha256Hex(auditChainText(entry, position));
}

export interface ChainHead {
  seq: number;
  hash: string;
}

function parseHead(value: string | undefined): ChainHead | null {
  if (value === undefined) return null;
  try {
    const parsed = JSON.parse(value) as Partial<ChainHead>;
    if (typeof parsed.seq === 'number' && typeof parsed.hash === 'string') return { seq: parsed.seq, hash: parsed.hash };
  } catch {
    // An unreadable head is reported by verify as a head that does not match the entries.
  }
  return { seq: -1, hash: '' };
}

/** This device's id and the head of its chain, read and written inside the caller's transaction. */
export class ChainSettings {
  private readonly getStmt;
  private readonly putStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
    this.putStmt = db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  put(key: string, value: string): void {
    this.putStmt.run(key, value);
  }

  /** The device id, made once (never cached: a rolled-back transaction must not leave one behind in memory). */
  deviceId(): string {
    const existing = this.get(DEVICE_ID_KEY);
    if (existing !== undefined) return existing;
    const id = randomUUID();
    this.put(DEVICE_ID_KEY, id);
    return id;
  }

  /** The last entry of this device's chain; null before the first. */
  head(): ChainHead | null {
    return parseHead(this.get(CHAIN_HEAD_KEY));
  }

  setHead(head: ChainHead): void {
    this.put(CHAIN_HEAD_KEY, JSON.stringify(head));
  }
}

/** The append-only guards of 001_initial.sql, as sqlite_master must hold them. */
export const APPEND_ONLY_TRIGGERS = [
  {
    name: 'audit_entries_no_update',
    sql: `CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`,
  },
  {
    name: 'audit_entries_no_delete',
    sql: `CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`,
  },
] as const;

/** The schema version that creates the guards on the chain head and device id in `settings`. */
export const HEAD_GUARD_SCHEMA = 6;

interface GuardTrigger {
  name: string;
  sql: string;
  table: 'audit_entries' | 'settings';
  /** The first schema that has it: an older file verified offline has not been migrated yet. */
  since: number;
}

/** The CREATE TRIGGER statements of a migration, as sqlite_master stores them (no comment lines, no final semicolon). */
function triggersOf(sql: string): { name: string; sql: string }[] {
  const code = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return [...code.matchAll(/CREATE TRIGGER (\w+)[\s\S]*?\bEND;/g)].map((m) => ({ name: m[1] ?? '', sql: m[0].slice(0, -1) }));
}

/** 006_audit_head_guard's triggers, read from the migration itself so the two can never disagree. */
export const HEAD_GUARD_TRIGGERS: readonly { name: string; sql: string }[] = triggersOf(
  MIGRATIONS.find((m) => m.version === HEAD_GUARD_SCHEMA)?.sql ?? '',
);

/** Every trigger verify requires exactly: the append-only guards and the head guards. */
export const CHAIN_GUARD_TRIGGERS: readonly GuardTrigger[] = [
  ...APPEND_ONLY_TRIGGERS.map((t) => ({ ...t, table: 'audit_entries' as const, since: 1 })),
  ...HEAD_GUARD_TRIGGERS.map((t) => ({ ...t, table: 'settings' as const, since: HEAD_GUARD_SCHEMA })),
];

const sameSql = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

function guardedWhat(trigger: GuardTrigger): string {
  return trigger.table === 'audit_entries' ? 'audit entries can be changed' : 'the chain head or device id in settings can be moved';
}

/** Each append-only or head guard trigger that is missing or no longer says what it said. */
export function appendOnlyGuardProblems(db: Db): AuditChainProblem[] {
  const stmt = db.prepare<[string], { sql: string | null; tbl_name: string }>(
    `SELECT sql, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = ?`,
  );
  const version = Number(db.pragma('user_version', { simple: true }));
  const problems: AuditChainProblem[] = [];
  for (const trigger of CHAIN_GUARD_TRIGGERS) {
    if (version < trigger.since) continue;
    const kind = trigger.table === 'audit_entries' ? 'append-only trigger' : 'audit head guard trigger';
    const found = stmt.get(trigger.name);
    if (!found) {
      problems.push({ id: null, seq: null, reason: `the ${kind} ${trigger.name} was dropped: ${guardedWhat(trigger)}` });
    } else if (found.tbl_name !== trigger.table || found.sql === null || !sameSql(found.sql, trigger.sql)) {
      problems.push({
        id: null,
        seq: null,
        reason: `the ${kind} ${trigger.name} was altered: it no longer guards ${trigger.table === 'audit_entries' ? 'audit entries' : 'the chain head and device id'} as written`,
      });
    }
  }
  return problems;
}
