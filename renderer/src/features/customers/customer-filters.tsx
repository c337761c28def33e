// The customer list's filters: type (segmented buttons) and one segment, shown as a removable chip once chosen.
import { CUSTOMER_TYPE_LABELS, CUSTOMER_TYPES, type CustomerType } from '../../../../core/domain/customer-profile';
import { CloseIcon } from '../../components/icons';

const OPTIONS: readonly (CustomerType | '')[] = ['', ...CUSTOMER_TYPES];

export function CustomerTypeFilter({ value, onChange }: { value: CustomerType | ''; onChange: (type: CustomerType | '') => void }) {
  return (
    <div
      role="group"
      aria-label="Filter by type"
      className="inline-flex rounded-control bg-surface p-0.5 shadow-xs ring-1 ring-line-strong ring-inset"
    >
      {OPTIONS.map((option) => {
        const active = option === value;
        return (
          <button
            key={option || 'all'}
            type="button"
            aria-pressed={active}
            onClick={() => onChange(option)}
            className={`flex h-8 items-center rounded-[0.3rem] px-3 text-body-sm font-medium whitespace-nowrap transition-colors ${
              active ? 'bg-brand text-white shadow-sm' : 'text-ink-muted hover:bg-surface-muted hover:text-ink'
            }`}
          >
            {option ? CUSTOMER_TYPE_LABELS[option] : 'All'}
          </button>
        );
      })}
    </div>
  );
}

export function SegmentFilterChip({ segment, onClear }: { segment: string; onClear: () => void }) {
  if (!segment) return null;
  return (
    <span className="inline-flex h-8 items-center gap-1 rounded-control bg-primary-soft pr-1 pl-3 text-body-sm font-medium text-primary-hover ring-1 ring-primary/20 ring-inset">
      Segment: {segment}
      <button
        type="button"
        onClick={onClear}
        className="rounded p-1 hover:bg-primary/10"
        aria-label={`Show every segment, not only ${segment}`}
      >
        <CloseIcon className="size-3.5" />
      </button>
    </span>
  );
}
