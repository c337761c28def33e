// A dialog that asks why before a change (cancel an order, remove a vehicle): the reason field, the refusal, and the save in flight.
import { type ReactNode, useState } from 'react';
import type { ErrorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { TextAreaField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import type { ActionResult } from '../../stores/order-view-store';

export interface ReasonDialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description: ReactNode;
  /** The danger button that makes the change, e.g. "Cancel order". */
  confirmLabel: string;
  /** The button that closes without changing anything, e.g. "Keep order". */
  keepLabel: string;
  reasonLabel: string;
  reasonRequired: boolean;
  placeholder: string;
  hint?: ReactNode;
  /** Makes the change; a refusal about the reason shows under the field, any other above it. */
  onConfirm: (reason: string) => Promise<ActionResult>;
}

export function ReasonDialog({
  open,
  onClose,
  title,
  description,
  confirmLabel,
  keepLabel,
  reasonLabel,
  reasonRequired,
  placeholder,
  hint,
  onConfirm,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);

  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await onConfirm(reason);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  };

  const fieldError = error?.fields.reason;
  return (
    <Dialog
      open={open}
      onClose={close}
      busy={busy}
      title={title}
      description={description}
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            {keepLabel}
          </Button>
          <Button type="submit" variant="danger" busy={busy}>
            {confirmLabel}
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
        label={reasonLabel}
        required={reasonRequired}
        data-autofocus
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          if (error) setError(null);
        }}
        placeholder={placeholder}
        hint={hint}
        error={fieldError}
      />
    </Dialog>
  );
}
