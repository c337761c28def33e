// The dashboard's filters as the hash query carries them, the date presets, and the orders-list link a clicked bar opens.
import { addDays, addMonths, format, startOfQuarter } from 'date-fns';
import { CUSTOMER_TYPE_LABELS, CUSTOMER_TYPES, type CustomerType } from '../../../../core/domain/customer-profile';
import { addDaysTo } from '../../../../core/domain/analytics';
import { type Currency, isCurrency } from '../../../../core/domain/money';
import type { OrderStatus } from '../../../../core/domain/order';
import type { ImportStage } from '../../../../core/domain/stages';
import { formatDate } from '../../format/dates';
import { withQuery } from '../../routing/hash-query';

/** Every filter as text, as in the URL; blank means "not given" (the server treats it so too). */
export interface DashboardQuery {
  from: string;
  to: string;
  assigneeId: string;
  customerId: string;
  customerType: string;
  segment: string;
  origin: string;
  currency: string;
  staleDays: string;
}

export const DASHBOARD_QUERY_KEYS = [
  'from',
  'to',
  'assigneeId',
  'customerId',
  'customerType',
  'segment',
  'origin',
  'currency',
  'staleDays',
] as const satisfies readonly (keyof DashboardQuery)[];

export const EMPTY_DASHBOARD_QUERY: DashboardQuery = {
  from: '',
  to: '',
  assigneeId: '',
  customerId: '',
  customerType: '',
  segment: '',
  origin: '',
  currency: '',
  staleDays: '',
};

/** The filters a hash query holds; unknown keys are ignored, values are passed on as typed (the server judges them). */
export function dashboardQueryOf(search: string): DashboardQuery {
  const params = new URLSearchParams(search);
  const query = { ...EMPTY_DASHBOARD_QUERY };
  for (const key of DASHBOARD_QUERY_KEYS) query[key] = params.get(key)?.trim() ?? '';
  return query;
}

/** The hash path of the dashboard with these filters (blank ones left out, in a fixed order so equal filters give equal links). */
export function dashboardPathOf(query: DashboardQuery): string {
  return withQuery('/analytics', { ...query });
}

/** The API input: only the filters given. */
export function dashboardInputOf(query: DashboardQuery): Partial<DashboardQuery> {
  const input: Partial<DashboardQuery> = {};
  for (const key of DASHBOARD_QUERY_KEYS) if (query[key] !== '') input[key] = query[key];
  return input;
}

export const DATE_PRESETS = ['last30', 'quarter', 'last12', 'all'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];
export const DATE_PRESET_LABELS: Record<DatePreset, string> = {
  last30: 'Last 30 days',
  quarter: 'This quarter',
  last12: 'Last 12 months',
  all: 'All time',
};

const day = (date: Date): string => format(date, 'yyyy-MM-dd');

/** The from/to of a preset, counted back from `today` (a local calendar day). */
export function presetRange(preset: DatePreset, today: Date): { from: string; to: string } {
  switch (preset) {
    case 'last30':
      return { from: day(addDays(today, -29)), to: day(today) };
    case 'quarter':
      return { from: day(startOfQuarter(today)), to: day(today) };
    case 'last12':
      return { from: day(addDays(addMonths(today, -12), 1)), to: day(today) };
    case 'all':
      return { from: '', to: '' };
  }
}

/** Which preset the range is, if any. */
export function presetOf(query: Pick<DashboardQuery, 'from' | 'to'>, today: Date): DatePreset | null {
  return (
    DATE_PRESETS.find((p) => {
      const range = presetRange(p, today);
      return range.from === query.from && range.to === query.to;
    }) ?? null
  );
}

/** What a clicked bar adds to the dashboard's filters. */
export interface OrdersDrillDown {
  status?: OrderStatus;
  stage?: ImportStage;
  assigneeId?: string;
  currency?: Currency;
  /** A week (its Monday): the list shows the orders dated in it, within the dashboard's range. */
  weekStart?: string;
}

/** The orders list (#/orders?...) for the dashboard's filters plus the clicked value. */
export function ordersLinkOf(query: DashboardQuery, drill: OrdersDrillDown): string {
  let { from, to } = query;
  if (drill.weekStart) {
    const weekEnd = addDaysTo(drill.weekStart, 6);
    from = from && from > drill.weekStart ? from : drill.weekStart;
    to = to && to < weekEnd ? to : weekEnd;
  }
  return withQuery('/orders', {
    status: drill.status,
    stage: drill.stage,
    assigneeId: drill.assigneeId ?? query.assigneeId,
    customerId: query.customerId,
    customerType: query.customerType,
    segment: query.segment,
    origin: query.origin,
    currency: drill.currency ?? query.currency,
    from,
    to,
  });
}

export function isCustomerType(value: string): value is CustomerType {
  return (CUSTOMER_TYPES as readonly string[]).includes(value);
}

export function currencyOrNull(value: string): Currency | null {
  return isCurrency(value) ? value : null;
}

/** The filters in words: "Order date 1 Sep 2026 to 30 Nov 2026 · Currency JPY"; "every order" without any. */
export function filtersInWords(query: DashboardQuery, names: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  if (query.from && query.to) parts.push(`Order date ${formatDate(query.from)} to ${formatDate(query.to)}`);
  else if (query.from) parts.push(`Order date from ${formatDate(query.from)}`);
  else if (query.to) parts.push(`Order date up to ${formatDate(query.to)}`);
  if (query.assigneeId) parts.push(`CSR ${names[query.assigneeId] ?? query.assigneeId}`);
  if (query.customerId) parts.push(`Customer ${names[query.customerId] ?? query.customerId}`);
  if (query.customerType)
    parts.push(`Customer type ${isCustomerType(query.customerType) ? CUSTOMER_TYPE_LABELS[query.customerType] : query.customerType}`);
  if (query.segment) parts.push(`Segment “${query.segment}”`);
  if (query.origin) parts.push(`Origin ${query.origin}`);
  if (query.currency) parts.push(`Currency ${query.currency}`);
  return parts.length > 0 ? parts.join(' · ') : 'Every order (no filters)';
}
