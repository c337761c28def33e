// Opens the SQLite database (WAL, foreign keys) after checking it can be used, and brings its schema up to date.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DatabaseCorruptError,
  DatabaseLockedError,
  DatabaseOpenError,
  DatabaseReadOnlyError,
  DatabaseTooNewError,
  DataFolderInUseError,
  damageLines,
} from './database-errors';
import { type Migration, MIGRATIONS } from './migrations';
import { sealUnchainedAuditEntries } from './repos/audit-repo';

export { DatabaseCorruptError, DatabaseLockedError, DatabaseOpenError, DatabaseReadOnlyError, DatabaseTooNewError, DataFolderInUseError };

export type Db = Database.Database;

/** How long a write waits for another connection's write to finish before giving up (SQLITE_BUSY). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Below this size the start runs the full `integrity_check` (it also checks indexes against
 * their tables); above it only `quick_check`, which is linear in the file size.
 */
export const FULL_CHECK_MAX_BYTES = 50 * 1024 * 1024;

export interface OpenOptions {
  /** Under Electron in development the native module is built for Electron's ABI and named by PORTSIDE_SQLITE_BINDING. */
  nativeBinding?: string | undefined;
  busyTimeoutMs?: number;
  /** 'auto': full check below FULL_CHECK_MAX_BYTES, quick check above. 'none' is for measurements only. */
  integrityCheck?: 'auto' | 'quick' | 'full' | 'none';
}

/**
 * Opens (creating if needed), checks and migrates the database. Throws a DatabaseOpenError
 * subclass, with a message for a person, when the file is read-only, locked by another
 * program, damaged or written by a newer Portside: nothing is written to it in those cases.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const nativeBinding = options.nativeBinding ?? process.env.PORTSIDE_SQLITE_BINDING;
  let db: Db;
  try {
    db = new Database(file, nativeBinding ? { nativeBinding } : {});
  } catch (error) {
    throw explainOpenFailure(error, file);
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
    // Refuse a newer schema before changing anything: the journal mode is stored in the file.
    assertKnownSchema(db, MIGRATIONS);
    assertWritable(db);
    assertIntact(db, file, options.integrityCheck ?? 'auto');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    // Once, at the first open after 004_audit_chain: entries from before the chain join it.
    sealUnchainedAuditEntries(db);
    return db;
  } catch (error) {
    // A connection left open would keep the file (and its -wal) locked until the process ends.
    db.close();
    throw explainOpenFailure(error, file);
  }
}

/** True for SQLite's "another connection holds the lock" errors (after the busy timeout ran out). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The database's schema version; throws DatabaseTooNewError when a newer Portside wrote it. */
function assertKnownSchema(db: Db, migrations: readonly Migration[]): number {
  const latest = migrations.length === 0 ? 0 : (migrations[migrations.length - 1]?.version ?? 0);
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  return current;
}

/**
 * SQLite quietly opens a write-protected file read-only, and a read-only folder only shows
 * when the journal is needed: both would let the app start and then fail every save. A write
 * that is rolled back (rewriting user_version with its own value) finds out now, changing nothing.
 */
function assertWritable(db: Db): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${schemaVersion(db)}`);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/** Runs SQLite's own consistency check; any answer but "ok" stops the start (a damaged file answers 500s later). */
function assertIntact(db: Db, file: string, mode: NonNullable<OpenOptions['integrityCheck']>): void {
  if (mode === 'none' || db.memory) return;
  const full = mode === 'full' || (mode === 'auto' && fileSize(file) < FULL_CHECK_MAX_BYTES);
  const rows = db.pragma(full ? 'integrity_check(20)' : 'quick_check(20)') as Record<string, unknown>[];
  const problems = damageLines(rows.map((row) => String(Object.values(row)[0])));
  if (problems.length !== 1 || problems[0] !== 'ok') throw new DatabaseCorruptError(file, problems);
}

/** Runs every migration newer than the database, each in its own write transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = assertKnownSchema(db, migrations);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}

/** Turns SQLite's codes at open into the typed errors the entries explain to a person. */
function explainOpenFailure(error: unknown, file: string): unknown {
  if (error instanceof DatabaseOpenError) return error;
  const code = sqliteCode(error) ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new DatabaseLockedError(file);
  if (code === 'SQLITE_READONLY_DIRECTORY') return new DatabaseReadOnlyError(dirname(file), 'folder');
  if (code.startsWith('SQLITE_READONLY')) return new DatabaseReadOnlyError(file, 'file');
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    const fileIsReadOnly = existsSync(file) && !canWrite(file);
    return new DatabaseReadOnlyError(fileIsReadOnly ? file : dirname(file), fileIsReadOnly ? 'file' : 'folder');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new DatabaseCorruptError(file, [error instanceof Error ? error.message : String(error)]);
  }
  return error;
}

function sqliteCode(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
