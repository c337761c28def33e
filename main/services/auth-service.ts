// Sign-in and sessions: local accounts (scrypt), or the Cognito pool in cloud mode; opaque bearer sessions (only their hash is stored), throttled and audited.
import { createHash, randomBytes } from 'node:crypto';
import { notFound, PortsideError } from '../../core/api/errors';
import type { Role, SessionUser } from '../../core/auth/permissions';
import type { FieldChange } from '../../core/domain/audit';
import type {
  CompleteNewPasswordInput,
  ConfirmForgotPasswordInput,
  ForgotPasswordInput,
  ForgotPasswordResult,
  LoginAnswer,
  LoginInput,
  LoginResult,
  LogoutEverywhereResult,
  UnlockSignInInput,
  UnlockSignInResult,
} from '../../core/domain/auth';
import type { NewUser, UserRecord } from '../db/repos/users-repo';
import type { CloudAuth } from './cloud-auth-wiring';
import { wrongCredentials } from './cloud-auth';
import { hashPassword, TIMING_EQUALISER_HASH, verifyPassword } from './password-hashing';
import type { IdTokenSource } from './secret-store';
import { SerialByKey } from './serial-by-key';
import type { SignInDesk } from './cloud-auth';
import { longest, type Lockout, rateLimited, type SignInCaller, SignInThrottle } from './sign-in-throttle';
import { type Actor, inTransaction, type ServiceDeps, SYSTEM_ACTOR, type UnitOfWork } from './unit-of-work';

const SESSION_HOURS = 12;

/** Who a failed sign-in is attributed to: nobody known (actor id null), whatever name was typed. */
const UNIDENTIFIED_CALLER: Actor = { id: null, name: 'Unidentified caller' };

