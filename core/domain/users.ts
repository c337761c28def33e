// User administration: the Admin screen's inputs, the account and sign-in history views, and the rules that keep an Admin in charge.
import { z } from 'zod';
import { PortsideError } from '../api/errors';
import { type Role, ROLES } from '../auth/permissions';
import { accountName, blankToUndefined, cursor, entityId, pageLimit, requiredText, version } from './fields';

/** The shortest password an Admin may set: long enough that a few words make one, short enough to type. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
export const PASSWORD_RULE = `at least ${MIN_PASSWORD_LENGTH} characters (a few words make a good one), not the username, no line breaks or control characters`;

/** C0 and C1 controls, line breaks and bidi overrides: nobody can type them at the sign-in screen. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
const UNTYPEABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * A password an Admin sets: kept exactly as typed (never trimmed or normalized, as sign-in compares
 * it), but it must be one a person can type and long enough to resist guessing.
 */
export const newPassword = (label: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`) })
    .max(MAX_PASSWORD_LENGTH, { error: `${label} must be at most ${MAX_PASSWORD_LENGTH} characters.` })
    .refine((p) => !UNTYPEABLE.test(p), { error: `${label} has a line break or control character: use only characters you can type.` })
    .refine((p) => p.trim().length >= MIN_PASSWORD_LENGTH, {
      error: `${label} must be at least ${MIN_PASSWORD_LENGTH} characters (not counting spaces at the ends): a few words make a good one.`,
    });

/** At least one of CSR, Manager, Admin, each once. */
export const rolesField = z
  .array(z.enum(ROLES, { error: `Each role must be one of ${ROLES.join(', ')}.` }), {
    error: `Roles must be a list such as ["CSR"]: one or more of ${ROLES.join(', ')}.`,
  })
  .min(1, { error: `Give the account at least one role: ${ROLES.join(', ')}.` })
  .max(ROLES.length, { error: `Roles may name each of ${ROLES.join(', ')} once.` })
  .refine((roles) => new Set(roles).size === roles.length, { error: 'Roles name a role twice: list each role once.' })
  .transform((roles) => ROLES.filter((r) => roles.includes(r)));

/** The password may not be the account name, in any case. */
export function passwordProblem(password: string, username: string): string | null {
  return password.trim().toLowerCase() === username.toLowerCase() ? 'The password must not be the username: choose something else.' : null;
}

export const userCreateInput = z
  .strictObject({
    username: accountName('Username'),
    displayName: requiredText('Display name', 100),
    roles: rolesField,
    password: newPassword('Initial password'),
  })
  .superRefine((input, ctx) => {
    const problem = passwordProblem(input.password, input.username);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userUpdateInput = z.strictObject({
  id: entityId('User id'),
  version,
  displayName: requiredText('Display name', 100).optional(),
  roles: rolesField.optional(),
  disabled: z.boolean({ error: 'disabled must be true or false.' }).optional(),
});
export type UserUpdateInput = z.infer<typeof userUpdateInput>;

export const userResetPasswordInput = z.strictObject({
  id: entityId('User id'),
  password: newPassword('New password'),
});
export type UserResetPasswordInput = z.infer<typeof userResetPasswordInput>;

export const signInHistoryInput = z.strictObject({
  /** One account's entries (also those typed with that name when no such account exists). */
  username: z.preprocess(blankToUndefined, accountName('Username').optional()),
  cursor,
  limit: pageLimit,
});
export type SignInHistoryInput = z.infer<typeof signInHistoryInput>;

/** A local account as the Admin screen shows it. */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  createdAt: string;
  updatedAt: string | null;
  version: number;
  lastSignInAt: string | null;
  /** Failed sign-ins counted against the account name now (forgotten after a day without one). */
  failedSignIns: number;
  /** Set while sign-in is locked out for this account. */
  lockedUntil: string | null;
  /** Sessions that have not expired. */
  sessions: number;
}

/** A user of the Cognito user pool (cloud mode): read-only here, the pool is the authority. */
export interface PoolUser {
  /** The user's `sub`. */
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  /** The pool groups that are Portside roles. */
  roles: Role[];
  /** Every group the user is in. */
  groups: string[];
  disabled: boolean;
  /** Cognito's status: CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED ... */
  status: string;
  createdAt: string | null;
  updatedAt: string | null;
}

export type UserDirectory =
  { mode: 'local'; items: UserAccount[] } | { mode: 'cloud'; poolId: string; groups: string[]; items: PoolUser[] };

/** The audit actions the sign-in history shows (entity 'user'); any action naming "offline" is shown too. */
export const SIGN_IN_ACTIONS = ['signed_in', 'sign_in_failed', 'sign_in_locked', 'signed_out', 'sign_in_unlocked'] as const;

export type SignInEventKind = 'signed_in' | 'failed' | 'locked' | 'signed_out' | 'unlocked' | 'other';

export function signInEventKind(action: string): SignInEventKind {
  switch (action) {
    case 'signed_in':
      return 'signed_in';
    case 'sign_in_failed':
      return 'failed';
    case 'sign_in_locked':
      return 'locked';
    case 'signed_out':
      return 'signed_out';
    case 'sign_in_unlocked':
      return 'unlocked';
    default:
      return action.includes('offline') && action.includes('sign') ? 'signed_in' : 'other';
  }
}

export interface SignInEvent {
  id: string;
  at: string;
  action: string;
  kind: SignInEventKind;
  /** The account's id when the name belonged to one. */
  userId: string | null;
  /** The account name (as typed, for a failure under an unknown name). */
  username: string | null;
  displayName: string | null;
  /** Where the attempt came from: a remote address, or 'ipc' for the desktop app. */
  client: string | null;
  /** Why a sign-in failed or was locked ("Wrong password", "Account disabled" ...). */
  reason: string | null;
  lockedUntil: string | null;
  /** Who wrote the entry: the user, "Unidentified caller", Portside, or the Admin who unlocked. */
  actorName: string;
  /** A sign-in or unlock made without reaching the user pool (offline unlock). */
  offline: boolean;
}

export interface SignInHistoryPage {
  items: SignInEvent[];
  nextCursor: string | null;
}

export interface PasswordResetResult {
  id: string;
  username: string;
  /** Sessions of the user that the reset ended. */
  sessionsEnded: number;
  /** Failed sign-ins forgotten with the reset (a lockout is lifted too). */
  failuresCleared: number;
}

export interface AccountSnapshot {
  id: string;
  roles: readonly Role[];
  disabled: boolean;
}

/**
 * An Admin can neither disable nor demote themselves (they would lock themselves out mid-task),
 * and there is always at least one enabled Admin, so somebody can still manage the accounts.
 * `enabledAdmins` are the accounts as they are before the change.
 */
export function checkAccountChange(
  actorId: string | null,
  before: AccountSnapshot,
  after: AccountSnapshot,
  enabledAdmins: readonly string[],
): void {
  const self = actorId !== null && actorId === before.id;
  if (self && after.disabled && !before.disabled) {
    throw new PortsideError('RULE_VIOLATION', 'You cannot disable your own account: ask another Admin to do it.', {
      fields: { disabled: 'Your own account stays enabled.' },
    });
  }
  if (self && before.roles.includes('Admin') && !after.roles.includes('Admin')) {
    throw new PortsideError('RULE_VIOLATION', 'You cannot remove the Admin role from your own account: ask another Admin to do it.', {
      fields: { roles: 'Keep Admin in your own roles.' },
    });
  }
  const remaining = enabledAdmins.filter((id) => id !== before.id);
  if (!after.disabled && after.roles.includes('Admin')) remaining.push(after.id);
  if (remaining.length === 0) {
    throw new PortsideError(
      'RULE_VIOLATION',
      'There must always be at least one enabled Admin: make another account an Admin before disabling or demoting this one.',
      { fields: after.disabled ? { disabled: 'This is the last enabled Admin.' } : { roles: 'This is the last enabled Admin.' } },
    );
  }
}

export const CLOUD_MANAGED_MESSAGE =
  'Users are managed in the Cognito user pool in cloud mode: use the AWS console or CLI to add, change, disable or reset them.';
