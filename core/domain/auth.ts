// Sign-in input and session shapes.
import { z } from 'zod';
import type { SessionUser } from '../auth/permissions';
import { accountName, requiredText } from './fields';
import { textProblem } from './text';

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

/** A session: the opaque bearer token and who it belongs to (`user.offline` when unlocked without Cognito). */
export interface LoginResult {
  token: string;
  user: SessionUser;
}

/**
 * Cloud mode, first sign-in with a temporary password: the pool wants a new one. `session` is
 * Portside's one-use handle for the pending challenge (the Cognito session itself stays in main),
 * valid a few minutes; send it back with the new password to POST /auth/new-password.
 */
export interface NewPasswordChallenge {
  challenge: 'NEW_PASSWORD_REQUIRED';
  session: string;
  username: string;
}

/** What POST /auth/login and /auth/new-password answer: a session, or (cloud mode) the challenge to answer first. */
export type LoginAnswer = LoginResult | NewPasswordChallenge;

export function isSignedIn(answer: LoginAnswer): answer is LoginResult {
  return 'token' in answer;
}

/** What the pool asks of a new password by default (Cognito's default policy); the pool has the last word. */
export const PASSWORD_RULES = 'At least 8 characters, with an upper-case letter, a lower-case letter, a number and a symbol.';

// A new password is kept as typed (never trimmed or normalized), but one that could not be typed again
// (control characters, line breaks, direction overrides, broken characters) is refused; the pool checks its policy.
const newPassword = z
  .string({ error: (issue) => (issue.input === undefined ? 'New password is required.' : 'New password must be text.') })
  .min(8, { error: 'New password must be at least 8 characters.' })
  .max(256, { error: 'New password must be at most 256 characters.' })
  .superRefine((value, ctx) => {
    const problem = textProblem(value, { multiline: false });
    if (problem) ctx.addIssue({ code: 'custom', message: `New password ${problem}` });
  });

// Handles are base64url from randomBytes(32); anything else is refused before reaching the service.
const challengeHandle = z
  .string({ error: (issue) => (issue.input === undefined ? 'Session is required: sign in again.' : 'Session must be text.') })
  .regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'Session is not one Portside handed out: sign in again.' });

/** Answering NEW_PASSWORD_REQUIRED: the handle from the sign-in answer and the password the user chose. */
export const completeNewPasswordInput = z.strictObject({
  username: requiredText('Username', 100),
  session: challengeHandle,
  newPassword,
});
export type CompleteNewPasswordInput = z.infer<typeof completeNewPasswordInput>;

export const forgotPasswordInput = z.strictObject({
  username: requiredText('Username', 100),
});
export type ForgotPasswordInput = z.infer<typeof forgotPasswordInput>;

/** The same answer whether or not the account exists (nobody learns which names do). */
export interface ForgotPasswordResult {
  sent: true;
  /** What to do next; never says whether the account exists. */
  message: string;
}

export const confirmForgotPasswordInput = z.strictObject({
  username: requiredText('Username', 100),
  code: z
    .string({ error: (issue) => (issue.input === undefined ? 'Code is required.' : 'Code must be text.') })
    .regex(/^\s*\d{6}\s*$/, { error: 'Code must be the 6 digits from the e-mail.' })
    .transform((c) => c.trim()),
  newPassword,
});
export type ConfirmForgotPasswordInput = z.infer<typeof confirmForgotPasswordInput>;

export interface LogoutEverywhereResult {
  /** Portside sessions of this user ended on this device (this one included). */
  sessionsEnded: number;
  /** True when the pool signed the user out of every device too (false: the pool could not be reached or lacks it). */
  signedOutOfPool: boolean;
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
