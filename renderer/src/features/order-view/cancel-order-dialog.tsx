// Cancel-order dialog: a reason is required (the API says so if it is missing); cancelling is final.
import type { Order } from '../../../../core/domain/order';
import { useOrderViewStore } from '../../stores/order-view-store';
import { ReasonDialog } from './reason-dialog';

export function CancelOrderDialog({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const cancel = useOrderViewStore((s) => s.cancel);
  return (
    <ReasonDialog
      open={open}
      onClose={onClose}
      title={`Cancel order ${order.orderNumber}?`}
      description="Cancelling is final. The order’s vehicles become available for other orders; its history is kept."
      keepLabel="Keep order"
      confirmLabel="Cancel order"
      reasonLabel="Reason for cancelling"
      reasonRequired
      placeholder="e.g. Customer withdrew: finance declined."
      hint="Shown in the order’s history and to anyone who opens the order."
      onConfirm={cancel}
    />
  );
}
