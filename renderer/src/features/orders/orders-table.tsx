// The orders table (presentational): one row per order, each row a link to the order.
import { Link } from 'wouter';
import { formatMoney } from '../../../../core/domain/money';
import type { OrderSummary } from '../../../../core/domain/order';
import { StatusBadge } from '../../components/badges';
import { ProgressBar } from '../../components/progress-bar';
import { DataTable, ListTableBody, type TableColumn } from '../../components/data-table';
import { formatDate, isPastDay } from '../../format/dates';
import { routes } from '../../routes';

const COLUMNS: readonly TableColumn[] = [
  { label: 'Order', width: 'w-[9.5rem]' },
  { label: 'Customer' },
  { label: 'Status', width: 'w-[8rem]' },
  { label: 'Vehicles', width: 'w-[7rem]' },
  { label: 'Progress', width: 'w-[11rem]' },
  { label: 'Value', width: 'w-[9.5rem]', align: 'right' },
  { label: 'Ordered', width: 'w-[7.5rem]' },
  { label: 'Est. completion', width: 'w-[9rem]' },
];

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
    <DataTable columns={COLUMNS} sticky aria-busy={loading || dimmed}>
      <ListTableBody columnCount={COLUMNS.length} loading={loading} dimmed={dimmed} className="transition-opacity">
        {orders.map((order) => (
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
        ))}
      </ListTableBody>
    </DataTable>
  );
}
