// Hash routing with a query inside the hash (#/orders?status=Draft): a link or a refresh keeps a screen's filters.
import { useSyncExternalStore } from 'react';
import { splitHash } from './hash-query';

/*
 * wouter's own hash hook puts "?..." into the page's real query string (before the "#"), where it
 * outlives the screen that set it. Here the query stays in the hash: the location wouter matches
 * routes against is the path before "?", and useSearch() reads what follows it.
 */

const listeners = new Set<() => void>();

function onHashChange(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) addEventListener('hashchange', onHashChange);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) removeEventListener('hashchange', onHashChange);
  };
}

const currentPath = (): string => splitHash(location.hash)[0];
const currentSearch = (): string => splitHash(location.hash)[1];

export function navigateHash(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
  const oldURL = location.href;
  const url = new URL(oldURL);
  url.hash = `/${to.replace(/^#?\/?/, '')}`;
  history[options.replace ? 'replaceState' : 'pushState'](options.state ?? null, '', url.href);
  dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: url.href }));
}

export function useHashPathLocation(): [string, typeof navigateHash] {
  return [useSyncExternalStore(subscribe, currentPath, () => '/'), navigateHash];
}

/** The query of the hash, for wouter's useSearch(). */
export function useHashSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch, () => '');
}

useHashPathLocation.hrefs = (href: string): string => `#${href}`;
useHashPathLocation.searchHook = useHashSearch;
