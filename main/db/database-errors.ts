// Why the data folder or its database cannot be used at start: typed, each message saying what is wrong and what to do.

/**
 * Every reason Portside refuses to start on a data folder. The entries (server.ts, Electron main)
 * show `message` as is and exit non-zero: a start that goes ahead on a bad database only fails
 * later, one request at a time, with answers a person cannot act on.
 */
export abstract class DatabaseOpenError extends Error {}

export class DatabaseTooNewError extends DatabaseOpenError {
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

/** Another Portside (browser mode or Electron) holds the data folder. */
export class DataFolderInUseError extends DatabaseOpenError {
  constructor(readonly folder: string) {
    super(
      `Another Portside is already using the data folder ${folder}. Use that window (or stop that server) first, or set PORTSIDE_DATA_DIR to another folder.`,
    );
    this.name = 'DataFolderInUseError';
  }
}

/** The database file, or the folder SQLite must write its journal into, cannot be written. */
export class DatabaseReadOnlyError extends DatabaseOpenError {
  constructor(
    readonly path: string,
    readonly what: 'file' | 'folder',
  ) {
    super(
      what === 'folder'
        ? `The data folder ${path} is read-only, so Portside cannot save anything there. Give your account write permission on it, or set PORTSIDE_DATA_DIR to a folder you can write to.`
        : `The database file ${path} is read-only, so Portside cannot save anything. Give your account write permission on it (and on its -wal and -shm files, if any), or restore a writable copy.`,
    );
    this.name = 'DatabaseReadOnlyError';
  }
}

/** Some other program (a database browser, a backup tool) holds a lock on the database file. */
export class DatabaseLockedError extends DatabaseOpenError {
  constructor(readonly file: string) {
    super(
      `The database file ${file} is locked by another program (a database browser or a backup tool, for example). Close that program, then start Portside again.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

/** SQLite's own check found damage: the file must not be written to until someone has looked at it. */
export class DatabaseCorruptError extends DatabaseOpenError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `The database file ${file} is damaged (SQLite reports: ${summarizeDamage(problems)}). Portside did not change it. Restore it from a backup, or move it out of the folder to start with an empty database, and keep the damaged copy for support.`,
    );
    this.name = 'DatabaseCorruptError';
  }
}

/** How many of SQLite's damage reports a message shows; the rest are counted, not listed. */
export const DAMAGE_LINES_SHOWN = 3;

/**
 * SQLite's `integrity_check` / `quick_check` answer as one problem per line: a row can hold
 * several lines (one per damaged page) under a "*** in database main ***" heading, which says nothing.
 */
export function damageLines(rows: readonly string[]): string[] {
  return rows
    .flatMap((row) => row.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\*\*\* in database \S+ \*\*\*$/.test(line));
}

/** The first few damage lines and how many more there are: a person needs the gist, support has the tool. */
export function summarizeDamage(lines: readonly string[]): string {
  const shown = lines.slice(0, DAMAGE_LINES_SHOWN).join('; ');
  return lines.length > DAMAGE_LINES_SHOWN ? `${shown} (${lines.length - DAMAGE_LINES_SHOWN} more)` : shown;
}
