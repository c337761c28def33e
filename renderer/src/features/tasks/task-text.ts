// How a task's due date and state read in lists: "Due today", "Overdue since 27 Nov 2026", "Done 30 Nov 2026, 09:12 by Casey".
import type { TaskBucket, TaskView } from '../../../../core/domain/task';
import { formatDate, formatDateTime } from '../../format/dates';

export const BUCKET_TITLES: Record<TaskBucket, string> = {
  overdue: 'Overdue',
  today: 'Today',
  upcoming: 'Upcoming',
  done: 'Done',
};

export function dueText(task: TaskView): string {
  switch (task.bucket) {
    case 'today':
      return 'Due today';
    case 'overdue':
      return `Overdue since ${formatDate(task.dueDate)}`;
    case 'upcoming':
      return `Due ${formatDate(task.dueDate)}`;
    case 'done':
      return `Done ${formatDateTime(task.doneAt)}${task.doneByName ? ` by ${task.doneByName}` : ''}`;
  }
}

/** Groups tasks by bucket in the order a CSR works through them. */
export function groupByBucket(tasks: readonly TaskView[]): [TaskBucket, TaskView[]][] {
  const order: TaskBucket[] = ['overdue', 'today', 'upcoming', 'done'];
  return order
    .map((bucket): [TaskBucket, TaskView[]] => [bucket, tasks.filter((t) => t.bucket === bucket)])
    .filter(([, items]) => items.length > 0);
}
