// The pool's tokens for signed-in users (refresh token in the SecretStore, ID/access tokens in memory) and the local rows they keep up to date.
import type { Role } from '../../core/auth/permissions';
import type { FieldChange } from '../../core/domain/audit';
import type { UserRecord } from '../db/repos/users-repo';
import type { PoolTokens } from './cognito-gateway';
import type { IdTokenClaims } from './id-token';
import type { SecretStore } from './secret-store';
import { type Actor, inTransaction, type ServiceDeps, SYSTEM_ACTOR } from './unit-of-work';

/** Tokens of one user, in memory only. */
export interface LiveTokens {
  idToken: string;
  accessToken: string;
  expiresAtMs: number;
  /** When they were obtained: the most recent user is whose ID token the AWS credentials use. */
  obtainedAtMs: number;
}

const refreshKey = (userId: string): string => `cognito.refresh.${userId}`;

export interface LockOutOptions {
  /** Forget the offline verifier too (default true): the password no longer unlocks this device. */
  forgetVerifier?: boolean;
  /** New roles to record (e.g. [] for a user taken out of every group). */
  roles?: Role[];
  /** The audit action (default 'locked_out'). */
  action?: string;
}

export class PoolTokenKeeper {
  private readonly live = new Map<string, LiveTokens>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly secrets: SecretStore,
  ) {}

  private nowMs(): number {
    return Date.parse(this.deps.clock.now());
  }

  keep(userId: string, tokens: PoolTokens, claims: IdTokenClaims): void {
    if (tokens.refreshToken) this.secrets.set(refreshKey(userId), tokens.refreshToken);
    this.live.set(userId, {
      idToken: tokens.idToken,
      accessToken: tokens.accessToken,
      // The token's own exp, else what the pool said it lasts.
      expiresAtMs: Math.min(claims.expiresAtMs, this.nowMs() + tokens.expiresInSeconds * 1000),
      obtainedAtMs: this.nowMs(),
    });
  }

  tokensOf(userId: string): LiveTokens | null {
    return this.live.get(userId) ?? null;
  }

  refreshTokenOf(userId: string): string | null {
    return this.secrets.get(refreshKey(userId));
  }

  /** Forgets the user's pool tokens (memory and secret store). */
  forget(userId: string): void {
    this.live.delete(userId);
    this.secrets.delete(refreshKey(userId));
  }

  /** The user whose tokens were obtained last and are still live: the desktop's signed-in user. */
  latestUser(): string | null {
    let best: [string, LiveTokens] | null = null;
    for (const entry of this.live) if (!best || entry[1].obtainedAtMs > best[1].obtainedAtMs) best = entry;
    return best?.[0] ?? null;
  }

  /**
   * The pool user's row after an online sign-in: created on first sign-in (id = sub), name, e-mail
   * and roles brought up to date (each change audited), with the verifier for offline unlock.
   */
  recordOnlineUser(claims: IdTokenClaims, typedUsername: string, verifier: string): UserRecord {
    const before = this.deps.repos.users.byId(claims.sub);
    const username = before?.username.toLowerCase() === typedUsername.toLowerCase() ? before.username : typedUsername;
    const actor: Actor = { id: claims.sub, name: claims.displayName, roles: claims.roles };
    return inTransaction(this.deps, actor, 'auth.login', (uow) => {
      this.deps.repos.users.upsertPoolUser(
        { id: claims.sub, username, displayName: claims.displayName, email: claims.email, roles: claims.roles },
        uow.now,
      );
      this.deps.repos.users.setOfflineVerifier(claims.sub, verifier);
      const changes = profileChanges(before, { username, displayName: claims.displayName, email: claims.email, roles: claims.roles });
      if (changes.length > 0) {
        uow.audit({
          entityType: 'user',
          entityId: claims.sub,
          orderId: null,
          action: before ? 'pool_user_updated' : 'pool_user_added',
          changes,
          reason: `From the user pool at sign-in (groups: ${claims.groups.join(', ')})`,
        });
      }
      const after = this.deps.repos.users.byId(claims.sub);
      if (!after) throw new Error('pool user row vanished inside its own transaction');
      return after;
    });
  }

  /** Roles (and name) seen at a refresh, e.g. an administrator moved the user between groups: recorded and audited. */
  updateRoles(user: UserRecord, claims: IdTokenClaims): void {
    // A token without `name` keeps the name the pool gave at sign-in.
    const displayName = claims.hasName ? claims.displayName : user.displayName;
    const after = { username: user.username, displayName, email: claims.email ?? user.email, roles: claims.roles };
    const changes = profileChanges(user, after);
    if (changes.length === 0) return;
    inTransaction(this.deps, SYSTEM_ACTOR, 'auth.renewal', (uow) => {
      this.deps.repos.users.upsertPoolUser({ id: user.id, ...after }, user.onlineAt ?? uow.now);
      uow.audit({
        entityType: 'user',
        entityId: user.id,
        orderId: null,
        action: 'pool_user_updated',
        changes,
        reason: 'From the user pool at a token refresh',
        origin: 'system',
      });
    });
  }

  /** Ends every session of the user with `message` (their next request is told it), forgets the tokens, audited. */
  lockOut(user: UserRecord, message: string, auditReason: string, options: LockOutOptions = {}): number {
    this.forget(user.id);
    return inTransaction(this.deps, SYSTEM_ACTOR, 'auth.lockOut', (uow) => {
      const ended = this.deps.repos.users.endSessionsOf(user.id, message, uow.now);
      const changes: FieldChange[] = [{ field: 'sessionsEnded', before: null, after: ended }];
      if (options.forgetVerifier !== false && user.offlineVerifier !== null) {
        this.deps.repos.users.setOfflineVerifier(user.id, null);
        changes.push({ field: 'offlineUnlock', before: true, after: false });
      }
      if (options.roles && !sameRoles(options.roles, user.roles)) {
        this.deps.repos.users.upsertPoolUser(
          { id: user.id, username: user.username, displayName: user.displayName, email: user.email, roles: options.roles },
          user.onlineAt ?? uow.now,
        );
        changes.push({ field: 'roles', before: user.roles, after: options.roles });
      }
      uow.audit({
        entityType: 'user',
        entityId: user.id,
        orderId: null,
        action: options.action ?? 'locked_out',
        changes,
        reason: auditReason,
        origin: 'system',
      });
      return ended;
    });
  }
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

function profileChanges(
  before: UserRecord | null,
  after: { username: string; displayName: string; email: string | null; roles: Role[] },
): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (field: string, was: unknown, now: unknown): void => {
    if (JSON.stringify(was) !== JSON.stringify(now)) changes.push({ field, before: was, after: now });
  };
  push('username', before?.username ?? null, after.username);
  push('displayName', before?.displayName ?? null, after.displayName);
  push('email', before?.email ?? null, after.email);
  if (!before || !sameRoles(before.roles, after.roles)) changes.push({ field: 'roles', before: before?.roles ?? null, after: after.roles });
  return changes;
}
