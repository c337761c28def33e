// Payments on an order: input schemas, the balance maths, the payment status and the payment schedule; pure.
import { z } from 'zod';
import { PortsideError } from '../api/errors';
import { currency, entityId, isoInstant, optionalText, positiveAmount } from './fields';
import { type Currency, formatMoney } from './money';
import type { OrderStatus } from './order';
import { CLOCK_SKEW_MS } from './order-rules';
import type { PaymentStatus } from './payment-status';

export const PAYMENT_KINDS = ['deposit', 'instalment', 'balance', 'refund'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash', 'cheque', 'finance'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export { PAYMENT_STATUSES, type PaymentStatus, paymentStatus } from './payment-status';

export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  deposit: 'Deposit',
  instalment: 'Instalment',
  balance: 'Balance',
  refund: 'Refund',
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  bank_transfer: 'Bank transfer',
  card: 'Card',
  cash: 'Cash',
  cheque: 'Cheque',
  finance: 'Finance',
};

export const paymentRecordInput = z.strictObject({
  id: entityId('Order id'),
  kind: z.enum(PAYMENT_KINDS, { error: `kind must be one of ${PAYMENT_KINDS.join(', ')}.` }),
  amount: positiveAmount('Amount'),
  currency,
  method: z.enum(PAYMENT_METHODS, { error: `method must be one of ${PAYMENT_METHODS.join(', ')}.` }),
  reference: optionalText('Reference', 200),
  paidAt: isoInstant('Payment date (paidAt)').optional(),
});
export type PaymentRecordInput = z.infer<typeof paymentRecordInput>;

const percentMessage = 'depositPercent must be a whole number from 0 to 100, e.g. 10 for a 10% deposit.';

/** The office's payment schedule: the deposit's share of the order value, due at confirmation; the rest before delivery. */
export const paymentScheduleInput = z.strictObject({
  depositPercent: z.number({ error: percentMessage }).int({ error: percentMessage }).min(0, { error: percentMessage }).max(100, {
    error: percentMessage,
  }),
});
/** Spelled out (not z.infer) so schema generators (OpenAPI) can read it. */
export interface PaymentScheduleSettings {
  /** Whole percent, 0 to 100. */
  depositPercent: number;
}
/** Fails to compile when PaymentScheduleSettings and the schema drift apart. */
const _scheduleMatchesSchema: [PaymentScheduleSettings, z.infer<typeof paymentScheduleInput>] extends [
  z.infer<typeof paymentScheduleInput>,
  PaymentScheduleSettings,
]
  ? true
  : never = true;

export const DEFAULT_PAYMENT_SCHEDULE: PaymentScheduleSettings = { depositPercent: 10 };

/** A payment as stored and synced (append-only: a mistake is corrected by a refund, never an edit). */
export interface Payment {
  id: string;
  orderId: string;
  kind: PaymentKind;
  /** Integer minor units, always > 0; a refund's amount is money going back. */
  amount: number;
  currency: Currency;
  method: PaymentMethod;
  reference: string | null;
  /** When the money moved (as the CSR says); `recordedAt` is when it was entered. */
  paidAt: string;
  recordedAt: string;
  /** User id ('system' for Portside itself). */
  recordedBy: string;
}

export interface PaymentView extends Payment {
  recordedByName: string;
}

export interface PaymentTotals {
  /** Sum of deposits, instalments and balance payments. */
  paid: number;
  /** Sum of refunds. */
  refunded: number;
  /** What the customer still owes; negative when Portside holds more than is owed (money to give back). */
  balanceDue: number;
  paymentStatus: PaymentStatus;
}

/** The order fields the payment rules read. */
export interface PaymentOrder {
  orderNumber: string;
  status: OrderStatus;
  orderValue: number;
  currency: Currency;
  /** When the order was taken: a payment cannot be dated before that day. */
  orderDate: string;
}

/**
 * The balance maths (docs/order-rules.md, "Payments"):
 * - net paid = paid - refunded; balance due = amount owed - net paid, where the amount owed is
 *   the order value, and nothing for a Cancelled order (its money is only ever refunded);
 * - Unpaid: nothing received; Refunded: money received and all of it refunded; Paid: the net
 *   paid covers the order value; Deposit paid: part paid, with deposits only; Partially paid:
 *   part paid, with at least one instalment or balance payment.
 */
