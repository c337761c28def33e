// Status badge, stage chip and link-status tag: colour plus text, never colour alone.
import type { LinkStatus, OrderStatus } from '../../../core/domain/order';
import { type ImportStage, STAGE_LABELS } from '../../../core/domain/stages';
import { LINK_TONES, STAGE_TONES, STATUS_TONES } from './tones';

export function StatusBadge({ status, size = 'md' }: { status: OrderStatus; size?: 'md' | 'lg' }) {
  const tone = STATUS_TONES[status];
  const sizing = size === 'lg' ? 'px-2.5 py-1 text-body-sm' : 'px-2 py-0.5 text-caption';
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full font-medium whitespace-nowrap ring-1 ring-inset ${sizing} ${tone.badge}`}
      data-status={status}
    >
      <span className={`size-1.5 rounded-full ${tone.solid}`} aria-hidden="true" />
      {status}
    </span>
  );
}

export function StageChip({ stage, muted = false }: { stage: ImportStage; muted?: boolean }) {
  const tone = muted ? 'bg-surface-muted text-ink-subtle ring-line' : STAGE_TONES[stage].badge;
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-control px-2 py-0.5 text-caption font-medium whitespace-nowrap ring-1 ring-inset ${tone}`}
      data-stage={stage}
    >
      <span className={`size-1.5 rounded-full ${muted ? 'bg-ink-subtle/50' : STAGE_TONES[stage].solid}`} aria-hidden="true" />
      {STAGE_LABELS[stage]}
    </span>
  );
}

export function LinkStatusTag({ status }: { status: LinkStatus }) {
  return (
    <span className={`inline-flex rounded px-1.5 py-0.5 text-caption font-medium whitespace-nowrap ${LINK_TONES[status]}`}>{status}</span>
  );
}
