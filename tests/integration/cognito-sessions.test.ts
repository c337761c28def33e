// Cloud sessions over time against a real cognito-local pool: refresh before expiry, a disabled user ended at the next renewal,
// forgotten password, sign-out everywhere, offline unlock and the re-validation once the pool answers again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../core/api/errors';
import type { SessionUser } from '../../core/auth/permissions';
import type { AuditEntry } from '../../core/domain/audit';
import type { ForgotPasswordResult, LoginAnswer, LoginResult, LogoutEverywhereResult } from '../../core/domain/auth';
import type { CustomerView } from '../../core/domain/customer';
import { type CloudApi, startCloudApi, UNTIL_REFRESH_DUE_MS } from '../support/cognito-api';
import { type CognitoLocal, startCognitoLocal } from '../support/cognito-local';

let cognito: CognitoLocal;
let api: CloudApi;
const PASSWORD = 'Harbour-Lights-42';
let people = 0;

beforeAll(async () => {
  cognito = await startCognitoLocal();
}, 60_000);

// A fresh Portside per test (the pool stays): throttle counters and sessions do not carry over.
beforeEach(async () => {
  cognito.setOffline(false);
  api = await startCloudApi(cognito);
  return () => api.close();
});

afterAll(async () => {
  await cognito?.stop();
});

/** A new pool user in `group`, with a permanent password. */
async function poolUser(group: 'CSR' | 'Manager' | 'Admin' = 'CSR'): Promise<{ email: string; sub: string }> {
  people += 1;
  const email = `person-${people}@harbour.test`;
  return { email, sub: await cognito.createUser(email, { password: PASSWORD, name: `Person ${people}`, groups: [group] }) };
}

function login(username: string, password = PASSWORD) {
  return api.call<LoginAnswer | ErrorBody>('POST', '/auth/login', { username, password });
}

