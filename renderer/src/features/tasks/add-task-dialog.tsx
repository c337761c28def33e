// Add-task dialog: title, assignee (me by default), due date, optionally one of the order's vehicles, and notes.
import { useState } from 'react';
import type { Order } from '../../../../core/domain/order';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { todayInputValue } from '../../format/dates';
import { useSaveAction } from '../../hooks/use-save-action';
import { useSessionStore } from '../../stores/session-store';
import { useTasksStore } from '../../stores/tasks-store';
import { AssigneeSelect } from './assignee-select';

const FIELDS = ['title', 'assigneeId', 'dueDate', 'vehicleId', 'notes'];

export function AddTaskDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const create = useTasksStore((s) => s.create);
  const me = useSessionStore((s) => s.user);
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState(me?.id ?? '');
  const [dueDate, setDueDate] = useState(todayInputValue());
  const [vehicleId, setVehicleId] = useState('');
  const [notes, setNotes] = useState('');
  const save = useSaveAction();
  const fields = save.error?.fields ?? {};
  const vehicles = order.vehicles.filter((v) => v.status !== 'Removed');

  const submit = async () => {
    const input = {
      title,
      dueDate,
      ...(assigneeId ? { assigneeId } : {}),
      ...(vehicleId ? { vehicleId } : {}),
      ...(notes.trim() ? { notes } : {}),
    };
    if (await save.run(() => create(order.id, input))) onClose();
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={save.busy}
      title="Add a follow-up task"
      description={`On order ${order.orderNumber}`}
      onSubmit={() => void submit()}
      error={save.messageBeyond(FIELDS)}
      footer={<DialogActions onCancel={onClose} busy={save.busy} submitLabel="Add task" submitDisabled={title.trim() === ''} />}
    >
      <div className="space-y-4">
        <TextField
          label="Title"
          required
          data-autofocus
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. Call about the deposit"
          error={fields.title}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <AssigneeSelect value={assigneeId} onChange={setAssigneeId} error={fields.assigneeId} />
          <TextField
            label="Due date"
            type="date"
            required
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
            error={fields.dueDate}
          />
        </div>
        <SelectField label="Vehicle (optional)" value={vehicleId} onChange={(e) => setVehicleId(e.target.value)} error={fields.vehicleId}>
          <option value="">The whole order</option>
          {vehicles.map((v) => (
            <option key={v.vehicleId} value={v.vehicleId}>
              {v.year} {v.make} {v.model} · {v.vin}
            </option>
          ))}
        </SelectField>
        <TextAreaField label="Notes (optional)" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} error={fields.notes} />
      </div>
    </Dialog>
  );
}
