// The sync loop's last known state (online, last success, last error), kept as keys of the `settings` table.
import { SYNC_STATE_KEYS } from '../../../core/domain/sync-status';
import type { Db } from '../database';

export interface SyncState {
  online: boolean;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export class SyncStateRepo {
  private readonly readStmt;
  private readonly putStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.readStmt = db.prepare<[string, string, string], { key: string; value: string }>(
      `SELECT key, value FROM settings WHERE key IN (?, ?, ?)`,
    );
    this.putStmt = db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    this.deleteStmt = db.prepare<[string]>(`DELETE FROM settings WHERE key = ?`);
  }

  /** The stored state; a device that never synced is offline with nothing to report. */
  read(): SyncState {
    const values = new Map(
      this.readStmt.all(SYNC_STATE_KEYS.online, SYNC_STATE_KEYS.lastSuccessAt, SYNC_STATE_KEYS.lastError).map((r) => [r.key, r.value]),
    );
    return {
      online: values.get(SYNC_STATE_KEYS.online) === 'true',
      lastSuccessAt: values.get(SYNC_STATE_KEYS.lastSuccessAt) ?? null,
      lastError: values.get(SYNC_STATE_KEYS.lastError) ?? null,
    };
  }

  /** Records what the sync loop learned; fields left out keep their value, null clears one. */
  write(change: Partial<SyncState>): void {
    if (change.online !== undefined) this.putStmt.run(SYNC_STATE_KEYS.online, String(change.online));
    for (const field of ['lastSuccessAt', 'lastError'] as const) {
      const value = change[field];
      if (value === undefined) continue;
      if (value === null) this.deleteStmt.run(SYNC_STATE_KEYS[field]);
      else this.putStmt.run(SYNC_STATE_KEYS[field], value);
    }
  }
}
