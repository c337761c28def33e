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
  /** What the sync loop is doing right now (a first download shows a progress bar); null when idle. */
  progress: SyncProgress | null;
  /** Whether this device has completed its first full download from the table (always true in local mode). */
  bootstrapped: boolean;
  /**
   * Present while the loop waits for a person instead of syncing: 'sign-in' = the AWS credentials come
   * from a Cognito identity pool and nobody is signed in online (PORTSIDE_IDENTITY_POOL_ID).
   */
  waiting?: SyncWait;
}

/** Something a person must do before the sync loop can reach the table. */
export type SyncWait = 'sign-in';

export interface SyncProgress {
  phase: 'pushing' | 'pulling' | 'bootstrapping';
  /** Change sets pushed or items pulled so far in this pass. */
  done: number;
  /** How many there are in all, when known (pushing knows; a pull does not). */
  total: number | null;
}

/** Keys in the `settings` table the sync loop writes and `GET /sync/status` reads. */
export const SYNC_STATE_KEYS = {
  online: 'sync.online',
  lastSuccessAt: 'sync.lastSuccessAt',
  lastError: 'sync.lastError',
  /** JSON SyncProgress while a pass runs; absent when idle. */
  progress: 'sync.progress',
  /** 'true' once the first full download completed. */
  bootstrapped: 'sync.bootstrapped',
  /** The SyncWait the loop waits for; absent while it syncs. */
  waiting: 'sync.waiting',
} as const;
