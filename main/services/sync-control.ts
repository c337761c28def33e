// How services ask the sync loop for a pass ("Sync now", a retried change set) without knowing where the loop runs.

export type SyncRequestReason = 'manual' | 'local-change' | 'reconnect' | 'retry';

export interface SyncControl {
  /** Asks for a push and pull soon; several requests close together make one pass. No-op when nothing syncs. */
  requestSync(reason: SyncRequestReason): void;
}

/** Local mode: no table, no loop; requests are accepted and nothing happens. */
export const NO_SYNC: SyncControl = { requestSync: () => undefined };

/**
 * The control services hold: the app layer plugs the real loop in once it runs (it starts after
 * the services, and in Electron it may live in another process).
 */
export class SyncControlSlot implements SyncControl {
  private target: SyncControl = NO_SYNC;

  attach(target: SyncControl): void {
    this.target = target;
  }

  requestSync(reason: SyncRequestReason): void {
    this.target.requestSync(reason);
  }
}
