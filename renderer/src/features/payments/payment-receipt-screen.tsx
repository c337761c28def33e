// A printable receipt for one payment (route #/orders/:id/payments/:paymentId/receipt): print-styled, with a Print button.
import { formatMoney } from '../../../../core/domain/money';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ArrowLeftIcon, BanIcon } from '../../components/icons';
import { Card } from '../../components/page-header';
import { Skeleton } from '../../components/skeleton';
import { BrandMark } from '../../components/brand-mark';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiQuery } from '../../hooks/use-api-query';
import { routes } from '../../routes';
import { Link } from 'wouter';
import { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from './payment-text';

export function PaymentReceiptScreen({ orderId, paymentId }: { orderId: string; paymentId: string }) {
  const payments = useApiQuery('payments.list', { id: orderId });
  const order = useApiQuery('orders.get', { id: orderId });
  const back = (
    <Link href={routes.order(orderId)} className="inline-flex items-center gap-1.5 text-body-sm font-medium text-ink-muted hover:text-ink">
      <ArrowLeftIcon className="size-4" />
      Back to the order
    </Link>
  );
  const error = payments.error ?? order.error;
  if (error) {
    return (
      <>
        {back}
        <Card className="mt-4">
          <EmptyState icon={<BanIcon className="size-5" />} title="The receipt could not be loaded">
            {error.message}
          </EmptyState>
        </Card>
      </>
    );
  }
  if (!payments.data || !order.data) {
    return (
      <>
        {back}
        <Card className="mt-4 space-y-3 p-8" aria-busy="true">
          <Skeleton className="h-6 w-48" />
          <Skeleton className="h-4 w-72" />
          <Skeleton className="h-24 w-full" />
        </Card>
      </>
    );
  }
  const payment = payments.data.items.find((p) => p.id === paymentId);
  if (!payment) {
    return (
      <>
        {back}
        <Card className="mt-4">
          <EmptyState icon={<BanIcon className="size-5" />} title="Payment not found">
            This payment is not on order {payments.data.orderNumber}.
          </EmptyState>
        </Card>
      </>
    );
  }
  const { currency } = payments.data;
  const refund = payment.kind === 'refund';
  const rows: [string, string][] = [
    ['Order', payments.data.orderNumber],
    ['Customer', order.data.customerName ?? '—'],
    ['Kind', PAYMENT_KIND_LABELS[payment.kind]],
    ['Method', PAYMENT_METHOD_LABELS[payment.method]],
    ['Reference', payment.reference ?? '—'],
    ['Date paid', formatDate(payment.paidAt)],
    ['Recorded', `${formatDateTime(payment.recordedAt)} by ${payment.recordedByName}`],
  ];
  return (
    <>
      <div className="mb-4 flex items-center justify-between gap-3">
        {back}
        <Button variant="primary" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      <Card className="mx-auto max-w-2xl p-10">
        <article data-print-root aria-label={refund ? 'Refund receipt' : 'Payment receipt'} className="bg-surface">
          <header className="flex items-start justify-between gap-6 border-b border-line pb-6">
            <div className="flex items-center gap-3">
              <BrandMark className="size-9" />
              <div>
                <p className="text-title font-semibold text-ink">Portside Vehicle Imports</p>
                <p className="text-body-sm text-ink-muted">Multi-vehicle import orders</p>
              </div>
            </div>
            <div className="text-right">
              <h1 className="text-heading font-semibold text-ink">{refund ? 'Refund receipt' : 'Payment receipt'}</h1>
              <p className="tabular text-caption text-ink-subtle">No. {payment.id.slice(-12).toUpperCase()}</p>
            </div>
          </header>
          <p className="mt-6 text-body-sm text-ink-muted">{refund ? 'Amount refunded' : 'Amount received'}</p>
          <p className="tabular text-display font-semibold text-ink" data-testid="receipt-amount">
            {formatMoney(payment.amount, currency)}
          </p>
          <dl className="mt-6 grid grid-cols-[10rem_1fr] gap-x-6 gap-y-2 text-body-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-ink-subtle">{label}</dt>
                <dd className="text-ink">{value}</dd>
              </div>
            ))}
          </dl>
          <footer className="mt-8 border-t border-line pt-4 text-body-sm text-ink-muted">
            Order value {formatMoney(payments.data.orderValue, currency)} · paid {formatMoney(payments.data.paid, currency)} · refunded{' '}
            {formatMoney(payments.data.refunded, currency)} · balance due now {formatMoney(payments.data.balanceDue, currency)} (
            {payments.data.paymentStatus}).
          </footer>
        </article>
      </Card>
    </>
  );
}
