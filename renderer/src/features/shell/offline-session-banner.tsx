// The banner of an offline session: what it means, and a look every 30 s for the moment the session is back online.
import { useEffect } from 'react';
import { NoticeBanner } from '../../components/notice-banner';
import { useSessionStore } from '../../stores/session-store';

/** How often an offline session asks whether the sign-in service has re-validated it. */
const RECHECK_MS = 30_000;

export function OfflineSessionBanner() {
  const user = useSessionStore((s) => s.user);
  const refreshUser = useSessionStore((s) => s.refreshUser);
  const offline = user?.offline === true;

  useEffect(() => {
    if (!offline) return;
    const timer = setInterval(() => void refreshUser(), RECHECK_MS);
    return () => clearInterval(timer);
  }, [offline, refreshUser]);

  if (!user || !offline) return null;
  return (
    <NoticeBanner tone="warning" title="Offline session" className="mb-5">
      Portside could not reach the sign-in service, so your password unlocked it on this computer. You work as {user.roles.join(', ')} (your
      role at your last online sign-in); your changes are saved here, marked as made offline, and sync when the link is back. Portside
      checks your account again as soon as it can reach the service.
    </NoticeBanner>
  );
}
