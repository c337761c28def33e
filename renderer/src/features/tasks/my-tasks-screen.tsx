// "My tasks": the signed-in user's (or everybody's) tasks in Overdue / Today / Upcoming / Done sections, each row linking to its order.
import { useEffect, useState } from 'react';
import { hasPermission } from '../../../../core/auth/permissions';
import type { TaskBucket, TaskCounts, TaskView } from '../../../../core/domain/task';
import { callApi } from '../../api/api-call';
import { type ErrorDetails, errorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { CheckIcon, RefreshIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card, Kbd, PageHeader } from '../../components/page-header';
import { Skeleton } from '../../components/skeleton';
import { useSessionStore } from '../../stores/session-store';
import { useTasksStore } from '../../stores/tasks-store';
import { TaskSection, useScheduleNext } from './task-sections';

type Whose = 'me' | 'all';
const BUCKETS: TaskBucket[] = ['overdue', 'today', 'upcoming', 'done'];
/** Open buckets show up to this many; Done shows the latest ones. */
const PAGE = 100;
const DONE_PAGE = 20;

interface Loaded {
  key: string;
  sections: Record<TaskBucket, TaskView[]>;
  counts: TaskCounts;
}

const EMPTY_TEXT: Record<TaskBucket, string> = {
  overdue: 'Nothing overdue.',
  today: 'Nothing due today.',
  upcoming: 'Nothing planned yet.',
  done: 'Nothing completed yet.',
};

export function MyTasksScreen() {
  const revision = useTasksStore((s) => s.revision);
  const mayWrite = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'tasks:write') : false));
  const [whose, setWhose] = useState<Whose>('me');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [reload, setReload] = useState(0);
  const next = useScheduleNext();
  const key = `${whose}:${revision}:${reload}`;

  useEffect(() => {
    let live = true;
    Promise.all(
      BUCKETS.map((bucket) => callApi('tasks.list', { assignee: whose, bucket, limit: bucket === 'done' ? DONE_PAGE : PAGE })),
    ).then(
      (pages) => {
        if (!live) return;
        const sections = Object.fromEntries(BUCKETS.map((b, i) => [b, pages[i]?.items ?? []])) as Record<TaskBucket, TaskView[]>;
        setLoaded({ key, sections, counts: pages[0]?.counts ?? { overdue: 0, today: 0, upcoming: 0 } });
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorDetails(e));
      },
    );
    return () => {
      live = false;
    };
  }, [whose, key]);

  const counts = loaded?.counts;
  const open = counts ? counts.overdue + counts.today + counts.upcoming : 0;
  const subtitle = counts ? (
    <>
      {counts.overdue > 0 ? <span className="font-medium text-danger">{counts.overdue} overdue</span> : 'Nothing overdue'} · {counts.today}{' '}
      due today · {counts.upcoming} upcoming
    </>
  ) : (
    'Follow-up tasks on orders'
  );

  return (
    <>
      <PageHeader
        title={whose === 'me' ? 'My tasks' : 'Everyone’s tasks'}
        subtitle={subtitle}
        actions={
          <>
            <span className="hidden items-center gap-1 text-caption text-ink-subtle sm:flex">
              <Kbd>G</Kbd> <Kbd>T</Kbd>
            </span>
            <div role="radiogroup" aria-label="Whose tasks" className="flex rounded-control bg-surface p-0.5 ring-1 ring-line">
              {(['me', 'all'] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  role="radio"
                  aria-checked={whose === value}
                  onClick={() => setWhose(value)}
                  className={`h-8 rounded-[5px] px-3 text-body-sm font-medium ${
                    whose === value ? 'bg-primary text-white' : 'text-ink-muted hover:text-ink'
                  }`}
                >
                  {value === 'me' ? 'Mine' : 'Everyone'}
                </button>
              ))}
            </div>
          </>
        }
      />
      {error ? (
        <NoticeBanner
          tone="error"
          className="mb-4"
          action={
            <Button size="sm" icon={<RefreshIcon />} onClick={() => setReload((n) => n + 1)}>
              Try again
            </Button>
          }
        >
          {error.message}
        </NoticeBanner>
      ) : null}
      <Card className="overflow-clip">
        {!loaded ? (
          <div className="space-y-4 p-6" aria-busy="true" aria-label="Loading tasks">
            {Array.from({ length: 5 }, (_, i) => (
              <div key={i}>
                <Skeleton className="h-4 w-64" />
                <Skeleton className="mt-2 h-3 w-96 max-w-full" />
              </div>
            ))}
          </div>
        ) : open === 0 && loaded.sections.done.length === 0 ? (
          <EmptyState icon={<CheckIcon className="size-5" />} title={whose === 'me' ? 'No tasks for you' : 'No tasks yet'}>
            Tasks are added on an order’s Tasks tab: a call to make, a document to chase, a booking to confirm.
          </EmptyState>
        ) : (
          BUCKETS.map((bucket) => (
            <TaskSection
              key={bucket}
              bucket={bucket}
              tasks={loaded.sections[bucket]}
              {...(bucket === 'done' ? {} : { count: loaded.counts[bucket] })}
              showOrder
              mayWrite={mayWrite}
              onScheduleNext={next.open}
              empty={EMPTY_TEXT[bucket]}
            />
          ))
        )}
      </Card>
      {next.dialog}
    </>
  );
}
