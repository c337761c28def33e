// Add-vehicle dialog: search the vehicles in no open order, pick one, agree its price in the order's currency.
import { useState } from 'react';
import { formatMoney, parseMoney } from '../../../../core/domain/money';
import type { Order } from '../../../../core/domain/order';
import type { Vehicle } from '../../../../core/domain/vehicle';
import type { ErrorDetails } from '../../api/error-details';
import { StageChip } from '../../components/badges';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { PickerResults } from '../../components/picker-results';
import { SearchInput } from '../../components/search-input';
import { defaultPriceText, priceHint, priceTextProblem } from '../../format/agreed-price';
import { useApiQuery } from '../../hooks/use-api-query';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { useOrderViewStore } from '../../stores/order-view-store';

export function AddVehicleDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const addVehicle = useOrderViewStore((s) => s.addVehicle);
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 250);
  const results = useApiQuery('vehicles.list', { available: true, query: query || undefined, limit: 25 });
  const [picked, setPicked] = useState<Vehicle | null>(null);
  const [priceText, setPriceText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [localPriceError, setLocalPriceError] = useState<string | null>(null);

  const pick = (vehicle: Vehicle) => {
    setPicked(vehicle);
    setPriceText(defaultPriceText(vehicle, order.currency));
    setError(null);
    setLocalPriceError(null);
  };

  const submit = async () => {
    if (!picked) {
      setError({ code: 'VALIDATION', message: 'Pick a vehicle from the list first.', fields: {} });
      return;
    }
    const problem = priceTextProblem(priceText, order.currency);
    if (problem) {
      setLocalPriceError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await addVehicle(picked.id, parseMoney(priceText, order.currency) ?? undefined);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  const vehicles = results.data?.items ?? [];
  const priceError = localPriceError ?? error?.fields.price;
  const generalError = error && !error.fields.price ? error.message : null;

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      busy={busy}
      title={`Add a vehicle to ${order.orderNumber}`}
      description="Only vehicles that are in no open order are listed."
      onSubmit={() => void submit()}
      footer={<DialogActions onCancel={onClose} busy={busy} submitLabel="Add vehicle" />}
    >
      <SearchInput
        value={text}
        onChange={setText}
        label="Search available vehicles"
        placeholder="VIN, make, model or year"
        data-autofocus
      />

      <fieldset className="mt-3">
        <legend className="sr-only">Available vehicles</legend>
        <PickerResults
          className="h-64"
          loading={results.loading}
          count={vehicles.length}
          empty={query ? `No available vehicle matches “${query}”.` : 'No vehicles are available right now.'}
        >
          <ul className={`divide-y divide-line ${results.loading ? 'opacity-60' : ''}`}>
            {vehicles.map((v) => (
              <li key={v.id}>
                <label
                  className={`flex cursor-pointer items-center gap-3 px-3 py-2.5 hover:bg-surface-muted ${picked?.id === v.id ? 'bg-primary-soft' : ''}`}
                >
                  <input
                    type="radio"
                    name="vehicle"
                    className="size-4 accent-primary"
                    checked={picked?.id === v.id}
                    onChange={() => pick(v)}
                  />
                  <span className="w-44 shrink-0 font-mono text-body-sm font-medium text-ink">{v.vin}</span>
                  <span className="min-w-0 flex-1 truncate text-ink">
                    {v.year} {v.make} {v.model}
                    {v.colour ? <span className="text-ink-subtle"> · {v.colour}</span> : null}
                  </span>
                  <StageChip stage={v.stage} />
                  <span className="tabular w-32 text-right text-body-sm text-ink-muted">
                    {v.purchasePrice !== null && v.currency ? formatMoney(v.purchasePrice, v.currency) : '—'}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </PickerResults>
      </fieldset>

      {generalError ? (
        <NoticeBanner tone="error" className="mt-4">
          {generalError}
        </NoticeBanner>
      ) : null}

      <div className="mt-4 grid items-start gap-4 sm:grid-cols-2">
        <div className="rounded-control bg-surface-muted px-3 py-2.5 text-body-sm ring-1 ring-line">
          <p className="text-caption font-medium tracking-wide text-ink-subtle uppercase">Selected</p>
          <p className="mt-0.5 truncate text-ink">
            {picked ? (
              <>
                <span className="font-mono">{picked.vin}</span> · {picked.year} {picked.make} {picked.model}
              </>
            ) : (
              <span className="text-ink-subtle">Nothing yet: pick a vehicle above.</span>
            )}
          </p>
        </div>
        <TextField
          label={`Agreed price (${order.currency})`}
          inputMode="decimal"
          value={priceText}
          disabled={!picked}
          onChange={(e) => {
            setPriceText(e.target.value);
            setLocalPriceError(null);
            if (error?.fields.price) setError(null);
          }}
          suffix={order.currency}
          hint={picked ? priceHint(picked, order.currency) : undefined}
          error={priceError}
        />
      </div>
    </Dialog>
  );
}
