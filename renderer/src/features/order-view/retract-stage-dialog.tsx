// Retract-stage dialog: which stage and date go, what the vehicle goes back to, the vehicle's stage history, and the reason.
import type { Order, OrderVehicle } from '../../../../core/domain/order';
import { STAGE_LABELS } from '../../../../core/domain/stages';
import type { StageEventView } from '../../../../core/domain/vehicle';
import type { ErrorDetails } from '../../api/error-details';
import { StageChip } from '../../components/badges';
import { Button } from '../../components/button';
import { ArrowRightIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Skeleton } from '../../components/skeleton';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiQuery } from '../../hooks/use-api-query';
import { type ActionResult, useOrderViewStore } from '../../stores/order-view-store';
import { ReasonDialog } from './reason-dialog';
import { type RetractionPlan, reopensOrder, retractionPlan } from './stage-retraction';

const REASON_MISSING = 'Say what was wrong, e.g. “Recorded on the wrong vehicle.”';

function refused(error: ErrorDetails): ActionResult {
  return { ok: false, error };
}

function Caption({ children }: { children: string }) {
  return <p className="text-caption font-medium tracking-wide text-ink-subtle uppercase">{children}</p>;
}

/** The stage that goes and the one the vehicle returns to, side by side. */
function PlanSummary({ plan }: { plan: RetractionPlan }) {
  return (
    <div
      className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] items-start gap-3 rounded-control bg-surface-muted px-4 py-3 ring-1 ring-line"
      data-testid="retraction-summary"
    >
      <div className="min-w-0">
        <Caption>Retract</Caption>
        <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1">
          <StageChip stage={plan.event.stage} />
          <span className="tabular text-body-sm text-ink">{formatDate(plan.event.at)}</span>
        </div>
        <p className="mt-1 text-caption text-ink-subtle">Recorded by {plan.event.recordedByName}</p>
      </div>
      <ArrowRightIcon className="mt-7 size-4 text-ink-subtle" />
      <div className="min-w-0">
        <Caption>Goes back to</Caption>
        <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1">
          <StageChip stage={plan.backTo.stage} />
          <span className="tabular text-body-sm text-ink-muted">since {formatDate(plan.backTo.at)}</span>
        </div>
      </div>
    </div>
  );
}

/** One stage event; a retracted one is struck through with who took it back and why. */
function HistoryEvent({ event, next }: { event: StageEventView; next: boolean }) {
  const retracted = event.retractedAt !== null;
  return (
    <li className="flex items-start justify-between gap-3 px-3 py-2" data-retracted={retracted || undefined} data-stage-event={event.stage}>
      <div className="min-w-0">
        <div className={`flex flex-wrap items-center gap-2 ${retracted ? 'line-through decoration-ink-subtle' : ''}`}>
          <StageChip stage={event.stage} muted={retracted} />
          <span className={`tabular text-body-sm ${retracted ? 'text-ink-subtle' : 'text-ink'}`}>{formatDate(event.at)}</span>
        </div>
        {retracted ? (
          <p className="mt-0.5 text-caption text-ink-muted">
            Retracted by {event.retractedByName ?? 'someone'}, {formatDateTime(event.retractedAt)}
            {event.retractReason ? `: ${event.retractReason}` : ''}
          </p>
        ) : (
          <p className="mt-0.5 text-caption text-ink-subtle">Recorded by {event.recordedByName}</p>
        )}
      </div>
      {next ? (
        <span className="shrink-0 rounded bg-danger-soft px-1.5 py-0.5 text-caption font-medium text-danger ring-1 ring-danger-line">
          To retract
        </span>
      ) : null}
    </li>
  );
}

function StageHistory({ events, plan }: { events: readonly StageEventView[]; plan: RetractionPlan | null }) {
  return (
    <section className="mt-4" aria-label="Stage history, newest first">
      <Caption>Stage history</Caption>
      <ol className="mt-1.5 max-h-44 divide-y divide-line overflow-y-auto rounded-control ring-1 ring-line">
        {[...events].reverse().map((event) => (
          <HistoryEvent key={event.id} event={event} next={event.id === plan?.event.id} />
        ))}
      </ol>
    </section>
  );
}

