// Cancel-order dialog: a reason is required (the API says so if it is missing); cancelling is final.
import { useState } from 'react';
import type { Order } from '../../../../core/domain/order';
import type { ErrorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { TextAreaField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { useOrderViewStore } from '../../stores/order-view-store';

export function CancelOrderDialog({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const cancel = useOrderViewStore((s) => s.cancel);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await cancel(reason);
    setBusy(false);
    if (result.ok) {
      setReason('');
      onClose();
    } else setError(result.error);
  };

  const fieldError = error?.fields.reason;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      title={`Cancel order ${order.orderNumber}?`}
      description="Cancelling is final. The order’s vehicles become available for other orders; its history is kept."
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Keep order
          </Button>
          <Button type="submit" variant="danger" busy={busy}>
            Cancel order
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
        label="Reason for cancelling"
        required
        data-autofocus
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          if (error) setError(null);
        }}
        placeholder="e.g. Customer withdrew: finance declined."
        hint="Shown in the order’s history and to anyone who opens the order."
        error={fieldError}
      />
    </Dialog>
  );
}
