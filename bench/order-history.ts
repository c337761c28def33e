// Plans what happened to one bench order after it was taken: confirmation, removal, cancellation, payments, messages.
import { v7 as uuidv7 } from 'uuid';
import type { CommunicationChannel } from '../core/domain/communication';
import { type Currency, currencyExponent } from '../core/domain/money';
import type { LinkStatus, OrderStatus } from '../core/domain/order';
import { DEFAULT_PAYMENT_SCHEDULE, depositAmount, type PaymentKind } from '../core/domain/payment';
import { type HistOrder, HistoryKind, type HistoryLog, type PlannedCommunication, type PlannedPayment } from './history-log';
import { COMMUNICATION_TEXTS, PAYMENT_METHODS, type Random } from './vocabulary';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface OrderFacts {
  status: OrderStatus;
  linkStatus: LinkStatus;
  createdAt: number;
  now: number;
  orderValue: number;
  currency: Currency;
  hasRemoved: boolean;
  /** First and last delivery of the order's current vehicles (ms), null when none was delivered. */
  firstDelivery: number | null;
  lastDelivery: number | null;
  customerEmail: string | null;
  orderNumber: string;
}

export interface OrderTimeline {
  confirmAt: number | null;
  removeAt: number | null;
  cancelAt: number | null;
  payments: PlannedPayment[];
  communications: PlannedCommunication[];
}

/** A time `share` of the way from `from` towards `preferred`, never later than `latest`. */
function towards(from: number, preferred: number, latest: number): number {
  return Math.min(preferred, from + Math.max(1, (latest - from) * 0.5));
}

export function planTimeline(rand: Random, f: OrderFacts): OrderTimeline {
  const latest = f.now - 60_000;
  const confirmed = f.status !== 'Draft' && f.linkStatus === 'Active';
  const confirmAt = confirmed ? towards(f.createdAt, f.createdAt + rand.int(1, 24) * HOUR, latest) : null;
  const afterConfirm = confirmAt ?? f.createdAt;
  // Vehicles leave an order two days in (the generator's removal date), before any cancellation.
  const removeAt = f.hasRemoved ? towards(afterConfirm, f.createdAt + 2 * DAY, latest) : null;
  const beforeCancel = removeAt ?? afterConfirm;
  const cancelAt = f.status === 'Cancelled' ? towards(beforeCancel, beforeCancel + rand.int(1, 20) * DAY, latest) : null;
  return {
    confirmAt,
    removeAt,
    cancelAt,
    payments: planPayments(rand, f, confirmAt, cancelAt, latest),
    communications: planCommunications(rand, f, cancelAt, latest),
  };
}

/** Rounds an amount to whole major units (a yen has none to round). */
function wholeUnits(amount: number, currency: Currency): number {
  const unit = 10 ** currencyExponent(currency);
  return Math.max(unit, Math.round(amount / unit) * unit);
}

/**
 * Deposits at confirmation, instalments while the vehicles move, the balance before the first
 * delivery (a delivery with a balance due needs a Manager's override, so most orders are paid
 * up by then); a cancelled order's deposit is mostly refunded. Amounts never exceed the balance.
 */
