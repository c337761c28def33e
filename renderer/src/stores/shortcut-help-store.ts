// Keyboard-shortcut help slice: whether the "?" overlay is open.
import { create } from 'zustand';

export interface ShortcutHelpState {
  open: boolean;
  show(): void;
  hide(): void;
}

export const useShortcutHelpStore = create<ShortcutHelpState>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
