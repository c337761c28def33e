// Cloud sign-in against a real cognito-local pool: first sign-in with a new password, groups to roles, refusals that say why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../core/api/errors';
import { permissionsOf, type SessionUser } from '../../core/auth/permissions';
import type { AuditEntry } from '../../core/domain/audit';
import type { LoginAnswer, LoginResult, NewPasswordChallenge, SystemInfo } from '../../core/domain/auth';
import type { CustomerView } from '../../core/domain/customer';
import { DEMO_PASSWORD } from '../../main/services/demo-data';
import { CLOUD_DEMO_ACCOUNTS } from '../../main/services/cloud-demo-accounts';
import { type CloudApi, startCloudApi } from '../support/cognito-api';
import { type CognitoLocal, startCognitoLocal } from '../support/cognito-local';

let cognito: CognitoLocal;
let api: CloudApi;
const PASSWORD = 'Harbour-Lights-42';

beforeAll(async () => {
  cognito = await startCognitoLocal();
  api = await startCloudApi(cognito, { demo: true });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await cognito?.stop();
});

function login(username: string, password: string) {
  return api.call<LoginAnswer | ErrorBody>('POST', '/auth/login', { username, password });
}

async function signIn(username: string, password = PASSWORD): Promise<LoginResult> {
  const res = await login(username, password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as LoginResult;
}

function auditOf(entityId: string): AuditEntry[] {
  return api.backend.services.deps.repos.audit.forEntity('user', entityId);
}

describe('cloud sign-in with the user pool', () => {
  it('signs a pool user in as a local user keyed by their sub, with the role of their group', async () => {
    const sub = await cognito.createUser('aroha@harbour.test', { password: PASSWORD, name: 'Aroha Ngata', groups: ['CSR'] });
    const session = await signIn('aroha@harbour.test');
    expect(session.user).toEqual({ id: sub, username: 'aroha@harbour.test', displayName: 'Aroha Ngata', roles: ['CSR'] });
    const me = await api.call<SessionUser>('GET', '/auth/me', undefined, session.token);
    expect(me.body).toEqual(session.user);
    const row = api.backend.services.deps.repos.users.byId(sub);
    expect(row).toMatchObject({ source: 'cognito', email: 'aroha@harbour.test', roles: ['CSR'], passwordHash: '' });
    expect(row?.offlineVerifier).toMatch(/^scrypt\$/);
    expect(auditOf(sub).map((e) => e.action)).toEqual(expect.arrayContaining(['pool_user_added', 'signed_in']));
  });

  it('maps each group to its role and the role to its permissions', async () => {
    for (const group of ['CSR', 'Manager', 'Admin'] as const) {
      await cognito.createUser(`${group.toLowerCase()}-person@harbour.test`, { password: PASSWORD, groups: [group] });
      const session = await signIn(`${group.toLowerCase()}-person@harbour.test`);
      expect(session.user.roles).toEqual([group]);
      const dashboard = await api.call('GET', '/analytics/dashboard', undefined, session.token);
      expect(dashboard.status).toBe(permissionsOf([group]).has('analytics:read') ? 200 : 403);
      const verify = await api.call('GET', '/audit/verify', undefined, session.token);
      expect([200, 403]).toContain(verify.status);
      expect(verify.status === 200).toBe(permissionsOf([group]).has('audit:verify'));
    }
  });

  it('answers a wrong password exactly as an unknown user: the same plain 401', async () => {
    await cognito.createUser('tane@harbour.test', { password: PASSWORD, groups: ['CSR'] });
    const wrong = await login('tane@harbour.test', 'Not-The-Password-1');
    const unknown = await login('nobody@harbour.test', 'Not-The-Password-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect((wrong.body as ErrorBody).message).toBe('Wrong username or password. Check both and try again.');
  });

  it('asks for a new password at first sign-in, then signs in with it', async () => {
    const sub = await cognito.createUser('mere@harbour.test', {
      temporaryPassword: 'Temporary-Pass-1',
      name: 'Mere Tui',
      groups: ['Manager'],
    });
    const first = await login('mere@harbour.test', 'Temporary-Pass-1');
    expect(first.status).toBe(200);
    const challenge = first.body as NewPasswordChallenge;
    expect(challenge).toEqual({
      challenge: 'NEW_PASSWORD_REQUIRED',
      session: expect.stringMatching(/^[\w-]{43}$/),
      username: 'mere@harbour.test',
    });
    // The handle is Portside's: the pool's session never leaves main.
    expect(JSON.stringify(first.body)).not.toMatch(/[A-Za-z0-9+/=]{200}/);

    const done = await api.call<LoginResult>('POST', '/auth/new-password', {
      username: 'mere@harbour.test',
      session: challenge.session,
      newPassword: 'Brand-New-Pass-2',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.user).toEqual({ id: sub, username: 'mere@harbour.test', displayName: 'Mere Tui', roles: ['Manager'] });
    // One use only.
    const again = await api.call<ErrorBody>('POST', '/auth/new-password', {
      username: 'mere@harbour.test',
      session: challenge.session,
      newPassword: 'Brand-New-Pass-3',
    });
    expect(again.status).toBe(401);
    expect(again.body.message).toMatch(/sign in again with your temporary password/i);
    await signIn('mere@harbour.test', 'Brand-New-Pass-2');
  });

  it('refuses a user in no Portside group with a 403 naming the groups, audited', async () => {
    const sub = await cognito.createUser('nogroup@harbour.test', { password: PASSWORD, groups: [] });
    const res = await login('nogroup@harbour.test', PASSWORD);
    expect(res.status).toBe(403);
    expect((res.body as ErrorBody).message).toMatch(/none of Portside's groups \(CSR, Manager, Admin\).*administrator/);
    expect(auditOf(sub).map((e) => e.action)).toContain('sign_in_refused');
    expect(api.backend.services.deps.repos.users.byId(sub)).toBeNull();
  });

  it('refuses a disabled user, telling them to contact an administrator', async () => {
    await cognito.createUser('disabled@harbour.test', { password: PASSWORD, groups: ['CSR'] });
    await cognito.disableUser('disabled@harbour.test');
    const res = await login('disabled@harbour.test', PASSWORD);
    expect(res.status).toBe(401);
    expect((res.body as ErrorBody).message).toMatch(/disabled.*contact an administrator/i);
  });

  it('signs in no local or demo account in cloud mode: the same 401 as a wrong password, and offers none of them', async () => {
    const info = await api.call<SystemInfo>('GET', '/system/info');
    expect(info.body).toMatchObject({ mode: 'cloud', demo: true });
    // Against an emulator on this machine the screen offers npm run dev:cloud's pool users (e-mail addresses), never a local account.
    expect(info.body.demoAccounts.map((a) => a.username)).toEqual(CLOUD_DEMO_ACCOUNTS.map((a) => a.username));
    expect(info.body.demoAccounts.every((a) => a.username.includes('@'))).toBe(true);
    const demo = await login('csr', DEMO_PASSWORD);
    expect(demo.status).toBe(401);
    expect((demo.body as ErrorBody).message).toBe('Wrong username or password. Check both and try again.');
  });

  it('puts the pool user on the records they create', async () => {
    const sub = await cognito.createUser('wiremu@harbour.test', { password: PASSWORD, name: 'Wiremu Hale', groups: ['CSR'] });
    const session = await signIn('wiremu@harbour.test');
    const created = await api.call<CustomerView>('POST', '/customers', { name: 'Kahu Imports' }, session.token);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const row = api.backend.db
      .prepare<[string], { created_by: string }>('SELECT created_by FROM customers WHERE id = ?')
      .get(created.body.id);
    expect(row?.created_by).toBe(sub);
    const entry = api.backend.services.deps.repos.audit.forEntity('customer', created.body.id)[0];
    expect(entry).toMatchObject({ actorId: sub, actorName: 'Wiremu Hale', origin: 'local' });
  });
});
