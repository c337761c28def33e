// Overall progress of the order and how many of its vehicles are at each import stage (a cancelled order's as at cancellation).
import type { Order } from '../../../../core/domain/order';
import { IMPORT_STAGES, STAGE_LABELS } from '../../../../core/domain/stages';
import { Card } from '../../components/page-header';
import { ProgressBar } from '../../components/progress-bar';
import { STAGE_TONES } from '../../components/tones';

export function OrderProgressPanel({ order }: { order: Order }) {
  const total = order.totalVehicles;
  // A cancelled order keeps the counts stored with its cancellation: its vehicles are free to move on.
  const cancelled = order.status === 'Cancelled';
  return (
    <Card className="p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-title font-semibold text-ink">
          Progress
          {cancelled ? <span className="ml-2 text-body font-normal text-ink-muted">as at cancellation</span> : null}
        </h2>
        <p className="text-body-sm text-ink-muted">
          {cancelled
            ? 'Stage counts when the order was cancelled; its vehicles may have moved on in other orders since.'
            : 'Mean import stage of the order’s current vehicles'}
        </p>
      </div>
      <div className="mt-3">
        <ProgressBar value={order.progress} label="Order progress" size="lg" tone="bg-brand" />
      </div>

      <ol className="mt-5 grid grid-cols-5 gap-2 xl:grid-cols-10" aria-label="Vehicles per import stage">
        {IMPORT_STAGES.map((stage) => {
          const count = order.stageCounts[stage];
          const share = total > 0 ? count / total : 0;
          return (
            <li
              key={stage}
              className={`rounded-control px-2.5 pt-2 pb-2.5 ring-1 ring-inset ${count > 0 ? `${STAGE_TONES[stage].badge}` : 'bg-surface-muted text-ink-subtle ring-line'}`}
              data-stage-count={stage}
            >
              <p className={`tabular text-heading font-semibold ${count > 0 ? '' : 'text-ink-subtle/60'}`}>{count}</p>
              <p className="line-clamp-2 min-h-8 text-caption leading-4 font-medium">{STAGE_LABELS[stage]}</p>
              <div className="mt-1.5 h-1 overflow-hidden rounded-full bg-ink/8" aria-hidden="true">
                <div className={`h-full rounded-full ${STAGE_TONES[stage].solid}`} style={{ width: `${Math.round(share * 100)}%` }} />
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