/** How a session token is stored and looked up: only its SHA-256, never the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toSessionUser(u: UserRecord, offline = false): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, ...(offline ? { offline: true } : {}) };
}

function actorOf(user: UserRecord | SessionUser, offline = false): Actor {
  return { id: user.id, name: user.displayName, ...(offline ? { offline: true } : {}) };
}

const LOCAL_RESET =
  'This Portside uses local accounts, whose passwords an administrator resets: ask an administrator to reset your password.';

export class AuthService {
  private readonly throttle: SignInThrottle;
  /** Sign-ins for one client or one account name run one after another (see SerialByKey). */
  private readonly signInQueue = new SerialByKey();

  /** Cloud mode's sign-in (the pool, offline unlock, renewal); null in local mode. */
  private readonly cloud: CloudAuth | null;

  constructor(
    private readonly deps: ServiceDeps,
    cloud: ((desk: SignInDesk) => CloudAuth) | null = null,
  ) {
    this.throttle = new SignInThrottle(deps);
    this.cloud = cloud
      ? cloud({ startSession: (u, c, o) => this.startSession(u, c, o), refuse: (c, u, r, e) => this.refuse(c, u, r, e) })
      : null;
  }

  get mode(): 'local' | 'cloud' {
    return this.cloud ? 'cloud' : 'local';
  }

  /** The current Cognito ID token of a live online cloud session (for AWS credentials); null in local mode or when none. */
  readonly idToken: IdTokenSource = () => this.cloud?.renewal.idToken() ?? Promise.resolve(null);

  /** Starts the renewal loop (cloud mode). */
  start(): void {
    this.cloud?.renewal.start();
  }

  /** One renewal pass now (tests; the loop runs it on its own). */
  renewSessions(): Promise<void> {
    return this.cloud?.renewal.renewNow() ?? Promise.resolve();
  }

  close(): void {
    this.cloud?.close();
  }

  /** Creates a local account; synchronous hashing, so only for seeding and tests, before serving. */
  createUser(input: { username: string; displayName: string; password: string; roles: Role[] }): SessionUser {
    const user: NewUser = {
      id: this.deps.ids.next(),
      username: input.username,
      displayName: input.displayName,
      roles: input.roles,
      passwordHash: hashPassword(input.password),
      disabled: false,
      createdAt: this.deps.clock.now(),
    };
    this.deps.repos.users.insert(user);
    return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles };
  }

  /**
   * Signs in, unless the account name or the client is locked out (429, before any password is
   * checked). Unknown user, wrong password and disabled account all cost one scrypt and get the
   * same answer; each failure counts against the name and the client, and is audited.
   */
  login(input: LoginInput, client: string): Promise<LoginAnswer> {
    return this.throttled(input.username, client, (caller) => {
      const cloud = this.cloud;
      return cloud ? cloud.signIn.login(input, caller) : this.localLogin(input, caller);
    });
  }

  /** Cloud mode: answers NEW_PASSWORD_REQUIRED with the chosen password. */
  completeNewPassword(input: CompleteNewPasswordInput, client: string): Promise<LoginAnswer> {
    return this.throttled(input.username, client, (caller) => this.cloudOnly('new-password').signIn.completeNewPassword(input, caller));
  }

  forgotPassword(input: ForgotPasswordInput, client: string): Promise<ForgotPasswordResult> {
    return this.throttled(input.username, client, (caller) => this.cloudOnly('reset').signIn.forgotPassword(input, caller));
  }

  confirmForgotPassword(input: ConfirmForgotPasswordInput, client: string): Promise<{ ok: true }> {
    return this.throttled(input.username, client, (caller) => this.cloudOnly('reset').signIn.confirmForgotPassword(input, caller));
  }

  private cloudOnly(what: 'new-password' | 'reset'): CloudAuth {
    if (this.cloud) return this.cloud;
    throw new PortsideError(
      'CONFLICT',
      what === 'reset' ? LOCAL_RESET : 'Local accounts have no first-sign-in password change: ' + LOCAL_RESET.split(': ')[1],
    );
  }

  /**
   * Every sign-in step runs one after another per client and account name (see SerialByKey),
   * and not at all while either is locked out (429 before anything is checked).
   */
  private throttled<T>(username: string, client: string, work: (caller: SignInCaller) => Promise<T>): Promise<T> {
    const caller: SignInCaller = { username, client };
    const keys = [`client:${client}`, `user:${username.toLowerCase()}`];
    return this.signInQueue.run(keys, async () => {
      const nowMs = Date.parse(this.deps.clock.now());
      const lockout = this.throttle.lockoutFor(caller, nowMs);
      if (lockout) throw rateLimited(lockout, nowMs);
      return work(caller);
    });
  }

  /** Audits a failed step, counts it, and throws `error` (or 429 once this failure locks the name or client out). */
  private refuse(caller: SignInCaller, user: UserRecord | null, reason: string, error: PortsideError): never {
    const failure = this.recordFailure(caller, user, reason);
    throw failure.lockout ? rateLimited(failure.lockout, failure.nowMs) : error;
  }

  private async localLogin(input: LoginInput, caller: SignInCaller): Promise<LoginResult> {
    const user = this.deps.repos.users.byUsername(input.username);
    const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? TIMING_EQUALISER_HASH);
    // Pool users sign in through the pool only, never against a local hash.
    if (!user || user.disabled || user.source !== 'local' || !passwordMatches) {
      const reason = !user
        ? 'Unknown username'
        : user.disabled
          ? 'Account disabled'
          : user.source !== 'local'
            ? 'Pool user'
            : 'Wrong password';
      return this.refuse(caller, user, reason, wrongCredentials());
    }
    return this.startSession(user, caller, false);
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

  /** A new session; `offline` when unlocked without the pool (its audit entries, this one included, are marked offline). */
  private startSession(user: UserRecord, caller: SignInCaller, offline: boolean): LoginResult {
    const token = randomBytes(32).toString('base64url');
    inTransaction(this.deps, actorOf(user, offline), 'auth.login', (uow) => {
      this.throttle.clearUser(uow, caller.username);
      const expires = new Date(Date.parse(uow.now) + SESSION_HOURS * 3600_000).toISOString();
      this.deps.repos.users.purgeExpiredSessions(uow.now);
      this.deps.repos.users.createSession(tokenHash(token), user.id, uow.now, expires, offline);
      const source: FieldChange[] =
        user.source === 'cognito' ? [{ field: 'via', before: null, after: offline ? 'offline unlock' : 'user pool' }] : [];
      uow.audit({
        entityType: 'user',
        entityId: user.id,
        orderId: null,
        action: 'signed_in',
        changes: [...attemptFields(caller), ...source],
      });
    });
    return { token, user: toSessionUser(user, offline) };
  }

  /** The user behind a bearer token, or an UNAUTHENTICATED error a person can act on (with the pool's reason when it ended the session). */
  authenticate(token: string | null | undefined): SessionUser {
    if (!token) throw new PortsideError('UNAUTHENTICATED', 'Sign in to continue.');
    const session = this.deps.repos.users.session(tokenHash(token), this.deps.clock.now());
    if (session?.endedReason) throw new PortsideError('UNAUTHENTICATED', session.endedReason);
    // In cloud mode only pool users have sessions (a local account's session from before the switch ends).
    const accepted =
      session && !session.user.disabled && (this.cloud ? session.user.source === 'cognito' : session.user.source === 'local');
    if (!session || !accepted) throw new PortsideError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.');
    return toSessionUser(session.user, session.offline);
  }

  logout(user: SessionUser, token: string): void {
    inTransaction(this.deps, actorOf(user, user.offline), 'auth.logout', (uow) => {
      this.deps.repos.users.deleteSession(tokenHash(token));
      uow.audit({ entityType: 'user', entityId: user.id, orderId: null, action: 'signed_out', changes: [] });
    });
  }

  /**
   * Ends every session of the user on this device (this one too) and, in cloud mode, signs the
   * user out of the pool everywhere (GlobalSignOut; where the pool lacks it, this device's refresh
   * token is revoked) and forgets the pool tokens. Audited.
   */
  async logoutEverywhere(user: SessionUser): Promise<LogoutEverywhereResult> {
    const signedOutOfPool = this.cloud ? await this.cloud.signOutOfPool(user.id) : false;
    return inTransaction(this.deps, actorOf(user, user.offline), 'auth.logoutEverywhere', (uow) => {
      const sessionsEnded = this.deps.repos.users.endSessionsOf(user.id, 'You signed out everywhere. Sign in again to continue.', uow.now);
      uow.audit({
        entityType: 'user',
        entityId: user.id,
        orderId: null,
        action: 'signed_out_everywhere',
        changes: [
          { field: 'sessionsEnded', before: null, after: sessionsEnded },
          { field: 'signedOutOfPool', before: null, after: signedOutOfPool },
        ],
      });
      return { sessionsEnded, signedOutOfPool };
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
