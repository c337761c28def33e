// Opens the SQLite database (WAL, foreign keys) and brings its schema up to date.
import Database from 'better-sqlite3';
import { type Migration, MIGRATIONS } from './migrations';
import { sealUnchainedAuditEntries } from './repos/audit-repo';

export type Db = Database.Database;

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer Portside (schema ${found}; this app knows up to ${supported}). Update Portside to open it.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Opens (creating if needed) and migrates the database. Under Electron in development the
 * native module is built separately for Electron's ABI and named by PORTSIDE_SQLITE_BINDING.
 */
export function openDatabase(file: string, nativeBinding = process.env.PORTSIDE_SQLITE_BINDING): Db {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 5000');
    // Refuse a newer schema before changing anything: the journal mode is stored in the file.
    assertKnownSchema(db, MIGRATIONS);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    // Once, at the first open after 005_audit_chain: entries from before the chain join it.
    sealUnchainedAuditEntries(db);
    return db;
  } catch (error) {
    // A connection left open would keep the file (and its -wal) locked until the process ends.
    db.close();
    throw error;
  }
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

/** Runs every migration newer than the database, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = assertKnownSchema(db, migrations);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