/** What the order screen says once the retraction is saved. */
function doneMessage(order: Order, vehicle: OrderVehicle, plan: RetractionPlan): string {
  const back = `${STAGE_LABELS[plan.event.stage]} retracted for ${vehicle.vin}: it is back at ${STAGE_LABELS[plan.backTo.stage]}.`;
  return reopensOrder(order, plan) ? `${back} Order ${order.orderNumber} is In Progress again.` : back;
}

export function RetractStageDialog({
  order,
  vehicle,
  onClose,
  onDone,
}: {
  order: Order;
  vehicle: OrderVehicle;
  onClose: () => void;
  /** Called with a sentence for the order screen once the retraction is saved. */
  onDone: (message: string) => void;
}) {
  const retractStage = useOrderViewStore((s) => s.retractStage);
  const detail = useApiQuery('vehicles.get', { id: vehicle.vehicleId });
  const plan = detail.data ? retractionPlan(detail.data) : null;

  const confirm = async (reason: string): Promise<ActionResult> => {
    if (!plan) return refused({ code: 'VALIDATION', message: 'The stage history is still loading.', fields: {} });
    if (reason.trim() === '') return refused({ code: 'VALIDATION', message: REASON_MISSING, fields: { reason: REASON_MISSING } });
    const result = await retractStage(vehicle.vehicleId, plan.event.id, reason);
    if (result.ok) onDone(doneMessage(order, vehicle, plan));
    // Someone else recorded or retracted a stage meanwhile: show the history as it is now.
    if (!result.ok && (result.error.code === 'RULE_VIOLATION' || result.error.code === 'NOT_FOUND')) detail.reload();
    return result;
  };

  let body;
  if (detail.error && !detail.data) {
    body = (
      <NoticeBanner
        tone="error"
        className="mb-4"
        action={
          <Button size="sm" onClick={detail.reload}>
            Try again
          </Button>
        }
      >
        The stage history could not be loaded: {detail.error.message}
      </NoticeBanner>
    );
  } else if (!detail.data) {
    body = (
      <div className="mb-4 space-y-3" aria-busy="true" aria-label="Loading the stage history">
        <Skeleton className="h-20 w-full rounded-control" />
        <Skeleton className="h-3 w-24" />
        <Skeleton className="h-16 w-full rounded-control" />
      </div>
    );
  } else {
    body = (
      <div className="mb-5">
        {plan ? <PlanSummary plan={plan} /> : <NoticeBanner tone="info">{vehicle.vin} has no recorded stage left to retract.</NoticeBanner>}
        {plan && reopensOrder(order, plan) ? (
          <NoticeBanner tone="warning" className="mt-3" title={`This reopens order ${order.orderNumber}`}>
            Taking back this delivery returns the order from Completed to In Progress. Only a Manager can do that.
          </NoticeBanner>
        ) : null}
        {detail.data.stageHistory.length > 0 ? <StageHistory events={detail.data.stageHistory} plan={plan} /> : null}
      </div>
    );
  }

  return (
    <ReasonDialog
      open
      onClose={onClose}
      title="Retract the last stage?"
      description={
        <>
          <span className="font-mono">{vehicle.vin}</span> · {vehicle.year} {vehicle.make} {vehicle.model}. The stage stays in the history,
          marked retracted; the order follows the vehicle.
        </>
      }
      keepLabel="Keep stage"
      confirmLabel="Retract stage"
      reasonLabel="What was wrong"
      reasonRequired
      placeholder="e.g. Recorded on the wrong vehicle."
      hint="Shown in the vehicle’s stage history and in the order’s history."
      submitDisabled={!plan}
      onConfirm={confirm}
    >
      {body}
    </ReasonDialog>
  );
}
