// User administration in cloud mode, against cognito-local: the pool's users and groups read-only, every write refused as the pool's business.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ErrorBody } from '../../core/api/errors';
import { CLOUD_MANAGED_MESSAGE, type PoolUser, type SignInHistoryPage, type UserDirectory } from '../../core/domain/users';
import { type Backend, createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { createHttpServer } from '../../main/transport/http';
import { type ApiResponse, expectError, expectOk, TEST_PASSWORD } from '../support/api-harness';
import { type CognitoLocal, startCognitoLocal } from '../support/cognito-local';

const POOL_ADMIN = { email: 'harbour.admin@example.com', password: 'Harbour-admin-1' };
let cognito: CognitoLocal;
let dataDir: string;
let backend: Backend;
let server: Server;
let baseUrl: string;
let token: string;

async function call<T>(method: string, path: string, body?: unknown, bearer: string | null = token): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as T, headers: res.headers };
}

/**
 * An Admin's session in cloud mode: the pool's Admin signing in (Cognito sign-in). Until that
 * sign-in is part of the build, a local Admin account stands in, so this suite tests the Admin
 * screen's cloud mode on its own.
 */
async function adminSession(): Promise<string> {
  const pool = await call<{ token: string }>('POST', '/auth/login', { username: POOL_ADMIN.email, password: POOL_ADMIN.password }, null);
  if (pool.status === 200) return pool.body.token;
  backend.services.auth.createUser({ username: 'local-admin', displayName: 'Local Admin', password: TEST_PASSWORD, roles: ['Admin'] });
  return expectOk(await call<{ token: string }>('POST', '/auth/login', { username: 'local-admin', password: TEST_PASSWORD }, null)).token;
}

beforeAll(async () => {
  // The SDK signs ListUsers with the default credentials; cognito-local accepts any.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'portsidelocal');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'portsidelocal');
  cognito = await startCognitoLocal();
  await cognito.createUser(POOL_ADMIN.email, { password: POOL_ADMIN.password, name: 'Harbour Admin', groups: ['Admin'] });
  await cognito.createUser('ana@example.com', { password: 'Harbour-pass-2', name: 'Ana Rossi', groups: ['CSR'] });
  await cognito.createUser('bo@example.com', { password: 'Harbour-pass-3', name: 'Bo Lindqvist', groups: ['Manager', 'Admin'] });
  await cognito.createUser('cy@example.com', { password: 'Harbour-pass-4', groups: [] });
  await cognito.disableUser('cy@example.com');
  await cognito.createUser('dee@example.com', { temporaryPassword: 'Temporary-9', name: 'Dee Nakamura', groups: ['CSR'] });
  dataDir = mkdtempSync(join(tmpdir(), 'portside-admin-cloud-'));
  backend = createBackend(loadConfig({ PORTSIDE_DEMO: '0', ...cognito.env() }, { dataDir }), { log: () => undefined });
  server = createHttpServer({ dispatcher: backend.dispatcher, events: backend.services.events, tickets: backend.services.eventTickets });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = await adminSession();
}, 90_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  backend?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await cognito?.stop();
  vi.unstubAllEnvs();
});

function byEmail(items: PoolUser[], email: string): PoolUser | undefined {
  return items.find((u) => u.username === email || u.email === email);
}

describe('the Admin screen in cloud mode', () => {
  it('GET /users/accounts lists the pool’s users with their groups as roles, read-only (mode "cloud")', async () => {
    const directory = expectOk(await call<UserDirectory>('GET', '/users/accounts'));
    if (directory.mode !== 'cloud') throw new Error(`expected cloud mode, got ${directory.mode}`);
    expect(directory.poolId).toBe(cognito.poolId);
    expect(directory.groups).toEqual(['CSR', 'Manager', 'Admin']);
    expect(directory.items).toHaveLength(5);
    expect(byEmail(directory.items, 'ana@example.com')).toMatchObject({
      displayName: 'Ana Rossi',
      email: 'ana@example.com',
      roles: ['CSR'],
      groups: ['CSR'],
      disabled: false,
      status: 'CONFIRMED',
      id: expect.any(String),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(byEmail(directory.items, 'bo@example.com')).toMatchObject({ roles: ['Manager', 'Admin'], groups: ['Manager', 'Admin'] });
    // No group: no role (such a user cannot sign in), shown by e-mail address when the pool has no name.
    expect(byEmail(directory.items, 'cy@example.com')).toMatchObject({ roles: [], disabled: true, displayName: 'cy@example.com' });
    expect(byEmail(directory.items, 'dee@example.com')).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD', roles: ['CSR'] });
    expect(cognito.calls).toEqual(expect.arrayContaining(['ListUsers', 'ListUsersInGroup']));
  });

  it('refuses creating, changing and resetting accounts: the pool is the authority (422), changing nothing', async () => {
    const rows = (): unknown[] => backend.db.prepare('SELECT * FROM users ORDER BY id').all();
    const audit = (): number => backend.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_entries').get()?.n ?? 0;
    const before = { users: rows(), audit: audit() };
    const someone = backend.services.deps.repos.users.all()[0]?.id ?? 'missing';
    const answers: ApiResponse<ErrorBody>[] = [
      await call('POST', '/users', { username: 'eve', displayName: 'Eve', roles: ['CSR'], password: 'harbour lights at dawn' }),
      await call('PUT', `/users/${someone}`, { version: 1, displayName: 'Renamed' }),
      await call('POST', `/users/${someone}/password`, { password: 'harbour lights at dawn' }),
    ];
    for (const res of answers) {
      const error = expectError(res, 'RULE_VIOLATION');
      expect(error.message).toBe(CLOUD_MANAGED_MESSAGE);
      expect(error.message).toMatch(/^Users are managed in the Cognito user pool in cloud mode: use the AWS console or CLI/);
    }
    expect({ users: rows(), audit: audit() }).toEqual(before);
  });

  it('still shows the sign-in history kept on this device', async () => {
    const history = expectOk(await call<SignInHistoryPage>('GET', '/users/sign-ins?limit=5'));
    expect(history.items[0]).toMatchObject({ kind: 'signed_in' });
  });

  it('answers 503 with what to check when the pool cannot be reached', async () => {
    cognito.setOffline(true);
    try {
      const error = expectError(await call('GET', '/users/accounts'), 'BUSY');
      expect(error.message).toMatch(/Could not read the users of the Cognito user pool/);
    } finally {
      cognito.setOffline(false);
    }
  });
});
