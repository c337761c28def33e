// The order's Tasks tab: its tasks grouped overdue / today / upcoming / done, "Add task" while the order is open.
import { useEffect, useState } from 'react';
import { hasPermission } from '../../../../core/auth/permissions';
import type { Order } from '../../../../core/domain/order';
import { isOpenStatus } from '../../../../core/domain/order-rules';
import type { TaskView } from '../../../../core/domain/task';
import { callApi } from '../../api/api-call';
import { type ErrorDetails, errorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { CheckIcon, PlusIcon, RefreshIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Skeleton } from '../../components/skeleton';
import { useSessionStore } from '../../stores/session-store';
import { useTasksStore } from '../../stores/tasks-store';
import { AddTaskDialog } from './add-task-dialog';
import { TaskSection, useScheduleNext } from './task-sections';
import { groupByBucket } from './task-text';

export function OrderTasksPanel({ order }: { order: Order }) {
  const revision = useTasksStore((s) => s.revision);
  const mayWrite = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'tasks:write') : false));
  const [tasks, setTasks] = useState<TaskView[] | null>(null);
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [reload, setReload] = useState(0);
  const [adding, setAdding] = useState(false);
  const next = useScheduleNext();
  // A closed order takes no new tasks; its open ones can still be completed.
  const mayAdd = mayWrite && isOpenStatus(order.status);

  useEffect(() => {
    let live = true;
    callApi('tasks.listForOrder', { id: order.id }).then(
      (result) => {
        if (!live) return;
        setTasks(result.items);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorDetails(e));
      },
    );
    return () => {
      live = false;
    };
    // order.version: another device's change to the order (and its tasks) arrives as an order change.
  }, [order.id, order.version, revision, reload]);

  const addButton = mayAdd ? (
    <Button variant="primary" size="sm" icon={<PlusIcon />} onClick={() => setAdding(true)}>
      Add task
    </Button>
  ) : null;

  let body;
  if (error && !tasks) {
    body = (
      <div className="p-6">
        <NoticeBanner
          tone="error"
          action={
            <Button size="sm" icon={<RefreshIcon />} onClick={() => setReload((n) => n + 1)}>
              Try again
            </Button>
          }
        >
          {error.message}
        </NoticeBanner>
      </div>
    );
  } else if (!tasks) {
    body = (
      <div className="space-y-4 p-5" aria-busy="true" aria-label="Loading tasks">
        {Array.from({ length: 3 }, (_, i) => (
          <div key={i} className="flex gap-3">
            <Skeleton className="size-4" />
            <div className="flex-1">
              <Skeleton className="h-4 w-56" />
              <Skeleton className="mt-2 h-3 w-80 max-w-full" />
            </div>
          </div>
        ))}
      </div>
    );
  } else if (tasks.length === 0) {
    body = (
      <EmptyState icon={<CheckIcon className="size-5" />} title="No follow-up tasks" action={addButton}>
        {mayAdd
          ? 'Add a task to remember a call, a document to chase or a booking to make, with a due date and who does it.'
          : 'This order is closed, so it takes no new tasks.'}
      </EmptyState>
    );
  } else {
    body = (
      <>
        <div className="flex items-center justify-between gap-3 px-5 py-3">
          <p className="text-body-sm text-ink-muted">
            {tasks.filter((t) => t.doneAt === null).length} open · {tasks.filter((t) => t.doneAt !== null).length} done
            {!isOpenStatus(order.status) ? ' · the order is closed: no new tasks' : ''}
          </p>
          {addButton}
        </div>
        {groupByBucket(tasks).map(([bucket, items]) => (
          <TaskSection key={bucket} bucket={bucket} tasks={items} showOrder={false} mayWrite={mayWrite} onScheduleNext={next.open} />
        ))}
      </>
    );
  }

  return (
    <div data-testid="order-tasks">
      {body}
      {adding ? <AddTaskDialog order={order} onClose={() => setAdding(false)} /> : null}
      {next.dialog}
    </div>
  );
}
