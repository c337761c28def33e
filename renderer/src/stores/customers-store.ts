// Customers list slice: search text and cursor pages of customers.
import type { CustomerListItem } from '../../../core/domain/customer';
import { callApi } from '../api/api-call';
import { createPagedListStore } from './paged-list-slice';

export interface CustomersFilter {
  query: string;
}

export const useCustomersStore = createPagedListStore<CustomerListItem, CustomersFilter>({ query: '' }, (filter, cursor, limit) =>
  callApi('customers.list', { query: filter.query.trim() || undefined, cursor, limit }),
);
