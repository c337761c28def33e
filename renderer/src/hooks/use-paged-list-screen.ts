// Connects a list screen to its paged-list store: the list's state, a debounced search box, and a load (or quiet refresh) on arrival.
import { useEffect, useState } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { PagedListState, SearchableFilter } from '../stores/paged-list-slice';
import { useDebouncedValue } from './use-debounced-value';

export type PagedListStore<T, F extends SearchableFilter> = UseBoundStore<StoreApi<PagedListState<T, F>>>;

export interface PagedListScreen<T, F extends SearchableFilter> extends Pick<
  PagedListState<T, F>,
  'filter' | 'items' | 'phase' | 'hasLoaded' | 'error' | 'nextCursor' | 'loadingMore' | 'setFilter' | 'load' | 'loadMore'
> {
  /** What the search box shows; the store's query follows it once typing pauses. */
  searchText: string;
  setSearchText(text: string): void;
}

export function usePagedListScreen<T, F extends SearchableFilter>(useStore: PagedListStore<T, F>): PagedListScreen<T, F> {
  const filter = useStore((s) => s.filter);
  const items = useStore((s) => s.items);
  const phase = useStore((s) => s.phase);
  const hasLoaded = useStore((s) => s.hasLoaded);
  const error = useStore((s) => s.error);
  const nextCursor = useStore((s) => s.nextCursor);
  const loadingMore = useStore((s) => s.loadingMore);
  const setFilter = useStore((s) => s.setFilter);
  const search = useStore((s) => s.search);
  const load = useStore((s) => s.load);
  const loadMore = useStore((s) => s.loadMore);
  const [searchText, setSearchText] = useState(filter.query);
  const query = useDebouncedValue(searchText, 250);

  // Coming back to a list keeps its rows and re-reads them quietly; only the first visit shows the skeleton.
  useEffect(() => {
    const state = useStore.getState();
    if (state.hasLoaded) void state.refresh();
    else void state.load();
  }, [useStore]);

  useEffect(() => {
    search(query);
  }, [query, search]);

  return { filter, items, phase, hasLoaded, error, nextCursor, loadingMore, setFilter, load, loadMore, searchText, setSearchText };
}
