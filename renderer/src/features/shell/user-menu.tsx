// The signed-in user at the foot of the sidebar: name, role, an "Offline session" badge, sign out, and (cloud mode) sign out everywhere.
import { useState } from 'react';
import { SignOutIcon } from '../../components/icons';
import { useApiQuery } from '../../hooks/use-api-query';
import { useSessionStore } from '../../stores/session-store';

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const user = useSessionStore((s) => s.user);
  const signOut = useSessionStore((s) => s.signOut);
  const signOutEverywhere = useSessionStore((s) => s.signOutEverywhere);
  const info = useApiQuery('system.info', {});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!user) return null;
  const cloud = info.data?.mode === 'cloud';

  return (
    <div className="mt-3 rounded-card bg-white/6 p-3 ring-1 ring-white/8">
      <div className="flex items-center gap-3">
        <span
          className="flex size-9 shrink-0 items-center justify-center rounded-full bg-brand text-body-sm font-semibold text-white ring-2 ring-brand-accent/60"
          aria-hidden="true"
        >
          {initialsOf(user.displayName)}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-body-sm font-semibold text-white" data-testid="signed-in-user">
            {user.displayName}
          </p>
          <p className="truncate text-caption text-on-brand-subtle">{user.roles.join(', ')}</p>
        </div>
        <button
          type="button"
          onClick={() => void signOut()}
          className="rounded-control p-2 text-on-brand-subtle hover:bg-white/10 hover:text-white"
          aria-label="Sign out"
          title="Sign out"
        >
          <SignOutIcon className="size-4.5" />
        </button>
      </div>
      {user.offline ? (
        <p
          className="mt-2 inline-flex items-center gap-1.5 rounded-full bg-warning-soft px-2 py-0.5 text-caption font-semibold text-warning-ink"
          data-testid="offline-session-badge"
          title="Unlocked on this computer without the sign-in service; role from your last online sign-in"
        >
          <span className="size-1.5 rounded-full bg-warning-ink" aria-hidden="true" />
          Offline session
        </p>
      ) : null}
      {cloud && !confirming ? (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="mt-2 block text-caption font-medium text-on-brand-subtle hover:text-white hover:underline"
        >
          Sign out everywhere…
        </button>
      ) : null}
      {cloud && confirming ? (
        <div className="mt-2 rounded-control bg-white/8 p-2" role="group" aria-label="Sign out everywhere">
          <p className="text-caption text-on-brand">Sign out on this computer and on every other device?</p>
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void signOutEverywhere();
              }}
              className="rounded-control bg-white px-2.5 py-1 text-caption font-semibold whitespace-nowrap text-brand-deep hover:bg-white/90"
            >
              {busy ? 'Signing out…' : 'Yes, sign out'}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded-control px-2.5 py-1 text-caption font-medium text-on-brand-subtle hover:bg-white/10 hover:text-white"
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
