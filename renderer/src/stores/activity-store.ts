// Activity slice: one order's timeline (newest first, paged), its customer's contact preferences, and logging or retrying messages.
import { create } from 'zustand';
import type { InputOf } from '../../../core/api/contract';
import type { CommunicationView, TimelineItem } from '../../../core/domain/communication';
import type { ContactChannel } from '../../../core/domain/customer';
import { callApi } from '../api/api-call';
import type { ChangeEvent } from '../api/client';
import { type ErrorDetails, errorDetails } from '../api/error-details';

export type LogResult = { ok: true; entry: CommunicationView } | { ok: false; error: ErrorDetails };

/** What the composer needs to know about the order's customer (preselected channel, default e-mail address). */
export interface ActivityCustomer {
  name: string;
  email: string | null;
  preferredChannel: ContactChannel | null;
}

type Phase = 'idle' | 'loading' | 'ready' | 'error';

const PAGE = 50;

export interface ActivityState {
  orderId: string | null;
  items: TimelineItem[];
  nextCursor: string | null;
  phase: Phase;
  error: string | null;
  loadingMore: boolean;
  customer: ActivityCustomer | null;

  open(orderId: string, customerId: string | null): Promise<void>;
  /** Re-reads the first page (after a change here or on another device). */
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  log(input: Omit<InputOf<'communication.log'>, 'id'>): Promise<LogResult>;
  retry(entryId: string): Promise<LogResult>;
  onChange(event: ChangeEvent): void;
}

export const useActivityStore = create<ActivityState>()((set, get) => {
  async function firstPage(orderId: string): Promise<void> {
    try {
      const page = await callApi('orders.timeline', { id: orderId, limit: PAGE });
      if (get().orderId !== orderId) return;
      set({ items: page.items, nextCursor: page.nextCursor, phase: 'ready', error: null });
    } catch (error) {
      if (get().orderId !== orderId) return;
      set({ phase: get().items.length > 0 ? 'ready' : 'error', error: errorDetails(error).message });
    }
  }

  async function loadCustomer(orderId: string, customerId: string | null): Promise<void> {
    if (!customerId) return;
    try {
      const customer = await callApi('customers.get', { id: customerId });
      if (get().orderId !== orderId) return;
      set({ customer: { name: customer.name, email: customer.email, preferredChannel: customer.preferredChannel } });
    } catch {
      // Without the customer the composer starts on a phone call and asks for the address: nothing is lost.
    }
  }

  return {
    orderId: null,
    items: [],
    nextCursor: null,
    phase: 'idle',
    error: null,
    loadingMore: false,
    customer: null,

    async open(orderId, customerId) {
      const same = get().orderId === orderId;
      set({
        orderId,
        ...(same ? {} : { items: [], nextCursor: null, phase: 'loading' as const, error: null, customer: null }),
      });
      await Promise.all([firstPage(orderId), loadCustomer(orderId, customerId)]);
    },

    async refresh() {
      const { orderId } = get();
      if (orderId) await firstPage(orderId);
    },

    async loadMore() {
      const { orderId, nextCursor } = get();
      if (!orderId || !nextCursor || get().loadingMore) return;
      set({ loadingMore: true });
      try {
        const page = await callApi('orders.timeline', { id: orderId, limit: PAGE, cursor: nextCursor });
        if (get().orderId !== orderId) return;
        set({ items: [...get().items, ...page.items], nextCursor: page.nextCursor });
      } catch (error) {
        set({ error: errorDetails(error).message });
      } finally {
        set({ loadingMore: false });
      }
    },

    async log(input) {
      const { orderId } = get();
      if (!orderId) return { ok: false, error: { code: 'NOT_FOUND', message: 'The order is not loaded yet.', fields: {} } };
      try {
        const entry = await callApi('communication.log', { ...input, id: orderId });
        await firstPage(orderId);
        return { ok: true, entry };
      } catch (error) {
        return { ok: false, error: errorDetails(error) };
      }
    },

    async retry(entryId) {
      const { orderId } = get();
      if (!orderId) return { ok: false, error: { code: 'NOT_FOUND', message: 'The order is not loaded yet.', fields: {} } };
      try {
        const entry = await callApi('communication.retry', { id: orderId, entryId });
        await firstPage(orderId);
        return { ok: true, entry };
      } catch (error) {
        return { ok: false, error: errorDetails(error) };
      }
    },

    onChange(event) {
      // A delivery advance (sent, failed) or another device's entry arrives as a change of the order.
      if (event.entity === 'order' && event.id === get().orderId) void get().refresh();
    },
  };
});
