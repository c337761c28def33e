// The sync loop's last known state (online, last success, last error), kept as keys of the `settings` table.
import { type SyncProgress, SYNC_STATE_KEYS, type SyncWait } from '../../../core/domain/sync-status';
import type { Db } from '../database';

export interface SyncState {
  online: boolean;
  lastSuccessAt: string | null;
  lastError: string | null;
  progress: SyncProgress | null;
  bootstrapped: boolean;
  waiting: SyncWait | null;
}

function progressOf(text: string | undefined): SyncProgress | null {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as SyncProgress;
  } catch {
    return null;
  }
}

export class SyncStateRepo {
  private readonly readStmt;
  private readonly putStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.readStmt = db.prepare<[string], { key: string; value: string }>(
      `SELECT key, value FROM settings WHERE key IN (SELECT value FROM json_each(?))`,
    );
    this.putStmt = db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    this.deleteStmt = db.prepare<[string]>(`DELETE FROM settings WHERE key = ?`);
  }

  /** The stored state; a device that never synced is offline with nothing to report. */
  read(): SyncState {
    const values = new Map(this.readStmt.all(JSON.stringify(Object.values(SYNC_STATE_KEYS))).map((r) => [r.key, r.value]));
    return {
      online: values.get(SYNC_STATE_KEYS.online) === 'true',
      lastSuccessAt: values.get(SYNC_STATE_KEYS.lastSuccessAt) ?? null,
      lastError: values.get(SYNC_STATE_KEYS.lastError) ?? null,
      progress: progressOf(values.get(SYNC_STATE_KEYS.progress)),
      bootstrapped: values.get(SYNC_STATE_KEYS.bootstrapped) === 'true',
      waiting: values.get(SYNC_STATE_KEYS.waiting) === 'sign-in' ? 'sign-in' : null,
    };
  }

  /** Records what the sync loop learned; fields left out keep their value, null clears one. */
  write(change: Partial<SyncState>): void {
    if (change.online !== undefined) this.putStmt.run(SYNC_STATE_KEYS.online, String(change.online));
    if (change.bootstrapped !== undefined) this.putStmt.run(SYNC_STATE_KEYS.bootstrapped, String(change.bootstrapped));
    if (change.progress === null) this.deleteStmt.run(SYNC_STATE_KEYS.progress);
    else if (change.progress !== undefined) this.putStmt.run(SYNC_STATE_KEYS.progress, JSON.stringify(change.progress));
    for (const field of ['lastSuccessAt', 'lastError', 'waiting'] as const) {
      const value = change[field];
      if (value === undefined) continue;
      if (value === null) this.deleteStmt.run(SYNC_STATE_KEYS[field]);
      else this.putStmt.run(SYNC_STATE_KEYS[field], value);
    }
  }
}
