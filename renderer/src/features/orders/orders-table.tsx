// The orders table (presentational): one row per order, each row a link to the order.
import { Link } from 'wouter';
import { formatMoney } from '../../../../core/domain/money';
import type { OrderSummary } from '../../../../core/domain/order';
import { StatusBadge } from '../../components/badges';
import { ProgressBar } from '../../components/progress-bar';
import { SkeletonRows } from '../../components/skeleton';
import { formatDate, isPastDay } from '../../format/dates';
import { routes } from '../../routes';

const HEAD = 'px-4 py-2.5 text-left text-caption font-semibold tracking-wide whitespace-nowrap text-ink-subtle uppercase';

function CompletionCell({ order }: { order: OrderSummary }) {
  if (order.status === 'Completed') {
    return <span className="text-ink-muted">{formatDate(order.actualCompletionDate)}</span>;
  }
  if (order.status === 'Cancelled') return <span className="text-ink-subtle">—</span>;
  const overdue = isPastDay(order.estimatedCompletionDate);
  return (
    <span
      className={overdue ? 'font-medium text-warning-ink' : 'text-ink-muted'}
      title={overdue ? 'Past its estimated completion' : undefined}
    >
      {formatDate(order.estimatedCompletionDate)}
      {overdue ? <span className="sr-only"> (overdue)</span> : null}
    </span>
  );
}

export function OrdersTable({ orders, loading, dimmed }: { orders: OrderSummary[]; loading: boolean; dimmed: boolean }) {
  return (
    <table className="w-full table-fixed border-collapse text-body" aria-busy={loading || dimmed}>
      <colgroup>
        <col className="w-[9.5rem]" />
        <col />
        <col className="w-[8rem]" />
        <col className="w-[7rem]" />
        <col className="w-[11rem]" />
        <col className="w-[9.5rem]" />
        <col className="w-[7.5rem]" />
        <col className="w-[9rem]" />
      </colgroup>
      <thead className="sticky top-0 z-10 border-b border-line bg-surface-muted">
        <tr>
          <th scope="col" className={HEAD}>
            Order
          </th>
          <th scope="col" className={HEAD}>
            Customer
          </th>
          <th scope="col" className={HEAD}>
            Status
          </th>
          <th scope="col" className={HEAD}>
            Vehicles
          </th>
          <th scope="col" className={HEAD}>
            Progress
          </th>
          <th scope="col" className={`${HEAD} text-right`}>
            Value
          </th>
          <th scope="col" className={HEAD}>
            Ordered
          </th>
          <th scope="col" className={HEAD}>
            Est. completion
          </th>
        </tr>
      </thead>
      <tbody className={dimmed ? 'opacity-55 transition-opacity' : 'transition-opacity'}>
        {loading ? (
          <SkeletonRows rows={10} columns={8} />
        ) : (
          orders.map((order) => (
            <tr
              key={order.id}
              className="relative h-row border-b border-line last:border-0 hover:bg-primary-soft/50 focus-within:bg-primary-soft/60"
              data-order-number={order.orderNumber}
            >
              <td className="px-4">
                <Link
                  href={routes.order(order.id)}
                  className="tabular font-semibold text-primary after:absolute after:inset-0 after:content-[''] hover:underline focus:outline-none"
                >
                  {order.orderNumber}
                </Link>
              </td>
              <td className="truncate px-4">
                {order.customerName ? (
                  <span className="font-medium text-ink">{order.customerName}</span>
                ) : (
                  <span className="text-ink-subtle italic">No customer yet</span>
                )}
              </td>
              <td className="px-4">
                <StatusBadge status={order.status} />
              </td>
              <td className="tabular px-4 text-ink-muted" data-cell="vehicles">
                <span className="font-medium text-ink">{order.completedVehicles}</span>/{order.totalVehicles}
                <span className="ml-1 text-caption text-ink-subtle">done</span>
              </td>
              <td className="px-4" data-cell="progress">
                <ProgressBar value={order.progress} label={`Progress of ${order.orderNumber}`} />
              </td>
              <td className="tabular px-4 text-right font-medium text-ink">{formatMoney(order.orderValue, order.currency)}</td>
              <td className="tabular px-4 text-ink-muted">{formatDate(order.orderDate)}</td>
              <td className="tabular px-4">
                <CompletionCell order={order} />
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
