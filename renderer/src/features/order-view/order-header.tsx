// The order's header card (presentational): number, status, customer, value, dates, notes, and the order's actions.
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { formatMoney } from '../../../../core/domain/money';
import type { Order } from '../../../../core/domain/order';
import { StatusBadge } from '../../components/badges';
import { Card } from '../../components/page-header';
import { formatDate, formatDateTime, isPastDay } from '../../format/dates';
import { routes } from '../../routes';

/** Six facts in one row only where each gets about 8.5rem (a date with "overdue", a value with its currency); else rows of three (or two). */
export const ORDER_FACTS_GRID = 'grid-cols-2 @xl:grid-cols-3 @min-[60rem]:grid-cols-6';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-caption font-medium tracking-wide text-ink-subtle uppercase">{label}</dt>
      <dd className="mt-1 truncate text-body text-ink" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function CompletionFact({ order }: { order: Order }) {
  if (order.status === 'Completed') {
    return <Fact label="Completed">{formatDate(order.actualCompletionDate)}</Fact>;
  }
  const overdue = order.status !== 'Cancelled' && isPastDay(order.estimatedCompletionDate);
  return (
    <Fact label="Est. completion">
      <span className={overdue ? 'font-medium text-warning-ink' : ''}>{formatDate(order.estimatedCompletionDate)}</span>
      {overdue ? <span className="ml-1.5 text-caption text-warning-ink">overdue</span> : null}
    </Fact>
  );
}

/** `people`: the assignee and follow controls (features/notifications), below the byline. */
export function OrderHeader({ order, actions, people }: { order: Order; actions: ReactNode; people?: ReactNode }) {
  return (
    <Card className="@container p-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-caption font-medium tracking-wide text-ink-subtle uppercase">Order</p>
          <div className="mt-0.5 flex flex-wrap items-center gap-3">
            <h1 className="tabular text-display font-semibold tracking-tight text-ink">{order.orderNumber}</h1>
            <span data-testid="order-status">
              <StatusBadge status={order.status} size="lg" />
            </span>
          </div>
          <p className="mt-1 text-body text-ink-muted">
            Created by {order.createdByName} · last change by {order.updatedByName}, {formatDateTime(order.updatedAt)}
          </p>
          {people}
        </div>
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </div>

      <dl className={`mt-6 grid gap-x-8 gap-y-4 border-t border-line pt-5 ${ORDER_FACTS_GRID}`}>
        <Fact label="Customer" testId="order-customer">
          {order.customerId && order.customerName ? (
            <Link href={routes.customer(order.customerId)} className="font-medium text-primary hover:underline">
              {order.customerName}
            </Link>
          ) : (
            <span className="text-ink-subtle italic">No customer yet</span>
          )}
        </Fact>
        <Fact label="Value" testId="order-value">
          <span className="tabular font-semibold">{formatMoney(order.orderValue, order.currency)}</span>
          <span className="ml-1.5 text-caption text-ink-subtle">{order.currency}</span>
        </Fact>
        <Fact label="Vehicles" testId="order-vehicle-count">
          <span className="tabular">
            {order.completedVehicles} of {order.totalVehicles} delivered
          </span>
        </Fact>
        <Fact label="Ordered">{formatDate(order.orderDate)}</Fact>
        <CompletionFact order={order} />
        <Fact label="Target date" testId="order-target-date">
          {formatDate(order.targetCompletionDate)}
        </Fact>
      </dl>

      {order.notes || order.cancelReason ? (
        <div className="mt-5 grid gap-3 md:grid-cols-2">
          {order.notes ? (
            <div className="rounded-control bg-surface-muted px-4 py-3 ring-1 ring-line">
              <p className="text-caption font-medium tracking-wide text-ink-subtle uppercase">Notes</p>
              <p className="mt-1 text-body whitespace-pre-line text-ink">{order.notes}</p>
            </div>
          ) : null}
          {order.cancelReason ? (
            <div className="rounded-control bg-status-cancelled-soft px-4 py-3 ring-1 ring-status-cancelled/20">
              <p className="text-caption font-medium tracking-wide text-status-cancelled-ink uppercase">Cancelled because</p>
              <p className="mt-1 text-body text-ink">{order.cancelReason}</p>
            </div>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
