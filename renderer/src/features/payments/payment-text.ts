// How payments read on screen: status tones, schedule states, and the words for kinds and methods (core's labels).
import type { PaymentStatus } from '../../../../core/domain/payment-status';
import type { ScheduleLine, ScheduleState } from '../../../../core/domain/payment';
import type { Tone } from '../../components/tones';

export { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from '../../../../core/domain/payment';

/** Payment statuses borrow the order-status tokens: nothing yet, first money, money moving, done, money back. */
export const PAYMENT_STATUS_TONES: Record<PaymentStatus, Tone> = {
  Unpaid: { badge: 'bg-status-draft-soft text-status-draft-ink ring-status-draft/25', solid: 'bg-status-draft' },
  'Deposit paid': { badge: 'bg-status-confirmed-soft text-status-confirmed-ink ring-status-confirmed/25', solid: 'bg-status-confirmed' },
  'Partially paid': {
    badge: 'bg-status-in-progress-soft text-status-in-progress-ink ring-status-in-progress/30',
    solid: 'bg-status-in-progress',
  },
  Paid: { badge: 'bg-status-completed-soft text-status-completed-ink ring-status-completed/25', solid: 'bg-status-completed' },
  Refunded: { badge: 'bg-status-cancelled-soft text-status-cancelled-ink ring-status-cancelled/25', solid: 'bg-status-cancelled' },
};

export const SCHEDULE_STATE_LABELS: Record<ScheduleState, string> = {
  paid: 'Paid',
  upcoming: 'Not yet due',
  due: 'Due now',
  overdue: 'Overdue',
  void: 'Not due (cancelled)',
};

export const SCHEDULE_STATE_CLASSES: Record<ScheduleState, string> = {
  paid: 'bg-success-soft text-success-ink ring-success-ink/20',
  upcoming: 'bg-surface-muted text-ink-muted ring-line',
  due: 'bg-warning-soft text-warning-ink ring-warning-line',
  overdue: 'bg-danger-soft text-danger ring-danger-line',
  void: 'bg-surface-muted text-ink-subtle ring-line',
};

/** "At confirmation" / "Before delivery (by 15 Jan 2027)". */
export function dueWhen(line: ScheduleLine, formatDay: (day: string) => string): string {
  if (line.due === 'at_confirmation') return 'At confirmation';
  return line.dueDate ? `Before delivery (by ${formatDay(line.dueDate)})` : 'Before delivery';
}
