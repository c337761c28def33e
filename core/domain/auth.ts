// Sign-in input and session shapes.
import { z } from 'zod';
import type { SessionUser } from '../auth/permissions';
import { accountName, requiredText } from './fields';

export const loginInput = z.strictObject({
  username: requiredText('Username', 100),
  // Passwords are compared as typed: never trimmed or normalized, only bounded.
  password: z
    .string({ error: (issue) => (issue.input === undefined ? 'Password is required.' : 'Password must be text.') })
    .min(1, { error: 'Password is required.' })
    .max(500, { error: 'Password must be at most 500 characters.' }),
});
export type LoginInput = z.infer<typeof loginInput>;

/** An Admin lifting a sign-in lockout; `username` comes from the path. */
export const unlockSignInInput = z.strictObject({
  username: accountName('Username'),
});
export type UnlockSignInInput = z.infer<typeof unlockSignInInput>;

export interface UnlockSignInResult {
  username: string;
  /** True when the account was locked out at the time of the call. */
  wasLocked: boolean;
  /** The failed sign-ins counted against the account, now forgotten. */
  failuresCleared: number;
  /**
   * The clients (remote addresses, 'ipc') whose failed sign-ins were forgotten too: on loopback every
   * caller shares one client counter, so an unlock also lifts the "from this computer" lockout.
   */
  clientsCleared: number;
  /** True when one of those clients was locked out at the time of the call. */
  clientWasLocked: boolean;
}

export interface LoginResult {
  token: string;
  user: SessionUser;
}

/**
 * A short-lived, one-use pass for the change-events stream (`GET /events?ticket=`): EventSource
 * cannot send headers, and the session token must never travel in a URL (logs, history).
 */
export interface EventsTicket {
  ticket: string;
  expiresAt: string;
}

export interface SystemInfo {
  name: 'Portside';
  version: string;
  mode: 'local' | 'cloud';
  demo: boolean;
  /** Shown on the sign-in screen in demo mode only. */
  demoAccounts: { username: string; password: string; roles: string[] }[];
}

/** Operations that take no input refuse any field sent to them. */
export const emptyInput = z.strictObject({});
