// Payments: record deposits, instalments, balance payments and refunds on an order; list them with the balance and the schedule.
import { notFound, PortsideError } from '../../core/api/errors';
import type { FieldChange } from '../../core/domain/audit';
import { formatMoney } from '../../core/domain/money';
import {
  assertPaymentAllowed,
  computePaymentSchedule,
  computePaymentTotals,
  deliveryBlockedMessage,
  type OrderPayments,
  type Payment,
  type PaymentRecorded,
  type PaymentRecordInput,
  type PaymentScheduleSettings,
} from '../../core/domain/payment';
import type { ImportStage } from '../../core/domain/stages';
import { PAYMENT_SCHEDULE_KEY } from '../db/repos/payments-repo';
import { type Actor, actorMay, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

export class PaymentsService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The order's payments (newest first) with its totals, status and schedule. */
  list(orderId: string): OrderPayments {
    const { repos } = this.deps;
    const order = repos.orders.get(orderId);
    if (!order) throw notFound(`Order ${orderId}`);
    const payments = repos.payments.listForOrder(orderId);
    const totals = computePaymentTotals(order, payments);
    const links = repos.orders.links(orderId);
    const anyDelivered = links.some((l) => l.status !== 'Removed' && l.stage === 'delivered');
    const schedule = computePaymentSchedule(
      { status: order.status, orderValue: order.orderValue, estimatedCompletionDate: order.estimatedCompletionDate, anyDelivered },
      totals.paid - totals.refunded,
      repos.payments.schedule(),
      this.deps.clock.now(),
    );
    const names = repos.people.names(payments.map((p) => p.recordedBy));
    return {
      orderId: order.id,
      orderNumber: order.orderNumber,
      orderValue: order.orderValue,
      currency: order.currency,
      ...totals,
      items: payments.map((p) => ({ ...p, recordedByName: names.nameOf(p.recordedBy) })),
      schedule,
    };
  }

  /**
   * Records a payment or refund in one transaction: the row, the order's derived totals, an
   * audit entry and the outbox item. A refund needs 'payments:refund' (Manager, Admin).
   */
  record(actor: Actor, input: PaymentRecordInput): PaymentRecorded {
    const payment = inTransaction(this.deps, actor, 'payments.record', (uow) => {
      const order = uow.repos.orders.get(input.id);
      if (!order) throw notFound(`Order ${input.id}`);
      if (input.kind === 'refund' && !actorMay(actor, 'payments:refund')) {
        throw new PortsideError(
          'FORBIDDEN',
          `Only a Manager or an Admin can record a refund (your role: ${(actor.roles ?? []).join(', ') || 'none'}). Ask a Manager to record it.`,
          { fields: { kind: 'Refunds need a Manager or an Admin.' } },
        );
      }
      const totals = uow.repos.payments.totalsFor(order.id) ?? computePaymentTotals(order, []);
      assertPaymentAllowed(order, totals, input, uow.now);
      const recorded: Payment = {
        id: uow.newId(),
        orderId: order.id,
        kind: input.kind,
        amount: input.amount,
        currency: input.currency,
        method: input.method,
        reference: input.reference ?? null,
        paidAt: input.paidAt ?? uow.now,
        recordedAt: uow.now,
        recordedBy: uow.actorId,
      };
      uow.repos.payments.insert(recorded);
      uow.repos.payments.refreshOrderTotals(order.id);
      writePaymentRecords(uow, recorded);
      const what = recorded.kind === 'refund' ? 'Refund' : 'Payment';
      uow.notify({
        entity: 'order',
        id: order.id,
        summary: `${what} of ${formatMoney(recorded.amount, recorded.currency)} recorded on ${order.orderNumber}`,
      });
      return recorded;
    });
    const after = this.list(payment.orderId);
    const view = after.items.find((p) => p.id === payment.id) ?? { ...payment, recordedByName: actor.name };
    return { ...after, payment: view };
  }

  schedule(): PaymentScheduleSettings {
    return this.deps.repos.payments.schedule();
  }

  /** Sets the office's payment schedule (Admin): audited; the setting itself stays on this device. */
  saveSchedule(actor: Actor, input: PaymentScheduleSettings): PaymentScheduleSettings {
    return inTransaction(this.deps, actor, 'settings.paymentSchedule.update', (uow) => {
      const before = uow.repos.payments.schedule();
      if (before.depositPercent === input.depositPercent) return before;
      uow.repos.payments.saveSchedule({ depositPercent: input.depositPercent });
      uow.audit({
        entityType: 'setting',
        entityId: PAYMENT_SCHEDULE_KEY,
        orderId: null,
        action: 'setting_changed',
        changes: [{ field: 'depositPercent', before: before.depositPercent, after: input.depositPercent }],
      });
      return uow.repos.payments.schedule();
    });
  }
}

