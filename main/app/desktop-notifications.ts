// Desktop notifications for the window's user (Electron's Notification); a click opens the order in the window.
import { IPC_CHANGE } from '../../core/api/ipc-channels';
import type { ChangeEvent } from '../services/change-events';
import type { ElectronSurface, WindowLike } from './electron-surface';

/** The cause of the event a clicked notification sends the window: the renderer opens the order. */
export const NOTIFICATION_OPEN_CAUSE = 'notifications.open';

/**
 * Shows `event`'s notification on the desktop when it asks for that (the recipient's
 * preference) and the window is not in front (there the bell already shows it). Returns
 * whether one was shown. The caller has checked that the event is for the window's user.
 */
export function showDesktopNotification(electron: Pick<ElectronSurface, 'Notification'>, win: WindowLike, event: ChangeEvent): boolean {
  const notification = event.notification;
  if (!notification?.desktop || !electron.Notification.isSupported() || win.isFocused()) return false;
  const shown = new electron.Notification({ title: notification.title, body: notification.body });
  shown.on('click', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
    win.webContents.send(IPC_CHANGE, { ...event, cause: NOTIFICATION_OPEN_CAUSE });
  });
  shown.show();
  return true;
}
