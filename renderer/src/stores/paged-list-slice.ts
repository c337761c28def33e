// A reusable list slice: filter, cursor pages with "Load more", quiet refresh, and no stale answers winning a race.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Page } from '../../../core/domain/order';
import { errorDetails } from '../api/error-details';

export type ListPhase = 'loading' | 'ready' | 'error';

/** Every paged list is searchable by text; the rest of its filter is its own. */
export interface SearchableFilter {
  query: string;
}

export interface PagedListState<T, F extends SearchableFilter> {
  filter: F;
  items: T[];
  nextCursor: string | null;
  phase: ListPhase;
  /** True once any page arrived: later loads keep the old rows visible instead of a skeleton. */
  hasLoaded: boolean;
  loadingMore: boolean;
  error: string | null;
  setFilter(patch: Partial<F>): void;
  /** Sets the search text and reloads; the same text again changes nothing. */
  search(query: string): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** Re-reads what is on screen (after a change event) without a loading state. */
  refresh(): Promise<void>;
}

export type FetchPage<T, F> = (filter: F, cursor: string | undefined, limit: number) => Promise<Page<T>>;

const MAX_PAGE = 200;

export function createPagedListStore<T, F extends SearchableFilter>(
  initialFilter: F,
  fetchPage: FetchPage<T, F>,
  pageSize = 50,
): UseBoundStore<StoreApi<PagedListState<T, F>>> {
  // Each load takes a ticket; an answer is applied only if no newer load started since.
  let ticket = 0;

  return create<PagedListState<T, F>>()((set, get) => ({
    filter: initialFilter,
    items: [],
    nextCursor: null,
    phase: 'loading',
    hasLoaded: false,
    loadingMore: false,
    error: null,

    setFilter(patch) {
      set({ filter: { ...get().filter, ...patch } });
      void get().load();
    },

    search(query) {
      if (query === get().filter.query) return;
      set({ filter: { ...get().filter, query } });
      void get().load();
    },

    async load() {
      const mine = ++ticket;
      set({ phase: 'loading', error: null, loadingMore: false });
      try {
        const page = await fetchPage(get().filter, undefined, pageSize);
        if (mine !== ticket) return;
        set({ items: page.items, nextCursor: page.nextCursor, phase: 'ready', hasLoaded: true });
      } catch (error) {
        if (mine !== ticket) return;
        set({ phase: 'error', error: errorDetails(error).message });
      }
    },

    async loadMore() {
      const { nextCursor, loadingMore, filter } = get();
      if (!nextCursor || loadingMore) return;
      const mine = ticket;
      set({ loadingMore: true, error: null });
      try {
        const page = await fetchPage(filter, nextCursor, pageSize);
        if (mine !== ticket) return;
        set({ items: [...get().items, ...page.items], nextCursor: page.nextCursor, loadingMore: false });
      } catch (error) {
        if (mine !== ticket) return;
        set({ loadingMore: false, error: errorDetails(error).message });
      }
    },

    async refresh() {
      if (get().phase !== 'ready') return;
      const mine = ++ticket;
      const limit = Math.min(MAX_PAGE, Math.max(pageSize, get().items.length));
      try {
        const page = await fetchPage(get().filter, undefined, limit);
        if (mine !== ticket) return;
        set({ items: page.items, nextCursor: page.nextCursor });
      } catch {
        // A failed background refresh leaves the rows as they were; the next load reports errors.
      }
    },
  }));
}
