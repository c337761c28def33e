// The dashboard's renderer logic without a browser: filters in the URL, presets, click-through links, chips, and the tables behind charts, CSV and print.
import { describe, expect, it } from 'vitest';
import { type Dashboard, emptyStageRecord, emptyStatusRecord } from '../../core/domain/analytics';
import { CSV_BOM } from '../../core/domain/csv';
import {
  dashboardInputOf,
  dashboardPathOf,
  dashboardQueryOf,
  EMPTY_DASHBOARD_QUERY,
  ordersLinkOf,
  presetOf,
  presetRange,
} from '../../renderer/src/features/analytics/dashboard-query';
import {
  allTables,
  csvFileName,
  csvOf,
  monthlyMoneyTable,
  outstandingTable,
  statusTable,
} from '../../renderer/src/features/analytics/dashboard-tables';
import { filtersInWords } from '../../renderer/src/features/analytics/dashboard-query';
import { filterChipsOf, ordersLinkQueryOf, ordersLinkWithout, ordersLinkWithStatus } from '../../renderer/src/features/orders/orders-query';
import { splitHash, withQuery } from '../../renderer/src/routing/hash-query';

function dashboard(patch: Partial<Dashboard> = {}): Dashboard {
  return {
    filters: { staleDays: 14 },
    generatedAt: '2026-11-30T15:00:00.000Z',
    timeZone: 'Pacific/Auckland',
    ordersByStatus: { ...emptyStatusRecord(), Draft: 2, Completed: 5 },
    pipeline: emptyStageRecord(),
    cycleTime: [],
    bottleneck: null,
    onTime: { completed: 5, withTarget: 4, onTime: 3, rate: 0.75 },
    weekly: [],
    monthlyMoney: [
      { month: '2026-10', currency: 'JPY', booked: 1_500_000, collected: 300_000, refunded: 0 },
      { month: '2026-10', currency: 'USD', booked: 1_234_567, collected: 50, refunded: 0 },
    ],
    outstanding: [
      { currency: 'JPY', orders: 2, balanceDue: 1_200_000, ageing: { '0-30': 1_000_000, '31-60': 200_000, '61-90': 0, '90+': 0 } },
    ],
    workload: [],
    quiet: { staleDays: 14, count: 0, items: [] },
    ...patch,
  };
}

describe('the hash query', () => {
  it('splits the path a route matches from the query a screen reads', () => {
    expect(splitHash('#/orders?status=Draft&currency=JPY')).toEqual(['/orders', 'status=Draft&currency=JPY']);
    expect(splitHash('#/analytics')).toEqual(['/analytics', '']);
    expect(splitHash('')).toEqual(['/', '']);
  });

  it('leaves blank filters out of a link', () => {
    expect(withQuery('/orders', { status: 'In Progress', currency: '', stage: undefined })).toBe('/orders?status=In+Progress');
    expect(withQuery('/orders', {})).toBe('/orders');
  });
});

describe('the dashboard filters in the URL', () => {
  it('reads the known filters, ignores unknown ones, and writes them back in a fixed order', () => {
    const query = dashboardQueryOf('currency=JPY&bogus=1&from=2026-01-01&staleDays=30');
    expect(query).toEqual({ ...EMPTY_DASHBOARD_QUERY, currency: 'JPY', from: '2026-01-01', staleDays: '30' });
    expect(dashboardPathOf(query)).toBe('/analytics?from=2026-01-01&currency=JPY&staleDays=30');
    expect(dashboardInputOf(query)).toEqual({ currency: 'JPY', from: '2026-01-01', staleDays: '30' });
  });

  it('passes a reversed range on as typed, for the server to refuse with its message', () => {
    expect(dashboardInputOf(dashboardQueryOf('from=2026-05-01&to=2026-04-01'))).toEqual({ from: '2026-05-01', to: '2026-04-01' });
  });

  it('counts presets back from today, and recognises a range that is one', () => {
    const today = new Date(2026, 10, 30);
    expect(presetRange('last30', today)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('quarter', today)).toEqual({ from: '2026-10-01', to: '2026-11-30' });
    expect(presetRange('last12', today)).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(presetRange('all', today)).toEqual({ from: '', to: '' });
    expect(presetOf({ from: '2026-10-01', to: '2026-11-30' }, today)).toBe('quarter');
    expect(presetOf({ from: '2026-10-02', to: '2026-11-30' }, today)).toBeNull();
  });
});

