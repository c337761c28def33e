// Follow-up tasks: create on an open order, edit and reassign at a known version, complete (and schedule the next one in the same transaction), and the "My tasks" buckets in the office's time zone.
import { notFound, PortsideError } from '../../core/api/errors';
import { diffFields } from '../../core/domain/audit';
import type { PeopleNames } from '../../core/domain/people';
import {
  type Colleague,
  localDateOf,
  type OverdueTask,
  type Task,
  taskBucket,
  type TaskCompleteInput,
  type TaskCreateInput,
  type TaskListInput,
  type TaskListResult,
  type TaskUpdateInput,
  type TaskView,
} from '../../core/domain/task';
import { fromTask, type TaskWithContext } from '../db/repos/tasks-repo';
import { type Actor, baseFieldsOf, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

const AUDITED_TASK_FIELDS = [
  'title',
  'notes',
  'assigneeId',
  'dueDate',
  'vehicleId',
  'doneAt',
  'doneBy',
] as const satisfies readonly (keyof Task)[];

/** Audit actions of tasks (entity 'task', filed under the task's order). */
export const TASK_AUDIT_ACTIONS = ['task_created', 'task_updated', 'task_completed', 'task_reopened'] as const;
export type TaskAuditAction = (typeof TASK_AUDIT_ACTIONS)[number];

const CLOSED_STATUSES = new Set(['Cancelled', 'Completed']);

export class TasksService {
  constructor(
    private readonly deps: ServiceDeps,
    /** The office's IANA time zone: "today" for due dates is the office's day, as for order numbers. */
    private readonly timeZone: string,
  ) {}

  /** The office's date now, YYYY-MM-DD. */
  today(): string {
    return localDateOf(this.deps.clock.now(), this.timeZone);
  }

  listForOrder(orderId: string): { items: TaskView[] } {
    if (!this.deps.repos.orders.get(orderId)) throw notFound(`Order ${orderId}`);
    return { items: this.views(this.deps.repos.tasks.listForOrder(orderId)) };
  }

  list(actor: Actor, input: TaskListInput): TaskListResult {
    const today = this.today();
    const assignee = input.assignee === 'all' ? null : input.assignee === 'me' ? (actor.id ?? '') : input.assignee;
    const page = this.deps.repos.tasks.list({ assignee, bucket: input.bucket, today, limit: input.limit, cursor: input.cursor });
    return { items: this.views(page.items, today), nextCursor: page.nextCursor, counts: this.deps.repos.tasks.counts(assignee, today) };
  }

  /** Overdue tasks (on the office's date today) that this device has not notified about yet: the notifier's feed. */
  overdueToNotify(limit = 200): OverdueTask[] {
    return this.deps.repos.tasks.overdueSince(this.today(), limit);
  }

  /** Every colleague with their roles, for assignee pickers (`GET /users`). */
  colleagues(): { items: Colleague[] } {
    return {
      items: this.deps.repos.users.all().map((u) => ({ id: u.id, displayName: u.displayName, roles: [...u.roles], active: !u.disabled })),
    };
  }

  create(actor: Actor, input: TaskCreateInput): TaskView {
    const task = inTransaction(this.deps, actor, 'tasks.create', (uow) => {
      const order = uow.repos.orders.get(input.id);
      if (!order) throw notFound(`Order ${input.id}`);
      if (CLOSED_STATUSES.has(order.status)) {
        throw new PortsideError(
          'RULE_VIOLATION',
          `Order ${order.orderNumber} is ${order.status}: a closed order takes no new tasks. Its existing tasks can still be completed.`,
          { fields: { id: `Order ${order.orderNumber} is closed.` } },
        );
      }
      if (input.vehicleId !== undefined) {
        if (!uow.repos.vehicles.get(input.vehicleId)) {
          throw new PortsideError('NOT_FOUND', `Vehicle ${input.vehicleId} was not found: pick one of the order's vehicles, or none.`, {
            fields: { vehicleId: 'No vehicle with this id.' },
          });
        }
        const onOrder = uow.repos.orders.links(order.id).some((l) => l.vehicleId === input.vehicleId && l.status !== 'Removed');
        if (!onOrder) {
          throw new PortsideError(
            'RULE_VIOLATION',
            `That vehicle is not on order ${order.orderNumber}: pick one of the order's vehicles, or none.`,
            { fields: { vehicleId: `Not a vehicle of order ${order.orderNumber}.` } },
          );
        }
      }
      const assigneeId = this.assignable(uow, input.assigneeId, 'assigneeId');
      return this.insertTask(uow, {
        orderId: order.id,
        vehicleId: input.vehicleId ?? null,
        title: input.title,
        notes: input.notes ?? null,
        assigneeId,
        dueDate: input.dueDate,
      });
    });
    return this.view(task);
  }

  update(actor: Actor, input: TaskUpdateInput): TaskView {
    const saved = inTransaction(this.deps, actor, 'tasks.update', (uow) => {
      const before = this.current(uow, input.id, input.version);
      const next: Task = { ...before };
      if (input.title !== undefined) next.title = input.title;
      if (input.notes !== undefined) next.notes = input.notes;
      if (input.dueDate !== undefined) next.dueDate = input.dueDate;
      // Only a new assignee is checked: a task may keep one whose account is gone (or from another device).
      if (input.assigneeId !== undefined && input.assigneeId !== before.assigneeId) {
        next.assigneeId = this.assignable(uow, input.assigneeId, 'assigneeId');
      }
      if (input.done === true && before.doneAt === null) Object.assign(next, { doneAt: uow.now, doneBy: uow.actorId });
      if (input.done === false) Object.assign(next, { doneAt: null, doneBy: null });
      return this.saveTask(uow, before, next);
    });
    return this.view(saved);
  }

  /** Marks the task done; with `next`, creates the follow-up task on the same order in the same transaction. */
  complete(actor: Actor, input: TaskCompleteInput): { task: TaskView; next: TaskView | null } {
    const { task, next } = inTransaction(this.deps, actor, 'tasks.complete', (uow) => {
      const before = this.current(uow, input.id, input.version);
      if (before.doneAt !== null) {
        throw new PortsideError(
          'RULE_VIOLATION',
          `"${before.title}" is already done (by ${uow.repos.people.nameOf(before.doneBy ?? '')}). Reload the tasks to see it.`,
        );
      }
      const done = this.saveTask(uow, before, { ...before, doneAt: uow.now, doneBy: uow.actorId });
      if (!input.next) return { task: done, next: null };
      const order = uow.repos.orders.get(before.orderId);
      if (order && CLOSED_STATUSES.has(order.status)) {
        throw new PortsideError(
          'RULE_VIOLATION',
          `Order ${order.orderNumber} is ${order.status}: a closed order takes no new tasks. Mark this one done without scheduling a next one.`,
          { fields: { next: `Order ${order.orderNumber} is closed.` } },
        );
      }
      const followUp = this.insertTask(uow, {
        orderId: before.orderId,
        vehicleId: before.vehicleId,
        title: input.next.title ?? before.title,
        notes: null,
        assigneeId:
          input.next.assigneeId === undefined ? before.assigneeId : this.assignable(uow, input.next.assigneeId, 'next.assigneeId'),
        dueDate: input.next.dueDate,
      });
      return { task: done, next: followUp };
    });
    return { task: this.view(task), next: next ? this.view(next) : null };
  }

  /** The task at the version the caller saw: 404 when gone, 409 with the current task when changed since. */
  private current(uow: UnitOfWork, id: string, version: number): Task {
    const before = uow.repos.tasks.get(id);
    if (!before) throw notFound(`Task ${id}`);
    if (before.version !== version) {
      throw new PortsideError(
        'CONFLICT',
        `Task "${before.title}" was changed by ${uow.repos.people.nameOf(before.updatedBy)} after you opened it (you had version ${version}, it is now ${before.version}). Review it and try again.`,
        { current: this.view(before) },
      );
    }
    return before;
  }

  /** The assignee to store: the actor when none is given, else an active local account. */
  private assignable(uow: UnitOfWork, assigneeId: string | undefined, field: string): string {
    if (assigneeId === undefined) return uow.actorId;
    const user = uow.repos.users.byId(assigneeId);
    if (!user) {
      throw new PortsideError('NOT_FOUND', 'Nobody has that user id: pick the assignee from the list of colleagues.', {
        fields: { [field]: 'No user with this id.' },
      });
    }
    if (user.disabled) {
      throw new PortsideError('RULE_VIOLATION', `${user.displayName}'s account is disabled: assign the task to an active colleague.`, {
        fields: { [field]: 'This account is disabled.' },
      });
    }
    return user.id;
  }

  private insertTask(
    uow: UnitOfWork,
    fields: Omit<Task, 'id' | 'doneAt' | 'doneBy' | 'version' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>,
  ): Task {
    const task: Task = {
      id: uow.newId(),
      ...fields,
      doneAt: null,
      doneBy: null,
      version: 1,
      createdAt: uow.now,
      createdBy: uow.actorId,
      updatedAt: uow.now,
      updatedBy: uow.actorId,
    };
    uow.repos.tasks.insert(fromTask(task));
    uow.audit({
      entityType: 'task',
      entityId: task.id,
      orderId: task.orderId,
      action: 'task_created',
      changes: diffFields(null, task, AUDITED_TASK_FIELDS),
    });
    uow.outbox({ entity: 'task', key: { orderId: task.orderId, id: task.id }, baseVersion: null, baseFields: null, data: { ...task } });
    uow.notify({ entity: 'order', id: task.orderId, summary: `New task: ${task.title}` });
    return task;
  }

  /** Writes `next` over `before` (one version up), audited and queued for sync; nothing when nothing changed. */
  private saveTask(uow: UnitOfWork, before: Task, next: Task): Task {
    const changes = diffFields(before, next, AUDITED_TASK_FIELDS);
    if (changes.length === 0) return before;
    const saved: Task = { ...next, version: before.version + 1, updatedAt: uow.now, updatedBy: uow.actorId };
    uow.repos.tasks.update(fromTask(saved));
    const action: TaskAuditAction =
      before.doneAt === null && saved.doneAt !== null
        ? 'task_completed'
        : before.doneAt !== null && saved.doneAt === null
          ? 'task_reopened'
          : 'task_updated';
    uow.audit({ entityType: 'task', entityId: saved.id, orderId: saved.orderId, action, changes });
    uow.outbox({
      entity: 'task',
      key: { orderId: saved.orderId, id: saved.id },
      baseVersion: before.version,
      baseFields: baseFieldsOf(before, changes),
      data: { ...saved },
    });
    uow.notify({ entity: 'order', id: saved.orderId });
    return saved;
  }

  private view(task: Task): TaskView {
    const order = this.deps.repos.orders.get(task.orderId);
    const vehicle = task.vehicleId ? this.deps.repos.vehicles.get(task.vehicleId) : null;
    const [view] = this.views([
      {
        ...task,
        orderNumber: order?.orderNumber ?? '',
        vehicleLabel: vehicle ? `${vehicle.year} ${vehicle.make} ${vehicle.model} (${vehicle.vin})` : null,
      },
    ]);
    if (!view) throw new Error('A task view went missing.');
    return view;
  }

  private views(tasks: readonly TaskWithContext[], today = this.today()): TaskView[] {
    const names: PeopleNames = this.deps.repos.people.names(tasks.flatMap((t) => [t.assigneeId, t.doneBy, t.createdBy, t.updatedBy]));
    return tasks.map((t) => ({
      ...t,
      assigneeName: names.nameOf(t.assigneeId),
      doneByName: t.doneBy === null ? null : names.nameOf(t.doneBy),
      createdByName: names.nameOf(t.createdBy),
      updatedByName: names.nameOf(t.updatedBy),
      bucket: taskBucket(t, today),
    }));
  }
}
