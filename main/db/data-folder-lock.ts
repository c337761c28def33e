// One Portside process per data folder: an OS-level exclusive lock on `portside.lock`, held for the life of the process.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DatabaseReadOnlyError, DataFolderInUseError } from './database-errors';

export const LOCK_FILE_NAME = 'portside.lock';

export interface DataFolderLock {
  readonly folder: string;
  release(): void;
}

/**
 * Takes the data folder for this process, or throws DataFolderInUseError naming it.
 *
 * Why a small SQLite file and not a pid file or `mkdir` lock: SQLite takes a real OS lock
 * (fcntl on macOS/Linux, LockFileEx on Windows) that the OS drops when the process ends, even
 * on a crash or SIGKILL, so there is never a stale lock to clean up and no pid to guess about;
 * it works the same on every platform, and better-sqlite3 is already here (no new dependency).
 * `locking_mode = EXCLUSIVE` keeps the lock after the first lock is taken, and the EXCLUSIVE
 * transaction left open takes it at once. A second process (or a second connection in this
 * process) gets SQLITE_BUSY immediately: the busy timeout is 0, a start should not wait.
 * The lock lives beside the database rather than on it because the database itself must stay
 * open to the app's own connection (WAL readers and writers).
 */
export function lockDataFolder(folder: string, nativeBinding = process.env.PORTSIDE_SQLITE_BINDING): DataFolderLock {
  const file = join(folder, LOCK_FILE_NAME);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    // The lock file cannot be created: the folder is not ours to write. (Anything else, such as
    // a native module built for another runtime, is not a permission problem: let it through.)
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_')) throw new DatabaseReadOnlyError(folder, 'folder');
    throw error;
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    const code = String((error as { code?: unknown }).code);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw new DataFolderInUseError(folder);
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) throw new DatabaseReadOnlyError(folder, 'folder');
    throw error;
  }
  return {
    folder,
    release: () => {
      if (db.open) db.close();
    },
  };
}
