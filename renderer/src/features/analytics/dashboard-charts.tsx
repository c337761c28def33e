// The dashboard's charts (recharts, loaded lazily so the first screen stays light): every figure, with tooltips, a table view, CSV and click-through.
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLocation } from 'wouter';
import { type Dashboard, TIMED_STAGES } from '../../../../core/domain/analytics';
import { type Currency, currencyExponent, formatMoney } from '../../../../core/domain/money';
import { ORDER_STATUSES } from '../../../../core/domain/order';
import { IMPORT_STAGES, STAGE_LABELS } from '../../../../core/domain/stages';
import { formatDate } from '../../format/dates';
import { ChartCard } from './chart-card';
import {
  AXIS_TICK,
  countTick,
  CHART_HEIGHT,
  ChartTooltip,
  clickableBar,
  GRID_STROKE,
  legendText,
  stageColour,
  statusColour,
  tokenColour,
} from './chart-parts';
import { type DashboardQuery, type OrdersDrillDown, ordersLinkOf } from './dashboard-query';
import {
  cycleTimeTable,
  moneyCurrencies,
  monthlyMoneyTable,
  pipelineTable,
  statusTable,
  weeklyTable,
  workloadTable,
} from './dashboard-tables';
import { OnTimeCard, OutstandingCard, QuietOrdersCard } from './dashboard-cards';

type Drill = (drill: OrdersDrillDown) => void;

