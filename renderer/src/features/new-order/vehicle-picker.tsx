// Vehicle picker for a new order: search the vehicles in no open order, tick as many as the order needs, or register one not found.
import { useState } from 'react';
import { type Currency, formatMoney } from '../../../../core/domain/money';
import type { Vehicle } from '../../../../core/domain/vehicle';
import { StageChip } from '../../components/badges';
import { Button } from '../../components/button';
import { PlusIcon } from '../../components/icons';
import { PickerResults } from '../../components/picker-results';
import { SearchInput } from '../../components/search-input';
import { DataCell, DataTable, type TableColumns } from '../../components/data-table';
import { useApiQuery } from '../../hooks/use-api-query';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { draftFromVehicleSearch, RegisterVehicleDialog } from '../vehicles/register-vehicle-dialog';

// The stage matters least when picking (vehicles in no open order are nearly always still pending), so it leaves first and
// the name keeps its room: it shows where the picker has 44rem (1440 px and up), not beside the summary at 1280–1366 px
// (35–41rem) or in the single-column form at 1024 px (42rem).
const COLUMNS = {
  select: { label: <span className="sr-only">Select</span>, width: 2.5 },
  vin: { label: 'VIN / chassis', width: 10 },
  vehicle: { label: 'Vehicle', minWidth: 9 },
  stage: { label: 'Stage', width: 10, hideBelow: 44 },
  price: { label: 'Purchase price', width: 9, align: 'right' },
} satisfies TableColumns;

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
  const [registering, setRegistering] = useState(false);
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
      <PickerResults
        className="mt-3 h-80"
        loading={results.loading}
        count={vehicles.length}
        loadingLabel="Loading vehicles…"
        empty={
          <>
            <p>{query ? `No available vehicle matches “${query}”.` : 'Every vehicle is already in an open order.'}</p>
            <Button size="sm" icon={<PlusIcon />} onClick={() => setRegistering(true)}>
              Register a vehicle
            </Button>
          </>
        }
      >
        <DataTable columns={COLUMNS} density="compact" stickyHeader="box" className={results.loading ? 'opacity-60' : ''}>
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
                  <DataCell column={COLUMNS.select} className="px-3 py-2">
                    <input id={inputId} type="checkbox" className="size-4 accent-primary" checked={checked} onChange={() => onToggle(v)} />
                  </DataCell>
                  <DataCell column={COLUMNS.vin} className="px-3 py-2">
                    <label htmlFor={inputId} className="cursor-pointer font-mono text-body-sm font-medium text-ink">
                      {v.vin}
                    </label>
                  </DataCell>
                  <DataCell column={COLUMNS.vehicle} className="truncate px-3 py-2 text-ink">
                    {v.year} {v.make} {v.model}
                    {v.colour ? <span className="text-ink-subtle"> · {v.colour}</span> : null}
                  </DataCell>
                  <DataCell column={COLUMNS.stage} className="px-3 py-2">
                    <StageChip stage={v.stage} />
                  </DataCell>
                  <DataCell column={COLUMNS.price} className="tabular px-3 py-2 text-body-sm">
                    {v.purchasePrice !== null && v.currency ? (
                      <span className={v.currency === currency ? 'text-ink' : 'text-ink-subtle'}>
                        {formatMoney(v.purchasePrice, v.currency)}
                      </span>
                    ) : (
                      <span className="text-ink-subtle">—</span>
                    )}
                  </DataCell>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      </PickerResults>
      {registering ? (
        <RegisterVehicleDialog
          initial={{ currency, ...draftFromVehicleSearch(text) }}
          onClose={() => setRegistering(false)}
          onRegistered={(vehicle) => {
            setRegistering(false);
            // The new vehicle joins the order at once, and the list shows it ticked.
            setText(vehicle.vin);
            onToggle(vehicle);
          }}
        />
      ) : null}
    </div>
  );
}