export function computePaymentTotals(
  order: Pick<PaymentOrder, 'status' | 'orderValue'>,
  payments: readonly Pick<Payment, 'kind' | 'amount'>[],
): PaymentTotals {
  let paid = 0;
  let refunded = 0;
  let beyondDeposit = false;
  for (const p of payments) {
    if (p.kind === 'refund') refunded += p.amount;
    else {
      paid += p.amount;
      if (p.kind !== 'deposit') beyondDeposit = true;
    }
  }
  const net = paid - refunded;
  const owed = order.status === 'Cancelled' ? 0 : order.orderValue;
  return { paid, refunded, balanceDue: owed - net, paymentStatus: statusOf(paid, net, order.orderValue, beyondDeposit) };
}

function statusOf(paid: number, net: number, orderValue: number, beyondDeposit: boolean): PaymentStatus {
  if (paid === 0) return 'Unpaid';
  if (net <= 0) return 'Refunded';
  if (net >= orderValue) return 'Paid';
  return beyondDeposit ? 'Partially paid' : 'Deposit paid';
}

/**
 * Whether a payment may be recorded: the order's currency, not a Cancelled order (refunds
 * excepted: that is how money goes back), no more than the balance due, no refund above the
 * net paid, and a payment date neither in the future nor before the order was taken. Throws 422 with the allowed amount.
 */
export function assertPaymentAllowed(
  order: PaymentOrder,
  totals: Pick<PaymentTotals, 'paid' | 'refunded' | 'balanceDue'>,
  input: Pick<PaymentRecordInput, 'kind' | 'amount' | 'currency' | 'paidAt'>,
  now: string,
): void {
  const money = (minor: number): string => formatMoney(minor, order.currency);
  if (input.currency !== order.currency) {
    throw new PortsideError(
      'RULE_VIOLATION',
      `Order ${order.orderNumber} is in ${order.currency}: record the payment in ${order.currency}, not ${input.currency}.`,
      { fields: { currency: `Must be ${order.currency}, the order's currency.` } },
    );
  }
  if (input.paidAt !== undefined && Date.parse(input.paidAt) > Date.parse(now) + CLOCK_SKEW_MS) {
    throw new PortsideError('RULE_VIOLATION', 'The payment date is in the future: enter when the money actually moved.', {
      fields: { paidAt: 'Must not be in the future.' },
    });
  }
  if (input.paidAt !== undefined && input.paidAt.slice(0, 10) < order.orderDate.slice(0, 10)) {
    throw new PortsideError(
      'RULE_VIOLATION',
      `The payment date is before order ${order.orderNumber} was taken (${order.orderDate.slice(0, 10)}): enter the day the money moved.`,
      { fields: { paidAt: `Must be on or after ${order.orderDate.slice(0, 10)}.` } },
    );
  }
  if (input.kind === 'refund') {
    const refundable = totals.paid - totals.refunded;
    if (input.amount > refundable) {
      throw new PortsideError(
        'RULE_VIOLATION',
        refundable === 0
          ? `Nothing has been paid on order ${order.orderNumber}, so nothing can be refunded.`
          : `A refund can be at most what was paid and not yet refunded on order ${order.orderNumber}: ${money(refundable)}.`,
        { fields: { amount: `At most ${money(refundable)}.` } },
      );
    }
    return;
  }
  if (order.status === 'Cancelled') {
    throw new PortsideError(
      'RULE_VIOLATION',
      `Order ${order.orderNumber} is Cancelled: it takes no more payments. Record a refund to give money back.`,
      { fields: { kind: 'Only a refund can be recorded on a Cancelled order.' } },
    );
  }
  const allowed = Math.max(0, totals.balanceDue);
  if (input.amount > allowed) {
    throw new PortsideError(
      'RULE_VIOLATION',
      allowed === 0
        ? `Order ${order.orderNumber} is fully paid: there is no balance left to pay.`
        : `That is more than the balance due on order ${order.orderNumber}: at most ${money(allowed)} can be paid.`,
      { fields: { amount: `At most ${money(allowed)}.` } },
    );
  }
}

export type ScheduleState = 'paid' | 'upcoming' | 'due' | 'overdue' | 'void';

