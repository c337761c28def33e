// The dashboard figures that are numbers and lists rather than bar charts: on-time rate, outstanding balances with ageing, quiet orders.
import { Link } from 'wouter';
import { AGE_BUCKETS, type AgeBucket, type Dashboard } from '../../../../core/domain/analytics';
import { formatMoney } from '../../../../core/domain/money';
import { StatusBadge } from '../../components/badges';
import { routes } from '../../routes';
import { formatDate } from '../../format/dates';
import { ChartCard } from './chart-card';
import type { OrdersDrillDown } from './dashboard-query';
import { onTimeTable, outstandingTable, quietTable } from './dashboard-tables';

export function OnTimeCard({ data }: { data: Dashboard }) {
  const { completed, withTarget, onTime, rate } = data.onTime;
  return (
    <ChartCard
      title="On-time completion"
      subtitle="Completed orders delivered by their target date"
      table={onTimeTable(data)}
      empty={withTarget === 0}
      emptyText={completed === 0 ? 'No order has been completed for these filters.' : 'No completed order had a target date.'}
    >
      <div className="flex h-full flex-col items-center justify-center py-6 text-center" data-testid="on-time-rate">
        <p className="tabular text-[3.5rem] leading-none font-semibold tracking-tight text-ink">
          {rate === null ? '—' : `${Math.round(rate * 100)}%`}
        </p>
        <p className="mt-3 text-body text-ink-muted">
          <span className="tabular font-medium text-ink">{onTime}</span> of{' '}
          <span className="tabular font-medium text-ink">{withTarget}</span> completed orders with a target were on time
        </p>
        {completed > withTarget ? (
          <p className="mt-1 text-body-sm text-ink-subtle">{completed - withTarget} more completed without a target date</p>
        ) : null}
      </div>
    </ChartCard>
  );
}

const AGE_TONES: Record<AgeBucket, string> = {
  '0-30': 'bg-status-completed',
  '31-60': 'bg-status-in-progress',
  '61-90': 'bg-danger/70',
  '90+': 'bg-danger',
};

export function OutstandingCard({ data, link }: { data: Dashboard; link: (d: OrdersDrillDown) => string }) {
  return (
    <ChartCard
      title="Outstanding balances"
      subtitle="Balance due per currency, by the age of the order"
      table={outstandingTable(data)}
      empty={data.outstanding.length === 0}
      emptyText="Nothing is owed on the orders matching these filters."
      rowLinks={(i) => {
        const row = data.outstanding[i];
        return row ? link({ currency: row.currency }) : null;
      }}
    >
      <ul className="space-y-4" data-testid="outstanding">
        {data.outstanding.map((row) => (
          <li key={row.currency}>
            <div className="mb-1.5 flex items-baseline justify-between gap-3">
              <Link href={link({ currency: row.currency })} className="font-semibold text-ink hover:text-primary hover:underline">
                {row.currency}
              </Link>
              <span className="text-body-sm text-ink-muted">
                <span className="tabular font-semibold text-ink">{formatMoney(row.balanceDue, row.currency)}</span> on {row.orders}{' '}
                {row.orders === 1 ? 'order' : 'orders'}
              </span>
            </div>
            <div className="flex h-3 overflow-hidden rounded-full bg-line" role="img" aria-label={ageingSentence(row.ageing, row.currency)}>
              {AGE_BUCKETS.map((bucket) => {
                const share = row.balanceDue > 0 ? Math.max(0, row.ageing[bucket]) / row.balanceDue : 0;
                return share > 0 ? (
                  <div
                    key={bucket}
                    className={AGE_TONES[bucket]}
                    style={{ width: `${share * 100}%` }}
                    title={`${bucket} days: ${formatMoney(row.ageing[bucket], row.currency)}`}
                  />
                ) : null;
              })}
            </div>
          </li>
        ))}
      </ul>
      <ul className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-caption text-ink-muted" aria-hidden="true">
        {AGE_BUCKETS.map((bucket) => (
          <li key={bucket} className="flex items-center gap-1.5">
            <span className={`size-2 rounded-full ${AGE_TONES[bucket]}`} />
            {bucket} days
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}

function ageingSentence(ageing: Record<AgeBucket, number>, currency: Dashboard['outstanding'][number]['currency']): string {
  return AGE_BUCKETS.map((b) => `${b} days: ${formatMoney(ageing[b], currency)}`).join('; ');
}

export function QuietOrdersCard({ data }: { data: Dashboard }) {
  const { count, items, staleDays } = data.quiet;
  return (
    <ChartCard
      title="Quiet orders"
      subtitle={`${count} open ${count === 1 ? 'order has' : 'orders have'} had no customer contact in ${staleDays} days${count > items.length ? ` (the ${items.length} quietest shown)` : ''}`}
      table={quietTable(data)}
      empty={items.length === 0}
      emptyText={`Every open order has heard from us in the last ${staleDays} days.`}
      className="lg:col-span-2"
    >
      <ul className="divide-y divide-line" data-testid="quiet-orders">
        {items.map((q) => (
          <li key={q.id} className="flex items-center gap-4 py-2">
            <Link href={routes.order(q.id)} className="w-28 shrink-0 font-mono text-body-sm font-semibold text-primary hover:underline">
              {q.orderNumber}
            </Link>
            <StatusBadge status={q.status} />
            <span className="min-w-0 flex-1 truncate text-body-sm text-ink">{q.customerName ?? 'No customer'}</span>
            <span className="hidden w-32 truncate text-body-sm text-ink-muted md:block">{q.assigneeName}</span>
            <span className="w-40 text-right text-body-sm text-ink-muted">
              {q.lastContactAt ? `Last contact ${formatDate(q.lastContactAt)}` : 'Never contacted'}
            </span>
            <span className="tabular w-16 text-right text-body-sm font-semibold text-warning-ink">{q.daysQuiet} d</span>
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}
