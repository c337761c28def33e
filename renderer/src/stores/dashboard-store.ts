// Dashboard slice: the figures for the filters on screen, loading and error (with the field a 400 names); the newest request wins.
import { create } from 'zustand';
import type { Dashboard } from '../../../core/domain/analytics';
import { callApi } from '../api/api-call';
import { type ErrorDetails, errorDetails } from '../api/error-details';
import { type DashboardQuery, dashboardInputOf } from '../features/analytics/dashboard-query';

export type DashboardPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface DashboardState {
  /** The filters the figures (or the error) are for, as their API input in JSON. */
  key: string | null;
  data: Dashboard | null;
  phase: DashboardPhase;
  error: ErrorDetails | null;
  /** Loads the figures for `query` unless they are on screen already (`force` reloads them). */
  load(query: DashboardQuery, force?: boolean): Promise<void>;
}

export const useDashboardStore = create<DashboardState>()((set, get) => {
  // Each load takes a ticket; an answer is applied only if no newer load started since.
  let ticket = 0;
  return {
    key: null,
    data: null,
    phase: 'idle',
    error: null,
    async load(query, force = false) {
      const input = dashboardInputOf(query);
      const key = JSON.stringify(input);
      if (!force && key === get().key && get().phase !== 'error') return;
      const mine = ++ticket;
      // The previous figures stay (dimmed) while the new ones load: the layout does not jump.
      set({ key, phase: 'loading', error: null });
      try {
        const data = await callApi('analytics.dashboard', input);
        if (mine === ticket) set({ data, phase: 'ready' });
      } catch (error) {
        if (mine === ticket) set({ phase: 'error', error: errorDetails(error) });
      }
    },
  };
});
