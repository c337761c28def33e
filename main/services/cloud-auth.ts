// Cloud sign-in: the pool checks the password (new-password challenge, forgotten password), Portside keeps the session; offline unlock when the pool cannot be reached.
import { randomBytes } from 'node:crypto';
import { PortsideError } from '../../core/api/errors';
import type { FieldChange } from '../../core/domain/audit';
import type {
  CompleteNewPasswordInput,
  ConfirmForgotPasswordInput,
  ForgotPasswordInput,
  ForgotPasswordResult,
  LoginAnswer,
  LoginInput,
  LoginResult,
} from '../../core/domain/auth';
import type { UserRecord } from '../db/repos/users-repo';
import { CognitoFailure, type CognitoGateway, type PoolTokens } from './cognito-gateway';
import { type IdTokenClaims, type IdTokenVerifier, PORTSIDE_GROUPS } from './id-token';
import { hashPasswordAsync, TIMING_EQUALISER_HASH, verifyPassword } from './password-hashing';
import type { PoolTokenKeeper } from './cloud-auth-tokens';
import type { SignInCaller } from './sign-in-throttle';
import { type Actor, inTransaction, type ServiceDeps } from './unit-of-work';

/** A pending NEW_PASSWORD_REQUIRED challenge lives as long as Cognito's session (3 minutes). */
const CHALLENGE_MS = 3 * 60_000;

/** What the sign-in service lends the cloud sign-in: sessions, and refusals that count against the throttle. */
export interface SignInDesk {
  startSession(user: UserRecord, caller: SignInCaller, offline: boolean): LoginResult;
  /** Audits a failed attempt, counts it against the name and the client, and throws `error` (or 429 once locked out). */
  refuse(caller: SignInCaller, user: UserRecord | null, reason: string, error: PortsideError): never;
}

interface PendingChallenge {
  poolUsername: string;
  typedUsername: string;
  cognitoSession: string;
  client: string;
  expiresAtMs: number;
}

export function wrongCredentials(): PortsideError {
  return new PortsideError('UNAUTHENTICATED', 'Wrong username or password. Check both and try again.', {
    fields: { password: 'Wrong username or password.' },
  });
}

export const DISABLED_MESSAGE = 'Your account has been disabled in the user pool. Contact an administrator to have it enabled again.';

function poolUnavailable(what: string): PortsideError {
  return new PortsideError('BUSY', `Portside cannot reach the sign-in service right now, so ${what}. Check the connection and try again.`);
}

function poolBusy(): PortsideError {
  return new PortsideError('RATE_LIMITED', 'The sign-in service is receiving too many requests. Wait a minute and try again.', {
    retryAfterSeconds: 60,
  });
}

export function noGroup(): PortsideError {
  return new PortsideError(
    'FORBIDDEN',
    `Your account is in none of Portside's groups (${PORTSIDE_GROUPS.join(', ')}), so it has no role here. ` +
      'Ask an administrator to add you to one of these groups in the user pool, then sign in again.',
  );
}

const actorOf = (user: UserRecord, offline = false): Actor => ({
  id: user.id,
  name: user.displayName,
  roles: user.roles,
  ...(offline ? { offline: true } : {}),
});