function StatusChart({ data, link, drill }: { data: Dashboard; link: (d: OrdersDrillDown) => string; drill: Drill }) {
  const rows = ORDER_STATUSES.map((status) => ({ name: status, count: data.ordersByStatus[status] }));
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const open = (i: number) => {
    const status = ORDER_STATUSES[i];
    if (status) drill({ status });
  };
  return (
    <ChartCard
      title="Orders by status"
      subtitle={`${total.toLocaleString('en-US')} orders`}
      table={statusTable(data)}
      empty={total === 0}
      emptyText="No orders match these filters."
      rowLinks={(i) => (ORDER_STATUSES[i] ? link({ status: ORDER_STATUSES[i] }) : null)}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="name" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: GRID_STROKE }} interval={0} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} tickFormatter={countTick} />
          <Tooltip cursor={{ fill: 'rgb(15 23 42 / 0.04)' }} content={(p) => <ChartTooltip {...p} />} />
          <Bar
            dataKey="count"
            name="Orders"
            isAnimationActive={false}
            shape={clickableBar(
              (i) => `status:${rows[i]?.name ?? ''}`,
              (i) => `${rows[i]?.name ?? ''}: ${rows[i]?.count ?? 0} orders. Open them.`,
              open,
              (i) => statusColour(ORDER_STATUSES[i] ?? 'Draft'),
            )}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function PipelineChart({ data, link, drill }: { data: Dashboard; link: (d: OrdersDrillDown) => string; drill: Drill }) {
  const rows = IMPORT_STAGES.map((stage) => ({ name: STAGE_LABELS[stage], count: data.pipeline[stage] }));
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return (
    <ChartCard
      title="Pipeline"
      subtitle={`${total.toLocaleString('en-US')} vehicles of confirmed and in-progress orders, by stage`}
      table={pipelineTable(data)}
      empty={total === 0}
      emptyText="No vehicles are on their way for these filters."
      rowLinks={(i) => (IMPORT_STAGES[i] ? link({ stage: IMPORT_STAGES[i] }) : null)}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="name"
            tick={{ ...AXIS_TICK, fontSize: 10 }}
            tickLine={false}
            axisLine={{ stroke: GRID_STROKE }}
            interval={0}
            angle={-30}
            textAnchor="end"
            height={56}
          />
          <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} tickFormatter={countTick} />
          <Tooltip cursor={{ fill: 'rgb(15 23 42 / 0.04)' }} content={(p) => <ChartTooltip {...p} />} />
          <Bar
            dataKey="count"
            name="Vehicles"
            isAnimationActive={false}
            shape={clickableBar(
              (i) => `stage:${IMPORT_STAGES[i] ?? ''}`,
              (i) => `${rows[i]?.name ?? ''}: ${rows[i]?.count ?? 0} vehicles. Open their orders.`,
              (i) => {
                const stage = IMPORT_STAGES[i];
                if (stage) drill({ stage });
              },
              (i) => stageColour(IMPORT_STAGES[i] ?? 'pending'),
            )}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function CycleTimeChart({ data }: { data: Dashboard }) {
  const rows = TIMED_STAGES.map((stage) => {
    const row = data.cycleTime.find((c) => c.stage === stage);
    return { name: STAGE_LABELS[stage], stage, median: row?.medianDays ?? 0, p90: row?.p90Days ?? 0, spans: row?.spans ?? 0 };
  });
  const bottleneck = data.bottleneck ? data.cycleTime.find((c) => c.stage === data.bottleneck) : undefined;
  const measured = rows.some((r) => r.spans > 0);
  const highlight = tokenColour('danger', '#b42318');
  return (
    <ChartCard
      title="Cycle time per stage"
      subtitle={
        bottleneck && data.bottleneck ? (
          <span data-testid="bottleneck">
            Bottleneck: <strong className="text-danger">{STAGE_LABELS[data.bottleneck]}</strong>, median {bottleneck.medianDays?.toFixed(1)}{' '}
            days (90% within {bottleneck.p90Days?.toFixed(1)} days)
          </span>
        ) : (
          'Days spent in each stage: median and 90th percentile'
        )
      }
      table={cycleTimeTable(data)}
      empty={!measured}
      emptyText="No vehicle has finished a stage yet for these filters."
      className="lg:col-span-2"
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barGap={2}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="name" tick={{ ...AXIS_TICK, fontSize: 11 }} tickLine={false} axisLine={{ stroke: GRID_STROKE }} interval={0} />
          <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} unit=" d" />
          <Tooltip
            cursor={{ fill: 'rgb(15 23 42 / 0.04)' }}
            content={(p) => <ChartTooltip {...p} format={(v) => `${v.toFixed(1)} days`} />}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar
            dataKey="median"
            name="Median"
            isAnimationActive={false}
            fill={tokenColour('primary', '#155e9c')}
            shape={clickableBar(
              (i) => `median:${rows[i]?.stage ?? ''}`,
              (i) => `${rows[i]?.name ?? ''}: median ${rows[i]?.median.toFixed(1) ?? 0} days`,
              () => undefined,
              (i) => (rows[i]?.stage === data.bottleneck ? highlight : tokenColour('primary', '#155e9c')),
            )}
          />
          <Bar dataKey="p90" name="90th percentile" isAnimationActive={false} fill={tokenColour('line-strong', '#cbd5e1')} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function WeeklyChart({ data, drill }: { data: Dashboard; drill: Drill }) {
  const rows = data.weekly.map((w) => ({ ...w, name: formatDate(w.weekStart) }));
  const open = (i: number) => {
    const week = rows[i];
    if (week) drill({ weekStart: week.weekStart });
  };
  const created = tokenColour('primary', '#155e9c');
  const completed = tokenColour('status-completed', '#059669');
  return (
    <ChartCard
      title="Created and completed per week"
      subtitle="Weeks start on Monday"
      table={weeklyTable(data)}
      empty={rows.length === 0}
      emptyText="No orders were created or completed in this range."
      className="lg:col-span-2"
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barGap={1}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="name" tick={{ ...AXIS_TICK, fontSize: 11 }} tickLine={false} axisLine={{ stroke: GRID_STROKE }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} tickFormatter={countTick} />
          <Tooltip cursor={{ fill: 'rgb(15 23 42 / 0.04)' }} content={(p) => <ChartTooltip {...p} title={(l) => `Week of ${l}`} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar
            dataKey="created"
            name="Created"
            fill={created}
            isAnimationActive={false}
            shape={clickableBar(
              (i) => `week:${rows[i]?.weekStart ?? ''}`,
              (i) => `Week of ${rows[i]?.name ?? ''}: ${rows[i]?.created ?? 0} created. Open them.`,
              open,
            )}
          />
          <Bar dataKey="completed" name="Completed" fill={completed} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function MoneyChart({ data }: { data: Dashboard }) {
  const currencies = moneyCurrencies(data).filter((c) => data.monthlyMoney.some((m) => m.currency === c));
  const [picked, setPicked] = useState<Currency | null>(null);
  const currency = picked && currencies.includes(picked) ? picked : (currencies[0] ?? null);
  const rows = currency ? data.monthlyMoney.filter((m) => m.currency === currency) : [];
  const table = monthlyMoneyTable(data, currency ?? 'USD');
  const switcher =
    currencies.length > 1 ? (
      <label className="flex items-center gap-1.5 text-caption text-ink-muted">
        <span className="sr-only">Currency</span>
        <select
          value={currency ?? ''}
          onChange={(e) => setPicked(e.target.value as Currency)}
          className="h-7 rounded-control bg-surface px-2 text-caption font-medium text-ink ring-1 ring-line-strong ring-inset"
          aria-label="Currency of the money chart"
        >
          {currencies.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
    ) : null;
  const fmt = (v: number) => (currency ? formatMoney(v, currency) : String(v));
  return (
    <ChartCard
      title="Booked and collected per month"
      subtitle={currency ? `In ${currency}: each currency on its own, never added together` : 'Per currency'}
      table={table}
      empty={rows.length === 0}
      emptyText="No orders were booked and no payments received in this range."
      extra={switcher}
      className="lg:col-span-2"
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 24 }} barGap={1}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="month" tick={{ ...AXIS_TICK, fontSize: 11 }} tickLine={false} axisLine={{ stroke: GRID_STROKE }} minTickGap={8} />
          <YAxis
            tick={{ ...AXIS_TICK, fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            tickFormatter={(v: number) => compactMoney(v, currency)}
          />
          <Tooltip cursor={{ fill: 'rgb(15 23 42 / 0.04)' }} content={(p) => <ChartTooltip {...p} format={fmt} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar dataKey="booked" name="Booked" fill={tokenColour('primary', '#155e9c')} isAnimationActive={false} />
          <Bar dataKey="collected" name="Collected" fill={tokenColour('status-completed', '#059669')} isAnimationActive={false} />
          <Bar dataKey="refunded" name="Refunded" fill={tokenColour('status-cancelled', '#e11d48')} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Axis ticks: "¥1.2M", "$35K" (whole units of the currency). */
function compactMoney(minor: number, currency: Currency | null): string {
  if (!currency) return String(minor);
  const major = minor / 10 ** currencyExponent(currency);
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(major);
}

function WorkloadChart({ data, link, drill }: { data: Dashboard; link: (d: OrdersDrillDown) => string; drill: Drill }) {
  const rows = data.workload.map((w) => ({ ...w, name: w.assigneeName }));
  return (
    <ChartCard
      title="CSR workload"
      subtitle="Open orders and their vehicles still in process"
      table={workloadTable(data)}
      empty={rows.length === 0}
      emptyText="Nobody has open orders for these filters."
      rowLinks={(i) => (rows[i] ? link({ assigneeId: rows[i].assigneeId }) : null)}
    >
      <ResponsiveContainer width="100%" height={Math.max(CHART_HEIGHT, rows.length * 44)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }} barGap={1}>
          <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
          <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} />
          <YAxis type="category" dataKey="name" width={110} tick={{ ...AXIS_TICK, fontSize: 11 }} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: 'rgb(15 23 42 / 0.04)' }} content={(p) => <ChartTooltip {...p} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar
            dataKey="openOrders"
            name="Open orders"
            fill={tokenColour('primary', '#155e9c')}
            isAnimationActive={false}
            shape={clickableBar(
              (i) => `assignee:${rows[i]?.assigneeId ?? ''}`,
              (i) => `${rows[i]?.name ?? ''}: ${rows[i]?.openOrders ?? 0} open orders. Open them.`,
              (i) => {
                const row = rows[i];
                if (row) drill({ assigneeId: row.assigneeId });
              },
            )}
          />
          <Bar
            dataKey="vehiclesInProcess"
            name="Vehicles in process"
            fill={tokenColour('stage-in-transit', '#0284c7')}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export default function DashboardCharts({ data, query }: { data: Dashboard; query: DashboardQuery }) {
  const [, navigate] = useLocation();
  const link = (drill: OrdersDrillDown) => ordersLinkOf(query, drill);
  const drill: Drill = (d) => navigate(link(d));
  return (
    <div className="grid grid-cols-1 gap-5 lg:grid-cols-2" data-testid="dashboard-charts">
      <StatusChart data={data} link={link} drill={drill} />
      <PipelineChart data={data} link={link} drill={drill} />
      <CycleTimeChart data={data} />
      <OnTimeCard data={data} />
      <WorkloadChart data={data} link={link} drill={drill} />
      <WeeklyChart data={data} drill={drill} />
      <MoneyChart data={data} />
      <OutstandingCard data={data} link={link} />
      <QuietOrdersCard data={data} />
    </div>
  );
}
