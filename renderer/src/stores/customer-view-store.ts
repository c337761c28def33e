// Customer page slice: one customer with their orders and totals, re-read when a change event names them or their orders.
import { create } from 'zustand';
import type { CustomerDetail } from '../../../core/domain/customer';
import { callApi } from '../api/api-call';
import type { ChangeEvent } from '../api/client';
import { type ErrorDetails, errorDetails } from '../api/error-details';

type LoadPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface CustomerViewState {
  customerId: string | null;
  customer: CustomerDetail | null;
  phase: LoadPhase;
  loadError: ErrorDetails | null;
  open(customerId: string): Promise<void>;
  /** Re-reads without a skeleton (after an edit, a merge, or a change event). */
  reload(): Promise<void>;
  /** A change event: re-read when it is about this customer or one of their orders. */
  onChange(event: ChangeEvent): void;
  /** Takes the customer a save returned, when it is newer than the one shown. */
  replace(customer: CustomerDetail): void;
}

export const useCustomerViewStore = create<CustomerViewState>()((set, get) => ({
  customerId: null,
  customer: null,
  phase: 'idle',
  loadError: null,

  async open(customerId) {
    set({ customerId, customer: null, phase: 'loading', loadError: null });
    await get().reload();
  },

  async reload() {
    const id = get().customerId;
    if (!id) return;
    try {
      const customer = await callApi('customers.get', { id });
      if (get().customerId === id) set({ customer, phase: 'ready', loadError: null });
    } catch (error) {
      if (get().customerId === id) set({ phase: 'error', loadError: errorDetails(error) });
    }
  },

  onChange(event) {
    const { customerId, customer } = get();
    if (!customerId) return;
    const mine =
      event.entity === 'customer' ? event.id === customerId : event.entity === 'order' && customer?.orders.some((o) => o.id === event.id);
    // A merge moves orders here: any customer event may bring new ones, so a customer event always re-reads.
    if (mine || event.entity === 'customer') void get().reload();
  },

  replace(customer) {
    const shown = get().customer;
    if (shown && shown.id === customer.id && customer.version >= shown.version) set({ customer });
  },
}));
