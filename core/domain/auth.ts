// Sign-in input and session shapes.
import { z } from 'zod';
import type { SessionUser } from '../auth/permissions';

export const loginInput = z.object({
  username: z.string({ error: 'Username is required.' }).trim().min(1, { error: 'Username is required.' }).max(100),
  password: z.string({ error: 'Password is required.' }).min(1, { error: 'Password is required.' }).max(500),
});
export type LoginInput = z.infer<typeof loginInput>;

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

export const emptyInput = z.object({}).passthrough();
