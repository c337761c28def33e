// The order's Payments tab: totals and status, the schedule (what is due when, what is overdue), the payments, receipts, and recording one.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { hasPermission } from '../../../../core/auth/permissions';
import { formatMoney } from '../../../../core/domain/money';
import type { Order } from '../../../../core/domain/order';
import type { OrderPayments, PaymentRecorded, PaymentView } from '../../../../core/domain/payment';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { PlusIcon, RefreshIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Skeleton } from '../../components/skeleton';
import { formatDate } from '../../format/dates';
import { useApiQuery } from '../../hooks/use-api-query';
import { routes } from '../../routes';
import { useOrderViewStore } from '../../stores/order-view-store';
import { useSessionStore } from '../../stores/session-store';
import { PaymentStatusBadge } from './payment-status-badge';
import { PaymentToast } from './payment-toast';
import { dueWhen, PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, SCHEDULE_STATE_CLASSES, SCHEDULE_STATE_LABELS } from './payment-text';
import { RecordPaymentDialog } from './record-payment-dialog';

export function PaymentsPanel({ order }: { order: Order }) {
  const query = useApiQuery('payments.list', { id: order.id });
  const { reload } = query;
  const roles = useSessionStore((s) => s.user?.roles ?? []);
  const mayWrite = hasPermission(roles, 'payments:write');
  const mayRefund = hasPermission(roles, 'payments:refund');
  const reloadOrder = useOrderViewStore((s) => s.reload);
  const [recording, setRecording] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const dismissToast = useCallback(() => setToast(null), []);

  // A payment here or on another device changes the order's totals (the order view re-reads it on the change event).
  useEffect(() => {
    reload();
  }, [order.paid, order.refunded, order.balanceDue, order.status, order.version, reload]);

  const recorded = (result: PaymentRecorded) => {
    setRecording(false);
    const what = result.payment.kind === 'refund' ? 'Refund' : `${PAYMENT_KIND_LABELS[result.payment.kind]} payment`;
    setToast(
      `${what} of ${formatMoney(result.payment.amount, result.currency)} recorded. Order ${result.orderNumber} is now ${result.paymentStatus}.`,
    );
    reload();
    void reloadOrder();
  };

  const data = query.data?.orderId === order.id ? query.data : null;
  if (!data) {
    if (query.error) {
      return (
        <div className="p-6">
          <NoticeBanner
            tone="error"
            action={
              <Button size="sm" icon={<RefreshIcon />} onClick={reload}>
                Try again
              </Button>
            }
          >
            {query.error.message}
          </NoticeBanner>
        </div>
      );
    }
    return (
      <div className="space-y-4 p-6" aria-busy="true" aria-label="Loading payments">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }

  const canRecord = mayWrite && (order.status !== 'Cancelled' || mayRefund);
  return (
    <div className="space-y-6 p-6" data-testid="payments-panel">
      <PaymentTotals payments={data}>
        {canRecord ? (
          <Button variant="primary" icon={<PlusIcon />} onClick={() => setRecording(true)}>
            {order.status === 'Cancelled' ? 'Record refund' : 'Record payment'}
          </Button>
        ) : null}
      </PaymentTotals>
      <ScheduleTable payments={data} />
      <PaymentsTable payments={data} />
      {recording ? (
        <RecordPaymentDialog payments={data} orderDate={order.orderDate} onClose={() => setRecording(false)} onRecorded={recorded} />
      ) : null}
      <PaymentToast message={toast} onDismiss={dismissToast} />
    </div>
  );
}

function PaymentTotals({ payments, children }: { payments: OrderPayments; children: React.ReactNode }) {
  const { currency } = payments;
  const owed = payments.balanceDue < 0;
  const facts: [string, string, string][] = [
    ['Order value', formatMoney(payments.orderValue, currency), 'order-value'],
    ['Paid', formatMoney(payments.paid, currency), 'paid'],
    ['Refunded', formatMoney(payments.refunded, currency), 'refunded'],
    [owed ? 'To refund' : 'Balance due', formatMoney(Math.abs(payments.balanceDue), currency), 'balance-due'],
  ];
  return (
    <section aria-label="Payment totals" className="flex flex-wrap items-end justify-between gap-4">
      <dl className="flex flex-wrap gap-x-8 gap-y-3">
        {facts.map(([label, value, id]) => (
          <div key={id}>
            <dt className="text-caption font-medium text-ink-subtle uppercase">{label}</dt>
            <dd
              className={`tabular mt-0.5 text-title font-semibold ${id === 'balance-due' && payments.balanceDue > 0 ? 'text-warning-ink' : 'text-ink'}`}
              data-testid={`payments-${id}`}
            >
              {value}
            </dd>
          </div>
        ))}
        <div>
          <dt className="text-caption font-medium text-ink-subtle uppercase">Status</dt>
          <dd className="mt-1" data-testid="payments-status">
            <PaymentStatusBadge status={payments.paymentStatus} />
          </dd>
        </div>
      </dl>
      {children}
    </section>
  );
}

function ScheduleTable({ payments }: { payments: OrderPayments }) {
  const { currency, schedule } = payments;
  return (
    <section aria-labelledby="schedule-heading">
      <h3 id="schedule-heading" className="text-body font-semibold text-ink">
        Payment schedule{' '}
        <span className="font-normal text-ink-muted">· deposit {schedule.depositPercent}% at confirmation, the rest before delivery</span>
      </h3>
      <table className="mt-2 w-full text-body-sm">
        <thead className="text-left text-caption text-ink-subtle uppercase">
          <tr className="border-b border-line">
            <th className="py-2 pr-4 font-medium">Part</th>
            <th className="py-2 pr-4 font-medium">Due</th>
            <th className="py-2 pr-4 text-right font-medium">Amount</th>
            <th className="py-2 pr-4 text-right font-medium">Outstanding</th>
            <th className="py-2 font-medium">State</th>
          </tr>
        </thead>
        <tbody>
          {schedule.lines.map((line) => (
            <tr key={line.part} className="border-b border-line last:border-0" data-schedule-part={line.part}>
              <td className="py-2 pr-4 font-medium text-ink">
                {line.part === 'deposit' ? 'Deposit' : 'Balance'} <span className="text-ink-subtle">({line.percent}%)</span>
              </td>
              <td className="py-2 pr-4 text-ink-muted">{dueWhen(line, formatDate)}</td>
              <td className="tabular py-2 pr-4 text-right">{formatMoney(line.amount, currency)}</td>
              <td className="tabular py-2 pr-4 text-right font-medium">{formatMoney(line.outstanding, currency)}</td>
              <td className="py-2">
                <span
                  className={`inline-flex rounded-control px-2 py-0.5 text-caption font-medium whitespace-nowrap ring-1 ring-inset ${SCHEDULE_STATE_CLASSES[line.state]}`}
                  data-schedule-state={line.state}
                >
                  {SCHEDULE_STATE_LABELS[line.state]}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PaymentsTable({ payments }: { payments: OrderPayments }) {
  if (payments.items.length === 0) {
    return (
      <EmptyState title="No payments yet" icon={<PlusIcon className="size-5" />}>
        Deposits, instalments, balance payments and refunds recorded here update the balance due at once.
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="payments-heading">
      <h3 id="payments-heading" className="text-body font-semibold text-ink">
        Payments <span className="font-normal text-ink-muted">· newest first</span>
      </h3>
      <table className="mt-2 w-full text-body-sm">
        <thead className="text-left text-caption text-ink-subtle uppercase">
          <tr className="border-b border-line">
            <th className="py-2 pr-4 font-medium">Date</th>
            <th className="py-2 pr-4 font-medium">Kind</th>
            <th className="py-2 pr-4 font-medium">Method</th>
            <th className="py-2 pr-4 font-medium">Reference</th>
            <th className="py-2 pr-4 text-right font-medium">Amount</th>
            <th className="py-2 pr-4 font-medium">Recorded by</th>
            <th className="py-2 font-medium">
              <span className="sr-only">Receipt</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {payments.items.map((p) => (
            <PaymentRow key={p.id} payment={p} currency={payments.currency} orderId={payments.orderId} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PaymentRow({ payment, currency, orderId }: { payment: PaymentView; currency: OrderPayments['currency']; orderId: string }) {
  const refund = payment.kind === 'refund';
  return (
    <tr className="border-b border-line last:border-0" data-payment-id={payment.id}>
      <td className="tabular py-2 pr-4 text-ink-muted">{formatDate(payment.paidAt)}</td>
      <td className={`py-2 pr-4 font-medium ${refund ? 'text-danger' : 'text-ink'}`}>{PAYMENT_KIND_LABELS[payment.kind]}</td>
      <td className="py-2 pr-4 text-ink-muted">{PAYMENT_METHOD_LABELS[payment.method]}</td>
      <td className="max-w-48 truncate py-2 pr-4 text-ink-muted">{payment.reference ?? '—'}</td>
      <td className={`tabular py-2 pr-4 text-right font-medium ${refund ? 'text-danger' : 'text-ink'}`}>
        {refund ? '−' : ''}
        {formatMoney(payment.amount, currency)}
      </td>
      <td className="py-2 pr-4 text-ink-muted">{payment.recordedByName}</td>
      <td className="py-2 text-right">
        <Link href={routes.paymentReceipt(orderId, payment.id)} className="font-medium text-primary hover:underline">
          Receipt
        </Link>
      </td>
    </tr>
  );
}
