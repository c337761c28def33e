// Dashboard slice: the figures for the filters on screen, loading and error (with the field a 400 names); the newest request wins.
// The fetch is passed in (dashboard-store.ts gives it the API), so the slice runs without a browser in tests.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Dashboard } from '../../../core/domain/analytics';
import { type ErrorDetails, errorDetails } from '../api/error-details';
import { type DashboardQuery, dashboardInputOf } from '../features/analytics/dashboard-query';

export type DashboardPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface DashboardState {
  /** The filters the figures (or the error) are for, as their API input in JSON. */
  key: string | null;
  data: Dashboard | null;
  phase: DashboardPhase;
  error: ErrorDetails | null;
  /** Whether the dashboard is on screen (a change elsewhere then re-reads its figures quietly). */
  watching: boolean;
  /** Loads the figures for `query` unless they are on screen already (`force` reloads them). */
  load(query: DashboardQuery, force?: boolean): Promise<void>;
  /** Orders changed: re-read the figures on screen without a loading state, or read them afresh on the next visit. */
  changed(): Promise<void>;
}

export type FetchDashboard = (input: Partial<DashboardQuery>) => Promise<Dashboard>;

export function createDashboardStore(fetchDashboard: FetchDashboard): UseBoundStore<StoreApi<DashboardState>> {
  return create<DashboardState>()((set, get) => {
    // Each load takes a ticket; an answer is applied only if no newer load started since.
    let ticket = 0;
    return {
      key: null,
      data: null,
      phase: 'idle',
      error: null,
      watching: false,
      async load(query, force = false) {
        const input = dashboardInputOf(query);
        const key = JSON.stringify(input);
        if (!force && key === get().key && get().phase !== 'error') return;
        const mine = ++ticket;
        // The previous figures stay (dimmed) while the new ones load: the layout does not jump.
        set({ key, phase: 'loading', error: null });
        try {
          const data = await fetchDashboard(input);
          if (mine === ticket) set({ data, phase: 'ready' });
        } catch (error) {
          if (mine === ticket) set({ phase: 'error', error: errorDetails(error) });
        }
      },
      async changed() {
        const { key, phase, watching } = get();
        if (key === null) return;
        if (!watching || phase !== 'ready') {
          set({ key: null });
          return;
        }
        const mine = ++ticket;
        try {
          const data = await fetchDashboard(JSON.parse(key) as Partial<DashboardQuery>);
          if (mine === ticket) set({ data });
        } catch {
          // A failed quiet refresh leaves the figures as they were; the next load reports errors.
        }
      },
    };
  });
}
