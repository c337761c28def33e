// Toast slice: short confirmations after an action ("Task done"), and failures of actions taken outside a dialog.
import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'success' | 'error';
  message: string;
}

export interface ToastState {
  toasts: Toast[];
  show(message: string, tone?: Toast['tone']): void;
  dismiss(id: number): void;
}

/** How long a confirmation stays; an error stays until dismissed (it has to be read). */
export const TOAST_MS = 4_000;

let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (message, tone = 'success') => {
    const id = nextId++;
    // At most three at once: a burst of checks should not bury the screen.
    set({ toasts: [...get().toasts.slice(-2), { id, tone, message }] });
    if (tone === 'success') setTimeout(() => get().dismiss(id), TOAST_MS);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));
