// The orders table (presentational): one row per order, each row a link to the order.
import { Link } from 'wouter';
import { formatMoney } from '../../../../core/domain/money';
import type { OrderSummary } from '../../../../core/domain/order';
import { StatusBadge } from '../../components/badges';
import { whileHidden } from '../../components/table-columns';
import { PaymentStatusBadge } from '../payments/payment-status-badge';
import { ProgressBar } from '../../components/progress-bar';
import { DataCell, DataTable, ListTableBody, type TableColumns } from '../../components/data-table';
import { formatDate, isPastDay } from '../../format/dates';
import { routes } from '../../routes';

// What a CSR needs to find and answer about an order stays at every width (number, customer, status, value, when it
// completes); the progress bar, the vehicle count and the order date join as the room grows. Payment status and balance due
// get their own columns on wide frames; narrower, they stand under the order status and the value instead.
const COLUMNS = {
  order: { label: 'Order', width: 8.5 },
  customer: { label: 'Customer', minWidth: 9 },
  status: { label: 'Status', width: 7.75 },
  payment: { label: 'Payment', width: 8, hideBelow: 76 },
  vehicles: { label: 'Vehicles', width: 6.5, hideBelow: 64 },
  progress: { label: 'Progress', width: 10, hideBelow: 56 },
  value: { label: 'Value', width: 9, align: 'right' },
  balance: { label: 'Balance due', width: 8.5, align: 'right', hideBelow: 84 },
  ordered: { label: 'Ordered', width: 7.5, hideBelow: 68 },
  completion: { label: 'Est. completion', width: 9.25 },
} satisfies TableColumns;

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

/** What the customer still owes ("due $900.00"), money to give back ("refund $100.00"), or a dash when settled. */
function BalanceDue({ order }: { order: OrderSummary }) {
  if (order.balanceDue === 0) return <span className="text-ink-subtle">—</span>;
  if (order.balanceDue < 0) return <span className="text-danger">refund {formatMoney(-order.balanceDue, order.currency)}</span>;
  return (
    <span className={order.status === 'Draft' ? 'text-ink-muted' : 'font-medium text-warning-ink'}>
      due {formatMoney(order.balanceDue, order.currency)}
    </span>
  );
}

export function OrdersTable({ orders, loading, dimmed }: { orders: OrderSummary[]; loading: boolean; dimmed: boolean }) {
  return (
    <DataTable columns={COLUMNS} stickyHeader="page" aria-busy={loading || dimmed}>
      <ListTableBody columns={COLUMNS} loading={loading} dimmed={dimmed} className="transition-opacity">
        {orders.map((order) => (
          <tr
            key={order.id}
            className="relative h-row border-b border-line last:border-0 hover:bg-primary-soft/50 focus-within:bg-primary-soft/60"
            data-order-number={order.orderNumber}
          >
            <DataCell column={COLUMNS.order} className="px-4">
              <Link
                href={routes.order(order.id)}
                className="tabular font-semibold text-primary after:absolute after:inset-0 after:content-[''] hover:underline focus:outline-none"
              >
                {order.orderNumber}
              </Link>
            </DataCell>
            <DataCell column={COLUMNS.customer} className="truncate px-4">
              {order.customerName ? (
                <span className="font-medium text-ink">{order.customerName}</span>
              ) : (
                <span className="text-ink-subtle italic">No customer yet</span>
              )}
            </DataCell>
            <DataCell column={COLUMNS.status} className="px-4">
              <StatusBadge status={order.status} />
              <div className={`mt-0.5 ${whileHidden(COLUMNS.payment)}`} data-cell="payment-stand-in">
                <PaymentStatusBadge status={order.paymentStatus} />
              </div>
            </DataCell>
            <DataCell column={COLUMNS.payment} className="px-4" data-cell="payment">
              <PaymentStatusBadge status={order.paymentStatus} />
            </DataCell>
            <DataCell column={COLUMNS.vehicles} className="tabular px-4 text-ink-muted" data-cell="vehicles">
              <span className="font-medium text-ink">{order.completedVehicles}</span>/{order.totalVehicles}
              <span className="ml-1 text-caption text-ink-subtle">done</span>
            </DataCell>
            <DataCell column={COLUMNS.progress} className="px-4" data-cell="progress">
              <ProgressBar value={order.progress} label={`Progress of ${order.orderNumber}`} />
            </DataCell>
            <DataCell column={COLUMNS.value} className="tabular px-4 font-medium text-ink">
              {formatMoney(order.orderValue, order.currency)}
              {order.balanceDue !== 0 ? (
                <div className={`text-caption font-normal text-ink-muted ${whileHidden(COLUMNS.balance)}`}>
                  <BalanceDue order={order} />
                </div>
              ) : null}
            </DataCell>
            <DataCell column={COLUMNS.balance} className="tabular px-4" data-cell="balance">
              <BalanceDue order={order} />
            </DataCell>
            <DataCell column={COLUMNS.ordered} className="tabular px-4 text-ink-muted">
              {formatDate(order.orderDate)}
            </DataCell>
            <DataCell column={COLUMNS.completion} className="tabular px-4">
              <CompletionCell order={order} />
            </DataCell>
          </tr>
        ))}
      </ListTableBody>
    </DataTable>
  );
}
