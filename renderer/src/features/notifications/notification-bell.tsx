// The shell's bell: the unread count, opening the notification centre.
import { useEffect } from 'react';
import { useNotificationsStore } from '../../stores/notifications-store';
import { useSessionStore } from '../../stores/session-store';
import { NotificationCentre } from './notification-centre';

export function BellIcon({ className = 'size-4' }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationBell() {
  const token = useSessionStore((s) => s.token);
  const unread = useNotificationsStore((s) => s.unreadCount);
  const open = useNotificationsStore((s) => s.open);
  const setOpen = useNotificationsStore((s) => s.setOpen);
  const refresh = useNotificationsStore((s) => s.refresh);

  useEffect(() => {
    if (token) void refresh();
  }, [token, refresh]);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        data-testid="notification-bell"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        className="mb-1 flex h-9 w-full items-center justify-between rounded-control px-3 text-body-sm text-on-brand-muted hover:bg-white/6 hover:text-white"
      >
        <span className="flex items-center gap-2.5">
          <BellIcon className="size-4" />
          Notifications
        </span>
        {unread > 0 ? (
          <span
            data-testid="notification-unread-count"
            className="tabular min-w-5 rounded-full bg-brand-accent px-1.5 text-center text-caption font-semibold text-brand-deep"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      <NotificationCentre open={open} onClose={() => setOpen(false)} />
    </>
  );
}
