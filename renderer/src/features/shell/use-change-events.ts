// Listens for change events (SSE in browser mode, IPC in Electron) and refreshes whatever shows the changed records.
import { useEffect } from 'react';
import { callApi } from '../../api/api-call';
import { client, type ChangeEvent } from '../../api/client';
import { useCustomersStore } from '../../stores/customers-store';
import { useOrderViewStore } from '../../stores/order-view-store';
import { useOrdersListStore } from '../../stores/orders-list-store';
import { useSessionStore } from '../../stores/session-store';
import { useSyncStatusStore } from '../../stores/sync-status-store';
import { useTasksStore } from '../../stores/tasks-store';
import { useVehiclesStore } from '../../stores/vehicles-store';

/** One save can raise several events (vehicle + order); they are handled together after a short pause. */
const BATCH_MS = 150;

function apply(events: readonly ChangeEvent[]): void {
  const entities = new Set(events.map((e) => e.entity));
  const view = useOrderViewStore.getState();
  const seen = new Set<string>();
  for (const event of events) {
    const key = `${event.entity}:${event.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    view.onChange(event);
  }
  if (entities.has('order') || entities.has('vehicle') || entities.has('customer')) void useOrdersListStore.getState().refresh();
  if (entities.has('customer') || entities.has('order')) void useCustomersStore.getState().refresh();
  if (entities.has('vehicle') || entities.has('order')) void useVehiclesStore.getState().refresh();
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
