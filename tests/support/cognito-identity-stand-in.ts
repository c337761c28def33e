// A loopback stand-in of the Cognito Identity JSON API (GetId, GetCredentialsForIdentity) trusting cognito-local's ID tokens.
//
// Why a stand-in: there is no identity-pool emulator (cognito-local emulates user pools only, and neither it nor
// DynamoDB Local knows identity pools or IAM roles). This speaks the two calls `fromCognitoIdentityPool` makes,
// over real HTTP in the AWS JSON 1.1 protocol the SDK uses, and checks what AWS checks: the Logins map names the
// user pool as cognito-idp.<region>.amazonaws.com/<poolId> and holds an ID token of that pool, verified against
// cognito-local's JWKS with jose (signature, issuer, audience = the app client, expiry, token_use = id). It then
// hands out the "authenticated role's" temporary credentials, which DynamoDB Local accepts.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { CognitoLocal } from './cognito-local';

export interface IdentityStandInOptions {
  /** The user pool whose ID tokens the identity pool trusts. */
  cognito: CognitoLocal;
  /** What the authenticated role's sessions sign with (DynamoDB Local keeps one database per access key). */
  roleCredentials: { accessKeyId: string; secretAccessKey: string };
  /** How long handed-out credentials last (AWS: one hour). */
  lifetimeSeconds?: number;
}

export interface IdentityCall {
  operation: string;
  /** The Logins map as sent (provider name -> token). */
  logins: Record<string, string>;
  /** The error type answered, or null when the call succeeded. */
  refused: string | null;
}

export interface CognitoIdentityStandIn {
  /** PORTSIDE_COGNITO_IDENTITY_ENDPOINT */
  readonly endpoint: string;
  /** PORTSIDE_IDENTITY_POOL_ID, AWS-shaped: <region>:<uuid>. */
  readonly identityPoolId: string;
  /** The Logins key AWS expects for the pool's tokens. */
  readonly loginProvider: string;
  readonly calls: IdentityCall[];
  /** Credentials handed out so far, by session token. */
  readonly sessions: Map<string, { identityId: string; sub: string }>;
  setLifetime(seconds: number): void;
  stop(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function answer(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(JSON.stringify(body));
}

export async function startCognitoIdentityStandIn(options: IdentityStandInOptions): Promise<CognitoIdentityStandIn> {
  const { cognito } = options;
  const identityPoolId = `${cognito.region}:${randomUUID()}`;
  const loginProvider = `cognito-idp.${cognito.region}.amazonaws.com/${cognito.poolId}`;
  const jwks = createRemoteJWKSet(new URL(`${cognito.rawEndpoint}/${cognito.poolId}/.well-known/jwks.json`));
  const identities = new Map<string, string>(); // sub -> identity id
  const sessions = new Map<string, { identityId: string; sub: string }>();
  const calls: IdentityCall[] = [];
  let lifetimeSeconds = options.lifetimeSeconds ?? 3600;

  /** The `sub` of the one valid ID token in Logins; refuses anything AWS would. */
  async function verifiedSub(logins: unknown): Promise<string> {
    if (typeof logins !== 'object' || logins === null || Object.keys(logins).length === 0) {
      throw new Refusal('NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.');
    }
    const entries = Object.entries(logins as Record<string, unknown>);
    const token = (logins as Record<string, unknown>)[loginProvider];
    if (entries.length !== 1 || typeof token !== 'string') {
      throw new Refusal('NotAuthorizedException', `Invalid login token. Only ${loginProvider} is configured for this identity pool.`);
    }
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: `${cognito.rawEndpoint}/${cognito.poolId}`,
        audience: cognito.clientId,
      });
      if (payload.token_use !== 'id' || typeof payload.sub !== 'string') throw new Error('not an ID token');
      return payload.sub;
    } catch (error) {
      throw new Refusal('NotAuthorizedException', `Invalid login token. ${(error as Error).message}`);
    }
  }

  async function handle(operation: string, body: Record<string, unknown>): Promise<unknown> {
    if (operation === 'GetId') {
      if (body.IdentityPoolId !== identityPoolId) {
        throw new Refusal('ResourceNotFoundException', `IdentityPool '${String(body.IdentityPoolId)}' not found.`);
      }
      const sub = await verifiedSub(body.Logins);
      const identityId = identities.get(sub) ?? `${cognito.region}:${randomUUID()}`;
      identities.set(sub, identityId);
      return { IdentityId: identityId };
    }
    if (operation === 'GetCredentialsForIdentity') {
      const sub = await verifiedSub(body.Logins);
      if (identities.get(sub) !== body.IdentityId) {
        throw new Refusal('NotAuthorizedException', 'Invalid login token. The identity does not belong to this user.');
      }
      const sessionToken = `stand-in-session-${randomUUID()}`;
      sessions.set(sessionToken, { identityId: String(body.IdentityId), sub });
      return {
        IdentityId: body.IdentityId,
        Credentials: {
          AccessKeyId: options.roleCredentials.accessKeyId,
          SecretKey: options.roleCredentials.secretAccessKey,
          SessionToken: sessionToken,
          // The JSON protocol's timestamps: epoch seconds.
          Expiration: Math.floor(Date.now() / 1000) + lifetimeSeconds,
        },
      };
    }
    throw new Refusal('UnknownOperationException', `The stand-in does not speak ${operation}.`);
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AWSCognitoIdentityService\./, '');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        answer(res, 400, { __type: 'SerializationException', message: 'Not JSON.' }, 'SerializationException');
        return;
      }
      const logins = (typeof body.Logins === 'object' && body.Logins !== null ? body.Logins : {}) as Record<string, string>;
      handle(operation, body).then(
        (result) => {
          calls.push({ operation, logins, refused: null });
          answer(res, 200, result);
        },
        (error: unknown) => {
          const type = error instanceof Refusal ? error.type : 'InternalErrorException';
          calls.push({ operation, logins, refused: type });
          answer(res, error instanceof Refusal ? 400 : 500, { __type: type, message: (error as Error).message }, type);
        },
      );
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    identityPoolId,
    loginProvider,
    calls,
    sessions,
    setLifetime(seconds) {
      lifetimeSeconds = seconds;
    },
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
