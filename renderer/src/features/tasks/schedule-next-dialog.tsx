// "Done & schedule next": completes the task and creates its follow-up in one change (title, due date and assignee of the next one).
import { useState } from 'react';
import { addDays, type TaskView } from '../../../../core/domain/task';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/form-fields';
import { todayInputValue } from '../../format/dates';
import { useSaveAction } from '../../hooks/use-save-action';
import { useTasksStore } from '../../stores/tasks-store';
import { AssigneeSelect } from './assignee-select';

const FIELDS = ['next.title', 'next.dueDate', 'next.assigneeId'];

export function ScheduleNextDialog({ task, onClose }: { task: TaskView; onClose: () => void }) {
  const complete = useTasksStore((s) => s.complete);
  const [title, setTitle] = useState(task.title);
  // A week from today: the usual rhythm of chasing a customer or a broker.
  const [dueDate, setDueDate] = useState(addDays(todayInputValue(), 7));
  const [assigneeId, setAssigneeId] = useState(task.assigneeId);
  const save = useSaveAction();
  const fields = save.error?.fields ?? {};

  const submit = async () => {
    const next = { title, dueDate, ...(assigneeId !== task.assigneeId ? { assigneeId } : {}) };
    if (await save.run(() => complete(task, next))) onClose();
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={save.busy}
      title="Done & schedule next"
      description={
        <>
          Marks <span className="font-medium text-ink">“{task.title}”</span> done and schedules the follow-up on {task.orderNumber}.
        </>
      }
      onSubmit={() => void submit()}
      error={save.messageBeyond(FIELDS)}
      footer={<DialogActions onCancel={onClose} busy={save.busy} submitLabel="Done & schedule" submitDisabled={title.trim() === ''} />}
    >
      <div className="space-y-4">
        <TextField
          label="Next task"
          required
          data-autofocus
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          error={fields['next.title']}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Due date"
            type="date"
            required
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
            error={fields['next.dueDate']}
          />
          <AssigneeSelect value={assigneeId} onChange={setAssigneeId} error={fields['next.assigneeId']} />
        </div>
      </div>
    </Dialog>
  );
}
