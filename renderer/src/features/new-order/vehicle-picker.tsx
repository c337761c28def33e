// Vehicle picker for a new order: search the vehicles in no open order and tick as many as the order needs.
import { useState } from 'react';
import { type Currency, formatMoney } from '../../../../core/domain/money';
import type { Vehicle } from '../../../../core/domain/vehicle';
import { StageChip } from '../../components/badges';
import { Spinner } from '../../components/button';
import { SearchInput } from '../../components/search-input';
import { useApiQuery } from '../../hooks/use-api-query';
import { useDebouncedValue } from '../../hooks/use-debounced-value';

const HEAD = 'px-3 py-2 text-left text-caption font-semibold tracking-wide text-ink-subtle uppercase';

export function VehiclePicker({
  selectedIds,
  currency,
  onToggle,
}: {
  selectedIds: ReadonlySet<string>;
  currency: Currency;
  onToggle: (vehicle: Vehicle) => void;
}) {
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 250);
  const results = useApiQuery('vehicles.list', { available: true, query: query || undefined, limit: 100 });
  const vehicles = results.data?.items ?? [];

  return (
    <div>
      <div className="flex items-center justify-between gap-4">
        <SearchInput
          value={text}
          onChange={setText}
          label="Search available vehicles"
          placeholder="VIN, make, model or year"
          className="w-full max-w-md"
        />
        <p className="shrink-0 text-body-sm text-ink-subtle" aria-live="polite">
          {results.loading ? 'Searching…' : `${vehicles.length}${results.data?.nextCursor ? '+' : ''} available`}
        </p>
      </div>
      <div className="mt-3 h-80 overflow-y-auto rounded-control ring-1 ring-line" aria-busy={results.loading}>
        {results.loading && vehicles.length === 0 ? (
          <div className="flex h-full items-center justify-center gap-2 text-body-sm text-ink-subtle">
            <Spinner /> Loading vehicles…
          </div>
        ) : vehicles.length === 0 ? (
          <div className="flex h-full items-center justify-center px-6 text-center text-body-sm text-ink-subtle">
            {query ? `No available vehicle matches “${query}”.` : 'Every vehicle is already in an open order.'}
          </div>
        ) : (
          <table className={`w-full table-fixed border-collapse text-body ${results.loading ? 'opacity-60' : ''}`}>
            <colgroup>
              <col className="w-10" />
              <col className="w-[11rem]" />
              <col />
              <col className="w-[7rem]" />
              <col className="w-[8.5rem]" />
            </colgroup>
            <thead className="sticky top-0 z-10 border-b border-line bg-surface-muted">
              <tr>
                <th scope="col" className={HEAD}>
                  <span className="sr-only">Select</span>
                </th>
                <th scope="col" className={HEAD}>
                  VIN / chassis
                </th>
                <th scope="col" className={HEAD}>
                  Vehicle
                </th>
                <th scope="col" className={HEAD}>
                  Stage
                </th>
                <th scope="col" className={`${HEAD} text-right`}>
                  Purchase price
                </th>
              </tr>
            </thead>
            <tbody>
              {vehicles.map((v) => {
                const checked = selectedIds.has(v.id);
                const inputId = `pick-${v.id}`;
                return (
                  <tr
                    key={v.id}
                    className={`cursor-pointer border-b border-line last:border-0 ${checked ? 'bg-primary-soft/70' : 'hover:bg-surface-muted'}`}
                    onClick={(e) => {
                      if ((e.target as HTMLElement).tagName !== 'INPUT' && (e.target as HTMLElement).tagName !== 'LABEL') onToggle(v);
                    }}
                  >
                    <td className="px-3 py-2">
                      <input
                        id={inputId}
                        type="checkbox"
                        className="size-4 accent-primary"
                        checked={checked}
                        onChange={() => onToggle(v)}
                      />
                    </td>
                    <td className="px-3 py-2">
                      <label htmlFor={inputId} className="cursor-pointer font-mono text-body-sm font-medium text-ink">
                        {v.vin}
                      </label>
                    </td>
                    <td className="truncate px-3 py-2 text-ink">
                      {v.year} {v.make} {v.model}
                      {v.colour ? <span className="text-ink-subtle"> · {v.colour}</span> : null}
                    </td>
                    <td className="px-3 py-2">
                      <StageChip stage={v.stage} />
                    </td>
                    <td className="tabular px-3 py-2 text-right text-body-sm">
                      {v.purchasePrice !== null && v.currency ? (
                        <span className={v.currency === currency ? 'text-ink' : 'text-ink-subtle'}>
                          {formatMoney(v.purchasePrice, v.currency)}
                        </span>
                      ) : (
                        <span className="text-ink-subtle">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
