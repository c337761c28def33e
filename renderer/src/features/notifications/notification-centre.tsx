// The notification centre: your notifications newest first, mark read one by one or all, open the order, preferences.
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { NotificationView } from '../../../../core/domain/notification-api';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { CheckIcon, CogIcon, RefreshIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Skeleton } from '../../components/skeleton';
import { formatDateTime } from '../../format/dates';
import { routes } from '../../routes';
import { useNotificationsStore } from '../../stores/notifications-store';
import { BellIcon } from './notification-bell';
import { NotificationPreferencesDialog } from './notification-preferences-dialog';

const TYPE_LABELS: Record<NotificationView['eventType'], string> = {
  stage: 'Stages',
  status: 'Status',
  payment: 'Payment',
  inbound: 'Message',
  task_overdue: 'Task',
};

function NotificationRow({ item, onOpen, onRead }: { item: NotificationView; onOpen(): void; onRead(): void }) {
  const unread = item.readAt === null;
  return (
    <li className={`flex gap-3 px-6 py-3 ${unread ? 'bg-primary-soft' : ''}`} data-testid="notification-item">
      <span className={`mt-2 size-2 shrink-0 rounded-full ${unread ? 'bg-brand' : 'bg-transparent'}`} aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <button type="button" onClick={onOpen} className="block w-full text-left">
          <p className={`text-body ${unread ? 'font-semibold text-ink' : 'text-ink-muted'}`}>{item.title}</p>
          {item.body ? <p className="mt-0.5 text-body-sm text-ink-muted">{item.body}</p> : null}
        </button>
        <p className="mt-1 text-caption text-ink-subtle">
          <span className="rounded bg-surface-muted px-1.5 py-0.5 ring-1 ring-line">{TYPE_LABELS[item.eventType]}</span>
          <span className="ml-2">{formatDateTime(item.updatedAt)}</span>
          {unread ? <span className="sr-only"> (unread)</span> : null}
        </p>
      </div>
      {unread ? (
        <Button size="sm" variant="ghost" onClick={onRead} aria-label={`Mark read: ${item.title}`}>
          Mark read
        </Button>
      ) : null}
    </li>
  );
}

export function NotificationCentre({ open, onClose }: { open: boolean; onClose(): void }) {
  const [, navigate] = useLocation();
  const { items, unreadCount, phase, error } = useNotificationsStore();
  const refresh = useNotificationsStore((s) => s.refresh);
  const markRead = useNotificationsStore((s) => s.markRead);
  const markAllRead = useNotificationsStore((s) => s.markAllRead);
  const [preferences, setPreferences] = useState(false);

  const openOrder = (item: NotificationView) => {
    if (!item.readAt) void markRead([item.id]);
    onClose();
    navigate(routes.order(item.orderId));
  };

  return (
    <>
      <Dialog
        open={open}
        onClose={onClose}
        size="lg"
        title="Notifications"
        description={unreadCount > 0 ? `${unreadCount} unread` : 'You are up to date.'}
        footer={
          <>
            <Button icon={<CogIcon />} onClick={() => setPreferences(true)}>
              Preferences
            </Button>
            <Button variant="primary" icon={<CheckIcon />} disabled={unreadCount === 0} onClick={() => void markAllRead()}>
              Mark all read
            </Button>
          </>
        }
      >
        <div className="-mx-6 -my-5">
          {error ? (
            <div className="px-6 pt-4">
              <NoticeBanner
                tone="error"
                action={
                  <Button size="sm" icon={<RefreshIcon />} onClick={() => void refresh()}>
                    Try again
                  </Button>
                }
              >
                {error.message}
              </NoticeBanner>
            </div>
          ) : null}
          {phase === 'loading' ? (
            <div className="space-y-4 p-6" aria-busy="true">
              {Array.from({ length: 3 }, (_, i) => (
                <div key={i}>
                  <Skeleton className="h-4 w-72" />
                  <Skeleton className="mt-2 h-3 w-40" />
                </div>
              ))}
            </div>
          ) : items.length === 0 ? (
            <EmptyState icon={<BellIcon className="size-5" />} title="No notifications yet">
              Follow an order (the Follow button on its page) to hear about its stages, status changes, payments, customer messages and
              overdue tasks.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-line" aria-label="Notifications">
              {items.map((item) => (
                <NotificationRow key={item.id} item={item} onOpen={() => openOrder(item)} onRead={() => void markRead([item.id])} />
              ))}
            </ul>
          )}
        </div>
      </Dialog>
      {preferences ? <NotificationPreferencesDialog onClose={() => setPreferences(false)} /> : null}
    </>
  );
}
