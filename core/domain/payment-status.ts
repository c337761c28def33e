// The payment statuses an order can be in (defined in payment.ts's computePaymentTotals); apart so order.ts can filter by them.
import { z } from 'zod';

export const PAYMENT_STATUSES = ['Unpaid', 'Deposit paid', 'Partially paid', 'Paid', 'Refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const paymentStatus = z.enum(PAYMENT_STATUSES, { error: `Payment status must be one of ${PAYMENT_STATUSES.join(', ')}.` });
