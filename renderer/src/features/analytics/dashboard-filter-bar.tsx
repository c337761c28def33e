// The dashboard's filter bar: date range with presets, CSR, customer, type, segment, origin, currency and "quiet after N days"; a 400 shows next to its field.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { DEFAULT_STALE_DAYS } from '../../../../core/domain/analytics';
import { CUSTOMER_TYPE_LABELS, CUSTOMER_TYPES } from '../../../../core/domain/customer-profile';
import { CURRENCIES } from '../../../../core/domain/money';
import type { FieldErrors } from '../../../../core/api/errors';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/form-fields';
import { Card } from '../../components/page-header';
import { useApiQuery } from '../../hooks/use-api-query';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { CustomerFilter } from './customer-filter';
import { DATE_PRESET_LABELS, DATE_PRESETS, type DashboardQuery, EMPTY_DASHBOARD_QUERY, presetOf, presetRange } from './dashboard-query';

/** A free-text filter that applies once typing pauses (every keystroke would be a request). */
function TypedFilter({
  label,
  value,
  onCommit,
  error,
  placeholder,
  type = 'text',
  hint,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  error: string | undefined;
  placeholder?: string;
  type?: 'text' | 'number';
  hint?: ReactNode;
}) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // A new value from outside (a preset, "Clear", the back button) replaces what was typed.
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const settled = useDebouncedValue(draft, 500);
  const latest = useRef({ value, onCommit });
  useEffect(() => {
    latest.current = { value, onCommit };
  });
  useEffect(() => {
    // Only a settled draft commits (every keystroke would be a request).
    if (settled.trim() !== latest.current.value) latest.current.onCommit(settled.trim());
  }, [settled]);
  return (
    <TextField
      label={label}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && draft.trim() !== value) onCommit(draft.trim());
      }}
      error={error}
      placeholder={placeholder}
      type={type}
      min={type === 'number' ? 1 : undefined}
      hint={hint}
    />
  );
}

export function DashboardFilterBar({
  query,
  onChange,
  errors,
  today,
}: {
  query: DashboardQuery;
  onChange: (patch: Partial<DashboardQuery>) => void;
  /** The server's refusal, by field name. */
  errors: FieldErrors;
  today: Date;
}) {
  const users = useApiQuery('users.list', {});
  const preset = presetOf(query, today);
  const given = Object.entries(query).some(([, v]) => v !== '');
  return (
    <Card className="mb-5 p-5 print:hidden">
      <form role="search" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
        <div className="flex flex-wrap items-end gap-4">
          <div>
            <p className="mb-1.5 text-body-sm font-medium text-ink" id="range-presets">
              Order date
            </p>
            <div
              role="group"
              aria-labelledby="range-presets"
              className="inline-flex rounded-control bg-surface p-0.5 shadow-xs ring-1 ring-line-strong ring-inset"
            >
              {DATE_PRESETS.map((p) => (
                <button
                  key={p}
                  type="button"
                  aria-pressed={preset === p}
                  onClick={() => onChange(presetRange(p, today))}
                  className={`h-8 rounded-[0.3rem] px-3 text-body-sm font-medium whitespace-nowrap ${
                    preset === p ? 'bg-brand text-white shadow-sm' : 'text-ink-muted hover:bg-surface-muted hover:text-ink'
                  }`}
                >
                  {DATE_PRESET_LABELS[p]}
                </button>
              ))}
            </div>
          </div>
          <TextField
            label="From"
            type="date"
            value={query.from}
            onChange={(e) => onChange({ from: e.target.value })}
            error={errors.from}
            className="w-40"
          />
          <TextField
            label="To"
            type="date"
            value={query.to}
            onChange={(e) => onChange({ to: e.target.value })}
            error={errors.to}
            className="w-40"
          />
          <div className="ml-auto">
            <Button variant="ghost" disabled={!given} onClick={() => onChange(EMPTY_DASHBOARD_QUERY)}>
              Clear filters
            </Button>
          </div>
        </div>
        <div className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-4 xl:grid-cols-7">
          <SelectField
            label="CSR"
            value={query.assigneeId}
            onChange={(e) => onChange({ assigneeId: e.target.value })}
            error={errors.assigneeId ?? users.error?.message}
          >
            <option value="">Everyone</option>
            {(users.data?.items ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
                {u.active ? '' : ' (inactive)'}
              </option>
            ))}
          </SelectField>
          <CustomerFilter value={query.customerId} onChange={(customerId) => onChange({ customerId })} error={errors.customerId} />
          <SelectField
            label="Customer type"
            value={query.customerType}
            onChange={(e) => onChange({ customerType: e.target.value })}
            error={errors.customerType}
          >
            <option value="">Any type</option>
            {CUSTOMER_TYPES.map((t) => (
              <option key={t} value={t}>
                {CUSTOMER_TYPE_LABELS[t]}
              </option>
            ))}
          </SelectField>
          <TypedFilter
            label="Segment"
            value={query.segment}
            onCommit={(segment) => onChange({ segment })}
            error={errors.segment}
            placeholder="Any segment"
          />
          <TypedFilter
            label="Origin"
            value={query.origin}
            onCommit={(origin) => onChange({ origin })}
            error={errors.origin}
            placeholder="Any country"
          />
          <SelectField
            label="Currency"
            value={query.currency}
            onChange={(e) => onChange({ currency: e.target.value })}
            error={errors.currency}
          >
            <option value="">Every currency</option>
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </SelectField>
          <TypedFilter
            label="Quiet after (days)"
            type="number"
            value={query.staleDays}
            onCommit={(staleDays) => onChange({ staleDays })}
            error={errors.staleDays}
            placeholder={String(DEFAULT_STALE_DAYS)}
          />
        </div>
      </form>
    </Card>
  );
}
