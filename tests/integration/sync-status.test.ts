// The sync status service on a real SQLite file: mode from the configuration, state from the settings the loop writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_STATE_KEYS } from '../../core/domain/sync-status';
import { type Db, openDatabase } from '../../main/db/database';
import { createServices } from '../../main/services';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-sync-status-'));
  db = openDatabase(join(dir, 'portside.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync status', () => {
  it('reports cloud mode when a table is configured, offline with nothing recorded before any sync ran', () => {
    expect(createServices(db, { syncMode: 'cloud' }).syncStatus.status()).toEqual({
      mode: 'cloud',
      online: false,
      pending: 0,
      parked: 0,
      conflicts: 0,
      lastSuccessAt: null,
      lastError: null,
      progress: null,
      bootstrapped: false,
    });
  });

  it('reads the state the sync loop keeps under the sync.* settings keys', () => {
    const { syncStatus, deps } = createServices(db, { syncMode: 'cloud' });
    deps.repos.syncState.write({ online: true, lastSuccessAt: '2026-11-30T07:00:00.000Z', lastError: 'Throttled by DynamoDB.' });
    const stored = db
      .prepare<[], { key: string; value: string }>(`SELECT key, value FROM settings WHERE key LIKE 'sync.%' ORDER BY key`)
      .all();
    expect(stored).toEqual([
      { key: SYNC_STATE_KEYS.lastError, value: 'Throttled by DynamoDB.' },
      { key: SYNC_STATE_KEYS.lastSuccessAt, value: '2026-11-30T07:00:00.000Z' },
      { key: SYNC_STATE_KEYS.online, value: 'true' },
    ]);
    expect(syncStatus.status()).toMatchObject({
      online: true,
      lastSuccessAt: '2026-11-30T07:00:00.000Z',
      lastError: 'Throttled by DynamoDB.',
    });
  });

  it('shows the progress of a running pass and whether the first download completed', () => {
    const { syncStatus, deps } = createServices(db, { syncMode: 'cloud' });
    deps.repos.syncState.write({ progress: { phase: 'bootstrapping', done: 1200, total: null } });
    expect(syncStatus.status()).toMatchObject({ progress: { phase: 'bootstrapping', done: 1200, total: null }, bootstrapped: false });
    deps.repos.syncState.write({ progress: null, bootstrapped: true });
    expect(syncStatus.status()).toMatchObject({ progress: null, bootstrapped: true });
    expect(db.prepare(`SELECT count(*) AS n FROM settings WHERE key = ?`).get(SYNC_STATE_KEYS.progress)).toEqual({ n: 0 });
  });
});
