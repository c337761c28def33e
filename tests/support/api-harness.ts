// Test harness: a real backend on a temp SQLite dir behind the real HTTP transport on 127.0.0.1, signed in, with typed calls.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expect } from 'vitest';
import { contract, type HttpMethod, OPERATION_NAMES, type OperationName } from '../../core/api/contract';
import { type ErrorBody, type ErrorCode, ERROR_STATUS, isErrorBody } from '../../core/api/errors';
import type { Role } from '../../core/auth/permissions';
import type { LoginResult } from '../../core/domain/auth';
import type { Clock } from '../../core/domain/runtime';
import { type Backend, createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { DEMO_PASSWORD } from '../../main/services/demo-data';
import { createHttpServer } from '../../main/transport/http';
import { createResponseValidator, type ResponseValidator } from './openapi-responses';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  /** Bearer token to send instead of the harness's session; null sends none. */
  token?: string | null;
  /** More request headers (a Content-Type other than JSON, for instance). */
  headers?: Record<string, string>;
}

export interface ApiHarness {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly backend: Backend;
  /** The session token of the signed-in user. */
  readonly token: string;
  readonly user: LoginResult['user'];
  /** Contract operations this harness has called over HTTP (to check an API suite covers them all). */
  readonly operationsCalled: Set<OperationName>;
  /** Messages the backend logged (INTERNAL errors), instead of printing them. */
  readonly logged: string[];
  call<T = unknown>(method: HttpMethod, path: string, body?: unknown, options?: CallOptions): Promise<ApiResponse<T>>;
  signIn(username: string, password: string): Promise<LoginResult>;
  /** Stops the server and the backend and starts them again on the same data folder (a new port). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Seed demo data and demo accounts, and sign in as the demo CSR. */
  demo?: boolean;
  /** Without demo data, the user to create and sign in as (default: a CSR). */
  roles?: Role[];
  /** The backend's clock (default: the system clock). */
  clock?: Clock;
  /** More configuration, as environment variables (e.g. PORTSIDE_TABLE for cloud mode). */
  env?: Record<string, string>;
  /** The DynamoDB client the backend uses at start (cloud mode). */
  dynamoDb?: DynamoDBClient;
  /**
   * Check every response of a contract operation against GET /openapi.json: its status must be
   * declared for the operation and its body must fit the declared schema; a call that breaks
   * either throws, failing the test at the call.
   */
  validateResponses?: boolean;
}

let sharedValidator: ResponseValidator | null = null;

/** One validator per test file (it compiles schemas as they are first needed). */
function responseValidator(): ResponseValidator {
  sharedValidator ??= createResponseValidator();
  return sharedValidator;
}

export const TEST_PASSWORD = 'correct horse battery staple';
export const TEST_USER = { username: 'casey', displayName: 'Casey Tester' } as const;

/** The contract operation a method + path reaches, as the HTTP transport routes it. */
export function operationFor(method: string, path: string): OperationName | null {
  const pathname = new URL(path, 'http://127.0.0.1').pathname;
  for (const name of OPERATION_NAMES) {
    const def = contract[name];
    const pattern = new RegExp(`^${def.path.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
    if (def.method === method && pattern.test(pathname)) return name;
  }
  return null;
}

export async function startApi(options: HarnessOptions = {}): Promise<ApiHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portside-api-'));
  const logged: string[] = [];
  const openBackend = (): Backend =>
    createBackend(loadConfig({ PORTSIDE_DEMO: options.demo ? '1' : '0', ...options.env }, { dataDir }), {
      log: (message, error) => logged.push(`${message}: ${String(error)}`),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.dynamoDb ? { dynamoDb: options.dynamoDb } : {}),
    });
  let backend = openBackend();
  let server: Server;
  let baseUrl: string;
  try {
    ({ server, baseUrl } = await serve(backend));
  } catch (error) {
    backend.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const operationsCalled = new Set<OperationName>();
  let token: string | null = null;

  async function call<T = unknown>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    callOptions: CallOptions = {},
  ): Promise<ApiResponse<T>> {
    const bearer = callOptions.token === undefined ? token : callOptions.token;
    const headers: Record<string, string> = {};
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, callOptions.headers);
    const response = await fetch(baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const operation = operationFor(method, path);
    if (operation) operationsCalled.add(operation);
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (options.validateResponses && operation) {
      const problem = responseValidator().problem(operation, response.status, parsed);
      if (problem) throw new Error(`${method} ${path}: ${problem}`);
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  async function signIn(username: string, password: string): Promise<LoginResult> {
    const res = await call<LoginResult>('POST', '/auth/login', { username, password }, { token: null });
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function restart(): Promise<void> {
    await closeServer(server);
    backend.close();
    backend = openBackend();
    ({ server, baseUrl } = await serve(backend));
  }

  async function close(): Promise<void> {
    await closeServer(server);
    backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  let login: LoginResult;
  try {
    if (options.demo) {
      login = await signIn('csr', DEMO_PASSWORD);
    } else {
      backend.services.auth.createUser({ ...TEST_USER, password: TEST_PASSWORD, roles: options.roles ?? ['CSR'] });
      login = await signIn(TEST_USER.username, TEST_PASSWORD);
    }
  } catch (error) {
    await close();
    throw error;
  }
  token = login.token;

  return {
    get baseUrl() {
      return baseUrl;
    },
    dataDir,
    get backend() {
      return backend;
    },
    token: login.token,
    user: login.user,
    operationsCalled,
    logged,
    call,
    signIn,
    restart,
    close,
  };
}

/** The real HTTP transport over `backend`, listening on a free loopback port. */
async function serve(backend: Backend): Promise<{ server: Server; baseUrl: string }> {
  const server = createHttpServer({
    dispatcher: backend.dispatcher,
    events: backend.services.events,
    tickets: backend.services.eventTickets,
  });
  // A suite that works long on one side (IPC cases, big strings) on a loaded machine lets fetch's
  // pooled socket idle past the server's 5 s keep-alive; both ends then race to use and close it
  // (ECONNRESET). Tests close every connection at the end anyway.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/**
 * Asserts that a response is the one error shape of the API (README, docs/architecture.md), {code, message, fields?},
 * with the HTTP status of its code and a message for a person (no stack trace), and returns it.
 */
export function expectError(res: ApiResponse, code: ErrorCode): ErrorBody {
  expect(res.status, JSON.stringify(res.body)).toBe(ERROR_STATUS[code]);
  expect(isErrorBody(res.body)).toBe(true);
  const body = res.body as ErrorBody;
  expect(body.code).toBe(code);
  for (const key of Object.keys(body)) expect(['code', 'message', 'fields', 'current', 'retryAfterSeconds', 'duplicates']).toContain(key);
  expect(body.message.length).toBeGreaterThan(10);
  expect(body.message).not.toMatch(/\n\s+at |Error:|SQLITE|undefined|\[object/);
  if (body.fields !== undefined) {
    for (const [field, message] of Object.entries(body.fields)) {
      expect(field).not.toBe('');
      expect(typeof message).toBe('string');
    }
  }
  return body;
}

/** Asserts a success status and returns the typed body. */
export function expectOk<T>(res: ApiResponse<T>, status = 200): T {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return res.body;
}
