// What `GET /sync/status` answers, and the settings keys the sync loop keeps its state in.

export interface SyncStatus {
  /** 'cloud' when a DynamoDB table is configured; 'local' is a single-machine install that never syncs. */
  mode: 'local' | 'cloud';
  /** Whether the last sync attempt reached the table; false while no sync loop runs. */
  online: boolean;
  /** Change sets waiting to be pushed. */
  pending: number;
  /** Change sets that failed permanently and wait for a person (shown, retryable, never dropped). */
  parked: number;
  /** Conflicts waiting for a person to resolve. */
  conflicts: number;
  /** When a sync last completed, ISO 8601; null until one has. */
  lastSuccessAt: string | null;
  /** The last sync error, for a person; null when the last attempt succeeded or none ran. */
  lastError: string | null;
}

/** Keys in the `settings` table the sync loop writes and `GET /sync/status` reads. */
export const SYNC_STATE_KEYS = {
  online: 'sync.online',
  lastSuccessAt: 'sync.lastSuccessAt',
  lastError: 'sync.lastError',
} as const;