/** One instalment of the schedule: how much, when it is due, what of it is covered. */
export interface ScheduleLine {
  part: 'deposit' | 'balance';
  /** Share of the order value (the deposit's percentage, or the rest). */
  percent: number;
  amount: number;
  /** 'at_confirmation' (deposit) or 'before_delivery' (balance). */
  due: 'at_confirmation' | 'before_delivery';
  /** The date it falls due when known: the balance's is the order's expected completion (delivery). */
  dueDate: string | null;
  /** What of the net paid covers it (the deposit is covered first). */
  covered: number;
  outstanding: number;
  state: ScheduleState;
}

export interface PaymentSchedule {
  depositPercent: number;
  lines: ScheduleLine[];
}

export interface ScheduleOrder {
  status: OrderStatus;
  orderValue: number;
  /** The effective estimate (vehicles' delivery ETAs first): the balance is due before it. */
  estimatedCompletionDate: string | null;
  /** Whether any active vehicle has been delivered (the balance was due before that). */
  anyDelivered: boolean;
}

/** The deposit in minor units, rounded half up, in exact integer arithmetic (order values reach 2e14). */
export function depositAmount(orderValue: number, percent: number): number {
  return Number((BigInt(orderValue) * BigInt(percent) + 50n) / 100n);
}

/**
 * The schedule: a deposit of `depositPercent` due at confirmation, the rest before delivery.
 * The net paid covers the deposit first. The deposit is upcoming while the order is a Draft, due
 * once it is Confirmed and overdue once vehicles are moving (In Progress or Completed); the
 * balance is overdue once a vehicle was delivered or its due date (the expected completion) has
 * passed. A Cancelled order's lines are void.
 */
export function computePaymentSchedule(
  order: ScheduleOrder,
  netPaid: number,
  settings: PaymentScheduleSettings,
  today: string,
): PaymentSchedule {
  const deposit = depositAmount(order.orderValue, settings.depositPercent);
  const balance = order.orderValue - deposit;
  const coveredDeposit = Math.min(deposit, Math.max(0, netPaid));
  const coveredBalance = Math.min(balance, Math.max(0, netPaid - coveredDeposit));
  const cancelled = order.status === 'Cancelled';
  const depositLine: ScheduleLine = {
    part: 'deposit',
    percent: settings.depositPercent,
    amount: deposit,
    due: 'at_confirmation',
    dueDate: null,
    covered: coveredDeposit,
    outstanding: deposit - coveredDeposit,
    state: cancelled ? 'void' : deposit - coveredDeposit === 0 ? 'paid' : depositState(order.status),
  };
  const dueDate = order.estimatedCompletionDate;
  const late = order.anyDelivered || order.status === 'Completed' || (dueDate !== null && dueDate.slice(0, 10) < today.slice(0, 10));
  const balanceLine: ScheduleLine = {
    part: 'balance',
    percent: 100 - settings.depositPercent,
    amount: balance,
    due: 'before_delivery',
    dueDate,
    covered: coveredBalance,
    outstanding: balance - coveredBalance,
    state: cancelled ? 'void' : balance - coveredBalance === 0 ? 'paid' : late ? 'overdue' : 'upcoming',
  };
  return { depositPercent: settings.depositPercent, lines: [depositLine, balanceLine] };
}

function depositState(status: OrderStatus): ScheduleState {
  if (status === 'Draft') return 'upcoming';
  if (status === 'Confirmed') return 'due';
  return 'overdue';
}

/** What `GET /orders/:id/payments` returns. */
export interface OrderPayments extends PaymentTotals {
  orderId: string;
  orderNumber: string;
  orderValue: number;
  currency: Currency;
  /** Newest first. */
  items: PaymentView[];
  schedule: PaymentSchedule;
}

/** What `POST /orders/:id/payments` returns: the payment just recorded and the order's payments after it. */
export interface PaymentRecorded extends OrderPayments {
  payment: PaymentView;
}

/** Refusing a delivery while the order has a balance due: the message says how much and who can override. */
export function deliveryBlockedMessage(vin: string, orderNumber: string, balanceDue: number, currencyCode: Currency): string {
  return `Vehicle ${vin} cannot be recorded as delivered: order ${orderNumber} still has ${formatMoney(balanceDue, currencyCode)} to pay. Record the payment first, or ask a Manager to override with a reason.`;
}
