// The vehicles chosen for a new order, each with its agreed price in the order's currency, and the running total.
import { useId } from 'react';
import type { FieldErrors } from '../../../../core/api/errors';
import { type Currency, formatMoney } from '../../../../core/domain/money';
import { controlClasses, FieldError } from '../../components/form-fields';
import { CloseIcon } from '../../components/icons';
import { priceHint } from '../../format/agreed-price';
import { linePriceKey, type OrderLineDraft } from '../../stores/new-order-store';

function OrderLine({
  line,
  currency,
  error,
  onPrice,
  onRemove,
}: {
  line: OrderLineDraft;
  currency: Currency;
  error: string | undefined;
  onPrice: (text: string) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const { vehicle } = line;
  return (
    <li className="grid grid-cols-[1fr_17rem_2rem] items-start gap-4 px-4 py-3" data-line-vin={vehicle.vin}>
      <div className="min-w-0 pt-1.5">
        <p className="truncate font-mono text-body-sm font-medium text-ink">{vehicle.vin}</p>
        <p className="truncate text-body-sm text-ink-muted">
          {vehicle.year} {vehicle.make} {vehicle.model}
          {vehicle.colour ? ` · ${vehicle.colour}` : ''}
        </p>
      </div>
      <div>
        <label htmlFor={id} className="sr-only">
          Agreed price for {vehicle.vin} ({currency})
        </label>
        <div className="relative">
          <input
            id={id}
            inputMode="decimal"
            value={line.priceText}
            onChange={(e) => onPrice(e.target.value)}
            placeholder={currency === 'JPY' ? '0' : '0.00'}
            aria-invalid={!!error || undefined}
            aria-describedby={`${id}-${error ? 'error' : 'hint'}`}
            className={controlClasses(!!error, 'tabular h-control pr-12 text-right')}
          />
          <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-caption font-medium text-ink-subtle">
            {currency}
          </span>
        </div>
        {error ? (
          <FieldError id={`${id}-error`} message={error} />
        ) : (
          <p id={`${id}-hint`} className="mt-1 text-caption text-ink-subtle">
            {priceHint(vehicle, currency)}
          </p>
        )}
      </div>
      <button
        type="button"
        onClick={onRemove}
        className="mt-1 rounded-control p-1.5 text-ink-subtle hover:bg-danger-soft hover:text-danger"
        aria-label={`Take ${vehicle.vin} out of the order`}
        title="Take out of the order"
      >
        <CloseIcon className="size-4" />
      </button>
    </li>
  );
}

export function OrderLines({
  lines,
  currency,
  fieldErrors,
  total,
  missing,
  onPrice,
  onRemove,
}: {
  lines: OrderLineDraft[];
  currency: Currency;
  fieldErrors: FieldErrors;
  total: number;
  missing: number;
  onPrice: (vehicleId: string, text: string) => void;
  onRemove: (vehicleId: string) => void;
}) {
  if (lines.length === 0) {
    // Outlined in red while the form is refused for having neither a customer nor a vehicle.
    const refused = fieldErrors.vehicles !== undefined;
    return (
      <p
        className={`rounded-control border border-dashed px-4 py-6 text-center text-body-sm ${
          refused ? 'border-danger bg-danger-soft/40 text-ink-muted' : 'border-line-strong text-ink-subtle'
        }`}
        data-testid="no-order-lines"
      >
        No vehicles chosen yet. Tick vehicles in the list above; each gets its agreed price here.
      </p>
    );
  }
  return (
    <div className="rounded-control ring-1 ring-line">
      <div className="grid grid-cols-[1fr_17rem_2rem] gap-4 border-b border-line bg-surface-muted px-4 py-2 text-caption font-semibold tracking-wide text-ink-subtle uppercase">
        <span>Vehicle</span>
        <span className="text-right">Agreed price ({currency})</span>
        <span className="sr-only">Remove</span>
      </div>
      <ul className="divide-y divide-line" aria-label="Vehicles in this order">
        {lines.map((line) => (
          <OrderLine
            key={line.vehicle.id}
            line={line}
            currency={currency}
            error={fieldErrors[linePriceKey(line.vehicle.id)] ?? fieldErrors[`line:${line.vehicle.id}.vehicleId`]}
            onPrice={(text) => onPrice(line.vehicle.id, text)}
            onRemove={() => onRemove(line.vehicle.id)}
          />
        ))}
      </ul>
      <div className="flex items-center justify-between border-t border-line bg-surface-muted px-4 py-3">
        <span className="text-body-sm text-ink-muted">
          {lines.length} {lines.length === 1 ? 'vehicle' : 'vehicles'}
          {missing > 0 ? <span className="ml-2 text-warning-ink">· {missing} without a price yet</span> : null}
        </span>
        <span className="tabular text-title font-semibold text-ink" data-testid="lines-total">
          {formatMoney(total, currency)}
        </span>
      </div>
    </div>
  );
}
