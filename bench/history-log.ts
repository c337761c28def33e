// The bench data's history: the vehicles and orders planned, and every service call they saw, replayed oldest first.
import type { Currency } from '../core/domain/money';
import type { LinkStatus, OrderStatus } from '../core/domain/order';
import type { PaymentKind, PaymentMethod } from '../core/domain/payment';
import type { CommunicationChannel, CommunicationDirection } from '../core/domain/communication';

/** A vehicle as registered (its final row), plus what the replay moves as its history unfolds. */
export interface HistVehicle {
  id: string;
  vin: string;
  make: string;
  model: string;
  year: number;
  colour: string;
  originCountry: string | null;
  originPort: string | null;
  purchasePrice: number;
  currency: Currency;
  etaDelivery: string;
  onHold: boolean;
  holdReason: string | null;
  createdAt: string;
  createdBy: string;
  /** The order holding it (index into the orders), or -1 for stock. */
  order: number;
}

export interface HistLink {
  vehicle: number;
  price: number;
  /** When it was removed from the order (ms), or null while it stays. */
  removedAt: number | null;
  removedReason: string | null;
}

export interface PlannedPayment {
  id: string;
  kind: PaymentKind;
  amount: number;
  method: PaymentMethod;
  reference: string | null;
  at: number;
}

export interface PlannedCommunication {
  id: string;
  channel: CommunicationChannel;
  direction: CommunicationDirection | null;
  subject: string | null;
  body: string;
  at: number;
  /** An outgoing e-mail: queued when logged, then sent by the delivery loop a minute later. */
  email: { to: string; messageId: string } | null;
}

/** An order as planned: its final row and the calls that made it, in the order they happened. */
export interface HistOrder {
  id: string;
  orderNumber: string;
  customerId: string | null;
  customerEmail: string | null;
  status: OrderStatus;
  /** How its links stand once confirmed (Added: never confirmed). */
  linkStatus: LinkStatus;
  currency: Currency;
  createdAt: number;
  target: string;
  notes: string | null;
  cancelReason: string | null;
  /** Index into the CSRs: the creator, who is the assignee. */
  csr: number;
  links: HistLink[];
  confirmAt: number | null;
  cancelAt: number | null;
  payments: PlannedPayment[];
  communications: PlannedCommunication[];
}

export const HistoryKind = {
  VehicleCreated: 0,
  Stage: 1,
  OrderCreated: 2,
  OrderConfirmed: 3,
  VehicleRemoved: 4,
  OrderCancelled: 5,
  Payment: 6,
  CommunicationLogged: 7,
  EmailSent: 8,
} as const;
export type HistoryKind = (typeof HistoryKind)[keyof typeof HistoryKind];

export interface HistoryEvent {
  kind: HistoryKind;
  time: number;
  /** The vehicle (VehicleCreated, Stage) or the order (every other kind). */
  subject: number;
  /** The stage index (Stage), the link (VehicleRemoved), the payment or the communication; else 0. */
  detail: number;
  /** Index into the CSRs for who acted (Stage only; the other kinds derive their actor). */
  by: number;
}

/** Every planned call, in flat arrays (there are millions), until they can be replayed oldest first. */
export class HistoryLog {
  readonly vehicles: HistVehicle[] = [];
  readonly orders: HistOrder[] = [];
  private kinds: number[] = [];
  private times: number[] = [];
  private subjects: number[] = [];
  private details: number[] = [];
  private actors: number[] = [];

  add(kind: HistoryKind, time: number, subject: number, detail = 0, by = 0): void {
    this.kinds.push(kind);
    this.times.push(time);
    this.subjects.push(subject);
    this.details.push(detail);
    this.actors.push(by);
  }

  get size(): number {
    return this.times.length;
  }

  /** Positions of the events, oldest first (ties keep the order they were added in). */
  oldestFirst(): Uint32Array {
    const order = Uint32Array.from(this.times.keys());
    return order.sort((a, b) => (this.times[a] ?? 0) - (this.times[b] ?? 0) || a - b);
  }

  at(i: number): HistoryEvent {
    return {
      kind: (this.kinds[i] ?? HistoryKind.VehicleCreated) as HistoryKind,
      time: this.times[i] ?? 0,
      subject: this.subjects[i] ?? 0,
      detail: this.details[i] ?? 0,
      by: this.actors[i] ?? 0,
    };
  }

  count(kind: HistoryKind): number {
    return this.kinds.reduce((n, k) => (k === kind ? n + 1 : n), 0);
  }
}
