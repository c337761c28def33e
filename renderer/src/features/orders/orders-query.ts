// The orders list's filters a link can carry in the hash query (a dashboard bar opens #/orders?status=…&currency=…), and their chips.
import { CUSTOMER_TYPE_LABELS, CUSTOMER_TYPES, type CustomerType } from '../../../../core/domain/customer-profile';
import { ORDER_STATUSES, type OrderStatus } from '../../../../core/domain/order';
import { IMPORT_STAGES, type ImportStage, STAGE_LABELS } from '../../../../core/domain/stages';
import { withQuery } from '../../routing/hash-query';
import { formatDate } from '../../format/dates';

/** Filters beyond status, payment status and search, as orders.list takes them. */
export interface OrdersLinkFilters {
  stage?: ImportStage;
  assigneeId?: string;
  customerId?: string;
  currency?: string;
  customerType?: CustomerType;
  segment?: string;
  origin?: string;
  from?: string;
  to?: string;
}

export const ORDERS_LINK_KEYS = [
  'status',
  'stage',
  'assigneeId',
  'customerId',
  'currency',
  'customerType',
  'segment',
  'origin',
  'from',
  'to',
] as const;
export type OrdersLinkKey = (typeof ORDERS_LINK_KEYS)[number];

export interface OrdersLinkQuery {
  status: OrderStatus | null;
  filters: OrdersLinkFilters;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** What a hash query asks of the list; values the list cannot take are dropped here, the rest the server judges. */
export function ordersLinkQueryOf(search: string): OrdersLinkQuery {
  const params = new URLSearchParams(search);
  const text = (key: OrdersLinkKey): string | undefined => params.get(key)?.trim() || undefined;
  const filters: OrdersLinkFilters = {
    stage: oneOf(IMPORT_STAGES, params.get('stage')),
    assigneeId: text('assigneeId'),
    customerId: text('customerId'),
    currency: text('currency'),
    customerType: oneOf(CUSTOMER_TYPES, params.get('customerType')),
    segment: text('segment'),
    origin: text('origin'),
    from: text('from'),
    to: text('to'),
  };
  for (const key of Object.keys(filters) as (keyof OrdersLinkFilters)[]) if (filters[key] === undefined) delete filters[key];
  return { status: oneOf(ORDER_STATUSES, params.get('status')) ?? null, filters };
}

export function hasLinkFilters(query: OrdersLinkQuery): boolean {
  return query.status !== null || Object.keys(query.filters).length > 0;
}

/** The list's link without one of its filters (a chip's ×). */
export function ordersLinkWithout(query: OrdersLinkQuery, key: OrdersLinkKey): string {
  const values: Record<string, string | undefined> = { status: query.status ?? undefined, ...query.filters };
  delete values[key];
  return withQuery('/orders', values);
}

export interface FilterChip {
  key: OrdersLinkKey;
  label: string;
}

/** One chip per filter, in words ("Stage: In transit"); `names` gives people's and customers' names where known. */
export function filterChipsOf(query: OrdersLinkQuery, names: Readonly<Record<string, string>>): FilterChip[] {
  const f = query.filters;
  const chips: FilterChip[] = [];
  if (query.status) chips.push({ key: 'status', label: `Status: ${query.status}` });
  if (f.stage) chips.push({ key: 'stage', label: `Vehicle at: ${STAGE_LABELS[f.stage]}` });
  if (f.assigneeId) chips.push({ key: 'assigneeId', label: `Assignee: ${names[f.assigneeId] ?? 'chosen CSR'}` });
  if (f.customerId) chips.push({ key: 'customerId', label: `Customer: ${names[f.customerId] ?? 'chosen customer'}` });
  if (f.customerType) chips.push({ key: 'customerType', label: `Customer type: ${CUSTOMER_TYPE_LABELS[f.customerType]}` });
  if (f.segment) chips.push({ key: 'segment', label: `Segment: ${f.segment}` });
  if (f.origin) chips.push({ key: 'origin', label: `Origin: ${f.origin}` });
  if (f.currency) chips.push({ key: 'currency', label: `Currency: ${f.currency}` });
  if (f.from) chips.push({ key: 'from', label: `From ${formatDate(f.from)}` });
  if (f.to) chips.push({ key: 'to', label: `To ${formatDate(f.to)}` });
  return chips;
}

/** The list's link with the status changed (the status buttons while a link's filters are on). */
export function ordersLinkWithStatus(query: OrdersLinkQuery, status: OrderStatus | 'All'): string {
  return withQuery('/orders', { ...query.filters, status: status === 'All' ? undefined : status });
}
