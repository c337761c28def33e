// Where a task falls (overdue, today, upcoming, done) on the office's calendar: midnight and daylight-saving edges, and the task schemas.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  countTaskBuckets,
  localDateOf,
  taskBucket,
  taskCompleteInput,
  taskCreateInput,
  taskListInput,
  taskUpdateInput,
} from '../../core/domain/task';

const open = (dueDate: string) => ({ dueDate, doneAt: null });

describe("the office's date", () => {
  it('is the calendar day in the office time zone, not in UTC', () => {
    // 11:30 UTC on 30 November is already 1 December (00:30 NZDT) in Auckland, still 30 November in London and New York.
    expect(localDateOf('2026-11-30T11:30:00.000Z', 'Pacific/Auckland')).toBe('2026-12-01');
    expect(localDateOf('2026-11-30T11:30:00.000Z', 'Europe/London')).toBe('2026-11-30');
    expect(localDateOf('2026-11-30T11:30:00.000Z', 'America/New_York')).toBe('2026-11-30');
  });

  it('turns at local midnight: one millisecond before is still yesterday', () => {
    // Midnight 1 December in Auckland (UTC+13 in summer) is 11:00 UTC on 30 November.
    expect(localDateOf('2026-11-30T10:59:59.999Z', 'Pacific/Auckland')).toBe('2026-11-30');
    expect(localDateOf('2026-11-30T11:00:00.000Z', 'Pacific/Auckland')).toBe('2026-12-01');
  });

  it('turns at local midnight on both sides of a daylight-saving change', () => {
    // London leaves BST on Sunday 25 October 2026: midnight of the 25th is 23:00 UTC, of the 26th 00:00 UTC.
    expect(localDateOf('2026-10-24T22:59:59.999Z', 'Europe/London')).toBe('2026-10-24');
    expect(localDateOf('2026-10-24T23:00:00.000Z', 'Europe/London')).toBe('2026-10-25');
    expect(localDateOf('2026-10-25T23:59:59.999Z', 'Europe/London')).toBe('2026-10-25');
    expect(localDateOf('2026-10-26T00:00:00.000Z', 'Europe/London')).toBe('2026-10-26');
    // New York springs forward on 8 March 2026: 02:00 EST becomes 03:00 EDT; the day still turns at 05:00 / 04:00 UTC.
    expect(localDateOf('2026-03-08T04:59:59.999Z', 'America/New_York')).toBe('2026-03-07');
    expect(localDateOf('2026-03-08T05:00:00.000Z', 'America/New_York')).toBe('2026-03-08');
    expect(localDateOf('2026-03-09T03:59:59.999Z', 'America/New_York')).toBe('2026-03-08');
    expect(localDateOf('2026-03-09T04:00:00.000Z', 'America/New_York')).toBe('2026-03-09');
  });
});

describe('task buckets', () => {
  const today = '2026-11-30';

  it('puts a task due before today in overdue, due today in today, later in upcoming', () => {
    expect(taskBucket(open('2026-11-29'), today)).toBe('overdue');
    expect(taskBucket(open('2026-11-30'), today)).toBe('today');
    expect(taskBucket(open('2026-12-01'), today)).toBe('upcoming');
  });

  it('compares whole dates across month and year ends', () => {
    expect(taskBucket(open('2026-12-31'), '2027-01-01')).toBe('overdue');
    expect(taskBucket(open('2027-01-01'), '2026-12-31')).toBe('upcoming');
    expect(taskBucket(open('2026-02-28'), '2026-03-01')).toBe('overdue');
  });

  it('puts a done task in done, whatever its due date', () => {
    expect(taskBucket({ dueDate: '2020-01-01', doneAt: '2026-11-30T09:00:00.000Z' }, today)).toBe('done');
    expect(taskBucket({ dueDate: '2030-01-01', doneAt: '2026-11-30T09:00:00.000Z' }, today)).toBe('done');
  });

  it('makes a task due "today" overdue the moment the office passes midnight', () => {
    const task = open('2026-11-30');
    expect(taskBucket(task, localDateOf('2026-11-30T10:59:59.999Z', 'Pacific/Auckland'))).toBe('today');
    expect(taskBucket(task, localDateOf('2026-11-30T11:00:00.000Z', 'Pacific/Auckland'))).toBe('overdue');
  });

  it('counts open tasks per bucket and leaves done ones out', () => {
    const tasks = [open('2026-11-01'), open('2026-11-29'), open(today), open('2027-01-01'), { dueDate: '2026-11-01', doneAt: 'x' }];
    expect(countTaskBuckets(tasks, today)).toEqual({ overdue: 2, today: 1, upcoming: 1 });
    expect(countTaskBuckets([], today)).toEqual({ overdue: 0, today: 0, upcoming: 0 });
  });

  it('adds calendar days across month, year and leap-day ends', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 7)).toBe('2027-01-07');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-08', 7)).toBe('2026-03-15');
  });
});

describe('task input', () => {
  it('refuses a due date that does not exist, naming the field', () => {
    const result = taskCreateInput.safeParse({ id: 'o1', title: 'Call', dueDate: '2026-02-29' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^Due date must be a real date/);
    expect(taskCreateInput.safeParse({ id: 'o1', title: 'Call', dueDate: '2028-02-29' }).success).toBe(true);
  });

  it('refuses unknown fields and coercion', () => {
    expect(taskCreateInput.safeParse({ id: 'o1', title: 'Call', dueDate: '2026-12-01', priority: 1 }).success).toBe(false);
    expect(taskUpdateInput.safeParse({ id: 't1', version: '1' }).success).toBe(false);
    expect(taskUpdateInput.safeParse({ id: 't1', version: 1, done: 'true' }).success).toBe(false);
    expect(taskCompleteInput.safeParse({ id: 't1', version: 1, next: { title: 'Again' } }).success).toBe(false);
    expect(taskCompleteInput.safeParse({ id: 't1', version: 1, next: { dueDate: '2026-12-01', when: 'soon' } }).success).toBe(false);
  });

  it('lists my tasks unless told otherwise', () => {
    expect(taskListInput.parse({})).toEqual({ assignee: 'me', limit: 50 });
    expect(taskListInput.safeParse({ bucket: 'someday' }).success).toBe(false);
  });
});
