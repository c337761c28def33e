// Session slice: who is signed in and their token, kept in sessionStorage so a reload keeps the session.
import { create } from 'zustand';
import type { SessionUser } from '../../../core/auth/permissions';
import { isSignedIn, type LoginAnswer, type NewPasswordChallenge } from '../../../core/domain/auth';
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
  /** Cloud mode, first sign-in: the pool wants a new password before there is a session. */
  challenge: NewPasswordChallenge | null;
  signIn(username: string, password: string): Promise<boolean>;
  /** Answers the new-password challenge; true once signed in. */
  completeNewPassword(newPassword: string): Promise<boolean>;
  /** Back to the sign-in form from the new-password one. */
  cancelChallenge(): void;
  signOut(): Promise<void>;
  /** Ends every session of the user (cloud mode: on every device too). */
  signOutEverywhere(): Promise<void>;
  /** Reads the session again (an offline session comes back online once the pool re-validates it). */
  refreshUser(): Promise<void>;
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

export const useSessionStore = create<SessionState>()((set, get) => {
  /** A session, or the new-password challenge to answer first. */
  const signedIn = (answer: LoginAnswer): boolean => {
    if (!isSignedIn(answer)) {
      set({ challenge: answer, signingIn: false, notice: null });
      return false;
    }
    client.setToken(answer.token);
    storeSession(answer);
    set({ token: answer.token, user: answer.user, challenge: null, signingIn: false, notice: null });
    return true;
  };
  return {
    token: restored?.token ?? null,
    user: restored?.user ?? null,
    signingIn: false,
    signInError: null,
    notice: null,
    challenge: null,

    async signIn(username, password) {
      set({ signingIn: true, signInError: null });
      try {
        return signedIn(await client.call('auth.login', { username, password }));
      } catch (error) {
        set({ signingIn: false, signInError: errorDetails(error) });
        return false;
      }
    },

    async completeNewPassword(newPassword) {
      const challenge = get().challenge;
      if (!challenge) return false;
      set({ signingIn: true, signInError: null });
      try {
        return signedIn(
          await client.call('auth.completeNewPassword', { username: challenge.username, session: challenge.session, newPassword }),
        );
      } catch (error) {
        const details = errorDetails(error);
        // An expired challenge cannot be answered again: back to the sign-in form, saying why.
        if (details.code === 'UNAUTHENTICATED') set({ challenge: null, notice: { tone: 'warning', message: details.message } });
        set({ signingIn: false, signInError: details.code === 'UNAUTHENTICATED' ? null : details });
        return false;
      }
    },

    cancelChallenge() {
      set({ challenge: null, signInError: null });
    },

    async signOutEverywhere() {
      const result = await client.call('auth.logoutEverywhere', {}).catch(() => null);
      client.setToken(null);
      storeSession(null);
      const message =
        result === null
          ? 'You have signed out on this computer. Portside could not confirm the sign-out on your other devices.'
          : result.signedOutOfPool
            ? 'You have signed out everywhere: on this computer and on every other device.'
            : `You have signed out of ${result.sessionsEnded === 1 ? 'your session' : `all ${result.sessionsEnded} sessions`} on this computer.`;
      set({ token: null, user: null, challenge: null, notice: { tone: 'info', message }, signInError: null });
    },

    async refreshUser() {
      if (!get().token) return;
      try {
        const user = await client.call('auth.me', {});
        const token = get().token;
        if (token) storeSession({ token, user });
        set({ user });
      } catch {
        // A 401 reaches expire() through the client; anything else waits for the next look.
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
      set({ token: null, user: null, challenge: null, notice: { tone: 'info', message: 'You have signed out.' }, signInError: null });
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
  };
});

export const selectIsSignedIn = (s: SessionState): boolean => s.token !== null && s.user !== null;