function planPayments(rand: Random, f: OrderFacts, confirmAt: number | null, cancelAt: number | null, latest: number): PlannedPayment[] {
  if (f.orderValue <= 0) return [];
  const out: PlannedPayment[] = [];
  let paid = 0;
  let previous = f.createdAt;
  const pay = (kind: PaymentKind, amount: number, preferred: number): void => {
    const capped = kind === 'refund' ? Math.min(amount, paid) : Math.min(amount, f.orderValue - paid);
    // Never before the order or the payment before it (a plan squeezed into a young order keeps its order).
    const at = Math.max(preferred, previous + 60_000);
    if (capped <= 0 || at > latest) return;
    previous = at;
    paid += kind === 'refund' ? -capped : capped;
    const method = rand.pick(PAYMENT_METHODS);
    const reference = method === 'bank_transfer' ? `${f.orderNumber}-${out.length + 1}` : null;
    out.push({ id: uuidv7({ msecs: Math.floor(at) }), kind, amount: capped, method, reference, at });
  };
  const deposit = depositAmount(f.orderValue, DEFAULT_PAYMENT_SCHEDULE.depositPercent);
  const start = confirmAt ?? f.createdAt;
  const depositShare = { Draft: 0.05, Confirmed: 0.7, 'In Progress': 0.92, Completed: 0.97, Cancelled: 0.5 }[f.status];
  if (rand.next() >= depositShare) return out;
  const depositAt = towards(start, start + rand.int(1, 96) * HOUR, cancelAt ?? latest);
  pay('deposit', deposit, depositAt);
  if (f.status === 'Cancelled') {
    if (cancelAt !== null && rand.next() < 0.8) pay('refund', paid, towards(cancelAt, cancelAt + rand.int(1, 10) * DAY, latest));
    return out;
  }
  const paidUpBy = f.firstDelivery ?? (f.status === 'Completed' ? latest : null);
  const end = paidUpBy ?? latest;
  const instalments = f.status === 'Draft' || f.status === 'Confirmed' ? 0 : rand.int(0, 2);
  let at = depositAt;
  for (let i = 0; i < instalments; i++) {
    at = towards(at, at + rand.int(5, 30) * DAY, end - HOUR);
    pay('instalment', wholeUnits((f.orderValue * rand.int(15, 35)) / 100, f.currency), at);
  }
  const settles = paidUpBy !== null && rand.next() < (f.status === 'Completed' ? 0.93 : 0.85);
  if (settles) pay('balance', f.orderValue - paid, towards(at, paidUpBy - rand.int(1, 72) * HOUR, paidUpBy - 60_000));
  return out;
}

const CHANNEL_WEIGHTS: [CommunicationChannel, number][] = [
  ['note', 20],
  ['phone', 25],
  ['email', 25],
  ['sms', 10],
  ['whatsapp', 15],
  ['letter', 5],
];

function pickChannel(rand: Random): CommunicationChannel {
  let roll = rand.next() * 100;
  for (const [channel, weight] of CHANNEL_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return channel;
  }
  return 'note';
}

/** None to six entries spread over the order's life (and a few weeks after it ended), mixed channels. */
function planCommunications(rand: Random, f: OrderFacts, cancelAt: number | null, latest: number): PlannedCommunication[] {
  const count = rand.int(0, 6);
  const endedAt = cancelAt ?? (f.status === 'Completed' ? (f.lastDelivery ?? latest) : latest);
  const until = Math.min(latest, endedAt + 21 * DAY);
  const times = Array.from({ length: count }, () => f.createdAt + rand.next() * Math.max(60_000, until - f.createdAt)).sort(
    (a, b) => a - b,
  );
  return times
    .filter((at) => at <= latest)
    .map((at) => {
      const channel = pickChannel(rand);
      let direction = channel === 'note' ? null : rand.next() < 0.6 ? ('out' as const) : ('in' as const);
      if (channel === 'email' && direction === 'out' && f.customerEmail === null) direction = 'in';
      const email = channel === 'email' && direction === 'out' && f.customerEmail !== null;
      const text = rand.pick(COMMUNICATION_TEXTS[channel]);
      const id = uuidv7({ msecs: Math.floor(at) });
      return {
        id,
        channel,
        direction,
        subject: channel === 'email' ? text : null,
        body: channel === 'email' ? `Kia ora, an update on order ${f.orderNumber}: ${text.toLowerCase()}.` : text,
        at,
        email: email && f.customerEmail !== null ? { to: f.customerEmail, messageId: `<${id}@bench.portside.local>` } : null,
      };
    });
}

/** Adds the order and every call it saw to the history, and ties its vehicles to it. */
export function logOrderHistory(log: HistoryLog, order: HistOrder): void {
  const index = log.orders.length;
  log.orders.push(order);
  for (const link of order.links) {
    const vehicle = log.vehicles[link.vehicle];
    if (vehicle) vehicle.order = index;
  }
  log.add(HistoryKind.OrderCreated, order.createdAt, index);
  if (order.confirmAt !== null) log.add(HistoryKind.OrderConfirmed, order.confirmAt, index);
  order.links.forEach((link, k) => {
    if (link.removedAt !== null) log.add(HistoryKind.VehicleRemoved, link.removedAt, index, k);
  });
  if (order.cancelAt !== null) log.add(HistoryKind.OrderCancelled, order.cancelAt, index);
  order.payments.forEach((p, k) => log.add(HistoryKind.Payment, p.at, index, k));
  order.communications.forEach((c, k) => {
    log.add(HistoryKind.CommunicationLogged, c.at, index, k);
    if (c.email) log.add(HistoryKind.EmailSent, c.at + 60_000, index, k);
  });
}
