// Migration 016 (tasks): the table, its indexes as the lists use them, and the overdue-notified mark that a new due date or a reopening clears.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../main/db/database';
import { TasksRepo } from '../../main/db/repos/tasks-repo';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-migration-tasks-'));
  db = openDatabase(join(dir, 'portside.sqlite'));
  db.exec(`INSERT INTO orders (id, order_number, customer_id, status, total_vehicles, completed_vehicles, order_value, currency, progress,
      order_date, search_text, version, created_at, created_by, updated_at, updated_by)
    VALUES ('o1', 'PS-2026-00001', NULL, 'Confirmed', 0, 0, 0, 'USD', 0, '2026-11-01', 'ps-2026-00001', 1, 'x', 'u', 'x', 'u')`);
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(sql: string, ...params: unknown[]): string {
  return db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => r.detail)
    .join(' | ');
}

function insertTask(id: string, dueDate: string): void {
  db.prepare(
    `INSERT INTO tasks (id, order_id, vehicle_id, title, notes, assignee_id, due_date, done_at, done_by, created_at, created_by,
       version, updated_at, updated_by, deleted)
     VALUES (?, 'o1', NULL, 'Call', NULL, 'u1', ?, NULL, NULL, 'x', 'u1', 1, 'x', 'u1', 0)`,
  ).run(id, dueDate);
}

describe('migration 016: tasks', () => {
  it("runs the repo's lists, counts and overdue feed on their indexes", () => {
    const repo = new TasksRepo(db);
    const [openList, counts, overdue] = repo.queryPlans('u1', 'today');
    expect(openList).toContain('USING INDEX tasks_by_assignee');
    expect(counts).toMatch(/USING (COVERING )?INDEX tasks_by_assignee/);
    expect(overdue).toContain('tasks_overdue_unnotified');
    expect(repo.queryPlans('u1', 'done')[0]).toContain('USING INDEX tasks_by_assignee');
    expect(plan(`SELECT id FROM tasks WHERE order_id = ? AND deleted = 0 ORDER BY done_at IS NOT NULL, due_date, id`, 'o1')).toContain(
      'USING INDEX tasks_by_order',
    );
  });

  it('clears the overdue-notified mark when the due date moves or the task is reopened, not on other edits', () => {
    const repo = new TasksRepo(db);
    insertTask('t1', '2026-11-20');
    expect(repo.overdueSince('2026-11-30').map((t) => t.taskId)).toEqual(['t1']);
    repo.markOverdueNotified(['t1'], '2026-11-30T08:00:00.000Z');
    expect(repo.overdueSince('2026-11-30')).toEqual([]);
    db.prepare(`UPDATE tasks SET title = 'Call again' WHERE id = 't1'`).run();
    expect(repo.overdueSince('2026-11-30')).toEqual([]);
    db.prepare(`UPDATE tasks SET due_date = '2026-11-25' WHERE id = 't1'`).run();
    expect(repo.overdueSince('2026-11-30').map((t) => t.taskId)).toEqual(['t1']);
    repo.markOverdueNotified(['t1'], '2026-11-30T08:00:00.000Z');
    db.prepare(`UPDATE tasks SET done_at = 'x', done_by = 'u1' WHERE id = 't1'`).run();
    db.prepare(`UPDATE tasks SET done_at = NULL, done_by = NULL WHERE id = 't1'`).run();
    expect(repo.overdueSince('2026-11-30').map((t) => t.taskId)).toEqual(['t1']);
  });

  it('refuses a task done by nobody, or by somebody but not done', () => {
    insertTask('t2', '2026-12-01');
    expect(() => db.prepare(`UPDATE tasks SET done_at = 'x' WHERE id = 't2'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE tasks SET done_by = 'u1' WHERE id = 't2'`).run()).toThrow(/CHECK/);
  });
});
