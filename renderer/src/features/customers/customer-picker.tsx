// Customer picker (new order, order details): search customers, choose one, change it later, or add a new one on the spot.
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { FieldError } from '../../components/form-fields';
import { CustomersIcon, PlusIcon } from '../../components/icons';
import { PickerResults } from '../../components/picker-results';
import { SearchInput } from '../../components/search-input';
import { contactLine, type PickedCustomer, pickedCustomerOf } from '../../format/customer-contact';
import { useApiQuery } from '../../hooks/use-api-query';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { draftFromSearch, NewCustomerDialog } from './new-customer-dialog';

/** Up and down arrows move between the search box and the matching customers. */
function moveFocus(event: KeyboardEvent<HTMLElement>, list: HTMLElement | null): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const options = [...(list?.querySelectorAll<HTMLButtonElement>('button[data-customer-option]') ?? [])];
  if (options.length === 0) return;
  event.preventDefault();
  const at = options.indexOf(document.activeElement as HTMLButtonElement);
  const next = event.key === 'ArrowDown' ? Math.min(at + 1, options.length - 1) : at - 1;
  if (next < 0) list?.closest('[data-customer-picker]')?.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
  else options[next]?.focus();
}

export function CustomerPicker({
  value,
  onChange,
  error,
  compact = false,
  autoFocus = false,
}: {
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
  error: string | undefined;
  /** A shorter result list, for use inside a dialog. */
  compact?: boolean;
  /** Marks the picker's first control for the dialog to focus. */
  autoFocus?: boolean;
}) {
  const [text, setText] = useState('');
  const [adding, setAdding] = useState(false);
  const query = useDebouncedValue(text.trim(), 200);
  const results = useApiQuery('customers.list', { query: query || undefined, limit: 20 }, value === null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const errorId = useId();
  const customers = results.data?.items ?? [];
  const focusMark = autoFocus ? { 'data-autofocus': true } : {};

  const newCustomerDialog = adding ? (
    <NewCustomerDialog
      initial={draftFromSearch(text)}
      onClose={() => setAdding(false)}
      onCreated={(customer) => {
        setAdding(false);
        setText('');
        onChange(pickedCustomerOf(customer));
      }}
    />
  ) : null;

  if (value) {
    const details = contactLine(value);
    const known = value.company !== undefined || value.email !== undefined || value.phone !== undefined;
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
              {details || (known ? 'No contact details on record' : <span className="text-ink-subtle">Loading contact details…</span>)}
            </p>
          </div>
          <Button
            size="sm"
            aria-label={`Change customer (now ${value.name})`}
            {...focusMark}
            onClick={() => {
              onChange(null);
              setTimeout(() => rootRef.current?.querySelector('input')?.focus(), 0);
            }}
          >
            Change
          </Button>
        </div>
        <FieldError id={errorId} message={error} />
        {newCustomerDialog}
      </div>
    );
  }

  return (
    <div ref={rootRef} data-customer-picker>
      <div className="flex items-center gap-2">
        <SearchInput
          value={text}
          onChange={setText}
          label="Search customers"
          placeholder="Name, company, email or phone"
          className="min-w-0 flex-1"
          aria-invalid={!!error || undefined}
          aria-describedby={error ? errorId : undefined}
          {...focusMark}
          onKeyDown={(e) => {
            // Enter belongs to the surrounding form's save, never to a half-typed search.
            if (e.key === 'Enter') e.preventDefault();
            else if (e.key === 'Escape' && text) {
              e.preventDefault();
              e.stopPropagation();
              setText('');
            } else moveFocus(e, listRef.current);
          }}
        />
        <Button icon={<PlusIcon />} onClick={() => setAdding(true)}>
          New customer
        </Button>
      </div>
      <FieldError id={errorId} message={error} />
      <PickerResults
        className={`mt-2 ${compact ? 'h-44' : 'h-56'}`}
        loading={results.loading}
        count={customers.length}
        empty={
          <p>
            {query ? `No customer matches “${query}”.` : 'No customers yet.'}
            <br />
            Use “New customer” to add them now.
          </p>
        }
      >
        <ul
          ref={listRef}
          className={`divide-y divide-line ${results.loading ? 'opacity-60' : ''}`}
          aria-label="Matching customers"
          onKeyDown={(e) => moveFocus(e, listRef.current)}
        >
          {customers.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                data-customer-option
                onClick={() => onChange(pickedCustomerOf(c))}
                className="flex w-full items-center justify-between gap-4 px-4 py-2.5 text-left hover:bg-primary-soft/60 focus-visible:bg-primary-soft/60 focus-visible:outline-none"
                aria-label={`Choose ${c.name}${c.company ? `, ${c.company}` : ''}`}
              >
                <span className="min-w-0">
                  <span className="block truncate font-medium text-ink">{c.name}</span>
                  <span className="block truncate text-body-sm text-ink-subtle">{contactLine(c, ['company', 'email'])}</span>
                </span>
                <span className="shrink-0 text-caption text-ink-subtle">
                  {c.openOrders > 0 ? `${c.openOrders} open ${c.openOrders === 1 ? 'order' : 'orders'}` : 'No open orders'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </PickerResults>
      {newCustomerDialog}
    </div>
  );
}
