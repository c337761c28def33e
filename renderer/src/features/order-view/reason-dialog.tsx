// A dialog that asks why before a change (cancel an order, remove a vehicle, retract a stage): the reason field, the refusal, and the save in flight.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextAreaField } from '../../components/form-fields';
import { useSaveAction } from '../../hooks/use-save-action';
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
  /** What the change will do, shown above the reason field. */
  children?: ReactNode;
  /** While what the change is about is still loading (or there is nothing to change). */
  submitDisabled?: boolean;
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
  children,
  submitDisabled = false,
  onConfirm,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const save = useSaveAction();
  const field = useRef<HTMLDivElement>(null);
  const reasonRefused = save.error?.fields.reason;

  // A refused reason may sit below the fold of a short window: bring it into view, ready to type.
  useEffect(() => {
    if (!reasonRefused) return;
    field.current?.scrollIntoView({ block: 'nearest' });
    field.current?.querySelector('textarea')?.focus({ preventScroll: true });
  }, [reasonRefused]);

  const close = () => {
    setReason('');
    save.clearError();
    onClose();
  };

  const submit = async () => {
    if (submitDisabled) return;
    if (await save.run(() => onConfirm(reason))) close();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={save.busy}
      title={title}
      description={description}
      onSubmit={() => void submit()}
      error={save.messageBeyond(['reason'])}
      footer={
        <DialogActions
          onCancel={close}
          busy={save.busy}
          cancelLabel={keepLabel}
          submitLabel={confirmLabel}
          variant="danger"
          submitDisabled={submitDisabled}
        />
      }
    >
      {children}
      <div ref={field}>
        <TextAreaField
          label={reasonLabel}
          required={reasonRequired}
          data-autofocus
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            save.clearError();
          }}
          placeholder={placeholder}
          hint={hint}
          error={reasonRefused}
        />
      </div>
    </Dialog>
  );
}
