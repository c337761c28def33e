// Your notification preferences per event type (in the app, on the desktop); browser mode asks for desktop permission from a button here.
import { useEffect, useState } from 'react';
import type { NotificationPreference } from '../../../../core/domain/notification-api';
import { callApi } from '../../api/api-call';
import { type ErrorDetails, errorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { NoticeBanner } from '../../components/notice-banner';
import { Skeleton } from '../../components/skeleton';
import { askWebNotificationPermission, webNotificationPermission } from './desktop-notifications';

function DesktopPermission() {
  const [permission, setPermission] = useState(webNotificationPermission());
  if (permission === 'unavailable' || permission === 'granted') return null;
  return (
    <NoticeBanner
      tone={permission === 'denied' ? 'warning' : 'info'}
      className="mb-4"
      action={
        permission === 'default' ? (
          <Button size="sm" onClick={() => void askWebNotificationPermission().then(setPermission)}>
            Allow desktop notifications
          </Button>
        ) : null
      }
    >
      {permission === 'denied'
        ? 'This browser blocks desktop notifications from Portside: allow them in the site settings to see them outside this tab.'
        : 'To see notifications on the desktop while this tab is in the background, allow them in this browser.'}
    </NoticeBanner>
  );
}

export function NotificationPreferencesDialog({ onClose }: { onClose(): void }) {
  const [items, setItems] = useState<NotificationPreference[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);

  useEffect(() => {
    callApi('notifications.preferences.get', {})
      .then((prefs) => setItems(prefs.items))
      .catch((e: unknown) => setError(errorDetails(e)));
  }, []);

  const toggle = (eventType: NotificationPreference['eventType'], field: 'inApp' | 'desktop') =>
    setItems((current) => current?.map((p) => (p.eventType === eventType ? { ...p, [field]: !p[field] } : p)) ?? null);

  const save = async () => {
    if (!items) return;
    setBusy(true);
    setError(null);
    try {
      await callApi('notifications.preferences.set', {
        preferences: items.map(({ eventType, inApp, desktop }) => ({ eventType, inApp, desktop })),
      });
      onClose();
    } catch (e) {
      setError(errorDetails(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={busy}
      title="Notification preferences"
      description="Which changes to the orders you follow you hear about, in Portside and on the desktop."
      onSubmit={() => void save()}
      error={error?.message}
      footer={<DialogActions onCancel={onClose} busy={busy} submitLabel="Save preferences" submitDisabled={!items} />}
    >
      <DesktopPermission />
      {items ? (
        <table className="w-full text-body" aria-label="Notification preferences">
          <thead>
            <tr className="text-left text-caption font-medium tracking-wide text-ink-subtle uppercase">
              <th className="pb-2 font-medium">Event</th>
              <th className="w-24 pb-2 text-center font-medium">In Portside</th>
              <th className="w-24 pb-2 text-center font-medium">Desktop</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {items.map((p) => (
              <tr key={p.eventType}>
                <td className="py-2.5 text-ink">{p.label}</td>
                <td className="text-center">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand"
                    checked={p.inApp}
                    onChange={() => toggle(p.eventType, 'inApp')}
                    aria-label={`${p.label} in Portside`}
                  />
                </td>
                <td className="text-center">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand"
                    checked={p.desktop}
                    onChange={() => toggle(p.eventType, 'desktop')}
                    aria-label={`${p.label} on the desktop`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : error ? null : (
        <div className="space-y-3" aria-busy="true">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-5 w-full" />
          ))}
        </div>
      )}
    </Dialog>
  );
}