async function signIn(username: string, password = PASSWORD): Promise<LoginResult> {
  const res = await login(username, password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as LoginResult;
}

function me(token: string) {
  return api.call<SessionUser | ErrorBody>('GET', '/auth/me', undefined, token);
}

function actionsOf(sub: string): AuditEntry[] {
  return api.backend.services.deps.repos.audit.forEntity('user', sub);
}

const refreshes = (): number => cognito.calls.filter((c) => c === 'InitiateAuth').length;

describe('token refresh', () => {
  it('refreshes the pool tokens before they expire, and hands the new ID token to AWS credentials', async () => {
    const { email } = await poolUser();
    await signIn(email);
    const first = await api.backend.services.auth.idToken();
    expect(first).toMatch(/^ey/);
    const before = refreshes();
    await api.backend.services.auth.renewSessions();
    expect(refreshes()).toBe(before); // not due yet
    api.advance(UNTIL_REFRESH_DUE_MS);
    await api.backend.services.auth.renewSessions();
    expect(refreshes()).toBe(before + 1);
    const second = await api.backend.services.auth.idToken();
    expect(second).toMatch(/^ey/);
    expect(second).not.toBe(first);
  });

  it('ends the live session of a user disabled in the pool at the next renewal, saying why', async () => {
    const { email, sub } = await poolUser();
    const { token } = await signIn(email);
    await cognito.disableUser(email);
    expect((await me(token)).status).toBe(200); // until the pool is asked again
    api.advance(UNTIL_REFRESH_DUE_MS);
    await api.backend.services.auth.renewSessions();
    const after = await me(token);
    expect(after.status).toBe(401);
    expect((after.body as ErrorBody).message).toMatch(/disabled.*contact an administrator/i);
    expect(api.backend.services.deps.repos.users.byId(sub)?.offlineVerifier).toBeNull();
    expect(actionsOf(sub).map((e) => e.action)).toContain('locked_out');
    expect(await api.backend.services.auth.idToken()).toBeNull();
  });

  it('records a change of group seen at a refresh as a change of role', async () => {
    const { email, sub } = await poolUser('CSR');
    const { token } = await signIn(email);
    await cognito.addToGroup(email, 'Manager');
    api.advance(UNTIL_REFRESH_DUE_MS);
    await api.backend.services.auth.renewSessions();
    expect(((await me(token)).body as SessionUser).roles).toEqual(['CSR', 'Manager']);
    expect(actionsOf(sub).find((e) => e.action === 'pool_user_updated')?.changes).toContainEqual({
      field: 'roles',
      before: ['CSR'],
      after: ['CSR', 'Manager'],
    });
  });
});

describe('forgotten password', () => {
  it('sends a code, gives the same answer for an unknown account, and sets the new password with the code', async () => {
    const { email } = await poolUser();
    const sent = await api.call<ForgotPasswordResult>('POST', '/auth/forgot-password', { username: email });
    expect(sent.status).toBe(200);
    const code = cognito.lastCode();
    expect(code).toMatch(/^\d{6}$/);
    const unknown = await api.call<ForgotPasswordResult>('POST', '/auth/forgot-password', { username: 'nobody@harbour.test' });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual(sent.body);

    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await api.call<ErrorBody>('POST', '/auth/forgot-password/confirm', {
      username: email,
      code: wrongCode,
      newPassword: 'Reset-Password-7',
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.fields ?? {})).toEqual(['code']);

    const confirmed = await api.call('POST', '/auth/forgot-password/confirm', { username: email, code, newPassword: 'Reset-Password-7' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    await signIn(email, 'Reset-Password-7');
    expect((await login(email, PASSWORD)).status).toBe(401);
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the user, signs them out of the pool and forgets the tokens', async () => {
    const { email, sub } = await poolUser();
    const one = await signIn(email);
    const two = await signIn(email);
    const res = await api.call<LogoutEverywhereResult>('POST', '/auth/logout-everywhere', undefined, one.token);
    expect(res.status).toBe(200);
    expect(res.body.sessionsEnded).toBe(2);
    // cognito-local has no GlobalSignOut: this device's refresh token is revoked instead, and the answer says so.
    expect(cognito.calls).toContain(res.body.signedOutOfPool ? 'GlobalSignOut' : 'RevokeToken');
    for (const token of [one.token, two.token]) {
      const after = await me(token);
      expect(after.status).toBe(401);
      expect((after.body as ErrorBody).message).toMatch(/signed out everywhere/i);
    }
    expect(await api.backend.services.auth.idToken()).toBeNull();
    expect(api.secrets.get(`cognito.refresh.${sub}`)).toBeNull();
    expect(actionsOf(sub).map((e) => e.action)).toContain('signed_out_everywhere');
  });
});

describe('offline unlock', () => {
  it('unlocks with the password last used online, marks the session and its audit entries offline, role as last seen', async () => {
    const { email, sub } = await poolUser('Manager');
    await signIn(email);
    cognito.setOffline(true);
    const session = await signIn(email);
    expect(session.user).toMatchObject({ id: sub, roles: ['Manager'], offline: true });
    expect((await me(session.token)).body).toMatchObject({ offline: true });
    const created = await api.call<CustomerView>('POST', '/customers', { name: 'Offline Imports' }, session.token);
    expect(created.status).toBe(201);
    expect(api.backend.services.deps.repos.audit.forEntity('customer', created.body.id)[0]).toMatchObject({
      actorId: sub,
      origin: 'offline',
    });
    expect(
      actionsOf(sub)
        .filter((e) => e.action === 'signed_in')
        .map((e) => e.origin),
    ).toEqual(['local', 'offline']);
    // The Admin screen's sign-in history tells the two apart.
    const history = api.backend.services.usersAdmin.signInHistory({ username: email, limit: 10 });
    expect(history.items.filter((e) => e.kind === 'signed_in').map((e) => e.offline)).toEqual([true, false]);
    expect(await api.backend.services.auth.idToken()).not.toBe(null); // the online session's token is still good
  });

  it('refuses a wrong password offline with the plain 401, and a user never signed in online here with a clear message', async () => {
    const { email } = await poolUser();
    const { email: stranger } = await poolUser();
    await signIn(email);
    cognito.setOffline(true);
    const wrong = await login(email, 'Not-The-Password-1');
    expect(wrong.status).toBe(401);
    expect((wrong.body as ErrorBody).message).toBe('Wrong username or password. Check both and try again.');
    const never = await login(stranger);
    expect(never.status).toBe(401);
    expect((never.body as ErrorBody).message).toMatch(/not signed in online on this computer yet.*cannot be unlocked offline/);
  });

  it('re-validates an offline session once the pool answers again: online again with a refresh token', async () => {
    const { email, sub } = await poolUser();
    await signIn(email);
    cognito.setOffline(true);
    const { token } = await signIn(email);
    await api.backend.services.auth.renewSessions(); // still offline: nothing changes
    expect((await me(token)).body).toMatchObject({ offline: true });
    cognito.setOffline(false);
    await api.backend.services.auth.renewSessions();
    const after = await me(token);
    expect(after.status).toBe(200);
    expect((after.body as SessionUser).offline).toBeUndefined();
    expect(actionsOf(sub).map((e) => e.action)).toContain('session_online');
  });

  it('locks out a user disabled while offline once the pool answers again, and forgets their offline password', async () => {
    const { email, sub } = await poolUser();
    await signIn(email);
    cognito.setOffline(true);
    const { token } = await signIn(email);
    await cognito.disableUser(email);
    cognito.setOffline(false);
    await api.backend.services.auth.renewSessions();
    const after = await me(token);
    expect(after.status).toBe(401);
    expect((after.body as ErrorBody).message).toMatch(/disabled/i);
    expect(api.backend.services.deps.repos.users.byId(sub)?.offlineVerifier).toBeNull();
    cognito.setOffline(true);
    expect(((await login(email)).body as ErrorBody).message).toMatch(/cannot be unlocked offline/);
  });

  it('ends an offline session it cannot re-validate (no refresh token kept) with "sign in again" once back online', async () => {
    const { email, sub } = await poolUser();
    await signIn(email);
    cognito.setOffline(true);
    const { token } = await signIn(email);
    // Browser mode after a restart: the refresh token lived in memory only.
    api.secrets.delete(`cognito.refresh.${sub}`);
    cognito.setOffline(false);
    await api.backend.services.auth.renewSessions();
    const after = await me(token);
    expect(after.status).toBe(401);
    expect((after.body as ErrorBody).message).toMatch(/sign in again now that/i);
    await signIn(email); // and signing in again works
  });
});
