// Sign-in input and session shapes.
import { z } from 'zod';
import type { SessionUser } from '../auth/permissions';

export const loginInput = z.object({
  username: z.string({ error: 'Username is required.' }).trim().min(1, { error: 'Username is required.' }).max(100),
  password: z.string({ error: 'Password is required.' }).min(1, { error: 'Password is required.' }).max(500),
});
export type LoginInput = z.infer<typeof loginInput>;

/** An Admin lifting a sign-in lockout; `username` comes from the path. */
export const unlockSignInInput = z.object({
  username: z.string({ error: 'Username is required.' }).trim().min(1, { error: 'Username is required.' }).max(100),
});
export type UnlockSignInInput = z.infer<typeof unlockSignInInput>;

export interface UnlockSignInResult {
  username: string;
  /** True when the account was locked out at the time of the call. */
  wasLocked: boolean;
  /** The failed sign-ins counted against the account, now forgotten. */
  failuresCleared: number;
}

export interface LoginResult {
  token: string;
  user: SessionUser;
}

export interface SystemInfo {
  name: 'Portside';
  version: string;
  mode: 'local' | 'cloud';
  demo: boolean;
  /** Shown on the sign-in screen in demo mode only. */
  demoAccounts: { username: string; password: string; roles: string[] }[];
}

export const emptyInput = z.object({}).passthrough();
