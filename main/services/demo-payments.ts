// Demo payments: deposits on confirmed orders, instalments on some in progress, paid in full before delivery, refunds on cancelled ones.
import type { Order, OrderStatus } from '../../core/domain/order';
import { depositAmount, type PaymentMethod } from '../../core/domain/payment';
import { seededRandom } from './demo-catalogue';
import type { Services } from './index';
import type { Actor } from './unit-of-work';

/** When in an order's demo life the payments are recorded. */
export type DemoPaymentMoment = 'confirmed' | 'cancelled' | 'before_deliveries';

/**
 * Records the demo payments of one order at a moment of its life, at the demo clock's time. Uses
 * its own random stream so the rest of the demo data stays exactly as it was. Orders reach
 * every payment status: Unpaid (some confirmed), Deposit paid, Partially paid, Paid (every
 * completed order, which is delivered only once paid) and Refunded (cancelled with a deposit).
 */
export class DemoPayments {
  private readonly rand = seededRandom(7);

  constructor(
    private readonly services: Services,
    /** Refunds need a Manager. */
    private readonly manager: Actor,
  ) {}

  record(actor: Actor, orderId: string, target: OrderStatus, moment: DemoPaymentMoment): void {
    const order = this.services.orders.get(orderId);
    const method = (): PaymentMethod => this.rand.pick(['bank_transfer', 'bank_transfer', 'card', 'finance', 'cheque'] as const);
    if (moment === 'confirmed' && (target !== 'Confirmed' || this.rand.next() < 0.6)) {
      this.pay(actor, order, 'deposit', this.depositOf(order), method(), `DEP-${order.orderNumber.slice(-5)}`);
      return;
    }
    if (moment === 'cancelled' && order.paid - order.refunded > 0) {
      this.pay(this.manager, order, 'refund', order.paid - order.refunded, 'bank_transfer', `RF-${order.orderNumber.slice(-5)}`);
      return;
    }
    if (moment !== 'before_deliveries') return;
    if (target === 'Completed' && order.balanceDue > 0) {
      this.pay(actor, order, 'balance', order.balanceDue, method(), `BAL-${order.orderNumber.slice(-5)}`);
    } else if (target === 'In Progress' && order.balanceDue > 0 && this.rand.next() < 0.4) {
      this.pay(actor, order, 'instalment', Math.floor(order.balanceDue / 2), method(), null);
    }
  }

  private depositOf(order: Order): number {
    return depositAmount(order.orderValue, this.services.payments.schedule().depositPercent);
  }

  private pay(
    actor: Actor,
    order: Order,
    kind: 'deposit' | 'instalment' | 'balance' | 'refund',
    amount: number,
    method: PaymentMethod,
    reference: string | null,
  ): void {
    if (amount <= 0) return;
    this.services.payments.record(actor, {
      id: order.id,
      kind,
      amount,
      currency: order.currency,
      method,
      ...(reference ? { reference } : {}),
    });
  }
}
