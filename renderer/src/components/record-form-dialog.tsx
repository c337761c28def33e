// The dialog around a form that adds a record (a customer, a vehicle): its refusal above the fields, Cancel and the save button.
import type { ReactNode } from 'react';
import type { RecordForm } from '../hooks/use-record-form';
import { Dialog, DialogActions } from './dialog';

export function RecordFormDialog<V extends Record<string, string>>({
  form,
  title,
  description,
  submitLabel,
  onClose,
  onSubmit,
  children,
}: {
  form: RecordForm<V>;
  title: string;
  description: ReactNode;
  submitLabel: string;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      busy={form.busy}
      title={title}
      description={description}
      onSubmit={onSubmit}
      error={form.formError}
      footer={<DialogActions onCancel={onClose} busy={form.busy} submitLabel={submitLabel} />}
    >
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </Dialog>
  );
}
