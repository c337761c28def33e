// Orders list slice: status filter, search text, cursor pages of order summaries.
import type { OrderStatus, OrderSummary } from '../../../core/domain/order';
import { callApi } from '../api/api-call';
import { createPagedListStore, type PagedListState } from './paged-list-slice';

export type OrderStatusFilter = OrderStatus | 'All';

export interface OrdersFilter {
  status: OrderStatusFilter;
  query: string;
}

export type OrdersListState = PagedListState<OrderSummary, OrdersFilter>;

export const useOrdersListStore = createPagedListStore<OrderSummary, OrdersFilter>({ status: 'All', query: '' }, (filter, cursor, limit) =>
  callApi('orders.list', {
    status: filter.status === 'All' ? undefined : filter.status,
    query: filter.query.trim() || undefined,
    cursor,
    limit,
  }),
);
