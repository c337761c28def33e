// The sidebar's sync pill: "Local only", "N changes waiting", "Synced", "N conflicts to resolve" or "Sync problem", with the reason as its tooltip.
import { useEffect } from 'react';
import { Link } from 'wouter';
import { callApi } from '../../api/api-call';
import { routes } from '../../routes';
import { useSyncStatusStore } from '../../stores/sync-status-store';
import { syncOnReconnect } from './sync-on-reconnect';
import { type SyncPillTone, syncPillOf, syncStatusRefreshMs } from './sync-pill-state';

const DOT: Record<SyncPillTone, string> = {
  local: 'bg-on-brand-subtle',
  synced: 'bg-status-completed',
  waiting: 'bg-status-in-progress',
  problem: 'bg-status-cancelled',
};

export function SyncStatusPill() {
  const status = useSyncStatusStore((s) => s.status);
  const refresh = useSyncStatusStore((s) => s.refresh);

  // Change events refresh it too; the timer catches what has none (a push going through, the link coming back).
  const refreshMs = syncStatusRefreshMs(status);
  useEffect(() => {
    void refresh();
    // The loop hears of a network that came back only at its next backoff retry: tell it now.
    return syncOnReconnect(window, () => {
      void callApi('sync.now', {})
        .then(() => refresh())
        .catch(() => undefined);
    });
  }, [refresh]);
  useEffect(() => {
    const timer = setInterval(() => void refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [refresh, refreshMs]);

  if (!status) return null;
  const pill = syncPillOf(status);
  // The pill opens the Sync screen, where the queue, the last error and the conflicts are.
  return (
    <Link
      href={routes.sync}
      title={pill.tooltip}
      data-testid="sync-status"
      data-tone={pill.tone}
      className="mb-2 flex h-8 items-center gap-2 rounded-control px-3 text-body-sm text-on-brand-muted hover:bg-white/6 hover:text-white"
    >
      <span
        className={`size-2 shrink-0 rounded-full ${DOT[pill.tone]} ${pill.tone === 'problem' ? 'ring-2 ring-status-cancelled/40' : ''}`}
        aria-hidden="true"
      />
      <span role="status" className="truncate">
        {pill.label}
      </span>
    </Link>
  );
}
