// What the sidebar's sync pill says for a sync status (one label, a tone and the tooltip explaining it), and how soon it asks again.
import type { SyncStatus } from '../../../../core/domain/sync-status';

export type SyncPillTone = 'local' | 'synced' | 'waiting' | 'problem';

export interface SyncPillState {
  label: string;
  tone: SyncPillTone;
  tooltip: string;
}

export function syncPillOf(status: SyncStatus): SyncPillState {
  if (status.mode === 'local') {
    return { label: 'Local only', tone: 'local', tooltip: 'No shared table is set up: changes are kept on this computer only.' };
  }
  // Credentials come from an online sign-in (Cognito identity pool): nothing syncs until there is one.
  if (status.waiting === 'sign-in') return { label: 'Sign in to sync', tone: 'waiting', tooltip: signInToSyncText(status) };
  // The first download: until it completes, this device does not hold the team's orders yet.
  if (!status.bootstrapped) {
    const done = status.progress?.phase === 'bootstrapping' ? status.progress.done : 0;
    if (status.online || done > 0) {
      return {
        label: done > 0 ? `Downloading · ${done.toLocaleString()}` : 'Downloading…',
        tone: 'waiting',
        tooltip: `First download of the team's orders from the shared table${done > 0 ? `: ${done.toLocaleString()} records so far` : ''}.`,
      };
    }
    return {
      label: 'Download waiting',
      tone: 'waiting',
      tooltip: status.lastError ?? "The first download of the team's orders starts when Portside reaches the shared table.",
    };
  }
  // Parked changes and conflicts need a person; they outrank a queue that will drain by itself.
  if (status.parked > 0 || status.conflicts > 0) {
    const needs = [
      status.parked > 0 ? `${status.parked} ${status.parked === 1 ? 'change' : 'changes'} could not be sent` : null,
      status.conflicts > 0 ? `${status.conflicts} ${status.conflicts === 1 ? 'conflict needs' : 'conflicts need'} a decision` : null,
    ].filter((part): part is string => part !== null);
    // Conflicts alone are not a fault of sync (it worked: it found them); the label says what waits.
    const label =
      status.parked === 0 ? `${status.conflicts} ${status.conflicts === 1 ? 'conflict' : 'conflicts'} to resolve` : 'Sync problem';
    return { label, tone: 'problem', tooltip: status.lastError ?? `${needs.join('; ')}.` };
  }
  // No answer from the table: say so in the label, not only in the tooltip (an expected state, not an alarm).
  if (!status.online && status.lastError !== null) {
    return {
      label: status.pending > 0 ? `Offline · ${status.pending} waiting` : 'Offline',
      tone: 'waiting',
      tooltip: status.lastError,
    };
  }
  if (status.pending > 0) {
    const waiting = status.online ? 'Sending to the shared table.' : 'Offline: they are sent when Portside reaches the shared table.';
    return {
      label: `${status.pending} ${status.pending === 1 ? 'change' : 'changes'} waiting`,
      tone: 'waiting',
      tooltip: status.lastError ?? waiting,
    };
  }
  if (status.lastError !== null) return { label: 'Sync problem', tone: 'problem', tooltip: status.lastError };
  return {
    label: 'Synced',
    tone: 'synced',
    tooltip: status.lastSuccessAt
      ? `Everything is sent. Last synced ${new Date(status.lastSuccessAt).toLocaleString()}.`
      : 'Everything is sent.',
  };
}

/** Why nothing syncs while the loop waits for an online sign-in, and what happens to the changes meanwhile. */
export function signInToSyncText(status: SyncStatus): string {
  const kept =
    status.pending === 0
      ? 'Changes made here are kept on this computer'
      : `${status.pending} ${status.pending === 1 ? 'change is' : 'changes are'} kept on this computer`;
  return `Sync uses your company sign-in to reach the shared table. ${kept} and sent once you sign in while online.`;
}

/** How often the pill asks again when nothing local changed and no pass is under way (remote pulls arrive by change events). */
export const SYNC_STATUS_IDLE_REFRESH_MS = 30_000;
/** While changes are on their way: a pass ends without a change event, and the pill and the Sync screen must not show it running for half a minute. */
export const SYNC_STATUS_BUSY_REFRESH_MS = 2_000;
/** Offline with changes waiting: the loop retries with backoff; the pill notices it is back within seconds, without asking every two. */
export const SYNC_STATUS_OFFLINE_REFRESH_MS = 10_000;

/** The wait before the pill asks for the status again, from what it last said. */
export function syncStatusRefreshMs(status: SyncStatus | null): number {
  if (!status || status.mode === 'local') return SYNC_STATUS_IDLE_REFRESH_MS;
  if (status.progress !== null || !status.bootstrapped) return SYNC_STATUS_BUSY_REFRESH_MS;
  if (status.pending === 0) return SYNC_STATUS_IDLE_REFRESH_MS;
  return status.online ? SYNC_STATUS_BUSY_REFRESH_MS : SYNC_STATUS_OFFLINE_REFRESH_MS;
}
