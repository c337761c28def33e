// Notifications slice: the signed-in user's notification centre (latest page, unread count) and marking read.
import { create } from 'zustand';
import type { NotificationView } from '../../../core/domain/notification-api';
import { callApi } from '../api/api-call';
import { type ErrorDetails, errorDetails } from '../api/error-details';

const PAGE = 50;

export interface NotificationsState {
  items: NotificationView[];
  unreadCount: number;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: ErrorDetails | null;
  /** Whether the centre panel is open. */
  open: boolean;
  setOpen(open: boolean): void;
  refresh(): Promise<void>;
  markRead(ids: string[]): Promise<void>;
  markAllRead(): Promise<void>;
}

export const useNotificationsStore = create<NotificationsState>()((set, get) => ({
  items: [],
  unreadCount: 0,
  phase: 'idle',
  error: null,
  open: false,
  setOpen: (open) => {
    set({ open });
    if (open) void get().refresh();
  },
  refresh: async () => {
    if (get().phase === 'idle') set({ phase: 'loading' });
    try {
      const page = await callApi('notifications.list', { limit: PAGE });
      set({ items: page.items, unreadCount: page.unreadCount, phase: 'ready', error: null });
    } catch (error) {
      set({ phase: 'error', error: errorDetails(error) });
    }
  },
  markRead: async (ids) => {
    if (ids.length === 0) return;
    const at = new Date().toISOString();
    // Shown read at once; the answer brings the true count.
    set((s) => ({ items: s.items.map((n) => (ids.includes(n.id) && !n.readAt ? { ...n, readAt: at } : n)) }));
    try {
      const { unreadCount } = await callApi('notifications.read', { ids });
      set({ unreadCount });
    } catch (error) {
      set({ error: errorDetails(error) });
      await get().refresh();
    }
  },
  markAllRead: async () => {
    const at = new Date().toISOString();
    set((s) => ({ items: s.items.map((n) => (n.readAt ? n : { ...n, readAt: at })), unreadCount: 0 }));
    try {
      const { unreadCount } = await callApi('notifications.read', { all: true });
      set({ unreadCount });
    } catch (error) {
      set({ error: errorDetails(error) });
      await get().refresh();
    }
  },
}));
