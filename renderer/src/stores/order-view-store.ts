// Order view slice: one order, its audit trail, and the actions on it (details, confirm, cancel, vehicles, prices, stages).
import { create } from 'zustand';
import type { InputOf } from '../../../core/api/contract';
import type { AuditEntryView } from '../../../core/domain/audit';
import type { Order } from '../../../core/domain/order';
import type { ImportStage } from '../../../core/domain/stages';
import { callApi } from '../api/api-call';
import type { ChangeEvent } from '../api/client';
import { type ErrorDetails, errorDetails } from '../api/error-details';

export type ActionResult = { ok: true } | { ok: false; error: ErrorDetails };

/** The order's own fields a CSR edits; only those given are sent (null clears one). */
export type OrderDetailsChanges = Pick<InputOf<'orders.update'>, 'customerId' | 'notes' | 'estimatedCompletionDate' | 'currency'>;

type LoadPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface OrderViewState {
  orderId: string | null;
  order: Order | null;
  phase: LoadPhase;
  loadError: ErrorDetails | null;
  /** Set when a save was refused because someone else changed the order first. */
  conflict: string | null;
  audit: AuditEntryView[] | null;
  auditPhase: LoadPhase;
  auditError: string | null;

  open(orderId: string): Promise<void>;
  /** Re-reads the order (and the audit trail if it was loaded) without a skeleton. */
  reload(): Promise<void>;
  /** The conflict banner's "Reload": take the current order and hide the banner. */
  reloadAfterConflict(): Promise<void>;
  loadAudit(): Promise<void>;
  dismissConflict(): void;
  updateDetails(changes: OrderDetailsChanges): Promise<ActionResult>;
  confirm(): Promise<ActionResult>;
  cancel(reason: string): Promise<ActionResult>;
  addVehicle(vehicleId: string, price: number | undefined): Promise<ActionResult>;
  removeVehicle(vehicleId: string, reason: string): Promise<ActionResult>;
  /** Changes a line's agreed price (minor units) at the version on screen. */
  changePrice(vehicleId: string, price: number): Promise<ActionResult>;
  /** `override`: a Manager delivering while the order has a balance due, with the reason (audited). */
  recordStage(
    vehicleId: string,
    stage: ImportStage,
    at: string | undefined,
    note: string,
    override?: { reason: string },
  ): Promise<ActionResult>;
  /** Takes back a vehicle's latest stage event as a mistake; the order is re-read (it may reopen). */
  retractStage(vehicleId: string, eventId: string, reason: string): Promise<ActionResult>;
  onChange(event: ChangeEvent): void;
}

export const useOrderViewStore = create<OrderViewState>()((set, get) => {
  /** Runs one change, keeps the answer, refreshes history, and turns a 409 into the conflict banner. */
  async function act(change: (order: Order) => Promise<Order | null>): Promise<ActionResult> {
    const { order } = get();
    if (!order) return { ok: false, error: { code: 'NOT_FOUND', message: 'The order is not loaded yet.', fields: {} } };
    try {
      const next = await change(order);
      if (get().orderId !== order.id) return { ok: true };
      if (next) set({ order: next, conflict: null });
      else await get().reload();
      if (get().audit) void get().loadAudit();
      return { ok: true };
    } catch (error) {
      const details = errorDetails(error);
      if (details.code === 'CONFLICT') set({ conflict: details.message });
      return { ok: false, error: details };
    }
  }

  return {
    orderId: null,
    order: null,
    phase: 'idle',
    loadError: null,
    conflict: null,
    audit: null,
    auditPhase: 'idle',
    auditError: null,

    async open(orderId) {
      const same = get().orderId === orderId && get().order !== null;
      set({
        orderId,
        phase: same ? 'ready' : 'loading',
        loadError: null,
        conflict: same ? get().conflict : null,
        ...(same ? {} : { order: null, audit: null, auditPhase: 'idle' as const, auditError: null }),
      });
      try {
        const order = await callApi('orders.get', { id: orderId });
        if (get().orderId !== orderId) return;
        set({ order, phase: 'ready' });
      } catch (error) {
        if (get().orderId !== orderId) return;
        set({ phase: 'error', loadError: errorDetails(error) });
      }
    },

    async reload() {
      const { orderId } = get();
      if (!orderId) return;
      try {
        const order = await callApi('orders.get', { id: orderId });
        if (get().orderId !== orderId) return;
        set({ order, phase: 'ready' });
        if (get().audit) void get().loadAudit();
      } catch (error) {
        if (get().orderId !== orderId) return;
        if (!get().order) set({ phase: 'error', loadError: errorDetails(error) });
      }
    },

    async loadAudit() {
      const { orderId } = get();
      if (!orderId) return;
      set({ auditPhase: get().audit ? 'ready' : 'loading', auditError: null });
      try {
        const audit = await callApi('orders.audit', { id: orderId });
        if (get().orderId !== orderId) return;
        set({ audit, auditPhase: 'ready' });
      } catch (error) {
        if (get().orderId !== orderId) return;
        set({ auditPhase: 'error', auditError: errorDetails(error).message });
      }
    },

    async reloadAfterConflict() {
      await get().reload();
      set({ conflict: null });
    },

    dismissConflict() {
      set({ conflict: null });
    },

    updateDetails(changes) {
      return act((order) => callApi('orders.update', { id: order.id, version: order.version, ...changes }));
    },

    confirm() {
      return act((order) => callApi('orders.update', { id: order.id, version: order.version, status: 'Confirmed' }));
    },

    cancel(reason) {
      return act((order) => callApi('orders.update', { id: order.id, version: order.version, status: 'Cancelled', reason }));
    },

    addVehicle(vehicleId, price) {
      return act((order) => callApi('orders.addVehicle', { id: order.id, version: order.version, vehicleId, price }));
    },

    removeVehicle(vehicleId, reason) {
      return act((order) =>
        callApi('orders.removeVehicle', { id: order.id, version: order.version, vehicleId, reason: reason.trim() || undefined }),
      );
    },

    changePrice(vehicleId, price) {
      return act((order) => callApi('orders.updateVehicle', { id: order.id, version: order.version, vehicleId, price }));
    },

    retractStage(vehicleId, eventId, reason) {
      return act(async () => {
        await callApi('vehicles.retractStage', { id: vehicleId, eventId, reason });
        return null;
      });
    },

    recordStage(vehicleId, stage, at, note, override) {
      return act(async () => {
        await callApi('vehicles.recordStage', {
          id: vehicleId,
          stage,
          at,
          note: note.trim() || undefined,
          ...(override ? { override } : {}),
        });
        return null;
      });
    },

    onChange(event) {
      const { order } = get();
      if (!order) return;
      const mine =
        (event.entity === 'order' && event.id === order.id) ||
        (event.entity === 'vehicle' && order.vehicles.some((v) => v.vehicleId === event.id)) ||
        (event.entity === 'customer' && event.id === order.customerId);
      if (mine) void get().reload();
    },
  };
});
