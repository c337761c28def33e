// The sidebar's sync pill: what it says for each sync status, and which reason its tooltip gives.
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../core/domain/sync-status';
import { syncOnReconnect } from '../../renderer/src/features/shell/sync-on-reconnect';
import {
  SYNC_STATUS_BUSY_REFRESH_MS,
  SYNC_STATUS_IDLE_REFRESH_MS,
  SYNC_STATUS_OFFLINE_REFRESH_MS,
  syncPillOf,
  syncStatusRefreshMs,
} from '../../renderer/src/features/shell/sync-pill-state';

const cloud: SyncStatus = {
  mode: 'cloud',
  online: true,
  pending: 0,
  parked: 0,
  conflicts: 0,
  lastSuccessAt: null,
  lastError: null,
  progress: null,
  bootstrapped: true,
};

describe('the sync pill', () => {
  it('says "Sign in to sync" while the loop waits for an online sign-in, whatever else it last knew', () => {
    const waiting = syncPillOf({ ...cloud, online: false, pending: 2, bootstrapped: false, waiting: 'sign-in', lastError: 'old' });
    expect(waiting).toMatchObject({ label: 'Sign in to sync', tone: 'waiting' });
    expect(waiting.tooltip).toMatch(/2 changes are kept on this computer and sent once you sign in while online/);
    expect(syncPillOf({ ...cloud, waiting: 'sign-in' }).tooltip).toMatch(/^Sync uses your company sign-in/);
  });

  it('says "Local only" without a table, whatever is queued', () => {
    expect(syncPillOf({ ...cloud, mode: 'local', online: false, pending: 7 })).toMatchObject({ label: 'Local only', tone: 'local' });
  });

  it('counts the changes waiting, singular and plural, explaining an offline wait', () => {
    expect(syncPillOf({ ...cloud, pending: 1 }).label).toBe('1 change waiting');
    expect(syncPillOf({ ...cloud, online: false, pending: 3 })).toMatchObject({
      label: '3 changes waiting',
      tone: 'waiting',
      tooltip: expect.stringMatching(/^Offline/),
    });
  });

  it('says "Offline" with the count waiting once the table did not answer, the reason as tooltip', () => {
    const lastError = 'Offline: DynamoDB could not be reached (TimeoutError).';
    expect(syncPillOf({ ...cloud, online: false, pending: 3, lastError })).toEqual({
      label: 'Offline · 3 waiting',
      tone: 'waiting',
      tooltip: lastError,
    });
    expect(syncPillOf({ ...cloud, online: false, lastError })).toMatchObject({ label: 'Offline', tone: 'waiting' });
    // A conflict still outranks being offline: it needs a person.
    expect(syncPillOf({ ...cloud, online: false, conflicts: 1, lastError })).toMatchObject({ label: '1 conflict to resolve' });
  });

  it('says "Sync problem" for a parked change even with others waiting, with the last error as tooltip', () => {
    expect(syncPillOf({ ...cloud, pending: 4, parked: 1, lastError: 'Refused by the table.' })).toEqual({
      label: 'Sync problem',
      tone: 'problem',
      tooltip: 'Refused by the table.',
    });
    expect(syncPillOf({ ...cloud, parked: 1, conflicts: 1 })).toMatchObject({
      label: 'Sync problem',
      tooltip: '1 change could not be sent; 1 conflict needs a decision.',
    });
  });

  it('names conflicts as what waits for a person (sync worked: it found them), ahead of changes waiting', () => {
    expect(syncPillOf({ ...cloud, conflicts: 2, pending: 3 })).toEqual({
      label: '2 conflicts to resolve',
      tone: 'problem',
      tooltip: '2 conflicts need a decision.',
    });
    expect(syncPillOf({ ...cloud, conflicts: 1 }).label).toBe('1 conflict to resolve');
  });

  it('says "Synced" when nothing waits and the last attempt succeeded, and "Sync problem" when it failed', () => {
    expect(syncPillOf(cloud)).toMatchObject({ label: 'Synced', tone: 'synced' });
    expect(syncPillOf({ ...cloud, lastError: 'Network unreachable.' })).toMatchObject({
      label: 'Sync problem',
      tooltip: 'Network unreachable.',
    });
  });

  it('shows the first download and how far it got, and says when it waits for the table', () => {
    const first = { ...cloud, bootstrapped: false };
    expect(syncPillOf({ ...first, progress: { phase: 'bootstrapping', done: 1234, total: null } })).toMatchObject({
      label: `Downloading · ${(1234).toLocaleString()}`,
      tone: 'waiting',
    });
    expect(syncPillOf({ ...first, progress: null }).label).toBe('Downloading…');
    expect(syncPillOf({ ...first, online: false, lastError: 'Offline: DynamoDB could not be reached.' })).toMatchObject({
      label: 'Download waiting',
      tooltip: 'Offline: DynamoDB could not be reached.',
    });
  });
});

describe('a network that comes back', () => {
  it('asks the sync loop for a pass at once, every time, until the window stops listening', () => {
    const window = new EventTarget();
    let asked = 0;
    const stop = syncOnReconnect(window, () => {
      asked += 1;
    });
    window.dispatchEvent(new Event('offline'));
    expect(asked).toBe(0);
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('online'));
    expect(asked).toBe(2);
    stop();
    window.dispatchEvent(new Event('online'));
    expect(asked).toBe(2);
  });
});

describe('how soon the pill asks for the status again', () => {
  it('asks every few seconds while changes are on their way or a pass is under way (a push ends without a change event)', () => {
    expect(syncStatusRefreshMs({ ...cloud, pending: 2 })).toBe(SYNC_STATUS_BUSY_REFRESH_MS);
    expect(syncStatusRefreshMs({ ...cloud, progress: { phase: 'pulling', done: 10, total: null } })).toBe(SYNC_STATUS_BUSY_REFRESH_MS);
  });

  it('asks less often offline with changes waiting, and rarely when idle, local, or before the first answer', () => {
    expect(syncStatusRefreshMs({ ...cloud, online: false, pending: 5 })).toBe(SYNC_STATUS_OFFLINE_REFRESH_MS);
    expect(syncStatusRefreshMs(cloud)).toBe(SYNC_STATUS_IDLE_REFRESH_MS);
    expect(syncStatusRefreshMs({ ...cloud, mode: 'local', pending: 9 })).toBe(SYNC_STATUS_IDLE_REFRESH_MS);
    expect(syncStatusRefreshMs(null)).toBe(SYNC_STATUS_IDLE_REFRESH_MS);
    expect(SYNC_STATUS_BUSY_REFRESH_MS).toBeLessThan(SYNC_STATUS_OFFLINE_REFRESH_MS);
    expect(SYNC_STATUS_OFFLINE_REFRESH_MS).toBeLessThan(SYNC_STATUS_IDLE_REFRESH_MS);
  });
});
