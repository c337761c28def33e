// The printable order summary: header, customer, vehicles with their stages, payments, schedule and forecast (shown only when printing).
import type { OrderAnalytics } from '../../../../core/domain/analytics';
import { formatMoney } from '../../../../core/domain/money';
import type { Order } from '../../../../core/domain/order';
import type { OrderPayments } from '../../../../core/domain/payment';
import { STAGE_LABELS } from '../../../../core/domain/stages';
import { BrandMark } from '../../components/brand-mark';
import { PrintReport } from '../../components/print-report';
import { formatDate, formatDateTime } from '../../format/dates';
import { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from '../payments/payment-text';
import { SCHEDULE_LABELS, scheduleSentence } from './order-analytics-parts';

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-0.5">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-semibold">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const cell = 'border-b border-neutral-300 px-2 py-1';
const head = 'border-b border-black px-2 py-1 text-left font-semibold';

export function OrderReport({ order, analytics, payments }: { order: Order; analytics: OrderAnalytics; payments: OrderPayments | null }) {
  const p = analytics.payments;
  return (
    <PrintReport label={`Printable summary of order ${order.orderNumber}`} testId="order-report">
      <header className="mb-4 flex items-start justify-between border-b-2 border-black pb-3">
        <div>
          <p className="text-[9pt] tracking-wide uppercase">Order summary</p>
          <h1 className="text-[18pt] font-semibold">{order.orderNumber}</h1>
          <p>
            {order.status} · {order.customerName ?? 'No customer'}
          </p>
        </div>
        <div className="flex items-center gap-2 text-right text-[9pt]">
          <p>
            Printed {formatDateTime(analytics.generatedAt)}
            <br />
            Days in {analytics.timeZone}
          </p>
          <BrandMark className="size-8" />
        </div>
      </header>

      <section className="report-section mb-4">
        <Facts
          rows={[
            ['Customer', order.customerName ?? '—'],
            ['Order date', formatDate(order.orderDate)],
            ['Target date', formatDate(order.targetCompletionDate)],
            ['Assignee', order.assigneeName],
            ['Schedule', `${SCHEDULE_LABELS[analytics.schedule.state]}: ${scheduleSentence(analytics.schedule)}`],
            ['Forecast', analytics.forecast.date ? formatDate(analytics.forecast.date) : 'No forecast'],
            ['Forecast basis', analytics.forecast.basis],
            [
              'Customer contact',
              `${analytics.communication.count} messages; ${analytics.communication.lastContactAt ? `last ${formatDate(analytics.communication.lastContactAt)}` : 'never'}`,
            ],
          ]}
        />
      </section>

      <table className="report-table mb-4 w-full border-collapse">
        <caption className="mb-1 text-left text-[11pt] font-semibold">Vehicles and their stages</caption>
        <thead>
          <tr>
            <th className={head}>Vehicle</th>
            <th className={head}>VIN</th>
            <th className={head}>Stage</th>
            <th className={head}>Stages so far (days)</th>
            <th className={head}>Forecast</th>
          </tr>
        </thead>
        <tbody>
          {analytics.vehicles.map((v) => (
            <tr key={v.vehicleId}>
              <td className={cell}>
                {v.make} {v.model}
              </td>
              <td className={`${cell} font-mono`}>{v.vin}</td>
              <td className={cell}>{STAGE_LABELS[v.stage]}</td>
              <td className={cell}>
                {v.stages.map((s) => `${STAGE_LABELS[s.stage]} ${s.stage === 'delivered' ? '' : s.days.toFixed(1)}`.trim()).join(' → ')}
              </td>
              <td className={cell}>{v.stage === 'delivered' ? 'Delivered' : formatDate(v.forecastDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="report-section mb-3">
        <h2 className="mb-1 text-[11pt] font-semibold">Payments</h2>
        <p>
          Order value {formatMoney(p.orderValue, p.currency)} · paid {formatMoney(p.paid, p.currency)} · refunded{' '}
          {formatMoney(p.refunded, p.currency)} · balance due {formatMoney(p.balanceDue, p.currency)}
          {p.collectedShare === null ? '' : ` (${Math.round(p.collectedShare * 100)}% collected)`}
        </p>
      </section>
      {payments && payments.items.length > 0 ? (
        <table className="report-table w-full border-collapse">
          <caption className="sr-only">Payments received and refunded</caption>
          <thead>
            <tr>
              <th className={head}>Date</th>
              <th className={head}>Kind</th>
              <th className={head}>Method</th>
              <th className={head}>Reference</th>
              <th className={`${head} text-right`}>Amount</th>
            </tr>
          </thead>
          <tbody>
            {payments.items.map((pay) => (
              <tr key={pay.id}>
                <td className={cell}>{formatDate(pay.paidAt)}</td>
                <td className={cell}>{PAYMENT_KIND_LABELS[pay.kind]}</td>
                <td className={cell}>{PAYMENT_METHOD_LABELS[pay.method]}</td>
                <td className={cell}>{pay.reference ?? '—'}</td>
                <td className={`${cell} tabular text-right`}>
                  {pay.kind === 'refund' ? '−' : ''}
                  {formatMoney(pay.amount, pay.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </PrintReport>
  );
}
