// Remove-vehicle dialog: a reason is required once the order is confirmed; the link stays in history as Removed.
import type { Order, OrderVehicle } from '../../../../core/domain/order';
import { useOrderViewStore } from '../../stores/order-view-store';
import { ReasonDialog } from './reason-dialog';

export function RemoveVehicleDialog({ order, vehicle, onClose }: { order: Order; vehicle: OrderVehicle; onClose: () => void }) {
  const removeVehicle = useOrderViewStore((s) => s.removeVehicle);
  const reasonRequired = order.status !== 'Draft';
  return (
    <ReasonDialog
      open
      onClose={onClose}
      title="Remove vehicle from order?"
      description={
        <>
          <span className="font-mono">{vehicle.vin}</span> · {vehicle.year} {vehicle.make} {vehicle.model} leaves order{' '}
          <span className="whitespace-nowrap">{order.orderNumber}</span>. It stays in the order’s history as Removed.
        </>
      }
      keepLabel="Keep vehicle"
      confirmLabel="Remove vehicle"
      reasonLabel={reasonRequired ? 'Reason for removing' : 'Reason for removing (optional)'}
      reasonRequired={reasonRequired}
      placeholder="e.g. Auction price exceeded the customer’s limit."
      onConfirm={(reason) => removeVehicle(vehicle.vehicleId, reason)}
    />
  );
}
