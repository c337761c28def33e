// Tasks grouped Overdue / Today / Upcoming / Done, each under a heading with its count; rows link to their order when asked.
import { useState } from 'react';
import type { TaskBucket, TaskView } from '../../../../core/domain/task';
import { ScheduleNextDialog } from './schedule-next-dialog';
import { TaskRow } from './task-row';
import { BUCKET_TITLES } from './task-text';

const HEADING_TONE: Record<TaskBucket, string> = {
  overdue: 'text-danger',
  today: 'text-warning-ink',
  upcoming: 'text-ink-muted',
  done: 'text-ink-subtle',
};

export function TaskSection({
  bucket,
  tasks,
  count,
  showOrder,
  mayWrite,
  onScheduleNext,
  empty,
}: {
  bucket: TaskBucket;
  tasks: readonly TaskView[];
  /** The bucket's full count when the list is one page of it. */
  count?: number;
  showOrder: boolean;
  mayWrite: boolean;
  onScheduleNext: (task: TaskView) => void;
  /** What an empty section says; without it an empty section is left out. */
  empty?: string;
}) {
  if (tasks.length === 0 && !empty) return null;
  return (
    <section aria-labelledby={`tasks-${bucket}`} data-testid={`tasks-${bucket}`}>
      <h3
        id={`tasks-${bucket}`}
        className={`flex items-center gap-2 border-y border-line bg-surface-muted px-5 py-2 text-caption font-semibold tracking-wider uppercase ${HEADING_TONE[bucket]}`}
      >
        {BUCKET_TITLES[bucket]}
        <span className="rounded-full bg-surface px-1.5 font-medium text-ink-muted ring-1 ring-line">{count ?? tasks.length}</span>
      </h3>
      {tasks.length === 0 ? (
        <p className="px-5 py-4 text-body-sm text-ink-subtle">{empty}</p>
      ) : (
        <ul className="divide-y divide-line">
          {tasks.map((task) => (
            <TaskRow key={task.id} task={task} showOrder={showOrder} mayWrite={mayWrite} onScheduleNext={onScheduleNext} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The "Done & schedule next" dialog's state, shared by the lists that open it. */
export function useScheduleNext(): { open: (task: TaskView) => void; dialog: React.ReactNode } {
  const [task, setTask] = useState<TaskView | null>(null);
  return {
    open: setTask,
    dialog: task ? <ScheduleNextDialog task={task} onClose={() => setTask(null)} /> : null,
  };
}
