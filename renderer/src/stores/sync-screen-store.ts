// Sync screen slice: the open conflicts and the queue, their loading state, and what the last action (resolve, retry, sync now) achieved.
import { create } from 'zustand';
import type { ConflictChoice, QueuedChangeSet, SyncConflict } from '../../../core/domain/sync-conflict';
import { callApi } from '../api/api-call';
import { errorDetails } from '../api/error-details';
import { useSyncStatusStore } from './sync-status-store';

export interface SyncFeedback {
  tone: 'success' | 'error' | 'info';
  text: string;
}

export interface SyncScreenState {
  conflicts: SyncConflict[];
  queue: QueuedChangeSet[];
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  loadError: string | null;
  /** The id of the conflict or change set an action runs on, or "sync" for Sync now. */
  busy: string | null;
  feedback: SyncFeedback | null;
  /** Field errors of the last edit, by conflict id (an edited value the field refused). */
  editErrors: Record<string, string>;
  load(): Promise<void>;
  /** `reason` goes with the resolution (required when it cancels an order). */
  resolve(conflict: SyncConflict, choice: ConflictChoice, value?: unknown, reason?: string): Promise<boolean>;
  retry(changeSetId: string): Promise<void>;
  syncNow(): Promise<void>;
  dismissFeedback(): void;
  /** Forgets a refused edit's error (the edit box opens afresh). */
  clearEditError(conflictId: string): void;
}

const CHOICE_DONE: Record<ConflictChoice, string> = {
  mine: 'Your value was kept and will be sent to the other devices.',
  theirs: 'Their value was kept.',
  edit: 'The edited value was saved and will be sent to the other devices.',
};

export const useSyncScreenStore = create<SyncScreenState>()((set, get) => ({
  conflicts: [],
  queue: [],
  phase: 'idle',
  loadError: null,
  busy: null,
  feedback: null,
  editErrors: {},

  load: async () => {
    if (get().phase === 'idle') set({ phase: 'loading' });
    try {
      const [conflicts, queue] = await Promise.all([callApi('sync.conflicts.list', {}), callApi('sync.changes.list', {})]);
      set({ conflicts: conflicts.items, queue: queue.items, phase: 'ready', loadError: null });
    } catch (error) {
      set({ phase: get().phase === 'ready' ? 'ready' : 'failed', loadError: errorDetails(error).message });
    }
  },

  resolve: async (conflict, choice, value, reason) => {
    set({ busy: conflict.id, feedback: null });
    try {
      await callApi('sync.conflicts.resolve', {
        id: conflict.id,
        choice,
        ...(choice === 'edit' ? { value } : {}),
        ...(reason ? { reason } : {}),
      });
      const { [conflict.id]: _cleared, ...editErrors } = get().editErrors;
      set({ feedback: { tone: 'success', text: `${conflict.label}: ${CHOICE_DONE[choice]}` }, editErrors });
      await Promise.all([get().load(), useSyncStatusStore.getState().refresh()]);
      return true;
    } catch (error) {
      const details = errorDetails(error);
      if (details.fields.value) set({ editErrors: { ...get().editErrors, [conflict.id]: details.fields.value } });
      else set({ feedback: { tone: 'error', text: details.message } });
      if (details.code === 'CONFLICT' || details.code === 'NOT_FOUND') await get().load();
      return false;
    } finally {
      set({ busy: null });
    }
  },

  retry: async (changeSetId) => {
    set({ busy: changeSetId, feedback: null });
    try {
      await callApi('sync.changes.retry', { id: changeSetId });
      set({ feedback: { tone: 'success', text: 'The change is back in the queue and will be sent again.' } });
      await Promise.all([get().load(), useSyncStatusStore.getState().refresh()]);
    } catch (error) {
      set({ feedback: { tone: 'error', text: errorDetails(error).message } });
      await get().load();
    } finally {
      set({ busy: null });
    }
  },

  syncNow: async () => {
    set({ busy: 'sync', feedback: null });
    try {
      await callApi('sync.now', {});
      set({ feedback: { tone: 'info', text: 'Sync requested: changes are sent and received in the background.' } });
      await Promise.all([get().load(), useSyncStatusStore.getState().refresh()]);
    } catch (error) {
      set({ feedback: { tone: 'error', text: errorDetails(error).message } });
    } finally {
      set({ busy: null });
    }
  },

  dismissFeedback: () => set({ feedback: null }),

  clearEditError: (conflictId) => {
    const { [conflictId]: _cleared, ...editErrors } = get().editErrors;
    set({ editErrors });
  },
}));
