// Asks the sync loop for a pass when this computer's network comes back, instead of leaving it to the loop's backoff (up to a minute).

/** What the window offers for this: its `online` event (Chromium raises it when the OS network returns). */
export type OnlineEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** Calls `requestSync` on every `online` event of `target`; returns the unsubscribe. */
export function syncOnReconnect(target: OnlineEvents, requestSync: () => void): () => void {
  const listener = (): void => requestSync();
  target.addEventListener('online', listener);
  return () => target.removeEventListener('online', listener);
}
