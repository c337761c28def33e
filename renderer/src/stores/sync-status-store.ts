// Sync status slice: this device's last known sync state, refreshed on change events and on a timer by the pill.
import { create } from 'zustand';
import type { SyncStatus } from '../../../core/domain/sync-status';
import { callApi } from '../api/api-call';

export interface SyncStatusState {
  status: SyncStatus | null;
  refresh(): Promise<void>;
}

export const useSyncStatusStore = create<SyncStatusState>()((set, get) => ({
  status: null,
  refresh: async () => {
    try {
      const status = await callApi('sync.status', {});
      // The same answer keeps the same object: screens that reload on a status change (the Sync screen) do not reload for nothing.
      if (JSON.stringify(status) !== JSON.stringify(get().status)) set({ status });
    } catch {
      // Keep showing the last known state; an ended session is handled by callApi, anything else retries on the next tick.
    }
  },
}));
