// Orders list slice: status and payment-status filters, a link's filters (stage, assignee, currency…), search text, cursor pages of order summaries.
import type { OrderStatus, OrderSummary } from '../../../core/domain/order';
import type { PaymentStatus } from '../../../core/domain/payment-status';
import { callApi } from '../api/api-call';
import type { OrdersLinkFilters } from '../features/orders/orders-query';
import { createPagedListStore, type PagedListState } from './paged-list-slice';

export type OrderStatusFilter = OrderStatus | 'All';

export type PaymentStatusFilter = PaymentStatus | 'All';

export interface OrdersFilter {
  status: OrderStatusFilter;
  paymentStatus: PaymentStatusFilter;
  query: string;
  /** Filters a link opened the list with (a dashboard bar); shown as removable chips. */
  link: OrdersLinkFilters;
}

export type OrdersListState = PagedListState<OrderSummary, OrdersFilter>;

export const useOrdersListStore = createPagedListStore<OrderSummary, OrdersFilter>(
  { status: 'All', paymentStatus: 'All', query: '', link: {} },
  (filter, cursor, limit) =>
    callApi('orders.list', {
      status: filter.status === 'All' ? undefined : filter.status,
      paymentStatus: filter.paymentStatus === 'All' ? undefined : filter.paymentStatus,
      ...filter.link,
      query: filter.query.trim() || undefined,
      cursor,
      limit,
    }),
);
