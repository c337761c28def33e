// A customer's type badge and segment chips (presentational): colour plus text, never colour alone.
import type { CustomerType } from '../../../../core/domain/customer-profile';
import { CUSTOMER_TYPE_LABELS } from '../../../../core/domain/customer-profile';

const TYPE_TONES: Record<CustomerType, string> = {
  private: 'bg-surface-muted text-ink-muted ring-line',
  dealer: 'bg-primary-soft text-primary-hover ring-primary/20',
  fleet: 'bg-success-soft text-success-ink ring-success-ink/20',
};

export function CustomerTypeBadge({ type }: { type: CustomerType }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-caption font-medium whitespace-nowrap ring-1 ring-inset ${TYPE_TONES[type]}`}
      data-customer-type={type}
    >
      {CUSTOMER_TYPE_LABELS[type]}
    </span>
  );
}

export function SegmentChips({ segments, onPick }: { segments: readonly string[]; onPick?: (segment: string) => void }) {
  if (segments.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Segments">
      {segments.map((segment) => (
        <li key={segment}>
          {onPick ? (
            <button
              type="button"
              onClick={() => onPick(segment)}
              className="rounded-control bg-surface-muted px-2 py-0.5 text-caption text-ink-muted ring-1 ring-line ring-inset hover:bg-primary-soft hover:text-primary"
              title={`Customers in “${segment}”`}
            >
              {segment}
            </button>
          ) : (
            <span className="rounded-control bg-surface-muted px-2 py-0.5 text-caption text-ink-muted ring-1 ring-line ring-inset">
              {segment}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
