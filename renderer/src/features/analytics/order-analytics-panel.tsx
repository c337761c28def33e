// The order's Analytics tab: stage counts, time per stage per vehicle, schedule, forecast, payments collected and customer contact; printable.
import { type ReactNode, useEffect, useRef } from 'react';
import { hasPermission } from '../../../../core/auth/permissions';
import { formatMoney } from '../../../../core/domain/money';
import type { Order } from '../../../../core/domain/order';
import { Button } from '../../components/button';
import { NoticeBanner } from '../../components/notice-banner';
import { ProgressBar } from '../../components/progress-bar';
import { Skeleton } from '../../components/skeleton';
import { formatDate, formatRelative } from '../../format/dates';
import { useApiQuery } from '../../hooks/use-api-query';
import { useSessionStore } from '../../stores/session-store';
import { ScheduleBadge, scheduleSentence, StageCountBar, StageTimeGrid } from './order-analytics-parts';
import { OrderReport } from './order-report';
import { PrintActions } from './print-actions';

function Tile({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <div className="rounded-card bg-surface-muted p-4 ring-1 ring-line" data-testid={testId}>
      <h3 className="mb-2 text-caption font-semibold tracking-wide text-ink-subtle uppercase">{title}</h3>
      {children}
    </div>
  );
}

function PanelSkeleton() {
  return (
    <div className="space-y-5 p-6" aria-busy="true" aria-label="Loading the order's analytics">
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-28 w-full" />
        ))}
      </div>
      <Skeleton className="h-16 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

export function OrderAnalyticsPanel({ order }: { order: Order }) {
  const analytics = useApiQuery('orders.analytics', { id: order.id });
  const mayReadPayments = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'payments:read') : false));
  const payments = useApiQuery('payments.list', { id: order.id }, mayReadPayments);
  const { reload } = analytics;
  const reloadPayments = payments.reload;
  // A change to the order (a stage, a payment) changes its figures: read them again (the first read is the query's own).
  const seen = useRef(`${order.version}:${order.paid}:${order.refunded}`);
  useEffect(() => {
    const now = `${order.version}:${order.paid}:${order.refunded}`;
    if (now === seen.current) return;
    seen.current = now;
    reload();
    reloadPayments();
  }, [order.version, order.paid, order.refunded, reload, reloadPayments]);

  if (analytics.error && !analytics.data) {
    return (
      <div className="p-6">
        <NoticeBanner
          tone="error"
          title="The order's analytics could not be loaded."
          action={
            <Button size="sm" onClick={reload}>
              Try again
            </Button>
          }
        >
          {analytics.error.message}
        </NoticeBanner>
      </div>
    );
  }
  const a = analytics.data;
  if (!a) return <PanelSkeleton />;
  const p = a.payments;
  const c = a.communication;

  return (
    <div className="space-y-6 p-6" aria-busy={analytics.loading} data-testid="order-analytics">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-body-sm text-ink-muted">
          Figures as of {formatDate(a.generatedAt)}; days counted in {a.timeZone}.
        </p>
        <div className="flex items-center gap-2">
          <PrintActions pdfName={`portside-order-${a.orderNumber}.pdf`} />
        </div>
      </div>

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Tile title="Schedule" testId="schedule-tile">
          <ScheduleBadge state={a.schedule.state} />
          <p className="mt-2 text-body-sm text-ink">{scheduleSentence(a.schedule)}</p>
        </Tile>
        <Tile title="Forecast completion" testId="forecast-tile">
          <p className="text-heading font-semibold text-ink">{a.forecast.date ? formatDate(a.forecast.date) : 'No forecast yet'}</p>
          <p className="mt-1 text-body-sm text-ink-muted">{a.forecast.basis}</p>
        </Tile>
        <Tile title="Payments collected" testId="payments-tile">
          <p className="text-body-sm text-ink">
            <span className="tabular text-title font-semibold">{formatMoney(p.paid - p.refunded, p.currency)}</span> of{' '}
            {formatMoney(p.orderValue, p.currency)}
          </p>
          <div className="mt-2">
            <ProgressBar value={p.collectedShare ?? 0} label="Share of the order value collected" tone="bg-status-completed" />
          </div>
          <p className="mt-1 text-caption text-ink-subtle">
            {p.collectedShare === null ? 'The order has no value yet.' : `Balance due ${formatMoney(p.balanceDue, p.currency)}`}
            {p.refunded > 0 ? ` · ${formatMoney(p.refunded, p.currency)} refunded` : ''}
          </p>
        </Tile>
        <Tile title="Customer contact" testId="contact-tile">
          <p className="text-body-sm text-ink">
            <span className="tabular text-title font-semibold">{c.count}</span> {c.count === 1 ? 'message' : 'messages'},{' '}
            {c.customerContacts} with the customer
          </p>
          <p className="mt-1 text-body-sm text-ink-muted">
            {c.lastContactAt === null
              ? 'No customer contact yet.'
              : `Last contact ${formatDate(c.lastContactAt)} (${formatRelative(c.lastContactAt)})`}
          </p>
        </Tile>
      </div>

      <section aria-labelledby="stage-counts-title">
        <h3 id="stage-counts-title" className="mb-3 text-title font-semibold text-ink">
          Vehicles per stage
        </h3>
        <StageCountBar counts={a.stageCounts} />
      </section>

      <section aria-labelledby="stage-time-title">
        <h3 id="stage-time-title" className="mb-1 text-title font-semibold text-ink">
          Days in each stage
        </h3>
        <p className="mb-3 text-body-sm text-ink-muted">
          Darker cells took longer; the outlined cell is where the vehicle is now (days so far).
        </p>
        {a.vehicles.length === 0 ? (
          <p className="text-body-sm text-ink-subtle">The order has no vehicles.</p>
        ) : (
          <StageTimeGrid vehicles={a.vehicles} />
        )}
      </section>

      <OrderReport order={order} analytics={a} payments={payments.data} />
    </div>
  );
}
