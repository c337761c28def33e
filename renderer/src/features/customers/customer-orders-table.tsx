// The customer page's orders (presentational): number, status, vehicles, value and balance, each row a link to the order.
import { Link } from 'wouter';
import { formatMoney } from '../../../../core/domain/money';
import type { OrderSummary } from '../../../../core/domain/order';
import { StatusBadge } from '../../components/badges';
import { DataCell, DataTable, ListTableBody, type TableColumns } from '../../components/data-table';
import { formatDate } from '../../format/dates';
import { routes } from '../../routes';
import { PaymentStatusBadge } from '../payments/payment-status-badge';

const COLUMNS = {
  order: { label: 'Order', width: 8.5 },
  status: { label: 'Status', width: 7.75 },
  vehicles: { label: 'Vehicles', width: 6.5, hideBelow: 52 },
  value: { label: 'Value', width: 9, align: 'right' },
  balance: { label: 'Balance due', width: 9, align: 'right' },
  ordered: { label: 'Ordered', width: 7.5, hideBelow: 60 },
} satisfies TableColumns;

/**
 * The balance column's cell: the one place the payments part fills in (OrderSummary gains
 * `balanceDue` and `paymentStatus`). Until then nothing is recorded as paid, so it says so.
 */
export function OrderBalanceCell({ order }: { order: OrderSummary }) {
  if (order.status === 'Cancelled') return <span className="text-ink-subtle">—</span>;
  return (
    <span className="inline-flex items-center gap-2">
      <span className={`tabular ${order.balanceDue > 0 ? 'text-ink' : 'text-ink-subtle'}`}>
        {formatMoney(order.balanceDue, order.currency)}
      </span>
      <PaymentStatusBadge status={order.paymentStatus} />
    </span>
  );
}

export function CustomerOrdersTable({ orders }: { orders: OrderSummary[] }) {
  return (
    <DataTable columns={COLUMNS} density="compact">
      <ListTableBody columns={COLUMNS} loading={false} dimmed={false}>
        {orders.map((order) => (
          <tr
            key={order.id}
            className="relative h-11 border-b border-line last:border-0 hover:bg-primary-soft/50"
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
            <DataCell column={COLUMNS.status} className="px-4">
              <StatusBadge status={order.status} />
            </DataCell>
            <DataCell column={COLUMNS.vehicles} className="tabular px-4 text-ink-muted">
              <span className="font-medium text-ink">{order.completedVehicles}</span>/{order.totalVehicles}
              <span className="ml-1 text-caption text-ink-subtle">done</span>
            </DataCell>
            <DataCell column={COLUMNS.value} className="tabular px-4 font-medium text-ink">
              {formatMoney(order.orderValue, order.currency)}{' '}
              <span className="text-caption font-normal text-ink-subtle">{order.currency}</span>
            </DataCell>
            <DataCell column={COLUMNS.balance} className="tabular px-4">
              <OrderBalanceCell order={order} />
            </DataCell>
            <DataCell column={COLUMNS.ordered} className="tabular px-4 text-ink-muted">
              {formatDate(order.orderDate)}
            </DataCell>
          </tr>
        ))}
      </ListTableBody>
    </DataTable>
  );
}
