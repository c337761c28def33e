// Pieces of an order's Analytics tab: schedule badge, stage-count bar, and the time-in-stage grid per vehicle.
import type { OrderAnalytics, ScheduleState, VehicleAnalytics } from '../../../../core/domain/analytics';
import { IMPORT_STAGES, STAGE_LABELS } from '../../../../core/domain/stages';
import { StageChip } from '../../components/badges';
import { STAGE_TONES } from '../../components/tones';
import { formatDate } from '../../format/dates';

export const SCHEDULE_LABELS: Record<ScheduleState, string> = {
  done: 'Done',
  on_track: 'On track',
  at_risk: 'At risk',
  late: 'Late',
  no_target: 'No target date',
};

const SCHEDULE_TONES: Record<ScheduleState, string> = {
  done: 'bg-status-completed-soft text-status-completed-ink ring-status-completed/25',
  on_track: 'bg-success-soft text-success-ink ring-success-ink/20',
  at_risk: 'bg-warning-soft text-warning-ink ring-warning-line',
  late: 'bg-danger-soft text-danger ring-danger-line',
  no_target: 'bg-status-draft-soft text-status-draft-ink ring-status-draft/25',
};

export function ScheduleBadge({ state }: { state: ScheduleState }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-body-sm font-medium whitespace-nowrap ring-1 ring-inset ${SCHEDULE_TONES[state]}`}
      data-schedule={state}
    >
      {SCHEDULE_LABELS[state]}
    </span>
  );
}

/** How far along the schedule is, in words: "Day 34 of 60 (26 days left)". */
export function scheduleSentence(schedule: OrderAnalytics['schedule']): string {
  const { elapsedDays, targetDate, daysToTarget, completedAt } = schedule;
  if (completedAt) return `Completed ${formatDate(completedAt)}, ${elapsedDays} days after the order date`;
  if (targetDate === null) return `Day ${elapsedDays} since the order date; no target date set`;
  const total = elapsedDays + (daysToTarget ?? 0);
  if (daysToTarget === null) return `Day ${elapsedDays}; target ${formatDate(targetDate)}`;
  if (daysToTarget < 0)
    return `Day ${elapsedDays}: ${-daysToTarget} ${daysToTarget === -1 ? 'day' : 'days'} past the target (${formatDate(targetDate)})`;
  return `Day ${elapsedDays} of ${total} (${daysToTarget} ${daysToTarget === 1 ? 'day' : 'days'} to the target, ${formatDate(targetDate)})`;
}

/** Every stage with how many vehicles are at it: a segmented bar, then a legend that also lists the empty stages. */
export function StageCountBar({ counts }: { counts: OrderAnalytics['stageCounts'] }) {
  const total = IMPORT_STAGES.reduce((sum, s) => sum + counts[s], 0);
  return (
    <div>
      <div
        className="flex h-3 overflow-hidden rounded-full bg-line"
        role="img"
        aria-label={IMPORT_STAGES.map((s) => `${STAGE_LABELS[s]}: ${counts[s]}`).join(', ')}
      >
        {IMPORT_STAGES.map((s) =>
          counts[s] > 0 ? (
            <div
              key={s}
              className={STAGE_TONES[s].solid}
              style={{ width: `${(counts[s] / Math.max(1, total)) * 100}%` }}
              title={`${STAGE_LABELS[s]}: ${counts[s]}`}
            />
          ) : null,
        )}
      </div>
      <ul className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-5" data-testid="stage-counts">
        {IMPORT_STAGES.map((s) => (
          <li
            key={s}
            className={`flex items-center justify-between gap-2 text-body-sm ${counts[s] > 0 ? 'text-ink' : 'text-ink-subtle'}`}
            data-stage-count={s}
          >
            <span className="flex min-w-0 items-center gap-1.5">
              <span
                className={`size-2 shrink-0 rounded-full ${counts[s] > 0 ? STAGE_TONES[s].solid : 'bg-line-strong'}`}
                aria-hidden="true"
              />
              <span className="truncate">{STAGE_LABELS[s]}</span>
            </span>
            <span className="tabular font-semibold">{counts[s]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Days a vehicle spent at each stage (summed if it came back to one), null where it never was. */
export function daysByStage(vehicle: VehicleAnalytics): Record<string, number | null> {
  const out: Record<string, number | null> = Object.fromEntries(IMPORT_STAGES.map((s) => [s, null]));
  for (const span of vehicle.stages) if (span.stage !== 'delivered') out[span.stage] = (out[span.stage] ?? 0) + span.days;
  return out;
}

/** One row per vehicle, one cell per stage (a heat cell: darker = longer), the current stage outlined. */
export function StageTimeGrid({ vehicles }: { vehicles: VehicleAnalytics[] }) {
  const stages = IMPORT_STAGES.filter((s) => s !== 'delivered');
  const rows = vehicles.map((v) => ({ vehicle: v, days: daysByStage(v) }));
  const max = Math.max(1, ...rows.flatMap((r) => Object.values(r.days).map((d) => d ?? 0)));
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-body-sm" data-testid="stage-time-grid">
        <caption className="sr-only">Days each vehicle spent in each stage</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="px-3 py-2 text-left text-caption font-semibold tracking-wide text-ink-subtle uppercase">
              Vehicle
            </th>
            {stages.map((s) => (
              <th key={s} scope="col" className="px-1 py-2 text-center text-[0.6875rem] leading-tight font-semibold text-ink-subtle">
                {STAGE_LABELS[s]}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right text-caption font-semibold tracking-wide text-ink-subtle uppercase">
              Forecast
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map(({ vehicle, days }) => (
            <tr key={vehicle.vehicleId}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <p className="font-medium text-ink">
                  {vehicle.make} {vehicle.model}
                </p>
                <p className="font-mono text-caption text-ink-subtle">{vehicle.vin}</p>
                <div className="mt-1">
                  <StageChip stage={vehicle.stage} />
                </div>
              </th>
              {stages.map((s) => {
                const d = days[s] ?? null;
                const current = vehicle.stage === s;
                return (
                  <td key={s} className="px-1 py-2 text-center">
                    <span
                      className={`tabular inline-flex h-8 w-full min-w-10 items-center justify-center rounded text-caption font-medium ${current ? 'ring-2 ring-primary' : ''} ${d === null ? 'text-ink-subtle' : ''}`}
                      style={
                        d === null
                          ? undefined
                          : { background: `rgb(21 94 156 / ${0.08 + 0.62 * (d / max)})`, color: d / max > 0.55 ? 'white' : undefined }
                      }
                      title={
                        d === null ? `Never at ${STAGE_LABELS[s]}` : `${d.toFixed(1)} days at ${STAGE_LABELS[s]}${current ? ' so far' : ''}`
                      }
                    >
                      {d === null ? '·' : d.toFixed(1)}
                    </span>
                  </td>
                );
              })}
              <td className="px-3 py-2 text-right text-body-sm whitespace-nowrap text-ink-muted">
                {vehicle.stage === 'delivered' ? 'Delivered' : formatDate(vehicle.forecastDate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
