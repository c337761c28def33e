// The dashboard's customer filter: search customers by name, company, e-mail or phone, pick one, clear it.
import { useId, useState } from 'react';
import { controlClasses, FieldError } from '../../components/form-fields';
import { CloseIcon, CustomersIcon } from '../../components/icons';
import { useApiQuery } from '../../hooks/use-api-query';
import { useDebouncedValue } from '../../hooks/use-debounced-value';

export function CustomerFilter({
  value,
  onChange,
  error,
}: {
  /** The picked customer's id, or ''. */
  value: string;
  onChange: (customerId: string) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const query = useDebouncedValue(text.trim(), 200);
  const results = useApiQuery('customers.list', { query: query || undefined, limit: 8 }, value === '' && open);
  const picked = useApiQuery('customers.get', { id: value }, value !== '');
  const options = results.data?.items ?? [];

  return (
    <div className="relative">
      <label htmlFor={id} className="mb-1.5 block text-body-sm font-medium text-ink">
        Customer
      </label>
      {value ? (
        <div
          className="flex h-control items-center gap-2 rounded-control bg-primary-soft/60 pr-1 pl-3 ring-1 ring-primary/25 ring-inset"
          data-testid="customer-filter"
        >
          <CustomersIcon className="size-4 shrink-0 text-primary" />
          <span id={id} className="min-w-0 flex-1 truncate text-body font-medium text-ink">
            {picked.data?.name ?? (picked.error ? 'Unknown customer' : 'Loading…')}
          </span>
          <button
            type="button"
            onClick={() => onChange('')}
            className="rounded-control p-1.5 text-ink-muted hover:bg-primary/10 hover:text-ink"
            aria-label="Clear the customer filter"
          >
            <CloseIcon className="size-3.5" />
          </button>
        </div>
      ) : (
        <input
          id={id}
          type="search"
          role="combobox"
          aria-expanded={open && text.trim() !== ''}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          value={text}
          placeholder="Any customer"
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
          className={controlClasses(!!error, 'h-control')}
        />
      )}
      {open && value === '' && text.trim() !== '' ? (
        <ul
          id={`${id}-list`}
          role="listbox"
          className="absolute z-20 mt-1 max-h-64 w-full min-w-64 overflow-auto rounded-control bg-surface py-1 shadow-dialog ring-1 ring-line"
        >
          {options.length === 0 ? (
            <li className="px-3 py-2 text-body-sm text-ink-subtle">{results.loading ? 'Searching…' : 'No customer matches.'}</li>
          ) : (
            options.map((c) => (
              <li key={c.id} role="option" aria-selected={false}>
                <button
                  type="button"
                  className="block w-full px-3 py-1.5 text-left text-body-sm hover:bg-surface-muted focus:bg-surface-muted focus:outline-none"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    onChange(c.id);
                    setText('');
                    setOpen(false);
                  }}
                >
                  <span className="font-medium text-ink">{c.name}</span>
                  {c.company ? <span className="ml-1.5 text-ink-subtle">{c.company}</span> : null}
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
