// The payment-status filter of the orders list: a compact select beside the status buttons (All, Unpaid, Deposit paid, ...).
import { PAYMENT_STATUSES } from '../../../../core/domain/payment-status';
import { controlClasses } from '../../components/form-fields';
import type { PaymentStatusFilter as Filter } from '../../stores/orders-list-store';

export function PaymentStatusFilter({ value, onChange }: { value: Filter; onChange: (status: Filter) => void }) {
  return (
    <label className="flex items-center gap-2 text-body-sm font-medium text-ink-muted">
      Payment
      <select
        aria-label="Filter by payment status"
        value={value}
        onChange={(e) => onChange(e.target.value as Filter)}
        className={controlClasses(false, 'h-9 w-40')}
      >
        <option value="All">All</option>
        {PAYMENT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </select>
    </label>
  );
}
