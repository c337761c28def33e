// SQL for follow-up tasks: prepared statements only; lists by order and by assignee bucket, and the overdue notifier's feed.
import type { OpenTaskBucket, OverdueTask, Task, TaskBucket, TaskCounts } from '../../../core/domain/task';
import type { Db } from '../database';
import { decodeCursor, encodeCursor } from '../cursor';

export interface TaskRow {
  id: string;
  order_id: string;
  vehicle_id: string | null;
  title: string;
  notes: string | null;
  assignee_id: string;
  due_date: string;
  done_at: string | null;
  done_by: string | null;
  created_at: string;
  created_by: string;
  version: number;
  updated_at: string;
  updated_by: string;
  deleted: number;
}

/** A task with what its lists show beside it: its order's number and its vehicle. */
export interface TaskWithContext extends Task {
  orderNumber: string;
  vehicleLabel: string | null;
}

type TaskRowWithContext = TaskRow & {
  order_number: string;
  vin: string | null;
  make: string | null;
  model: string | null;
  year: number | null;
};

export const TASK_COLUMNS = [
  'id',
  'order_id',
  'vehicle_id',
  'title',
  'notes',
  'assignee_id',
  'due_date',
  'done_at',
  'done_by',
  'created_at',
  'created_by',
  'version',
  'updated_at',
  'updated_by',
  'deleted',
] as const;

export function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    orderId: r.order_id,
    vehicleId: r.vehicle_id,
    title: r.title,
    notes: r.notes,
    assigneeId: r.assignee_id,
    dueDate: r.due_date,
    doneAt: r.done_at,
    doneBy: r.done_by,
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function fromTask(t: Task): TaskRow {
  return {
    id: t.id,
    order_id: t.orderId,
    vehicle_id: t.vehicleId,
    title: t.title,
    notes: t.notes,
    assignee_id: t.assigneeId,
    due_date: t.dueDate,
    done_at: t.doneAt,
    done_by: t.doneBy,
    created_at: t.createdAt,
    created_by: t.createdBy,
    version: t.version,
    updated_at: t.updatedAt,
    updated_by: t.updatedBy,
    deleted: 0,
  };
}

function withContext(r: TaskRowWithContext): TaskWithContext {
  return {
    ...toTask(r),
    orderNumber: r.order_number,
    vehicleLabel: r.vin === null ? null : `${r.year ?? ''} ${r.make ?? ''} ${r.model ?? ''} (${r.vin})`.trim(),
  };
}

const SELECT_WITH_CONTEXT = `SELECT ${TASK_COLUMNS.map((c) => `t.${c}`).join(', ')}, o.order_number, v.vin, v.make, v.model, v.year
  FROM tasks t JOIN orders o ON o.id = t.order_id LEFT JOIN vehicles v ON v.id = t.vehicle_id`;

/** Which tasks of whom: `assignee` null = everybody's. */
export interface TaskListFilter {
  assignee: string | null;
  bucket: TaskBucket | undefined;
  /** The office's date today, YYYY-MM-DD: what overdue, today and upcoming are measured against. */
  today: string;
  limit: number;
  cursor?: string | undefined;
}

/**
 * A bucket of open tasks as a due-date range [from, to) on `today`: text comparison works because
 * due dates are YYYY-MM-DD, and "~" sorts after every digit, so `today~` bounds today's tasks.
 */
function dueDateRange(bucket: OpenTaskBucket | undefined, today: string): { from: string; to: string } {
  switch (bucket) {
    case 'overdue':
      return { from: '', to: today };
    case 'today':
      return { from: today, to: `${today}~` };
    case 'upcoming':
      return { from: `${today}~`, to: '~' };
    case undefined:
      return { from: '', to: '~' };
  }
}

