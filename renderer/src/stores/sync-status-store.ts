// Sync status slice: this device's last known sync state, refreshed on change events and on a timer by the pill.
import { create } from 'zustand';
import type { SyncStatus } from '../../../core/domain/sync-status';
import { callApi } from '../api/api-call';

export interface SyncStatusState {
  status: SyncStatus | null;
  refresh(): Promise<void>;
}

export const useSyncStatusStore = create<SyncStatusState>()((set) => ({
  status: null,
  refresh: async () => {
    try {
      set({ status: await callApi('sync.status', {}) });
    } catch {
      // Keep showing the last known state; an ended session is handled by callApi, anything else retries on the next tick.
    }
  },
}));
