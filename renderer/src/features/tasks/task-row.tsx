// One task in a list: a check to complete it (or reopen it), its title, due date (red when overdue), assignee, vehicle and order.
import { useState } from 'react';
import { Link } from 'wouter';
import type { TaskView } from '../../../../core/domain/task';
import { Button } from '../../components/button';
import { ArrowRightIcon } from '../../components/icons';
import { routes } from '../../routes';
import { useTasksStore } from '../../stores/tasks-store';
import { useToastStore } from '../../stores/toast-store';
import { dueText } from './task-text';

export interface TaskRowProps {
  task: TaskView;
  /** Show the order's number as a link (My tasks); the order's own tab leaves it out. */
  showOrder: boolean;
  mayWrite: boolean;
  onScheduleNext: (task: TaskView) => void;
}

const DUE_TONE = {
  overdue: 'font-medium text-danger',
  today: 'font-medium text-warning-ink',
  upcoming: 'text-ink-muted',
  done: 'text-ink-subtle',
} as const;

export function TaskRow({ task, showOrder, mayWrite, onScheduleNext }: TaskRowProps) {
  const complete = useTasksStore((s) => s.complete);
  const reopen = useTasksStore((s) => s.reopen);
  const showToast = useToastStore((s) => s.show);
  const [busy, setBusy] = useState(false);
  const done = task.doneAt !== null;

  const toggle = async () => {
    setBusy(true);
    const result = done ? await reopen(task) : await complete(task);
    setBusy(false);
    if (!result.ok) showToast(`“${task.title}” was not changed: ${result.error.message}`, 'error');
  };

  return (
    <li
      className={`flex items-start gap-3 px-5 py-3 ${task.bucket === 'overdue' ? 'bg-danger-soft/40' : ''}`}
      data-testid="task-row"
      data-bucket={task.bucket}
    >
      <input
        type="checkbox"
        className="mt-1 size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed"
        checked={done}
        disabled={!mayWrite || busy}
        onChange={() => void toggle()}
        aria-label={done ? `Reopen “${task.title}”` : `Mark “${task.title}” done`}
      />
      <div className="min-w-0 flex-1">
        <p className={`text-body font-medium ${done ? 'text-ink-subtle line-through' : 'text-ink'}`}>{task.title}</p>
        <p className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-0.5 text-body-sm">
          <span className={DUE_TONE[task.bucket]}>{dueText(task)}</span>
          <span className="text-ink-muted">{task.assigneeName}</span>
          {task.vehicleLabel ? <span className="truncate text-ink-subtle">{task.vehicleLabel}</span> : null}
          {showOrder ? (
            <Link href={routes.order(task.orderId)} className="inline-flex items-center gap-1 font-medium text-primary hover:underline">
              {task.orderNumber}
              <ArrowRightIcon className="size-3.5" />
            </Link>
          ) : null}
        </p>
        {task.notes ? <p className="mt-1 text-body-sm whitespace-pre-line text-ink-muted">{task.notes}</p> : null}
      </div>
      {mayWrite && !done ? (
        <Button size="sm" variant="ghost" onClick={() => onScheduleNext(task)}>
          Done & next…
        </Button>
      ) : null}
    </li>
  );
}