export class TasksRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly forOrderStmt;
  private readonly openListStmts;
  private readonly doneListStmts;
  private readonly countsStmts;
  private readonly overdueStmt;
  private readonly markNotifiedStmt;

  constructor(private readonly db: Db) {
    const params = TASK_COLUMNS.map((c) => `@${c}`).join(', ');
    this.insertStmt = db.prepare<TaskRow>(`INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) VALUES (${params})`);
    this.updateStmt = db.prepare<TaskRow>(
      `UPDATE tasks SET title=@title, notes=@notes, assignee_id=@assignee_id, due_date=@due_date, done_at=@done_at,
         done_by=@done_by, version=@version, updated_at=@updated_at, updated_by=@updated_by, deleted=@deleted
       WHERE id=@id`,
    );
    this.byIdStmt = db.prepare<[string], TaskRow>(`SELECT ${TASK_COLUMNS.join(', ')} FROM tasks WHERE id = ? AND deleted = 0`);
    this.forOrderStmt = db.prepare<[string], TaskRowWithContext>(
      `${SELECT_WITH_CONTEXT} WHERE t.order_id = ? AND t.deleted = 0 ORDER BY t.done_at IS NOT NULL, t.due_date, t.id`,
    );
    // One statement per "whose": `(@assignee IS NULL OR assignee_id = @assignee)` would keep SQLite off the assignee index.
    const whose = (one: boolean, alias: string) => (one ? `${alias}assignee_id = @assignee` : '1');
    const openList = (one: boolean) =>
      db.prepare<
        { assignee: string | null; from: string; to: string; after_due: string | null; after_id: string; limit: number },
        TaskRowWithContext
      >(
        `${SELECT_WITH_CONTEXT}
         WHERE ${whose(one, 't.')} AND t.done_at IS NULL AND t.deleted = 0
           AND t.due_date >= @from AND t.due_date < @to
           AND (@after_due IS NULL OR (t.due_date, t.id) > (@after_due, @after_id))
         ORDER BY t.due_date, t.id LIMIT @limit`,
      );
    const doneList = (one: boolean) =>
      db.prepare<{ assignee: string | null; after_done: string | null; after_id: string; limit: number }, TaskRowWithContext>(
        `${SELECT_WITH_CONTEXT}
         WHERE ${whose(one, 't.')} AND t.done_at IS NOT NULL AND t.deleted = 0
           AND (@after_done IS NULL OR (t.done_at, t.id) < (@after_done, @after_id))
         ORDER BY t.done_at DESC, t.id DESC LIMIT @limit`,
      );
    const counts = (one: boolean) =>
      db.prepare<{ assignee: string | null; today: string }, TaskCounts>(
        `SELECT coalesce(sum(due_date < @today), 0) AS overdue, coalesce(sum(due_date = @today), 0) AS today,
           coalesce(sum(due_date > @today), 0) AS upcoming
         FROM tasks WHERE ${whose(one, '')} AND done_at IS NULL AND deleted = 0`,
      );
    this.openListStmts = { one: openList(true), all: openList(false) };
    this.doneListStmts = { one: doneList(true), all: doneList(false) };
    this.countsStmts = { one: counts(true), all: counts(false) };
    this.overdueStmt = db.prepare<{ today: string; limit: number }, TaskRow>(
      `SELECT ${TASK_COLUMNS.join(', ')} FROM tasks
       WHERE due_date < @today AND done_at IS NULL AND overdue_notified_at IS NULL AND deleted = 0
       ORDER BY due_date, id LIMIT @limit`,
    );
    this.markNotifiedStmt = db.prepare<[string, string]>(`UPDATE tasks SET overdue_notified_at = ? WHERE id = ?`);
  }

  insert(row: TaskRow): void {
    this.insertStmt.run(row);
  }

  update(row: TaskRow): void {
    this.updateStmt.run(row);
  }

  get(id: string): Task | null {
    const row = this.byIdStmt.get(id);
    return row ? toTask(row) : null;
  }

  /** The order's tasks, open ones first by due date, then done ones: for its Tasks tab and its timeline. */
  listForOrder(orderId: string): TaskWithContext[] {
    return this.forOrderStmt.all(orderId).map(withContext);
  }

  /** One page of a bucket (or of every open task when `bucket` is undefined). */
  list(filter: TaskListFilter): { items: TaskWithContext[]; nextCursor: string | null } {
    const after = decodeCursor(filter.cursor);
    let rows: TaskRowWithContext[];
    if (filter.bucket === 'done') {
      rows = this.doneListStmts[filter.assignee === null ? 'all' : 'one'].all({
        assignee: filter.assignee,
        after_done: after?.sortKey ?? null,
        after_id: after?.id ?? '',
        limit: filter.limit + 1,
      });
    } else {
      const { from, to } = dueDateRange(filter.bucket, filter.today);
      rows = this.openListStmts[filter.assignee === null ? 'all' : 'one'].all({
        assignee: filter.assignee,
        from,
        to,
        after_due: after?.sortKey ?? null,
        after_id: after?.id ?? '',
        limit: filter.limit + 1,
      });
    }
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    const sortKey = last ? (filter.bucket === 'done' ? (last.done_at ?? '') : last.due_date) : '';
    return {
      items: page.map(withContext),
      nextCursor: rows.length > filter.limit && last ? encodeCursor(sortKey, last.id) : null,
    };
  }

  /** How SQLite runs the statements behind a list and its counts (tests hold them to their indexes). */
  queryPlans(assignee: string | null, bucket: TaskBucket | undefined): string[] {
    const whose = assignee === null ? 'all' : 'one';
    const list = bucket === 'done' ? this.doneListStmts[whose] : this.openListStmts[whose];
    return [list, this.countsStmts[whose], this.overdueStmt].map((stmt) =>
      this.db
        .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${stmt.source}`)
        .all({ assignee, from: '', to: '~', after_due: null, after_done: null, after_id: '', limit: 1, today: '2026-01-01' })
        .map((r) => r.detail)
        .join(' | '),
    );
  }

  /** Open tasks per bucket on `today`, for one assignee or (null) everybody. */
  counts(assignee: string | null, today: string): TaskCounts {
    return this.countsStmts[assignee === null ? 'all' : 'one'].get({ assignee, today }) ?? { overdue: 0, today: 0, upcoming: 0 };
  }

  /**
   * Tasks that are overdue on `today` (the office's date) and that this device has not notified
   * about yet, oldest due first. The notifier calls `markOverdueNotified` for those it told; a
   * new due date or a reopened task clears the mark, so it is told again if it becomes overdue again.
   */
  overdueSince(today: string, limit = 200): OverdueTask[] {
    return this.overdueStmt.all({ today, limit }).map((r) => ({
      taskId: r.id,
      orderId: r.order_id,
      title: r.title,
      assigneeId: r.assignee_id,
      dueDate: r.due_date,
    }));
  }

  markOverdueNotified(taskIds: readonly string[], at: string): void {
    for (const id of taskIds) this.markNotifiedStmt.run(at, id);
  }
}
