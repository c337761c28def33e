// The status filter of the orders list: All plus each order status, as a row of toggle buttons.
import { ORDER_STATUSES } from '../../../../core/domain/order';
import { STATUS_TONES } from '../../components/tones';
import type { OrderStatusFilter } from '../../stores/orders-list-store';

const OPTIONS: OrderStatusFilter[] = ['All', ...ORDER_STATUSES];

export function StatusFilter({ value, onChange }: { value: OrderStatusFilter; onChange: (status: OrderStatusFilter) => void }) {
  return (
    <div
      role="group"
      aria-label="Filter by status"
      className="inline-flex rounded-control bg-surface p-0.5 shadow-xs ring-1 ring-line-strong ring-inset"
    >
      {OPTIONS.map((option) => {
        const active = option === value;
        return (
          <button
            key={option}
            type="button"
            aria-pressed={active}
            onClick={() => onChange(option)}
            className={`flex h-8 items-center gap-1.5 rounded-[0.3rem] px-3 text-body-sm font-medium whitespace-nowrap transition-colors ${
              active ? 'bg-brand text-white shadow-sm' : 'text-ink-muted hover:bg-surface-muted hover:text-ink'
            }`}
          >
            {option !== 'All' ? <span className={`size-1.5 rounded-full ${STATUS_TONES[option].solid}`} aria-hidden="true" /> : null}
            {option}
          </button>
        );
      })}
    </div>
  );
}
