// Change-price dialog: a line's new agreed price in the order's currency, what the order's value becomes, and the API's refusal.
import { useState } from 'react';
import { formatMoney, minorToInput, parseMoney } from '../../../../core/domain/money';
import type { Order, OrderVehicle } from '../../../../core/domain/order';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { requiredPriceProblem } from '../../format/agreed-price';
import { useSaveAction } from '../../hooks/use-save-action';
import { useOrderViewStore } from '../../stores/order-view-store';
import { ConflictNotice } from './conflict-notice';

export function ChangePriceDialog({
  order,
  vehicle,
  onClose,
  onDone,
}: {
  order: Order;
  vehicle: OrderVehicle;
  onClose: () => void;
  /** Called with a sentence for the order screen once the new price is saved. */
  onDone: (message: string) => void;
}) {
  const changePrice = useOrderViewStore((s) => s.changePrice);
  const reloadAfterConflict = useOrderViewStore((s) => s.reloadAfterConflict);
  const { currency } = order;
  const [text, setText] = useState(() => minorToInput(vehicle.price, currency));
  const [localError, setLocalError] = useState<string | null>(null);
  const [reloaded, setReloaded] = useState(false);
  const save = useSaveAction();

  // The line as it is now (a reload after a conflict may have changed its price).
  const current = order.vehicles.find((v) => v.vehicleId === vehicle.vehicleId) ?? vehicle;
  const typed = parseMoney(text, currency);
  const newValue = typed !== null && typed > 0 ? order.orderValue - current.price + typed : null;

  const submit = async () => {
    const problem = requiredPriceProblem(text, currency);
    if (problem || typed === null) {
      setLocalError(problem ?? `Enter the agreed price in ${currency}.`);
      return;
    }
    setReloaded(false);
    if (typed === current.price) {
      onClose();
      return;
    }
    if (await save.run(() => changePrice(vehicle.vehicleId, typed))) {
      onDone(`The agreed price of ${vehicle.vin} is now ${formatMoney(typed, currency)}.`);
      onClose();
    }
  };

  const reload = async () => {
    await reloadAfterConflict();
    save.clearError();
    setReloaded(true);
  };

  const conflict = save.error?.code === 'CONFLICT' ? save.error.message : null;

  return (
    <Dialog
      open
      onClose={onClose}
      busy={save.busy}
      title="Change agreed price"
      description={
        <>
          <span className="font-mono">{vehicle.vin}</span> · {vehicle.year} {vehicle.make} {vehicle.model} in order{' '}
          <span className="whitespace-nowrap">{order.orderNumber}</span>
        </>
      }
      onSubmit={() => void submit()}
      error={conflict ? null : save.messageBeyond(['price'])}
      footer={<DialogActions onCancel={onClose} busy={save.busy} submitLabel="Save price" />}
    >
      {conflict ? <ConflictNotice onReload={() => void reload()}>{conflict} Your price is still here.</ConflictNotice> : null}
      {reloaded ? (
        <NoticeBanner tone="info" className="mb-4">
          The order was reloaded with the other changes. Your price is kept: check it and save again.
        </NoticeBanner>
      ) : null}
      <TextField
        label={`New agreed price (${currency})`}
        required
        inputMode="decimal"
        data-autofocus
        inputClassName="tabular"
        value={text}
        suffix={currency}
        onChange={(e) => {
          setText(e.target.value);
          setLocalError(null);
          if (save.error?.code !== 'CONFLICT') save.clearError();
        }}
        onFocus={(e) => e.currentTarget.select()}
        error={localError ?? save.error?.fields.price}
        hint={`Now ${formatMoney(current.price, currency)}.`}
      />
      <dl className="mt-4 flex items-baseline justify-between gap-4 rounded-control bg-surface-muted px-4 py-3 text-body-sm ring-1 ring-line">
        <dt className="text-ink-muted">Order value after the change</dt>
        <dd className="tabular text-title font-semibold text-ink" data-testid="new-order-value">
          {newValue === null ? '—' : formatMoney(newValue, currency)}
        </dd>
      </dl>
    </Dialog>
  );
}
