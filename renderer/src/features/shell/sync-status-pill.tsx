// The sidebar's sync pill: "Local only", "N changes waiting", "Synced" or "Sync problem", with the reason as its tooltip.
import { useEffect } from 'react';
import { Link } from 'wouter';
import { callApi } from '../../api/api-call';
import { routes } from '../../routes';
import { useSyncStatusStore } from '../../stores/sync-status-store';
import { syncOnReconnect } from './sync-on-reconnect';
import { type SyncPillTone, syncPillOf } from './sync-pill-state';

/**
 * How often the pill asks again when nothing local changed: the loop's results (sent, offline, back online)
 * raise no change event, so a slower tick left "1 change waiting" up long after it was sent. A loopback GET.
 */
export const SYNC_STATUS_REFRESH_MS = 5_000;
/** While a first download or a pass runs: often enough for its count to move. */
export const SYNC_STATUS_BUSY_REFRESH_MS = 2_000;

const DOT: Record<SyncPillTone, string> = {
  local: 'bg-on-brand-subtle',
  synced: 'bg-status-completed',
  waiting: 'bg-status-in-progress',
  problem: 'bg-status-cancelled',
};

export function SyncStatusPill() {
  const status = useSyncStatusStore((s) => s.status);
  const refresh = useSyncStatusStore((s) => s.refresh);

  const busy = status !== null && status.mode === 'cloud' && (!status.bootstrapped || status.progress !== null);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), busy ? SYNC_STATUS_BUSY_REFRESH_MS : SYNC_STATUS_REFRESH_MS);
    // The loop hears of a network that came back only at its next backoff retry: tell it now.
    const stop = syncOnReconnect(window, () => {
      void callApi('sync.now', {})
        .then(() => refresh())
        .catch(() => undefined);
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [refresh, busy]);

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