export class CloudSignIn {
  private readonly challenges = new Map<string, PendingChallenge>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly gateway: CognitoGateway,
    private readonly verifier: IdTokenVerifier,
    private readonly tokens: PoolTokenKeeper,
    private readonly desk: SignInDesk,
  ) {}

  private nowMs(): number {
    return Date.parse(this.deps.clock.now());
  }

  async login(input: LoginInput, caller: SignInCaller): Promise<LoginAnswer> {
    const known = this.deps.repos.users.byUsername(input.username);
    let answer;
    try {
      answer = await this.gateway.passwordAuth(input.username, input.password);
    } catch (error) {
      if (!(error instanceof CognitoFailure)) throw error;
      if (error.kind === 'unreachable') return this.unlockOffline(input, caller);
      return this.refuseFailure(error, caller, known, 'sign-in');
    }
    if (answer.kind === 'new-password') {
      const handle = randomBytes(32).toString('base64url');
      this.forgetExpiredChallenges();
      this.challenges.set(handle, {
        poolUsername: answer.username,
        typedUsername: input.username,
        cognitoSession: answer.session,
        client: caller.client,
        expiresAtMs: this.nowMs() + CHALLENGE_MS,
      });
      this.auditAttempt(known, caller, 'sign_in_challenged', 'The pool asks for a new password (first sign-in)');
      return { challenge: 'NEW_PASSWORD_REQUIRED', session: handle, username: input.username };
    }
    if (answer.kind === 'other-challenge') {
      throw new PortsideError(
        'FORBIDDEN',
        `The user pool asks for a step Portside does not support (${answer.challenge}). Ask an administrator.`,
      );
    }
    return this.signedInOnline(answer.tokens, input.username, input.password, caller);
  }

  async completeNewPassword(input: CompleteNewPasswordInput, caller: SignInCaller): Promise<LoginAnswer> {
    this.forgetExpiredChallenges();
    const pending = this.challenges.get(input.session);
    const known = this.deps.repos.users.byUsername(input.username);
    if (!pending || pending.typedUsername.toLowerCase() !== input.username.toLowerCase() || pending.client !== caller.client) {
      this.desk.refuse(
        caller,
        known,
        'Unknown or expired new-password session',
        new PortsideError('UNAUTHENTICATED', 'This first sign-in has expired. Sign in again with your temporary password.', {
          fields: { session: 'Sign in again with your temporary password.' },
        }),
      );
    }
    this.challenges.delete(input.session);
    let answer;
    try {
      answer = await this.gateway.respondNewPassword(pending.poolUsername, pending.cognitoSession, input.newPassword);
    } catch (error) {
      if (!(error instanceof CognitoFailure)) throw error;
      // A password the policy refuses leaves the challenge open: the person tries another one.
      if (error.kind === 'policy') this.challenges.set(input.session, pending);
      return this.refuseFailure(error, caller, known, 'new-password');
    }
    if (answer.kind !== 'tokens') {
      throw new PortsideError('FORBIDDEN', 'The user pool asks for a step Portside does not support. Ask an administrator.');
    }
    return this.signedInOnline(answer.tokens, pending.typedUsername, input.newPassword, caller);
  }

  async forgotPassword(input: ForgotPasswordInput, caller: SignInCaller): Promise<ForgotPasswordResult> {
    const known = this.deps.repos.users.byUsername(input.username);
    try {
      await this.gateway.forgotPassword(input.username);
    } catch (error) {
      if (!(error instanceof CognitoFailure)) throw error;
      if (error.kind === 'unreachable') throw poolUnavailable('no code can be sent');
      if (error.kind === 'throttled') throw poolBusy();
      // Unknown or disabled account: the same answer as a sent code, so nobody learns which names exist.
    }
    this.auditAttempt(known, caller, 'password_reset_requested', null);
    return {
      sent: true,
      message: 'If this account exists, a 6-digit code is on its way to its e-mail address. Enter it with a new password.',
    };
  }

  async confirmForgotPassword(input: ConfirmForgotPasswordInput, caller: SignInCaller): Promise<{ ok: true }> {
    const known = this.deps.repos.users.byUsername(input.username);
    try {
      await this.gateway.confirmForgotPassword(input.username, input.code, input.newPassword);
    } catch (error) {
      if (!(error instanceof CognitoFailure)) throw error;
      return this.refuseFailure(error, caller, known, 'reset');
    }
    inTransaction(this.deps, known ? actorOf(known) : { id: null, name: input.username }, 'auth.confirmForgotPassword', (uow) => {
      // The old password no longer unlocks this device offline; the next online sign-in keeps the new one.
      if (known) this.deps.repos.users.setOfflineVerifier(known.id, null);
      uow.audit({
        entityType: 'user',
        entityId: known?.id ?? input.username,
        orderId: null,
        action: 'password_reset',
        changes: attempt(caller),
      });
    });
    return { ok: true };
  }

  /** Maps a pool refusal to the answer a person gets; wrong credentials and bad codes count against the throttle. */
  private refuseFailure(
    error: CognitoFailure,
    caller: SignInCaller,
    known: UserRecord | null,
    step: 'sign-in' | 'new-password' | 'reset',
  ): never {
    switch (error.kind) {
      case 'wrong':
        if (step === 'reset') return this.desk.refuse(caller, known, 'Unknown account (password reset)', wrongCode());
        return this.desk.refuse(caller, known, 'Wrong password or unknown user (user pool)', wrongCredentials());
      case 'disabled':
        if (known) this.tokens.lockOut(known, DISABLED_MESSAGE, 'Disabled in the user pool');
        return this.desk.refuse(caller, known, 'Account disabled in the user pool', new PortsideError('UNAUTHENTICATED', DISABLED_MESSAGE));
      case 'code':
        return this.desk.refuse(caller, known, 'Wrong or expired reset code', wrongCode());
      case 'policy':
        throw new PortsideError('VALIDATION', `The user pool refused this new password: ${error.message}`, {
          fields: { newPassword: `Choose a password the pool accepts: ${error.message}` },
        });
      case 'session':
        return this.desk.refuse(
          caller,
          known,
          'Expired new-password session',
          new PortsideError('UNAUTHENTICATED', 'This first sign-in has expired. Sign in again with your temporary password.'),
        );
      case 'reset':
        throw new PortsideError(
          'UNAUTHENTICATED',
          'Your password must be reset before you can sign in. Choose "Forgot password?" to get a code.',
        );
      case 'throttled':
        throw poolBusy();
      case 'unreachable':
        throw poolUnavailable(step === 'new-password' ? 'your new password cannot be set' : 'your password cannot be changed');
      default:
        throw error;
    }
  }

  /**
   * The pool said yes: verify the ID token, refuse a user in no Portside group, bring the local
   * row up to date (roles = groups now, audited when they change), keep the offline verifier and
   * the tokens, and start a Portside session.
   */
  private async signedInOnline(tokens: PoolTokens, typedUsername: string, password: string, caller: SignInCaller): Promise<LoginResult> {
    let claims: IdTokenClaims;
    try {
      claims = await this.verifier.verify(tokens.idToken);
    } catch (error) {
      if (error instanceof CognitoFailure && error.kind === 'unreachable') throw poolUnavailable('your sign-in cannot be checked');
      throw error;
    }
    if (claims.roles.length === 0) {
      const existing = this.deps.repos.users.byId(claims.sub);
      if (existing) this.tokens.lockOut(existing, noGroup().message, 'In no Portside group', { forgetVerifier: true, roles: [] });
      this.auditAttempt(
        existing,
        caller,
        'sign_in_refused',
        `In no Portside group (pool groups: ${claims.groups.join(', ') || 'none'})`,
        claims.sub,
      );
      throw noGroup();
    }
    if (!claims.hasName) claims = await this.withPoolName(claims, tokens.accessToken);
    const verifier = await hashPasswordAsync(password);
    const user = this.tokens.recordOnlineUser(claims, typedUsername, verifier);
    this.tokens.keep(user.id, tokens, claims);
    return this.desk.startSession(user, caller, false);
  }

  /** The display name from the pool's attributes when the ID token has none; the fallback name otherwise. */
  private async withPoolName(claims: IdTokenClaims, accessToken: string): Promise<IdTokenClaims> {
    try {
      const name = (await this.gateway.attributes(accessToken)).name?.trim();
      return name ? { ...claims, displayName: name, hasName: true } : claims;
    } catch (error) {
      if (error instanceof CognitoFailure) return claims;
      throw error;
    }
  }

  /**
   * The pool cannot be reached: the password kept at the last online sign-in on this device
   * unlocks an offline session with the roles seen then. One scrypt whatever the case.
   */
  private async unlockOffline(input: LoginInput, caller: SignInCaller): Promise<LoginResult> {
    const user = this.deps.repos.users.byUsername(input.username);
    const verifier = user && user.source === 'cognito' && !user.disabled ? user.offlineVerifier : null;
    const matches = await verifyPassword(input.password, verifier ?? TIMING_EQUALISER_HASH);
    if (!user || verifier === null) {
      return this.desk.refuse(
        caller,
        user,
        'Offline unlock: never signed in online on this device',
        new PortsideError(
          'UNAUTHENTICATED',
          'Portside cannot reach the sign-in service, and this account has not signed in online on this computer yet, so it cannot be unlocked offline. Connect to the internet and sign in once; after that your password also works offline.',
        ),
      );
    }
    if (!matches) return this.desk.refuse(caller, user, 'Offline unlock: wrong password', wrongCredentials());
    return this.desk.startSession(user, caller, true);
  }

  private auditAttempt(user: UserRecord | null, caller: SignInCaller, action: string, reason: string | null, entityId?: string): void {
    const actor: Actor = user ? actorOf(user) : { id: null, name: 'Unidentified caller' };
    inTransaction(this.deps, actor, `auth.${action}`, (uow) => {
      uow.audit({
        entityType: 'user',
        entityId: user?.id ?? entityId ?? caller.username,
        orderId: null,
        action,
        changes: attempt(caller),
        reason,
      });
    });
  }

  private forgetExpiredChallenges(): void {
    const now = this.nowMs();
    for (const [handle, pending] of this.challenges) if (pending.expiresAtMs <= now) this.challenges.delete(handle);
  }
}

function wrongCode(): PortsideError {
  return new PortsideError('VALIDATION', 'That code is wrong or has expired. Check the e-mail, or ask for a new code.', {
    fields: { code: 'Wrong or expired code: check the e-mail or ask for a new one.' },
  });
}

function attempt(caller: SignInCaller): FieldChange[] {
  return [
    { field: 'username', before: null, after: caller.username },
    { field: 'client', before: null, after: caller.client },
  ];
}
