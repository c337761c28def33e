// Session slice: who is signed in and their token, kept in sessionStorage so a reload keeps the session.
import { create } from 'zustand';
import type { SessionUser } from '../../../core/auth/permissions';
import { client } from '../api/client';
import { type ErrorDetails, errorDetails } from '../api/error-details';

const STORAGE_KEY = 'portside.session';

interface StoredSession {
  token: string;
  user: SessionUser;
}

export interface SessionNotice {
  tone: 'info' | 'warning';
  message: string;
}

export interface SessionState {
  token: string | null;
  user: SessionUser | null;
  signingIn: boolean;
  signInError: ErrorDetails | null;
  /** Why the sign-in screen is showing (e.g. the session ended), if not a plain start. */
  notice: SessionNotice | null;
  signIn(username: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  /** The API said the token is no longer good: back to sign-in with its message. */
  expire(message: string): void;
  clearSignInError(): void;
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const { token, user } = value as { token?: unknown; user?: unknown };
  if (typeof token !== 'string' || typeof user !== 'object' || user === null) return false;
  const u = user as Partial<Record<keyof SessionUser, unknown>>;
  return typeof u.id === 'string' && typeof u.username === 'string' && typeof u.displayName === 'string' && Array.isArray(u.roles);
}

function readStoredSession(): StoredSession | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return isStoredSession(value) ? value : null;
  } catch {
    return null;
  }
}

function storeSession(session: StoredSession | null): void {
  try {
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be unavailable (private mode); the session then lasts until reload.
  }
}

const restored = readStoredSession();
client.setToken(restored?.token ?? null);

export const useSessionStore = create<SessionState>()((set, get) => ({
  token: restored?.token ?? null,
  user: restored?.user ?? null,
  signingIn: false,
  signInError: null,
  notice: null,

  async signIn(username, password) {
    set({ signingIn: true, signInError: null });
    try {
      const result = await client.call('auth.login', { username, password });
      client.setToken(result.token);
      storeSession(result);
      set({ token: result.token, user: result.user, signingIn: false, notice: null });
      return true;
    } catch (error) {
      set({ signingIn: false, signInError: errorDetails(error) });
      return false;
    }
  },

  async signOut() {
    const { token } = get();
    if (token) {
      // Best effort: the local session ends whatever the server says.
      await client.call('auth.logout', {}).catch(() => undefined);
    }
    client.setToken(null);
    storeSession(null);
    set({ token: null, user: null, notice: { tone: 'info', message: 'You have signed out.' }, signInError: null });
  },

  expire(message) {
    if (!get().token) return;
    client.setToken(null);
    storeSession(null);
    set({ token: null, user: null, notice: { tone: 'warning', message } });
  },

  clearSignInError() {
    set({ signInError: null });
  },
}));

export const selectIsSignedIn = (s: SessionState): boolean => s.token !== null && s.user !== null;
