// Admin screen slice: the accounts (or the pool's users), the sign-in history with its filter and pages, and the account actions with the server's refusals.
import { create } from 'zustand';
import type { Role } from '../../../../core/auth/permissions';
import type { SignInEvent, UserAccount, UserDirectory } from '../../../../core/domain/users';
import { callApi } from '../../api/api-call';
import { type ErrorDetails, errorDetails } from '../../api/error-details';

export type AdminResult = { ok: true } | { ok: false; error: ErrorDetails };

export interface NewUserDraft {
  username: string;
  displayName: string;
  roles: Role[];
  password: string;
}

export interface AccountChanges {
  displayName?: string;
  roles?: Role[];
  disabled?: boolean;
}

export const HISTORY_PAGE = 25;

export interface AdminState {
  directory: UserDirectory | null;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  history: SignInEvent[];
  historyCursor: string | null;
  historyPhase: 'idle' | 'loading' | 'ready' | 'error';
  historyError: string | null;
  /** The account name the history is filtered by; '' = everybody. */
  historyUser: string;
  load(): Promise<void>;
  loadHistory(username: string): Promise<void>;
  loadMoreHistory(): Promise<void>;
  create(draft: NewUserDraft): Promise<AdminResult>;
  update(account: UserAccount, changes: AccountChanges): Promise<AdminResult>;
  resetPassword(account: UserAccount, password: string): Promise<AdminResult>;
  unlock(account: UserAccount): Promise<AdminResult>;
}

const failed = (error: unknown): AdminResult => ({ ok: false, error: errorDetails(error) });

export const useAdminStore = create<AdminState>()((set, get) => {
  /** After a change: the table and the history as they are now (quietly: the rows stay while loading). */
  const refresh = async (): Promise<void> => {
    await Promise.all([get().load(), get().loadHistory(get().historyUser)]);
  };

  return {
    directory: null,
    phase: 'idle',
    loadError: null,
    history: [],
    historyCursor: null,
    historyPhase: 'idle',
    historyError: null,
    historyUser: '',

    async load() {
      set({ phase: 'loading', loadError: null });
      try {
        set({ directory: await callApi('users.accounts', {}), phase: 'ready' });
      } catch (error) {
        set({ phase: 'error', loadError: errorDetails(error).message });
      }
    },

    async loadHistory(username) {
      set({ historyUser: username, historyPhase: 'loading', historyError: null });
      try {
        const page = await callApi('users.signInHistory', { limit: HISTORY_PAGE, ...(username ? { username } : {}) });
        // A newer filter may have been chosen while this page loaded.
        if (get().historyUser !== username) return;
        set({ history: page.items, historyCursor: page.nextCursor, historyPhase: 'ready' });
      } catch (error) {
        if (get().historyUser === username) set({ historyPhase: 'error', historyError: errorDetails(error).message });
      }
    },

    async loadMoreHistory() {
      const { historyCursor, historyUser, historyPhase } = get();
      if (!historyCursor || historyPhase === 'loading') return;
      set({ historyPhase: 'loading', historyError: null });
      try {
        const page = await callApi('users.signInHistory', {
          limit: HISTORY_PAGE,
          cursor: historyCursor,
          ...(historyUser ? { username: historyUser } : {}),
        });
        if (get().historyUser !== historyUser) return;
        set({ history: [...get().history, ...page.items], historyCursor: page.nextCursor, historyPhase: 'ready' });
      } catch (error) {
        set({ historyPhase: 'error', historyError: errorDetails(error).message });
      }
    },

    async create(draft) {
      try {
        await callApi('users.create', draft);
      } catch (error) {
        return failed(error);
      }
      await refresh();
      return { ok: true };
    },

    async update(account, changes) {
      try {
        await callApi('users.update', { id: account.id, version: account.version, ...changes });
      } catch (error) {
        // A stale version: show the account as it is now behind the refusal.
        if ((error as { code?: unknown }).code === 'CONFLICT') void get().load();
        return failed(error);
      }
      await refresh();
      return { ok: true };
    },

    async resetPassword(account, password) {
      try {
        await callApi('users.resetPassword', { id: account.id, password });
      } catch (error) {
        return failed(error);
      }
      await refresh();
      return { ok: true };
    },

    async unlock(account) {
      try {
        await callApi('users.unlockSignIn', { username: account.username });
      } catch (error) {
        return failed(error);
      }
      await refresh();
      return { ok: true };
    },
  };
});
