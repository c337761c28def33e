// Customers list slice: search text, type and segment filters, and cursor pages of customers.
import type { CustomerListItem } from '../../../core/domain/customer';
import type { CustomerType } from '../../../core/domain/customer-profile';
import { callApi } from '../api/api-call';
import { createPagedListStore } from './paged-list-slice';

export interface CustomersFilter {
  query: string;
  /** '' = every type. */
  type: CustomerType | '';
  /** '' = every segment; otherwise one tag (case does not matter). */
  segment: string;
}

export const useCustomersStore = createPagedListStore<CustomerListItem, CustomersFilter>(
  { query: '', type: '', segment: '' },
  (filter, cursor, limit) =>
    callApi('customers.list', {
      query: filter.query.trim() || undefined,
      type: filter.type || undefined,
      segment: filter.segment.trim() || undefined,
      cursor,
      limit,
    }),
);
