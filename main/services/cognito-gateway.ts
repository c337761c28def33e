// The thin door to the Cognito user pool: the SDK calls Portside makes, each failure sorted into a kind the sign-in service answers.
import {
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** Where the pool is: the config's ids, and an endpoint when it is an emulator (cognito-local). */
export interface PoolSettings {
  userPoolId: string;
  clientId: string;
  region: string;
  /** null: AWS (https://cognito-idp.<region>.amazonaws.com). */
  endpoint: string | null;
}

/** The pool's region, from the config or from the pool id ("eu-west-2_AbC..."). */
export function poolRegion(userPoolId: string, configured: string | null): string {
  if (configured) return configured;
  const prefix = userPoolId.split('_')[0] ?? '';
  return /^[a-z]{2}(-[a-z]+)+-\d$/.test(prefix) ? prefix : 'us-east-1';
}

export function poolBaseUrl(pool: PoolSettings): string {
  return (pool.endpoint ?? `https://cognito-idp.${pool.region}.amazonaws.com`).replace(/\/+$/, '');
}

/**
 * What went wrong, as the sign-in service needs to tell it apart:
 * - wrong: wrong password or unknown user (AWS NotAuthorized / UserNotFound, cognito-local InvalidPassword)
 * - disabled: "User is disabled." - revoked: the refresh token no longer works (signed out everywhere)
 * - unreachable: no answer (network, timeout, the service's own 5xx) - throttled: too many requests
 * - code: wrong or expired reset code - policy: the new password breaks the pool's policy
 * - reset: the pool wants a password reset first - unsupported: the pool (emulator) lacks the operation
 */
export type CognitoFailureKind =
  'wrong' | 'disabled' | 'revoked' | 'unreachable' | 'throttled' | 'code' | 'policy' | 'reset' | 'session' | 'unsupported' | 'other';

export class CognitoFailure extends Error {
  override name = 'CognitoFailure';
  constructor(
    readonly kind: CognitoFailureKind,
    message: string,
    readonly awsName: string,
  ) {
    super(message);
  }
}

export interface PoolTokens {
  idToken: string;
  accessToken: string;
  /** Only a password sign-in hands one out; a refresh keeps the old one. */
  refreshToken: string | null;
  expiresInSeconds: number;
}

export type PasswordAuthAnswer =
  | { kind: 'tokens'; tokens: PoolTokens }
  | { kind: 'new-password'; session: string; username: string }
  | { kind: 'other-challenge'; challenge: string };

interface AwsErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Sorts an SDK error; `context` decides what InvalidPasswordException means (wrong password at sign-in, policy otherwise). */
export function classify(error: unknown, context: 'sign-in' | 'new-password' | 'other'): CognitoFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as AwsErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : null;
  const kind = ((): CognitoFailureKind => {
    switch (name) {
      case 'NotAuthorizedException':
        if (/disabled/i.test(message)) return 'disabled';
        if (/attempts exceeded/i.test(message)) return 'throttled';
        if (/refresh token|revoked|signed out/i.test(message)) return 'revoked';
        if (/session/i.test(message) && context === 'new-password') return 'session';
        return 'wrong';
      case 'UserNotFoundException':
        return 'wrong';
      case 'InvalidPasswordException':
        return context === 'sign-in' ? 'wrong' : 'policy';
      case 'TooManyRequestsException':
      case 'LimitExceededException':
      case 'TooManyFailedAttemptsException':
        return 'throttled';
      case 'CodeMismatchException':
      case 'ExpiredCodeException':
        return 'code';
      case 'PasswordResetRequiredException':
        return 'reset';
      case 'UnsupportedOperationException':
      case 'UnknownOperationException':
      case 'UnsupportedError':
      case 'Unsupported': // cognito-local: "Cognito Local unsupported feature: ..."
        return 'unsupported';
      case 'InternalErrorException':
        return 'unreachable';
      default:
        break;
    }
    // No HTTP answer at all (refused, reset, timed out) or the service failing: the pool cannot be used now.
    if (/not (yet )?(implemented|supported)|unsupported/i.test(message)) return 'unsupported';
    return status === null || status >= 500 ? 'unreachable' : 'other';
  })();
  return new CognitoFailure(kind, message, name);
}

function tokensOf(out: InitiateAuthCommandOutput['AuthenticationResult'], refreshFallback: string | null): PoolTokens {
  if (!out?.IdToken || !out.AccessToken) throw new CognitoFailure('other', 'The pool answered without tokens.', 'NoTokens');
  return {
    idToken: out.IdToken,
    accessToken: out.AccessToken,
    refreshToken: out.RefreshToken ?? refreshFallback,
    expiresInSeconds: out.ExpiresIn ?? 3600,
  };
}

