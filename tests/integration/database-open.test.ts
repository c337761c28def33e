// The database at start: one Portside per data folder, and a read-only, locked or damaged file stops the start with a clear message.
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { lockDataFolder } from '../../main/db/data-folder-lock';
import { DatabaseCorruptError, DatabaseLockedError, DataFolderInUseError, openDatabase } from '../../main/db/database';
import { damageLeafPages } from '../support/damaged-database';
import { holdSqliteLock, runningAsRoot, serverExit, spawnServer, stopServer, UNPRIVILEGED_UID } from '../support/server-process';

const dirs: string[] = [];
function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portside-open-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A valid database with demo data, closed (its WAL folded back into the file). */
function writeValidDatabase(dataDir: string, demo = true): string {
  createBackend(loadConfig({ PORTSIDE_DEMO: demo ? '1' : '0' }, { dataDir }), { log: () => undefined }).close();
  return join(dataDir, 'portside.sqlite');
}

/** Overwrites four pages in the middle of the file with random bytes, as a failing disk or a bad copy would. */
function damageFourPages(file: string): void {
  const pageSize = 4096;
  const pages = Math.floor(statSync(file).size / pageSize);
  expect(pages).toBeGreaterThan(20);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, randomBytes(4 * pageSize), 0, 4 * pageSize, Math.floor(pages / 2) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** As root, chmod never stops a write: the server then runs as an unprivileged user owning the folder. */
function runAsUser(dataDir: string): { uid?: number } {
  if (!runningAsRoot()) return {};
  chownSync(dataDir, UNPRIVILEGED_UID, UNPRIVILEGED_UID);
  for (const name of readdirSync(dataDir)) chownSync(join(dataDir, name), UNPRIVILEGED_UID, UNPRIVILEGED_UID);
  return { uid: UNPRIVILEGED_UID };
}

describe('one Portside process per data folder', () => {
  it('refuses a second server on the same folder: exit code 1 and a message naming the folder', async () => {
    const dataDir = newDataDir();
    const first = spawnServer({ PORTSIDE_DATA_DIR: dataDir });
    try {
      await first.ready;
      const second = await serverExit({ PORTSIDE_DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.stderr.trim()).toBe(
        `Portside could not start: Another Portside is already using the data folder ${dataDir}. Use that window (or stop that server) first, or set PORTSIDE_DATA_DIR to another folder.`,
      );
    } finally {
      await stopServer(first);
    }
  });

  it('leaves no stale lock after a crash: once the first is killed with SIGKILL, the next one starts', async () => {
    const dataDir = newDataDir();
    const first = spawnServer({ PORTSIDE_DATA_DIR: dataDir });
    await first.ready;
    await stopServer(first, 'SIGKILL');
    const next = spawnServer({ PORTSIDE_DATA_DIR: dataDir });
    try {
      await expect(next.ready).resolves.toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await stopServer(next);
    }
  });

  it('refuses a second backend on the folder within one process too, and frees the folder on close', () => {
    const dataDir = newDataDir();
    const config = loadConfig({}, { dataDir });
    const first = createBackend(config, { log: () => undefined });
    expect(() => createBackend(config, { log: () => undefined })).toThrow(DataFolderInUseError);
    first.close();
    const lock = lockDataFolder(dataDir);
    lock.release();
  });
});

describe('a database that cannot be used stops the start', () => {
  it('refuses a file with four pages of garbage: a clear message and exit code 1, never a start that answers 500', async () => {
    const dataDir = newDataDir();
    const file = writeValidDatabase(dataDir);
    damageFourPages(file);
    const { code, stderr } = await serverExit({ PORTSIDE_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).toContain(`Portside could not start: The database file ${file} is damaged (SQLite reports: `);
    expect(stderr).toContain('Portside did not change it. Restore it from a backup, or move it out of the folder');
    // One line a person can read, not SQLite's report of every damaged page.
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(() => openDatabase(file)).toThrow(DatabaseCorruptError);
  });

  it('names at most three of the damaged pages SQLite reports, and counts the rest', () => {
    const file = writeValidDatabase(newDataDir());
    const pages = damageLeafPages(file, 'audit_by_order', 8);
    let error: unknown;
    try {
      openDatabase(file, { integrityCheck: 'quick' }).close();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatabaseCorruptError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).not.toContain('*** in database');
    expect(message.match(/btreeInitPage/g)).toHaveLength(3);
    expect(message).toContain(`(${pages.length - 3} more)). Portside did not change it.`);
  });

  it('refuses a read-only database file, saying which file and what to do', async () => {
    const dataDir = newDataDir();
    const file = writeValidDatabase(dataDir, false);
    const user = runAsUser(dataDir);
    chmodSync(file, 0o444);
    const { code, stderr } = await serverExit({ PORTSIDE_DATA_DIR: dataDir }, user);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Portside could not start: The database file ${file} is read-only, so Portside cannot save anything. Give your account write permission on it (and on its -wal and -shm files, if any), or restore a writable copy.`,
    );
  });

  it('refuses a read-only data folder, saying which folder and what to do', async () => {
    const dataDir = newDataDir();
    writeValidDatabase(dataDir, false);
    const user = runAsUser(dataDir);
    chmodSync(dataDir, 0o555);
    const { code, stderr } = await serverExit({ PORTSIDE_DATA_DIR: dataDir }, user);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Portside could not start: The data folder ${dataDir} is read-only, so Portside cannot save anything there. Give your account write permission on it, or set PORTSIDE_DATA_DIR to a folder you can write to.`,
    );
  });

  it('refuses a database file another program holds an exclusive lock on, naming the file', async () => {
    const dataDir = newDataDir();
    const file = writeValidDatabase(dataDir, false);
    const holder = holdSqliteLock(file, 'exclusive');
    try {
      await holder.held;
      expect(() => openDatabase(file, { busyTimeoutMs: 50 })).toThrow(DatabaseLockedError);
      expect(() => createBackend(loadConfig({}, { dataDir }), { busyTimeoutMs: 50, log: () => undefined })).toThrow(
        `The database file ${file} is locked by another program`,
      );
      // The failed start let go of the folder: nothing keeps it after the error.
      lockDataFolder(dataDir).release();
    } finally {
      holder.release();
      await holder.exited;
    }
  });
});