describe('a clicked bar', () => {
  const query = { ...EMPTY_DASHBOARD_QUERY, currency: 'JPY', from: '2026-11-04', to: '2026-11-30', staleDays: '30' };

  it('opens the orders list with the dashboard filters plus its own value (staleDays is not an order filter)', () => {
    expect(ordersLinkOf(query, { status: 'Confirmed' })).toBe('/orders?status=Confirmed&currency=JPY&from=2026-11-04&to=2026-11-30');
    expect(ordersLinkOf(query, { stage: 'in_transit' })).toBe('/orders?stage=in_transit&currency=JPY&from=2026-11-04&to=2026-11-30');
    expect(ordersLinkOf({ ...query, assigneeId: 'u-1' }, { assigneeId: 'u-2' })).toContain('assigneeId=u-2');
  });

  it('narrows a week to the part of it inside the dashboard range', () => {
    expect(ordersLinkOf(query, { weekStart: '2026-11-02' })).toBe('/orders?currency=JPY&from=2026-11-04&to=2026-11-08');
    expect(ordersLinkOf(EMPTY_DASHBOARD_QUERY, { weekStart: '2026-11-09' })).toBe('/orders?from=2026-11-09&to=2026-11-15');
  });
});

describe('the orders list opened from a link', () => {
  it('takes the filters it can and shows each as a chip in words', () => {
    const query = ordersLinkQueryOf('status=Confirmed&stage=in_transit&currency=JPY&assigneeId=u-1&customerType=dealer&stage2=x');
    expect(query).toEqual({
      status: 'Confirmed',
      filters: { stage: 'in_transit', currency: 'JPY', assigneeId: 'u-1', customerType: 'dealer' },
    });
    expect(filterChipsOf(query, { 'u-1': 'Casey Morgan' }).map((c) => c.label)).toEqual([
      'Status: Confirmed',
      'Vehicle at: In transit',
      'Assignee: Casey Morgan',
      'Customer type: Dealer',
      'Currency: JPY',
    ]);
  });

  it('drops a status or stage it does not know rather than sending it', () => {
    expect(ordersLinkQueryOf('status=Lost&stage=moon')).toEqual({ status: null, filters: {} });
  });

  it('removes one chip, keeping the rest, and changes the status without losing the link', () => {
    const query = ordersLinkQueryOf('status=Draft&currency=JPY');
    expect(ordersLinkWithout(query, 'status')).toBe('/orders?currency=JPY');
    expect(ordersLinkWithout(query, 'currency')).toBe('/orders?status=Draft');
    expect(ordersLinkWithStatus(query, 'All')).toBe('/orders?currency=JPY');
  });
});

describe('the tables behind charts, CSV and print', () => {
  it('lists every status, zeros included', () => {
    const table = statusTable(dashboard());
    expect(table.rows.map((r) => r.map((c) => c.value))).toEqual([
      ['Draft', 2],
      ['Confirmed', 0],
      ['In Progress', 0],
      ['Completed', 5],
      ['Cancelled', 0],
    ]);
  });

  it('keeps each currency in its own money table, JPY without decimals', () => {
    const d = dashboard();
    const jpy = monthlyMoneyTable(d, 'JPY');
    expect(jpy.rows).toHaveLength(1);
    expect(jpy.rows[0]?.map((c) => c.text)).toEqual(['2026-10', 'JPY', '¥1,500,000', '¥300,000', '¥0']);
    expect(monthlyMoneyTable(d, 'USD').rows[0]?.map((c) => c.value)).toEqual(['2026-10', 'USD', '12345.67', '0.50', '0.00']);
    expect(allTables(d).map((t) => t.slug)).toEqual(
      expect.arrayContaining(['money-jpy', 'money-usd', 'orders-by-status', 'pipeline', 'cycle-time', 'quiet-orders']),
    );
  });

  it('writes CSV with a BOM, CRLF rows and plain amounts, under a dated file name', () => {
    const csv = csvOf(outstandingTable(dashboard()));
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Currency,Orders,Balance due,0-30 days,31-60 days,61-90 days,90+ days',
      'JPY,2,1200000,1000000,200000,0,0',
      '',
    ]);
    expect(csvFileName({ slug: 'pipeline' }, '2026-11-30')).toBe('portside-pipeline-2026-11-30.csv');
  });

  it('writes the active filters out for the printed report', () => {
    const query = {
      ...EMPTY_DASHBOARD_QUERY,
      from: '2026-09-01',
      to: '2026-11-30',
      assigneeId: 'u-1',
      currency: 'JPY',
      customerType: 'fleet',
    };
    expect(filtersInWords(query, { 'u-1': 'Casey Morgan' })).toBe(
      'Order date 1 Sep 2026 to 30 Nov 2026 · CSR Casey Morgan · Customer type Fleet · Currency JPY',
    );
    expect(filtersInWords(EMPTY_DASHBOARD_QUERY, {})).toBe('Every order (no filters)');
  });
});
