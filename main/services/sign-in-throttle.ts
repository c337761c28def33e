// Counts failed sign-ins per account name and per client in SQLite, and says when a caller is locked out.
import { PortsideError } from '../../core/api/errors';
import { lockedOutMessage, lockoutMs, retryAfterSeconds, SIGN_IN_THROTTLE, type ThrottleScope } from '../../core/auth/sign-in-throttle';
import type { ThrottleCounter } from '../db/repos/sign-in-throttle-repo';
import type { ServiceDeps, UnitOfWork } from './unit-of-work';

/** Who is trying to sign in: the account name as typed, and where the call came from. */
export interface SignInCaller {
  username: string;
  /** The remote address for HTTP (shared by everything on loopback), 'ipc' for Electron. */
  client: string;
}

export interface Lockout {
  scope: ThrottleScope;
  subject: string;
  failures: number;
  untilMs: number;
}

const SCOPES: readonly ThrottleScope[] = ['client', 'user'];

function subjectOf(caller: SignInCaller, scope: ThrottleScope): string {
  return scope === 'user' ? caller.username : caller.client;
}

export function rateLimited(lockout: Lockout, nowMs: number): PortsideError {
  const seconds = retryAfterSeconds(lockout.untilMs, nowMs);
  return new PortsideError('RATE_LIMITED', lockedOutMessage(lockout.scope, seconds), { retryAfterSeconds: seconds });
}

/** The lockout that ends last, which is the one the caller has to wait for. */
export function longest(lockouts: readonly Lockout[]): Lockout | null {
  return lockouts.reduce<Lockout | null>((a, b) => (a === null || b.untilMs > a.untilMs ? b : a), null);
}

export class SignInThrottle {
  constructor(private readonly deps: ServiceDeps) {}

  /** The lockout the caller must wait out before a password is even checked, or null. */
  lockoutFor(caller: SignInCaller, nowMs: number): Lockout | null {
    const running: Lockout[] = [];
    for (const scope of SCOPES) {
      const counter = this.deps.repos.signInThrottle.get(scope, subjectOf(caller, scope));
      const untilMs = counter?.lockedUntil ? Date.parse(counter.lockedUntil) : 0;
      if (counter && untilMs > nowMs) running.push({ scope, subject: counter.subject, failures: counter.failures, untilMs });
    }
    return longest(running);
  }

  /**
   * Counts one failure against both the account name and the client, inside the caller's
   * transaction, and returns the lockouts this failure started (empty while failures are free).
   */
  recordFailure(uow: UnitOfWork, caller: SignInCaller): Lockout[] {
    const repo = uow.repos.signInThrottle;
    const nowMs = Date.parse(uow.now);
    const forgetBefore = new Date(nowMs - SIGN_IN_THROTTLE.forgetAfterMs).toISOString();
    repo.purgeForgotten(forgetBefore, uow.now);
    const started: Lockout[] = [];
    for (const scope of SCOPES) {
      const subject = subjectOf(caller, scope);
      const previous = repo.get(scope, subject);
      const failures = (previous && previous.lastFailureAt >= forgetBefore ? previous.failures : 0) + 1;
      const lockMs = lockoutMs(scope, failures);
      const counter: ThrottleCounter = {
        scope,
        subject,
        failures,
        lastFailureAt: uow.now,
        lockedUntil: lockMs > 0 ? new Date(nowMs + lockMs).toISOString() : null,
      };
      repo.save(counter);
      if (lockMs > 0) started.push({ scope, subject, failures, untilMs: nowMs + lockMs });
    }
    return started;
  }

  /**
   * Forgets the account name's failures (after a successful sign-in or an unlock); returns what was counted.
   * A successful sign-in deliberately leaves the client's counter alone: an attacker holding one
   * valid account could otherwise sign in with it between guesses and reset the client's count at
   * will, leaving only the per-name limit against guessing many other accounts' passwords.
   */
  clearUser(uow: UnitOfWork, username: string): ThrottleCounter | null {
    const counter = uow.repos.signInThrottle.get('user', username);
    if (counter) uow.repos.signInThrottle.delete('user', username);
    return counter;
  }

  /**
   * Forgets every client's failures and lockouts (an Admin's unlock); returns the counters forgotten.
   * All clients rather than one: in browser mode every caller is 127.0.0.1 and in Electron 'ipc',
   * so on this loopback-only server "the client" is the machine itself, and the Admin cannot name
   * which caller to forgive. An Admin who chooses to unlock has decided the failures are not an attack.
   */
  clearClients(uow: UnitOfWork): ThrottleCounter[] {
    return uow.repos.signInThrottle.deleteAll('client');
  }
}
