// Local accounts: scrypt-hashed passwords, opaque bearer sessions (only their hash is stored), throttled and audited sign-in.
import { createHash, randomBytes } from 'node:crypto';
import { notFound, PortsideError } from '../../core/api/errors';
import type { Role, SessionUser } from '../../core/auth/permissions';
import type { FieldChange } from '../../core/domain/audit';
import type { LoginInput, LoginResult, UnlockSignInInput, UnlockSignInResult } from '../../core/domain/auth';
import type { UserRecord } from '../db/repos/users-repo';
import { hashPassword, TIMING_EQUALISER_HASH, verifyPassword } from './password-hashing';
import { SerialByKey } from './serial-by-key';
import { longest, type Lockout, rateLimited, type SignInCaller, SignInThrottle } from './sign-in-throttle';
import { type Actor, inTransaction, type ServiceDeps, SYSTEM_ACTOR, type UnitOfWork } from './unit-of-work';

const SESSION_HOURS = 12;

/** Who a failed sign-in is attributed to: nobody known (actor id null), whatever name was typed. */
const UNIDENTIFIED_CALLER: Actor = { id: null, name: 'Unidentified caller' };

/** How a session token is stored and looked up: only its SHA-256, never the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toSessionUser(u: UserRecord): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles };
}

function actorOf(user: UserRecord | SessionUser): Actor {
  return { id: user.id, name: user.displayName };
}

function wrongCredentials(): PortsideError {
  return new PortsideError('UNAUTHENTICATED', 'Wrong username or password. Check both and try again.', {
    fields: { password: 'Wrong username or password.' },
  });
}

export class AuthService {
  private readonly throttle: SignInThrottle;
  /** Sign-ins for one client or one account name run one after another (see SerialByKey). */
  private readonly signInQueue = new SerialByKey();

  constructor(private readonly deps: ServiceDeps) {
    this.throttle = new SignInThrottle(deps);
  }

  /** Creates a local account; synchronous hashing, so only for seeding and tests, before serving. */
  createUser(input: { username: string; displayName: string; password: string; roles: Role[] }): SessionUser {
    const user: UserRecord = {
      id: this.deps.ids.next(),
      username: input.username,
      displayName: input.displayName,
      roles: input.roles,
      passwordHash: hashPassword(input.password),
      disabled: false,
      createdAt: this.deps.clock.now(),
    };
    this.deps.repos.users.insert(user);
    return toSessionUser(user);
  }

  /**
   * Signs in, unless the account name or the client is locked out (429, before any password is
   * checked). Unknown user, wrong password and disabled account all cost one scrypt and get the
   * same answer; each failure counts against the name and the client, and is audited.
   */
  login(input: LoginInput, client: string): Promise<LoginResult> {
    const caller: SignInCaller = { username: input.username, client };
    const keys = [`client:${client}`, `user:${input.username.toLowerCase()}`];
    return this.signInQueue.run(keys, async () => {
      const nowMs = Date.parse(this.deps.clock.now());
      const lockout = this.throttle.lockoutFor(caller, nowMs);
      if (lockout) throw rateLimited(lockout, nowMs);
      const user = this.deps.repos.users.byUsername(input.username);
      const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? TIMING_EQUALISER_HASH);
      if (!user || user.disabled || !passwordMatches) {
        const reason = !user ? 'Unknown username' : user.disabled ? 'Account disabled' : 'Wrong password';
        const failure = this.recordFailure(caller, user, reason);
        throw failure.lockout ? rateLimited(failure.lockout, failure.nowMs) : wrongCredentials();
      }
      return this.startSession(user, caller);
    });
  }

  private recordFailure(caller: SignInCaller, user: UserRecord | null, reason: string): { lockout: Lockout | null; nowMs: number } {
    return inTransaction(this.deps, UNIDENTIFIED_CALLER, 'auth.login', (uow) => {
      const entityId = user?.id ?? caller.username;
      const lockouts = this.throttle.recordFailure(uow, caller);
      uow.audit({
        entityType: 'user',
        entityId,
        orderId: null,
        action: 'sign_in_failed',
        changes: attemptFields(caller),
        reason,
      });
      if (lockouts.length > 0) {
        // Lockouts are the system's doing, so they are attributed to it rather than to the caller.
        inTransaction(this.deps, SYSTEM_ACTOR, 'auth.login', (system) => {
          for (const l of lockouts) auditLockout(system, entityId, caller, l);
        });
      }
      return { lockout: longest(lockouts), nowMs: Date.parse(uow.now) };
    });
  }

  private startSession(user: UserRecord, caller: SignInCaller): LoginResult {
    const token = randomBytes(32).toString('base64url');
    inTransaction(this.deps, actorOf(user), 'auth.login', (uow) => {
      this.throttle.clearUser(uow, caller.username);
      const expires = new Date(Date.parse(uow.now) + SESSION_HOURS * 3600_000).toISOString();
      this.deps.repos.users.purgeExpiredSessions(uow.now);
      this.deps.repos.users.createSession(tokenHash(token), user.id, uow.now, expires);
      uow.audit({ entityType: 'user', entityId: user.id, orderId: null, action: 'signed_in', changes: attemptFields(caller) });
    });
    return { token, user: toSessionUser(user) };
  }

  /** The user behind a bearer token, or an UNAUTHENTICATED error a person can act on. */
  authenticate(token: string | null | undefined): SessionUser {
    if (!token) throw new PortsideError('UNAUTHENTICATED', 'Sign in to continue.');
    const user = this.deps.repos.users.userForSession(tokenHash(token), this.deps.clock.now());
    if (!user) throw new PortsideError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.');
    return toSessionUser(user);
  }

  logout(user: SessionUser, token: string): void {
    inTransaction(this.deps, actorOf(user), 'auth.logout', (uow) => {
      this.deps.repos.users.deleteSession(tokenHash(token));
      uow.audit({ entityType: 'user', entityId: user.id, orderId: null, action: 'signed_out', changes: [] });
    });
  }

  /**
   * An Admin lifts an account's lockout and forgets its failed sign-ins, and lifts every client's
   * lockout too (see SignInThrottle.clearClients), all audited. An Admin already signed in reaches
   * this with their session even while sign-in itself is locked out for the machine.
   */
  unlockSignIn(actor: Actor, input: UnlockSignInInput): UnlockSignInResult {
    const user = this.deps.repos.users.byUsername(input.username);
    if (!user) throw notFound(`The account "${input.username}"`);
    return inTransaction(this.deps, actor, 'users.unlockSignIn', (uow) => {
      const counter = this.throttle.clearUser(uow, user.username);
      const wasLocked = (counter?.lockedUntil ?? '') > uow.now;
      const failures = counter?.failures ?? 0;
      const clients = this.throttle.clearClients(uow);
      const clientWasLocked = clients.some((c) => (c.lockedUntil ?? '') > uow.now);
      const clientFailures = clients.reduce((sum, c) => sum + c.failures, 0);
      uow.audit({
        entityType: 'user',
        entityId: user.id,
        orderId: null,
        action: 'sign_in_unlocked',
        changes: [
          { field: 'failedSignIns', before: failures, after: 0 },
          { field: 'lockedUntil', before: counter?.lockedUntil ?? null, after: null },
          { field: 'clientFailedSignIns', before: clientFailures, after: 0 },
        ],
      });
      return { username: user.username, wasLocked, failuresCleared: failures, clientsCleared: clients.length, clientWasLocked };
    });
  }
}

/** The username typed and the client, as audit fields (never the password). */
function attemptFields(caller: SignInCaller): FieldChange[] {
  return [
    { field: 'username', before: null, after: caller.username },
    { field: 'client', before: null, after: caller.client },
  ];
}

function auditLockout(uow: UnitOfWork, entityId: string, caller: SignInCaller, lockout: Lockout): void {
  uow.audit({
    entityType: 'user',
    entityId,
    orderId: null,
    action: 'sign_in_locked',
    changes: [
      ...attemptFields(caller),
      { field: 'lockedScope', before: null, after: lockout.scope },
      { field: 'failedSignIns', before: null, after: lockout.failures },
      { field: 'lockedUntil', before: null, after: new Date(lockout.untilMs).toISOString() },
    ],
    reason: lockout.scope === 'user' ? 'Too many failed sign-ins for this account name' : 'Too many failed sign-ins from this client',
    origin: 'system',
  });
}