/** The payment's audit entry ('payment_recorded' or 'refund_recorded') and its append-only outbox item. */
function writePaymentRecords(uow: UnitOfWork, p: Payment): void {
  const changes: FieldChange[] = [
    { field: 'kind', before: null, after: p.kind },
    { field: 'amount', before: null, after: p.amount },
    { field: 'currency', before: null, after: p.currency },
    { field: 'method', before: null, after: p.method },
    { field: 'paidAt', before: null, after: p.paidAt },
  ];
  if (p.reference !== null) changes.push({ field: 'reference', before: null, after: p.reference });
  uow.audit({
    entityType: 'payment',
    entityId: p.id,
    orderId: p.orderId,
    action: p.kind === 'refund' ? 'refund_recorded' : 'payment_recorded',
    changes,
  });
  uow.outbox({ entity: 'payment', key: { orderId: p.orderId, id: p.id }, baseVersion: null, baseFields: null, data: { ...p } });
}

/**
 * Recording a vehicle as delivered while its open order has a balance due is refused (422)
 * unless a Manager overrides with a reason ('payments:override'), audited as
 * 'delivery_override' on the order with the balance. Sending an override without that
 * permission is refused (403) whatever the balance.
 */
export function checkDeliveryBalance(
  uow: UnitOfWork,
  vehicle: { id: string; vin: string },
  stage: ImportStage,
  override: { reason: string } | undefined,
): void {
  if (override && !actorMay(uow.actor, 'payments:override')) {
    throw new PortsideError(
      'FORBIDDEN',
      `Only a Manager or an Admin can deliver a vehicle while its order has a balance due (your role: ${(uow.actor.roles ?? []).join(', ') || 'none'}). Ask a Manager, or record the payment first.`,
      { fields: { override: 'Needs a Manager or an Admin.' } },
    );
  }
  if (stage !== 'delivered') return;
  const openOrder = uow.repos.orders.openOrderOfVehicle(vehicle.id);
  if (!openOrder) return;
  const order = uow.repos.orders.get(openOrder.id);
  const totals = uow.repos.payments.totalsFor(openOrder.id);
  // Nothing is due on a Draft: the schedule starts at confirmation.
  if (!order || order.status === 'Draft' || !totals || totals.balanceDue <= 0) return;
  if (!override) {
    throw new PortsideError('RULE_VIOLATION', deliveryBlockedMessage(vehicle.vin, order.orderNumber, totals.balanceDue, order.currency), {
      fields: { stage: `Order ${order.orderNumber} has ${formatMoney(totals.balanceDue, order.currency)} to pay.` },
    });
  }
  uow.audit({
    entityType: 'order',
    entityId: order.id,
    orderId: order.id,
    action: 'delivery_override',
    changes: [
      { field: 'balanceDue', before: null, after: totals.balanceDue },
      { field: 'currency', before: null, after: order.currency },
      { field: 'vin', before: null, after: vehicle.vin },
    ],
    reason: override.reason,
  });
}
