// The first download in cloud mode: a banner over every screen with a progress bar until this device holds the team's orders.
import { useLocation } from 'wouter';
import { routes } from '../../routes';
import { useSyncStatusStore } from '../../stores/sync-status-store';

export function FirstDownloadBanner() {
  const status = useSyncStatusStore((s) => s.status);
  const [location] = useLocation();
  // The Sync screen says the same in its status card.
  if (!status || status.mode !== 'cloud' || status.bootstrapped || location === routes.sync) return null;
  const done = status.progress?.phase === 'bootstrapping' ? status.progress.done : 0;
  const waiting = !status.online && done === 0;
  const signIn = status.waiting === 'sign-in';
  return (
    <div
      role="status"
      data-testid="first-download"
      className="mb-6 rounded-card bg-primary-soft px-4 py-3 text-body-sm ring-1 ring-primary/20 ring-inset"
    >
      <div className="flex items-baseline justify-between gap-4">
        <p className="font-semibold text-primary-hover">
          {signIn
            ? 'The first download waits for an online sign-in'
            : waiting
              ? 'The first download waits for the shared table'
              : "Downloading the team's orders"}
        </p>
        {done > 0 ? <p className="text-caption text-ink-muted tabular-nums">{done.toLocaleString()} records</p> : null}
      </div>
      <p className="mt-0.5 text-ink-muted">
        {signIn
          ? 'Sync uses your company sign-in to reach the shared table: it starts after you sign in while online. You can work meanwhile: your changes are kept.'
          : waiting
            ? (status.lastError ?? 'It starts as soon as Portside reaches the table. You can work meanwhile: your changes are kept.')
            : 'Orders, vehicles and customers appear as they arrive. You can work meanwhile: your changes are kept and sent.'}
      </p>
      {waiting ? null : (
        <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-white/70" aria-hidden="true">
          <div className="h-full w-1/3 animate-pulse rounded-full bg-primary" />
        </div>
      )}
    </div>
  );
}
