// Follow-up tasks on an order: input schemas, the task record, and the pure overdue / today / upcoming buckets in the office's time zone.
import { z } from 'zod';
import { cursor, dateOnly, entityId, optionalLongText, pageLimit, requiredText, version } from './fields';
import type { AuthorNames } from './people';

export const TASK_BUCKETS = ['overdue', 'today', 'upcoming', 'done'] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];
/** The buckets of tasks still to do (the "My tasks" counts). */
export type OpenTaskBucket = Exclude<TaskBucket, 'done'>;

const title = requiredText('Title', 200);
const notes = optionalLongText('Notes', 4000);
const dueDate = dateOnly('Due date');
const assigneeId = entityId('Assignee');

export const taskCreateInput = z.strictObject({
  id: entityId('Order id'),
  title,
  assigneeId: assigneeId.optional(),
  dueDate,
  vehicleId: entityId('Vehicle').optional(),
  notes,
});
export type TaskCreateInput = z.infer<typeof taskCreateInput>;

export const taskUpdateInput = z.strictObject({
  id: entityId('Task id'),
  version,
  title: title.optional(),
  assigneeId: assigneeId.optional(),
  dueDate: dueDate.optional(),
  /** null clears the notes. */
  notes: z.union([z.null(), notes]),
  /** false reopens a done task; true completes it (without scheduling a next one). */
  done: z.boolean({ error: 'done must be true or false.' }).optional(),
});
export type TaskUpdateInput = z.infer<typeof taskUpdateInput>;

export const taskCompleteInput = z.strictObject({
  id: entityId('Task id'),
  version,
  /** "Done & schedule next": the follow-up task, created in the same transaction. */
  next: z
    .strictObject(
      {
        title: title.optional(),
        dueDate,
        assigneeId: assigneeId.optional(),
      },
      { error: 'next must be an object {title?, dueDate, assigneeId?}.' },
    )
    .optional(),
});
export type TaskCompleteInput = z.infer<typeof taskCompleteInput>;

/** `me` (the caller), `all`, or a user's id. */
const assigneeFilter = z.preprocess(
  (v) => (v === '' || v === undefined ? 'me' : v),
  z.string({ error: 'assignee must be me, all or a user id.' }).regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    error: 'assignee must be me, all or a user id.',
  }),
);

export const taskListInput = z.strictObject({
  assignee: assigneeFilter,
  bucket: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(TASK_BUCKETS, { error: `bucket must be one of ${TASK_BUCKETS.join(', ')}.` }).optional(),
  ),
  limit: pageLimit,
  cursor,
});
export type TaskListInput = z.infer<typeof taskListInput>;

/** A follow-up task as stored and synced. */
export interface Task {
  id: string;
  orderId: string;
  vehicleId: string | null;
  title: string;
  notes: string | null;
  assigneeId: string;
  /** The day it is due, YYYY-MM-DD, in the office's calendar. */
  dueDate: string;
  doneAt: string | null;
  doneBy: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A task as the API shows it: names beside ids, its order's number, its vehicle, and where it falls today. */
export interface TaskView extends Task, AuthorNames {
  assigneeName: string;
  doneByName: string | null;
  orderNumber: string;
  /** "2019 Toyota Prius (JT...123)" when the task is about one vehicle. */
  vehicleLabel: string | null;
  bucket: TaskBucket;
}

export type TaskCounts = Record<OpenTaskBucket, number>;

export interface TaskListResult {
  items: TaskView[];
  nextCursor: string | null;
  counts: TaskCounts;
}

/** A task that became overdue and nobody was told yet: what the notifier needs. */
export interface OverdueTask {
  taskId: string;
  orderId: string;
  title: string;
  assigneeId: string;
  dueDate: string;
}

/** A colleague as `GET /users` lists them (for assignee pickers). */
export interface Colleague {
  id: string;
  displayName: string;
  roles: string[];
  active: boolean;
}

const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, format);
  }
  return format;
}

/**
 * The calendar day (YYYY-MM-DD) an instant falls on in the office's time zone: what "today"
 * means for due dates. 23:30 UTC on 31 March is already 1 April in Auckland.
 */
export function localDateOf(instant: string | Date, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Where a task falls on `today` (YYYY-MM-DD): done, or its due date before, on or after today. */
export function taskBucket(task: Pick<Task, 'dueDate' | 'doneAt'>, today: string): TaskBucket {
  if (task.doneAt !== null) return 'done';
  if (task.dueDate < today) return 'overdue';
  return task.dueDate === today ? 'today' : 'upcoming';
}

/** How many open tasks fall in each bucket on `today`. */
export function countTaskBuckets(tasks: readonly Pick<Task, 'dueDate' | 'doneAt'>[], today: string): TaskCounts {
  const counts: TaskCounts = { overdue: 0, today: 0, upcoming: 0 };
  for (const task of tasks) {
    const bucket = taskBucket(task, today);
    if (bucket !== 'done') counts[bucket] += 1;
  }
  return counts;
}

/** The day after `date` (YYYY-MM-DD), for "schedule next" defaults; calendar arithmetic, no time zone involved. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return next.toISOString().slice(0, 10);
}
