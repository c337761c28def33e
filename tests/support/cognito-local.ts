// cognito-local (npm `cognito-local`, the Cognito user-pool emulator) on a free loopback port in a temp folder, with a
// pool, an app client, the CSR/Manager/Admin groups and helpers to create, disable and reset users (tests and dev scripts).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import {
  Agent as HttpAgent,
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export const COGNITO_GROUPS = ['CSR', 'Manager', 'Admin'] as const;
const REGION = 'us-east-1';
/** cognito-local checks nothing about credentials; the SDK wants some. */
const LOCAL_CREDENTIALS = { accessKeyId: 'portsidelocal', secretAccessKey: 'portsidelocal' } as const;

export interface PoolUserOptions {
  /** A permanent password: the user signs in without a challenge. */
  password?: string;
  /** A temporary password: the first sign-in answers NEW_PASSWORD_REQUIRED. */
  temporaryPassword?: string;
  /** The `name` attribute (the display name Portside shows). */
  name?: string;
  groups?: readonly string[];
}

export interface CognitoLocal {
  /** Where Portside points (PORTSIDE_COGNITO_ENDPOINT): the AWS-faithful front (see startCognitoLocal). */
  readonly endpoint: string;
  /** cognito-local itself, bypassing the front. */
  readonly rawEndpoint: string;
  readonly region: string;
  readonly poolId: string;
  readonly clientId: string;
  /** The environment that puts Portside in cloud mode against this pool. */
  env(): Record<string, string>;
  /** An admin client for this emulator (setup, ListUsers...). */
  admin(): CognitoIdentityProviderClient;
  /** Creates a user (e-mail address as username) and puts it in the groups; returns its `sub`. */
  createUser(email: string, options: PoolUserOptions): Promise<string>;
  disableUser(email: string): Promise<void>;
  /** Puts an existing user in one more group (seen by Portside at the next token refresh). */
  addToGroup(email: string, group: string): Promise<void>;
  enableUser(email: string): Promise<void>;
  setPassword(email: string, password: string): Promise<void>;
  /** The last forgotten-password code cognito-local "sent" (it prints codes instead of e-mailing them). */
  lastCode(): string | null;
  /** Calls that reached the front, by X-Amz-Target operation (e.g. 'InitiateAuth'). */
  readonly calls: string[];
  /** While true, the front answers nothing and cuts every connection: Cognito is unreachable (offline). */
  setOffline(offline: boolean): void;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`cognito-local exited with code ${child.exitCode}:\n${output()}`);
    try {
      await fetch(endpoint, { method: 'GET' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`cognito-local did not answer within ${timeoutMs} ms:\n${output()}`);
}

interface StoredUser {
  Username: string;
  Enabled: boolean;
  RefreshTokens?: string[];
  Attributes?: { Name: string; Value: string }[];
}

/** The pool's users as cognito-local stores them (its JSON database in the temp folder). */
function storedUsers(folder: string, poolId: string): StoredUser[] {
  const dbDir = join(folder, '.cognito', 'db');
  const file = readdirSync(dbDir).find((f) => f === `${poolId}.json`);
  if (!file) return [];
  const parsed = JSON.parse(readFileSync(join(dbDir, file), 'utf8')) as { Users?: Record<string, StoredUser> };
  return Object.values(parsed.Users ?? {});
}

function awsError(res: ServerResponse, type: string, message: string): void {
  res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type });
  res.end(JSON.stringify({ __type: type, message }));
}

/**
 * The front: forwards to cognito-local, adding the one AWS answer the emulator lacks and Portside
 * relies on. cognito-local 5.3.0 keeps signing in and refreshing a disabled user; AWS answers
 * NotAuthorizedException "User is disabled." to USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH. The
 * front looks the user up in the emulator's own database and gives AWS's answer.
 */
