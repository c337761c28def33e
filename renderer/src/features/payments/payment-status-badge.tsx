// The payment-status badge: colour plus text, never colour alone, like the order-status badge.
import type { PaymentStatus } from '../../../../core/domain/payment-status';
import { PAYMENT_STATUS_TONES } from './payment-text';

export function PaymentStatusBadge({ status, size = 'md' }: { status: PaymentStatus; size?: 'md' | 'lg' }) {
  const tone = PAYMENT_STATUS_TONES[status];
  const sizing = size === 'lg' ? 'px-2.5 py-1 text-body-sm' : 'px-2 py-0.5 text-caption';
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full font-medium whitespace-nowrap ring-1 ring-inset ${sizing} ${tone.badge}`}
      data-payment-status={status}
    >
      <span className={`size-1.5 rounded-full ${tone.solid}`} aria-hidden="true" />
      {status}
    </span>
  );
}