/** The pool's public (unsigned) operations for one app client, failing fast when nobody answers. */
export class CognitoGateway {
  private readonly client: CognitoIdentityProviderClient;

  constructor(readonly pool: PoolSettings) {
    this.client = new CognitoIdentityProviderClient({
      region: pool.region,
      ...(pool.endpoint ? { endpoint: pool.endpoint } : {}),
      // An unreachable pool must fail within seconds so offline unlock can take over (the SDK's requestTimeout alone only warns).
      // No idle sockets: sign-ins are minutes apart, and a socket the server closed meanwhile would read as "unreachable".
      requestHandler: {
        connectionTimeout: 3_000,
        requestTimeout: 5_000,
        throwOnRequestTimeout: true,
        httpAgent: new HttpAgent({ keepAlive: false }),
        httpsAgent: new HttpsAgent({ keepAlive: false }),
      },
      // One retry of a transient failure (a reset connection), so a single dropped packet does not unlock offline.
      maxAttempts: 2,
    });
  }

  private async send<T>(context: 'sign-in' | 'new-password' | 'other', call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw error instanceof CognitoFailure ? error : classify(error, context);
    }
  }

  async passwordAuth(username: string, password: string): Promise<PasswordAuthAnswer> {
    const out = await this.send('sign-in', () =>
      this.client.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: this.pool.clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      ),
    );
    if (out.AuthenticationResult) return { kind: 'tokens', tokens: tokensOf(out.AuthenticationResult, null) };
    if (out.ChallengeName === 'NEW_PASSWORD_REQUIRED' && out.Session) {
      return { kind: 'new-password', session: out.Session, username: out.ChallengeParameters?.USER_ID_FOR_SRP ?? username };
    }
    return { kind: 'other-challenge', challenge: out.ChallengeName ?? 'unknown' };
  }

  async respondNewPassword(username: string, session: string, newPassword: string): Promise<PasswordAuthAnswer> {
    const out = await this.send('new-password', () =>
      this.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: this.pool.clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
        }),
      ),
    );
    if (out.AuthenticationResult) return { kind: 'tokens', tokens: tokensOf(out.AuthenticationResult, null) };
    return { kind: 'other-challenge', challenge: out.ChallengeName ?? 'unknown' };
  }

  async refresh(refreshToken: string): Promise<PoolTokens> {
    const out = await this.send('other', () =>
      this.client.send(
        new InitiateAuthCommand({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: this.pool.clientId,
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    );
    return tokensOf(out.AuthenticationResult, refreshToken);
  }

  /** Where the code went ("a***@e***"), or null when the pool does not say. */
  async forgotPassword(username: string): Promise<string | null> {
    const out = await this.send('other', () =>
      this.client.send(new ForgotPasswordCommand({ ClientId: this.pool.clientId, Username: username })),
    );
    return out.CodeDeliveryDetails?.Destination ?? null;
  }

  async confirmForgotPassword(username: string, code: string, newPassword: string): Promise<void> {
    await this.send('new-password', () =>
      this.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: this.pool.clientId,
          Username: username,
          ConfirmationCode: code,
          Password: newPassword,
        }),
      ),
    );
  }

  /** The user's attributes (the ID token may leave some out: cognito-local has no `name` in it). */
  async attributes(accessToken: string): Promise<Record<string, string>> {
    const out = await this.send('other', () => this.client.send(new GetUserCommand({ AccessToken: accessToken })));
    return Object.fromEntries((out.UserAttributes ?? []).flatMap((a) => (a.Name && a.Value !== undefined ? [[a.Name, a.Value]] : [])));
  }

  /** Signs the user out of every device; 'unsupported' when the pool (cognito-local) has no GlobalSignOut. */
  async globalSignOut(accessToken: string): Promise<'done' | 'unsupported'> {
    try {
      await this.send('other', () => this.client.send(new GlobalSignOutCommand({ AccessToken: accessToken })));
      return 'done';
    } catch (error) {
      if (error instanceof CognitoFailure && error.kind === 'unsupported') return 'unsupported';
      throw error;
    }
  }

  async revoke(refreshToken: string): Promise<void> {
    await this.send('other', () => this.client.send(new RevokeTokenCommand({ ClientId: this.pool.clientId, Token: refreshToken })));
  }

  destroy(): void {
    this.client.destroy();
  }
}