function startFront(target: string, folder: string, poolId: () => string, calls: string[], offline: () => boolean): Promise<Server> {
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    if (offline()) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      if (operation) calls.push(operation);
      if (operation === 'InitiateAuth' && disabledCaller(body, folder, poolId())) {
        awsError(res, 'NotAuthorizedException', 'User is disabled.');
        return;
      }
      const url = new URL(req.url ?? '/', target);
      const upstream = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

function disabledCaller(body: Buffer, folder: string, poolId: string): boolean {
  let parsed: { AuthFlow?: string; AuthParameters?: Record<string, string> };
  try {
    parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
  } catch {
    return false;
  }
  const params = parsed.AuthParameters ?? {};
  const users = storedUsers(folder, poolId);
  const user =
    parsed.AuthFlow === 'REFRESH_TOKEN_AUTH'
      ? users.find((u) => (u.RefreshTokens ?? []).includes(params.REFRESH_TOKEN ?? ''))
      : users.find(
          (u) =>
            u.Username === params.USERNAME ||
            (u.Attributes ?? []).some((a) => a.Name === 'email' && a.Value.toLowerCase() === (params.USERNAME ?? '').toLowerCase()),
        );
  return user !== undefined && user.Enabled === false;
}

/** Starts cognito-local in a fresh temp folder, creates a pool, an app client (USER_PASSWORD_AUTH) and the groups. */
export async function startCognitoLocal(timeoutMs = 30_000): Promise<CognitoLocal> {
  const folder = mkdtempSync(join(tmpdir(), 'portside-cognito-'));
  const port = await freePort();
  const bin = resolve('node_modules/cognito-local/lib/bin/start.js');
  const child = spawn(process.execPath, [bin], {
    cwd: folder,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let code: string | null = null;
  const onOutput = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
    const match = /Code:\s+(\d{6})/.exec(chunk.toString());
    if (match?.[1]) code = match[1];
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const rawEndpoint = `http://127.0.0.1:${port}`;
  const calls: string[] = [];
  let offline = false;
  let poolId = '';
  let front: Server | null = null;
  const admin = (): CognitoIdentityProviderClient =>
    new CognitoIdentityProviderClient({
      endpoint: rawEndpoint,
      region: REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
      // No idle sockets: cognito-local closes them after 5 s, and a call reusing one then fails with "socket hang up".
      requestHandler: { httpAgent: new HttpAgent({ keepAlive: false }) },
    });
  try {
    await waitUntilReady(rawEndpoint, child, () => output, timeoutMs);
    const setup = admin();
    const pool = await setup.send(new CreateUserPoolCommand({ PoolName: 'portside-test' }));
    poolId = pool.UserPool?.Id ?? '';
    const appClient = await setup.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'portside', ExplicitAuthFlows: ['USER_PASSWORD_AUTH'] }),
    );
    const clientId = appClient.UserPoolClient?.ClientId ?? '';
    for (const group of COGNITO_GROUPS) await setup.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: group }));
    front = await startFront(
      rawEndpoint,
      folder,
      () => poolId,
      calls,
      () => offline,
    );
    const endpoint = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
    const frontServer = front;
    return {
      endpoint,
      rawEndpoint,
      region: REGION,
      poolId,
      clientId,
      calls,
      env: () => ({
        PORTSIDE_USER_POOL_ID: poolId,
        PORTSIDE_USER_POOL_CLIENT_ID: clientId,
        PORTSIDE_COGNITO_ENDPOINT: endpoint,
        AWS_REGION: REGION,
      }),
      admin,
      async createUser(email, options) {
        const attributes = [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          ...(options.name ? [{ Name: 'name', Value: options.name }] : []),
        ];
        const created = await setup.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: email,
            TemporaryPassword: options.temporaryPassword ?? options.password ?? 'Temporary-1',
            MessageAction: 'SUPPRESS',
            UserAttributes: attributes,
          }),
        );
        if (options.password) {
          await setup.send(
            new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: options.password, Permanent: true }),
          );
        }
        for (const group of options.groups ?? []) {
          await setup.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: group, Username: email }));
        }
        const sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? created.User?.Username ?? '';
        return sub;
      },
      async disableUser(email) {
        await setup.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: email }));
        const user = await setup.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }));
        if (user.Enabled !== false) throw new Error(`cognito-local did not disable ${email}`);
      },
      async addToGroup(email, group) {
        await setup.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: group, Username: email }));
      },
      async enableUser(email) {
        await setup.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: email }));
      },
      async setPassword(email, password) {
        await setup.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: password, Permanent: true }));
      },
      lastCode: () => code,
      setOffline(value) {
        offline = value;
      },
      async stop() {
        setup.destroy();
        await new Promise<void>((r) => {
          frontServer.closeAllConnections();
          frontServer.close(() => r());
        });
        await stopChild(child);
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    front?.close();
    await stopChild(child);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}
