// Every dashboard figure as a table: the same rows feed the chart's table view, its CSV export and the printed report.
import { AGE_BUCKETS, type Dashboard, TIMED_STAGES } from '../../../../core/domain/analytics';
import { type CsvCell, toCsv } from '../../../../core/domain/csv';
import { type Currency, formatMoney, minorToInput } from '../../../../core/domain/money';
import { ORDER_STATUSES } from '../../../../core/domain/order';
import { IMPORT_STAGES, STAGE_LABELS } from '../../../../core/domain/stages';
import { formatDate } from '../../format/dates';

/** A cell: the value a spreadsheet gets, and the text a person reads. */
export interface FigureCell {
  value: CsvCell;
  text: string;
}

export interface FigureTable {
  /** For the exported file's name: portside-<slug>-<day>.csv. */
  slug: string;
  caption: string;
  header: string[];
  rows: FigureCell[][];
}

const count = (n: number): FigureCell => ({ value: n, text: n.toLocaleString('en-US') });
const label = (text: string, value: CsvCell = text): FigureCell => ({ value, text });
/** Money: a major-unit number for the spreadsheet (never summed across currencies), formatted for people. */
const money = (minor: number, currency: Currency): FigureCell => ({
  value: minorToInput(minor, currency),
  text: formatMoney(minor, currency),
});
const days = (d: number | null): FigureCell => ({ value: d, text: d === null ? '—' : `${d.toFixed(1)} d` });

export function statusTable(d: Dashboard): FigureTable {
  return {
    slug: 'orders-by-status',
    caption: 'Orders by status',
    header: ['Status', 'Orders'],
    rows: ORDER_STATUSES.map((s) => [label(s), count(d.ordersByStatus[s])]),
  };
}

export function pipelineTable(d: Dashboard): FigureTable {
  return {
    slug: 'pipeline',
    caption: 'Vehicles of confirmed and in-progress orders, by stage',
    header: ['Stage', 'Vehicles'],
    rows: IMPORT_STAGES.map((s) => [label(STAGE_LABELS[s]), count(d.pipeline[s])]),
  };
}

export function cycleTimeTable(d: Dashboard): FigureTable {
  return {
    slug: 'cycle-time',
    caption: 'Days spent in each stage (median and 90th percentile)',
    header: ['Stage', 'Median days', '90th percentile days', 'Spans measured', 'Bottleneck'],
    rows: TIMED_STAGES.map((stage) => {
      const row = d.cycleTime.find((c) => c.stage === stage);
      const bottleneck = d.bottleneck === stage;
      return [
        label(STAGE_LABELS[stage]),
        days(row?.medianDays ?? null),
        days(row?.p90Days ?? null),
        count(row?.spans ?? 0),
        label(bottleneck ? 'Bottleneck' : '', bottleneck ? 'yes' : ''),
      ];
    }),
  };
}

export function onTimeTable(d: Dashboard): FigureTable {
  const rate = d.onTime.rate;
  return {
    slug: 'on-time',
    caption: 'On-time completion',
    header: ['Completed orders', 'With a target date', 'Completed on time', 'On-time rate'],
    rows: [
      [
        count(d.onTime.completed),
        count(d.onTime.withTarget),
        count(d.onTime.onTime),
        { value: rate === null ? null : Number(rate.toFixed(4)), text: rate === null ? '—' : `${Math.round(rate * 100)}%` },
      ],
    ],
  };
}

export function weeklyTable(d: Dashboard): FigureTable {
  return {
    slug: 'weekly',
    caption: 'Orders created and completed per week',
    header: ['Week starting', 'Created', 'Completed'],
    rows: d.weekly.map((w) => [label(formatDate(w.weekStart), w.weekStart), count(w.created), count(w.completed)]),
  };
}

/** The currencies the money figures hold, in code order. */
export function moneyCurrencies(d: Dashboard): Currency[] {
  return [...new Set([...d.monthlyMoney.map((m) => m.currency), ...d.outstanding.map((o) => o.currency)])].sort();
}

export function monthlyMoneyTable(d: Dashboard, currency: Currency): FigureTable {
  return {
    slug: `money-${currency.toLowerCase()}`,
    caption: `Booked, collected and refunded per month in ${currency}`,
    header: ['Month', 'Currency', 'Booked', 'Collected', 'Refunded'],
    rows: d.monthlyMoney
      .filter((m) => m.currency === currency)
      .map((m) => [
        label(m.month),
        label(m.currency),
        money(m.booked, currency),
        money(m.collected, currency),
        money(m.refunded, currency),
      ]),
  };
}

export function outstandingTable(d: Dashboard): FigureTable {
  return {
    slug: 'outstanding',
    caption: 'Outstanding balances by currency and age of the order (days)',
    header: ['Currency', 'Orders', 'Balance due', ...AGE_BUCKETS.map((b) => `${b} days`)],
    rows: d.outstanding.map((o) => [
      label(o.currency),
      count(o.orders),
      money(o.balanceDue, o.currency),
      ...AGE_BUCKETS.map((b) => money(o.ageing[b], o.currency)),
    ]),
  };
}

export function workloadTable(d: Dashboard): FigureTable {
  return {
    slug: 'workload',
    caption: 'Open orders and vehicles in process per CSR',
    header: ['CSR', 'Open orders', 'Vehicles in process'],
    rows: d.workload.map((w) => [label(w.assigneeName), count(w.openOrders), count(w.vehiclesInProcess)]),
  };
}

export function quietTable(d: Dashboard): FigureTable {
  return {
    slug: 'quiet-orders',
    caption: `Orders with no customer contact in ${d.quiet.staleDays} days`,
    header: ['Order', 'Status', 'Customer', 'Assignee', 'Last contact', 'Days quiet'],
    rows: d.quiet.items.map((q) => [
      label(q.orderNumber),
      label(q.status),
      label(q.customerName ?? '—', q.customerName),
      label(q.assigneeName),
      label(q.lastContactAt ? formatDate(q.lastContactAt) : 'Never', q.lastContactAt),
      count(q.daysQuiet),
    ]),
  };
}

/** Every figure's table, in the dashboard's order (the printed report and "export all" use it). */
export function allTables(d: Dashboard): FigureTable[] {
  return [
    statusTable(d),
    pipelineTable(d),
    cycleTimeTable(d),
    onTimeTable(d),
    weeklyTable(d),
    ...moneyCurrencies(d).map((c) => monthlyMoneyTable(d, c)),
    outstandingTable(d),
    workloadTable(d),
    quietTable(d),
  ];
}

export function csvOf(table: FigureTable): string {
  return toCsv(
    table.header,
    table.rows.map((row) => row.map((cell) => cell.value)),
  );
}

/** portside-pipeline-2026-11-30.csv */
export function csvFileName(table: Pick<FigureTable, 'slug'>, today: string): string {
  return `portside-${table.slug}-${today}.csv`;
}
