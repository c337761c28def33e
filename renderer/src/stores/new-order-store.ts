// New-order form slice: what the CSR has typed and picked, survives errors and navigation until the order is created.
import { create } from 'zustand';
import type { FieldErrors } from '../../../core/api/errors';
import { type Currency, parseMoney } from '../../../core/domain/money';
import type { Order } from '../../../core/domain/order';
import type { Vehicle } from '../../../core/domain/vehicle';
import { callApi } from '../api/api-call';
import { errorDetails } from '../api/error-details';
import { defaultPriceText } from '../format/agreed-price';
import type { PickedCustomer } from '../format/customer-contact';
import { linePriceKey, localProblems, withoutEmptyOrderErrors } from './new-order-checks';

export interface OrderLineDraft {
  vehicle: Vehicle;
  priceText: string;
  /** False while the price is the prefilled purchase price, so a currency change can re-derive it. */
  priceEdited: boolean;
}

export interface NewOrderState {
  customer: PickedCustomer | null;
  currency: Currency;
  lines: OrderLineDraft[];
  notes: string;
  estimatedCompletionDate: string;
  /**
   * Errors keyed by form field: "customerId", "currency", "notes", "estimatedCompletionDate",
   * "vehicles", and "line:<vehicleId>.price" for a vehicle line (the API's "vehicles.N.price"
   * is translated to the line's vehicle so it stays attached when lines are removed).
   */
  fieldErrors: FieldErrors;
  formError: string | null;
  submitting: boolean;

  setCustomer(customer: PickedCustomer | null): void;
  setCurrency(currency: Currency): void;
  toggleVehicle(vehicle: Vehicle): void;
  removeLine(vehicleId: string): void;
  setPrice(vehicleId: string, text: string): void;
  setNotes(notes: string): void;
  setEstimatedCompletionDate(date: string): void;
  submit(): Promise<Order | null>;
  reset(): void;
}

export { linePriceKey } from './new-order-checks';

/** Running total of the prices that parse, and how many lines still lack a valid price. */
export function selectTotal(s: Pick<NewOrderState, 'lines' | 'currency'>): { total: number; missing: number } {
  let total = 0;
  let missing = 0;
  for (const line of s.lines) {
    const minor = parseMoney(line.priceText, s.currency);
    if (minor === null) missing += 1;
    else total += minor;
  }
  return { total, missing };
}

const EMPTY = {
  customer: null,
  currency: 'USD' as Currency,
  lines: [] as OrderLineDraft[],
  notes: '',
  estimatedCompletionDate: '',
  fieldErrors: {} as FieldErrors,
  formError: null,
  submitting: false,
};

function without(errors: FieldErrors, ...keys: string[]): FieldErrors {
  const next = { ...errors };
  for (const key of keys) delete next[key];
  return next;
}

/** "vehicles.2.price" -> "line:<id of line 2>.price"; other keys stay as they are. */
function toFormErrors(fields: FieldErrors, lines: readonly OrderLineDraft[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(fields)) {
    const match = /^vehicles\.(\d+)\.(\w+)$/.exec(key);
    const line = match ? lines[Number(match[1])] : undefined;
    if (match && line) out[`line:${line.vehicle.id}.${match[2] ?? 'price'}`] = message;
    else out[key] = message;
  }
  return out;
}

export const useNewOrderStore = create<NewOrderState>()((set, get) => ({
  ...EMPTY,

  setCustomer(customer) {
    const { fieldErrors, formError } = customer ? withoutEmptyOrderErrors(get()) : get();
    set({ customer, formError, fieldErrors: without(fieldErrors, 'customerId') });
  },

  setCurrency(currency) {
    const lines = get().lines.map((line) => (line.priceEdited ? line : { ...line, priceText: defaultPriceText(line.vehicle, currency) }));
    set({ currency, lines, fieldErrors: without(get().fieldErrors, 'currency') });
  },

  toggleVehicle(vehicle) {
    const { lines, currency, fieldErrors } = get();
    if (lines.some((l) => l.vehicle.id === vehicle.id)) {
      get().removeLine(vehicle.id);
      return;
    }
    const line: OrderLineDraft = { vehicle, priceText: defaultPriceText(vehicle, currency), priceEdited: false };
    const cleared = withoutEmptyOrderErrors({ fieldErrors, formError: get().formError });
    set({ lines: [...lines, line], formError: cleared.formError, fieldErrors: without(cleared.fieldErrors, 'vehicles') });
  },

  removeLine(vehicleId) {
    set({
      lines: get().lines.filter((l) => l.vehicle.id !== vehicleId),
      fieldErrors: without(get().fieldErrors, linePriceKey(vehicleId), `line:${vehicleId}.vehicleId`),
    });
  },

  setPrice(vehicleId, text) {
    set({
      lines: get().lines.map((l) => (l.vehicle.id === vehicleId ? { ...l, priceText: text, priceEdited: true } : l)),
      fieldErrors: without(get().fieldErrors, linePriceKey(vehicleId)),
    });
  },

  setNotes(notes) {
    set({ notes, fieldErrors: without(get().fieldErrors, 'notes') });
  },

  setEstimatedCompletionDate(date) {
    set({ estimatedCompletionDate: date, fieldErrors: without(get().fieldErrors, 'estimatedCompletionDate') });
  },

  async submit() {
    const { customer, currency, lines, notes, estimatedCompletionDate, submitting } = get();
    if (submitting) return null;
    const problems = localProblems({ customer, currency, lines });
    if (problems) {
      set(problems);
      return null;
    }
    const vehicles = lines.map((line) => {
      const price = parseMoney(line.priceText, currency);
      return price === null ? { vehicleId: line.vehicle.id } : { vehicleId: line.vehicle.id, price };
    });
    set({ submitting: true, formError: null, fieldErrors: {} });
    try {
      const order = await callApi('orders.create', {
        customerId: customer?.id,
        currency,
        vehicles,
        notes: notes.trim() || undefined,
        estimatedCompletionDate: estimatedCompletionDate || undefined,
      });
      set({ ...EMPTY });
      return order;
    } catch (error) {
      const details = errorDetails(error);
      set({ submitting: false, formError: details.message, fieldErrors: toFormErrors(details.fields, get().lines) });
      return null;
    }
  },

  reset() {
    set({ ...EMPTY });
  },
}));
