// Remove-vehicle dialog: a reason is required once the order is confirmed; the link stays in history as Removed.
import { useState } from 'react';
import type { Order, OrderVehicle } from '../../../../core/domain/order';
import type { ErrorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { TextAreaField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { useOrderViewStore } from '../../stores/order-view-store';

export function RemoveVehicleDialog({ order, vehicle, onClose }: { order: Order; vehicle: OrderVehicle | null; onClose: () => void }) {
  const removeVehicle = useOrderViewStore((s) => s.removeVehicle);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);
  const reasonRequired = order.status !== 'Draft';

  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };

  const submit = async () => {
    if (!vehicle) return;
    setBusy(true);
    setError(null);
    const result = await removeVehicle(vehicle.vehicleId, reason);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  };

  const fieldError = error?.fields.reason;
  return (
    <Dialog
      open={vehicle !== null}
      onClose={close}
      busy={busy}
      title="Remove vehicle from order?"
      description={
        vehicle ? (
          <>
            <span className="font-mono">{vehicle.vin}</span> · {vehicle.year} {vehicle.make} {vehicle.model} leaves order{' '}
            <span className="whitespace-nowrap">{order.orderNumber}</span>. It stays in the order’s history as Removed.
          </>
        ) : null
      }
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            Keep vehicle
          </Button>
          <Button type="submit" variant="danger" busy={busy}>
            Remove vehicle
          </Button>
        </>
      }
    >
      {error && !fieldError ? (
        <NoticeBanner tone="error" className="mb-4">
          {error.message}
        </NoticeBanner>
      ) : null}
      <TextAreaField
        label={reasonRequired ? 'Reason for removing' : 'Reason for removing (optional)'}
        required={reasonRequired}
        data-autofocus
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          if (error) setError(null);
        }}
        placeholder="e.g. Auction price exceeded the customer’s limit."
        error={fieldError}
      />
    </Dialog>
  );
}
