// Listens for change events (SSE in browser mode, IPC in Electron) and refreshes whatever shows the changed records.
import { useEffect } from 'react';
import { callApi } from '../../api/api-call';
import { client, type ChangeEvent } from '../../api/client';
import { useCustomerViewStore } from '../../stores/customer-view-store';
import { useActivityStore } from '../../stores/activity-store';
import { useCustomersStore } from '../../stores/customers-store';
import { useDashboardStore } from '../../stores/dashboard-store';
import { useNotificationsStore } from '../../stores/notifications-store';
import { useOrderViewStore } from '../../stores/order-view-store';
import { useOrdersListStore } from '../../stores/orders-list-store';
import { useSessionStore } from '../../stores/session-store';
import { useSyncStatusStore } from '../../stores/sync-status-store';
import { useTemplatesStore } from '../../stores/templates-store';
import { useTasksStore } from '../../stores/tasks-store';
import { useVehiclesStore } from '../../stores/vehicles-store';
import { routes } from '../../routes';
import { showWebNotification } from '../notifications/desktop-notifications';

/** One save can raise several events (vehicle + order); they are handled together after a short pause. */
const BATCH_MS = 150;

/** Hash routing: the order's screen. */
function openOrder(orderId: string): void {
  window.location.hash = routes.order(orderId);
}

/**
 * Notifications are addressed to this session's user (main filters them): the bell refreshes and,
 * in browser mode, the desktop shows them (Electron's main process shows its own, and sends a
 * clicked one back as `notifications.open`).
 */
function applyNotifications(events: readonly ChangeEvent[]): void {
  const mine = events.filter((e) => e.entity === 'notification');
  if (mine.length === 0) return;
  const opened = mine.find((e) => e.cause === 'notifications.open');
  if (opened?.notification) openOrder(opened.notification.orderId);
  for (const event of mine)
    if (event.notification && event.cause !== 'notifications.open') showWebNotification(event.notification, openOrder);
  void useNotificationsStore.getState().refresh();
}

function apply(events: readonly ChangeEvent[]): void {
  applyNotifications(events);
  const entities = new Set(events.map((e) => e.entity));
  const view = useOrderViewStore.getState();
  const seen = new Set<string>();
  for (const event of events) {
    const key = `${event.entity}:${event.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    view.onChange(event);
    useCustomerViewStore.getState().onChange(event);
    useActivityStore.getState().onChange(event);
  }
  if (entities.has('order') || entities.has('vehicle') || entities.has('customer')) void useOrdersListStore.getState().refresh();
  if (entities.has('customer') || entities.has('order')) void useCustomersStore.getState().refresh();
  if (entities.has('vehicle') || entities.has('order')) void useVehiclesStore.getState().refresh();
  if (entities.has('template')) void useTemplatesStore.getState().refresh();
  if (entities.has('order') || entities.has('vehicle') || entities.has('customer')) void useDashboardStore.getState().changed();
  // Tasks travel as changes of their order: task lists and the sidebar's overdue badge follow.
  if (entities.has('order')) useTasksStore.getState().changed();
  // Every local change queues a change set; the pill's count follows.
  void useSyncStatusStore.getState().refresh();
}

export function useChangeEvents(): void {
  const token = useSessionStore((s) => s.token);

  useEffect(() => {
    if (!token) return;
    let pending: ChangeEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = client.subscribe(
      (event) => {
        pending.push(event);
        timer ??= setTimeout(() => {
          const batch = pending;
          pending = [];
          timer = null;
          apply(batch);
        }, BATCH_MS);
      },
      // The stream was refused: ask who we are, which sends an ended session back to sign-in.
      () => void callApi('auth.me', {}).catch(() => undefined),
    );
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [token]);
}
