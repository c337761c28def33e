// User administration for Admins: local accounts (create, change, disable, reset password), the pool's users in cloud mode, and the sign-in history.
import { notFound, PortsideError } from '../../core/api/errors';
import { type FieldChange, diffFields } from '../../core/domain/audit';
import {
  checkAccountChange,
  CLOUD_MANAGED_MESSAGE,
  passwordProblem,
  type PasswordResetResult,
  SIGN_IN_ACTIONS,
  type SignInEvent,
  signInEventKind,
  type SignInHistoryInput,
  type SignInHistoryPage,
  type UserAccount,
  type UserCreateInput,
  type UserDirectory,
  type UserResetPasswordInput,
  type UserUpdateInput,
} from '../../core/domain/users';
import { decodeCursor, encodeCursor } from '../db/cursor';
import type { AccountRow, SignInEntryRow } from '../db/repos/user-accounts-repo';
import type { UserPoolDirectory } from './cognito-user-directory';
import { hashPasswordAsync } from './password-hashing';
import { type Actor, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

const PROFILE_FIELDS = ['displayName', 'roles', 'disabled'] as const;

function changesOf(entry: SignInEntryRow): FieldChange[] {
  try {
    const parsed: unknown = JSON.parse(entry.changes);
    return Array.isArray(parsed) ? (parsed as FieldChange[]) : [];
  } catch {
    return [];
  }
}

function textOf(changes: readonly FieldChange[], field: string): string | null {
  const value = changes.find((c) => c.field === field)?.after;
  return typeof value === 'string' ? value : null;
}

function toEvent(entry: SignInEntryRow): SignInEvent {
  const changes = changesOf(entry);
  return {
    id: entry.id,
    at: entry.at,
    action: entry.action,
    kind: signInEventKind(entry.action),
    userId: entry.userId,
    username: entry.username ?? textOf(changes, 'username') ?? entry.entityId,
    displayName: entry.displayName,
    client: textOf(changes, 'client'),
    reason: entry.reason,
    lockedUntil: textOf(changes, 'lockedUntil'),
    actorName: entry.actorName,
    // An offline unlock is audited with origin 'offline' (see AuthService.startSession).
    offline: entry.origin === 'offline',
  };
}

export class UsersAdminService {
  constructor(
    private readonly deps: ServiceDeps,
    /** The Cognito user pool in cloud mode; null in local mode. */
    private readonly pool: UserPoolDirectory | null,
  ) {}

  get mode(): 'local' | 'cloud' {
    return this.pool ? 'cloud' : 'local';
  }

  /** Every local account with its sign-in state, or, in cloud mode, the pool's users and groups. */
  async directory(): Promise<UserDirectory> {
    if (this.pool) return { mode: 'cloud', ...(await this.pool.list()) };
    const now = this.deps.clock.now();
    return { mode: 'local', items: this.deps.repos.userAccounts.all(now).map((r) => this.view(r, now)) };
  }

  async create(actor: Actor, input: UserCreateInput): Promise<UserAccount> {
    this.refuseInCloudMode();
    this.refuseTakenUsername(input.username);
    // Hashing takes a while on purpose; it runs off the event loop and before the transaction.
    const passwordHash = await hashPasswordAsync(input.password);
    return inTransaction(this.deps, actor, 'users.create', (uow) => {
      this.refuseTakenUsername(input.username);
      const id = uow.newId();
      uow.repos.users.insert({
        id,
        username: input.username,
        displayName: input.displayName,
        roles: input.roles,
        passwordHash,
        disabled: false,
        createdAt: uow.now,
      });
      const created = this.load(uow, id);
      uow.audit({
        entityType: 'user',
        entityId: id,
        orderId: null,
        action: 'user_created',
        changes: [{ field: 'username', before: null, after: created.username }, ...diffFields(null, created, PROFILE_FIELDS)],
      });
      return created;
    });
  }

  /** Display name, roles, disabled, at the version the Admin saw; disabling ends the user's sessions at once. */
  update(actor: Actor, input: UserUpdateInput): UserAccount {
    this.refuseInCloudMode();
    return inTransaction(this.deps, actor, 'users.update', (uow) => {
      const before = this.load(uow, input.id);
      if (before.version !== input.version) {
        throw new PortsideError(
          'CONFLICT',
          `The account "${before.username}" was changed by someone else after you opened it. Review it and try again.`,
          { current: before },
        );
      }
      const after = {
        ...before,
        displayName: input.displayName ?? before.displayName,
        roles: input.roles ?? before.roles,
        disabled: input.disabled ?? before.disabled,
      };
      checkAccountChange(actor.id, before, after, uow.repos.userAccounts.enabledAdminIds());
      const changes = diffFields(before, after, PROFILE_FIELDS);
      if (changes.length === 0) return before;
      uow.repos.userAccounts.update({ ...after, version: input.version, updatedAt: uow.now });
      if (after.disabled && !before.disabled) {
        const ended = uow.repos.userAccounts.endSessions(before.id);
        changes.push({ field: 'sessions', before: ended, after: 0 });
      }
      uow.audit({ entityType: 'user', entityId: before.id, orderId: null, action: 'user_updated', changes });
      return this.load(uow, before.id);
    });
  }

  /** A new password set by the Admin: the user's sessions end and failed sign-ins are forgotten. The password is never audited. */
  async resetPassword(actor: Actor, input: UserResetPasswordInput): Promise<PasswordResetResult> {
    this.refuseInCloudMode();
    const user = this.deps.repos.users.byId(input.id);
    if (!user) throw notFound(`The account ${input.id}`);
    const problem = passwordProblem(input.password, user.username);
    if (problem) throw new PortsideError('VALIDATION', problem, { fields: { password: problem } });
    const passwordHash = await hashPasswordAsync(input.password);
    return inTransaction(this.deps, actor, 'users.resetPassword', (uow) => {
      const current = this.load(uow, input.id);
      uow.repos.userAccounts.setPasswordHash(current.id, passwordHash);
      const sessionsEnded = uow.repos.userAccounts.endSessions(current.id);
      const counter = uow.repos.signInThrottle.get('user', current.username);
      if (counter) uow.repos.signInThrottle.delete('user', current.username);
      const failuresCleared = counter?.failures ?? 0;
      uow.audit({
        entityType: 'user',
        entityId: current.id,
        orderId: null,
        action: 'password_reset',
        changes: [
          { field: 'sessions', before: sessionsEnded, after: 0 },
          { field: 'failedSignIns', before: failuresCleared, after: 0 },
          { field: 'lockedUntil', before: counter?.lockedUntil ?? null, after: null },
        ],
        reason: 'Password set by an Admin',
      });
      return { id: current.id, username: current.username, sessionsEnded, failuresCleared };
    });
  }

  /** Sign-ins, failures, lockouts, sign-outs and unlocks from the audit trail, newest first. */
  signInHistory(input: SignInHistoryInput): SignInHistoryPage {
    const after = decodeCursor(input.cursor);
    const account = input.username ? this.deps.repos.users.byUsername(input.username) : null;
    const rows = this.deps.repos.userAccounts.signInEntries({
      actions: SIGN_IN_ACTIONS,
      after: after ? { at: after.sortKey, id: after.id } : null,
      userId: account?.id ?? null,
      username: input.username ?? null,
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(toEvent),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.at, last.id) : null,
    };
  }

  private load(uow: UnitOfWork, id: string): UserAccount {
    const row = uow.repos.userAccounts.byId(id, uow.now);
    if (!row) throw notFound(`The account ${id}`);
    return this.view(row, uow.now);
  }

  private view(row: AccountRow, now: string): UserAccount {
    return { ...row, lockedUntil: row.lockedUntil !== null && row.lockedUntil > now ? row.lockedUntil : null };
  }

  private refuseInCloudMode(): void {
    if (this.pool) throw new PortsideError('RULE_VIOLATION', CLOUD_MANAGED_MESSAGE);
  }

  private refuseTakenUsername(username: string): void {
    if (this.deps.repos.users.byUsername(username)) {
      throw new PortsideError('CONFLICT', `The username "${username}" is taken: choose another.`, {
        fields: { username: 'Another account has this username.' },
      });
    }
  }
}
