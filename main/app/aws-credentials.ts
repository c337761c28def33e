// AWS credentials for DynamoDB in cloud mode: a Cognito identity pool exchanging the online user's ID token, else the SDK's default chain.
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import type { SyncWait } from '../../core/domain/sync-status';
import { ConfigError, type PortsideConfig } from '../config';
import type { IdTokenSource } from '../services/secret-store';

/** Temporary credentials from the identity pool; the DynamoDB client caches them and asks again shortly before they expire. */
export type CredentialsProvider = ReturnType<typeof fromCognitoIdentityPool>;

/** Thrown by the credentials provider while nobody is signed in online (the sync loop waits instead of calling). */
export class SignInRequiredError extends Error {
  override name = 'SignInRequiredError';
  constructor() {
    super('Sign in to sync: the identity pool gives AWS credentials only for the ID token of a user signed in online.');
  }
}

/** e.g. eu-west-1, ap-southeast-2, us-gov-west-1. */
const AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** The SDK's defaults wait forever for a silent host; a dead link must fail a pass in seconds. */
const COGNITO_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true } as const;

export interface IdentityPoolSettings {
  identityPoolId: string;
  /** The Logins key naming the token's issuer: cognito-idp.<region>.amazonaws.com/<userPoolId>. */
  loginProvider: string;
  /** The identity pool's region: its id's prefix (eu-west-1:…), else AWS_REGION. */
  region: string;
  /** PORTSIDE_COGNITO_IDENTITY_ENDPOINT (a test's stand-in); null = AWS. */
  endpoint: string | null;
}

function regionPrefix(id: string, separator: string): string | null {
  const prefix = id.split(separator)[0] ?? '';
  return AWS_REGION_PATTERN.test(prefix) ? prefix : null;
}

type CredentialConfig = Pick<PortsideConfig, 'identityPoolId' | 'userPoolId' | 'region' | 'cognitoIdentityEndpoint'>;

/** The identity pool Portside takes credentials from, or null: the SDK's default provider chain (environment, profile, SSO, role). */
export function identityPoolSettings(config: CredentialConfig): IdentityPoolSettings | null {
  const { identityPoolId, userPoolId } = config;
  if (!identityPoolId) return null;
  if (!userPoolId) throw new ConfigError('PORTSIDE_IDENTITY_POOL_ID needs PORTSIDE_USER_POOL_ID: the pool whose sign-ins it trusts.');
  // AWS ids carry their region (eu-west-1_AbC, eu-west-1:0f…); an emulator's (local_AbC) does not, so AWS_REGION says.
  const userPoolRegion = regionPrefix(userPoolId, '_') ?? config.region;
  const region = regionPrefix(identityPoolId, ':') ?? config.region;
  if (!userPoolRegion || !region) {
    throw new ConfigError('Set AWS_REGION (e.g. eu-west-1): the identity pool and user pool ids do not name their region.');
  }
  return {
    identityPoolId,
    loginProvider: `cognito-idp.${userPoolRegion}.amazonaws.com/${userPoolId}`,
    region,
    endpoint: config.cognitoIdentityEndpoint,
  };
}

/**
 * Credentials from the identity pool for the user signed in online: GetId and
 * GetCredentialsForIdentity with Logins = { <user pool>: <current ID token> }. The token is read
 * each time credentials are fetched, so a renewal after a token refresh uses the new one. The IAM
 * role of the pool's authenticated identities decides what DynamoDB allows; the app stores no key.
 */
export function identityPoolCredentials(settings: IdentityPoolSettings, idToken: IdTokenSource): CredentialsProvider {
  return fromCognitoIdentityPool({
    identityPoolId: settings.identityPoolId,
    logins: {
      [settings.loginProvider]: async () => {
        const token = await idToken();
        if (token === null) throw new SignInRequiredError();
        return token;
      },
    },
    clientConfig: {
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      maxAttempts: 2,
      requestHandler: COGNITO_TIMEOUTS,
    },
  });
}

/** The credentials for this process's DynamoDB clients: the identity pool's, or undefined = the SDK's default chain. */
export function dynamoCredentials(config: CredentialConfig, idToken: IdTokenSource): CredentialsProvider | undefined {
  const settings = identityPoolSettings(config);
  return settings ? identityPoolCredentials(settings, idToken) : undefined;
}

/** The sync loop's question before each pass: with an identity pool, nothing syncs until someone is signed in online. */
export function signInWait(config: CredentialConfig, idToken: IdTokenSource): (() => Promise<SyncWait | null>) | undefined {
  if (!config.identityPoolId) return undefined;
  return async () => ((await idToken()) === null ? 'sign-in' : null);
}

/**
 * The ID-token source, bound once the backend exists: the DynamoDB client is built before it (the
 * start's order-number reservation uses it), the auth service holding the session only after.
 * Until bound, nobody is signed in.
 */
export class LateIdTokenSource {
  private source: IdTokenSource = () => Promise.resolve(null);
  readonly read: IdTokenSource = () => this.source();
  bind(source: IdTokenSource): void {
    this.source = source;
  }
}
