// Browser mode's desktop notifications (the Web Notification API); Electron shows its own from the main process.
import type { NotificationPush } from '../../../../core/domain/notification-api';

/** Whether this page can show desktop notifications itself (browser mode, not inside Electron). */
export function webNotificationsAvailable(): boolean {
  return typeof window !== 'undefined' && !window.portside && 'Notification' in window;
}

export function webNotificationPermission(): NotificationPermission | 'unavailable' {
  return webNotificationsAvailable() ? Notification.permission : 'unavailable';
}

/** Asks the browser for permission: only ever from a button the user pressed, never on load. */
export async function askWebNotificationPermission(): Promise<NotificationPermission | 'unavailable'> {
  if (!webNotificationsAvailable()) return 'unavailable';
  return Notification.requestPermission();
}

/** Shows one on the desktop when the user allowed it and the page is not in front; a click opens the order. */
export function showWebNotification(push: NotificationPush, openOrder: (orderId: string) => void): boolean {
  if (!push.desktop || webNotificationPermission() !== 'granted' || document.visibilityState === 'visible') return false;
  const shown = new Notification(push.title, { body: push.body, tag: push.id ?? push.orderId });
  shown.onclick = () => {
    window.focus();
    openOrder(push.orderId);
    shown.close();
  };
  return true;
}
