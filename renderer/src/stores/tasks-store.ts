// Tasks slice: the signed-in user's overdue / today / upcoming counts (the sidebar badge), a revision that task lists reload on, and the task actions.
import { create } from 'zustand';
import type { InputOf } from '../../../core/api/contract';
import type { TaskCounts, TaskView } from '../../../core/domain/task';
import { callApi } from '../api/api-call';
import { errorDetails } from '../api/error-details';
import type { ActionResult } from './order-view-store';
import { useToastStore } from './toast-store';

export type NewTask = Omit<InputOf<'tasks.create'>, 'id'>;
export type NextTask = NonNullable<InputOf<'tasks.complete'>['next']>;

export interface TasksState {
  /** The signed-in user's open tasks per bucket; null until first loaded. */
  counts: TaskCounts | null;
  /** Bumped after every task change here and every order change event: lists showing tasks reload on it. */
  revision: number;
  refreshCounts(): Promise<void>;
  /** Something changed (here or on another device): lists reload, the badge follows. */
  changed(): void;
  create(orderId: string, input: NewTask): Promise<ActionResult>;
  /** Done, or "done & schedule next" when `next` is given (one change on the server). */
  complete(task: TaskView, next?: NextTask): Promise<ActionResult>;
  reopen(task: TaskView): Promise<ActionResult>;
}

async function attempt(run: () => Promise<unknown>): Promise<ActionResult> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: errorDetails(error) };
  }
}

export const useTasksStore = create<TasksState>()((set, get) => ({
  counts: null,
  revision: 0,
  refreshCounts: async () => {
    try {
      // One row is enough: the counts come with every page.
      const { counts } = await callApi('tasks.list', { assignee: 'me', limit: 1 });
      if (JSON.stringify(counts) !== JSON.stringify(get().counts)) set({ counts });
    } catch {
      // Keep the last counts (a role without tasks, or a moment offline); an ended session is handled by callApi.
    }
  },
  changed: () => {
    set({ revision: get().revision + 1 });
    void get().refreshCounts();
  },
  create: async (orderId, input) => {
    const result = await attempt(() => callApi('tasks.create', { id: orderId, ...input }));
    if (result.ok) {
      useToastStore.getState().show(`Task added: ${input.title}`);
      get().changed();
    }
    return result;
  },
  complete: async (task, next) => {
    const result = await attempt(() => callApi('tasks.complete', { id: task.id, version: task.version, ...(next ? { next } : {}) }));
    if (result.ok) {
      useToastStore.getState().show(next ? `Done, and the next one is scheduled for ${next.dueDate}` : `Done: ${task.title}`);
      get().changed();
    }
    return result;
  },
  reopen: async (task) => {
    const result = await attempt(() => callApi('tasks.update', { id: task.id, version: task.version, done: false }));
    if (result.ok) {
      useToastStore.getState().show(`Reopened: ${task.title}`);
      get().changed();
    }
    return result;
  },
}));
