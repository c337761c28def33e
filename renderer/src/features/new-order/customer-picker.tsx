// Customer picker for a new order: search customers, choose one, change it later.
import { useRef, useState } from 'react';
import { Button, Spinner } from '../../components/button';
import { FieldError } from '../../components/form-fields';
import { CustomersIcon } from '../../components/icons';
import { SearchInput } from '../../components/search-input';
import { useApiQuery } from '../../hooks/use-api-query';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import type { PickedCustomer } from '../../stores/new-order-store';

export function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
  error: string | undefined;
}) {
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 200);
  const results = useApiQuery('customers.list', { query: query || undefined, limit: 20 }, value === null);
  const searchRef = useRef<HTMLDivElement>(null);
  const customers = results.data?.items ?? [];

  if (value) {
    return (
      <div>
        <div
          className="flex items-center gap-4 rounded-control bg-primary-soft/60 px-4 py-3 ring-1 ring-primary/25"
          data-testid="picked-customer"
        >
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-surface text-primary ring-1 ring-primary/20">
            <CustomersIcon className="size-5" />
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate font-semibold text-ink">{value.name}</p>
            <p className="truncate text-body-sm text-ink-muted">
              {[value.company, value.email, value.phone].filter(Boolean).join(' · ') || 'No contact details on record'}
            </p>
          </div>
          <Button
            size="sm"
            onClick={() => {
              onChange(null);
              setTimeout(() => searchRef.current?.querySelector('input')?.focus(), 0);
            }}
          >
            Change
          </Button>
        </div>
        <FieldError id="customer-error" message={error} />
      </div>
    );
  }

  return (
    <div ref={searchRef}>
      <SearchInput
        value={text}
        onChange={setText}
        label="Search customers"
        placeholder="Name, company, email or phone"
        aria-invalid={!!error || undefined}
      />
      <FieldError id="customer-error" message={error} />
      <div className="mt-2 h-56 overflow-y-auto rounded-control ring-1 ring-line" aria-busy={results.loading}>
        {results.loading && customers.length === 0 ? (
          <div className="flex h-full items-center justify-center gap-2 text-body-sm text-ink-subtle">
            <Spinner /> Searching…
          </div>
        ) : customers.length === 0 ? (
          <div className="flex h-full items-center justify-center text-body-sm text-ink-subtle">
            {query ? `No customer matches “${query}”.` : 'No customers yet.'}
          </div>
        ) : (
          <ul className={`divide-y divide-line ${results.loading ? 'opacity-60' : ''}`} aria-label="Matching customers">
            {customers.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  onClick={() => onChange({ id: c.id, name: c.name, company: c.company, email: c.email, phone: c.phone })}
                  className="flex w-full items-center justify-between gap-4 px-4 py-2.5 text-left hover:bg-primary-soft/60 focus-visible:bg-primary-soft/60 focus-visible:outline-none"
                  aria-label={`Choose ${c.name}${c.company ? `, ${c.company}` : ''}`}
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-ink">{c.name}</span>
                    <span className="block truncate text-body-sm text-ink-subtle">{[c.company, c.email].filter(Boolean).join(' · ')}</span>
                  </span>
                  <span className="shrink-0 text-caption text-ink-subtle">
                    {c.openOrders > 0 ? `${c.openOrders} open ${c.openOrders === 1 ? 'order' : 'orders'}` : 'No open orders'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
