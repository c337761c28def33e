// User administration over real HTTP: accounts, create, change, disable, reset password, the rules that keep an Admin in charge, and the sign-in history.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../core/api/errors';
import type { Role } from '../../core/auth/permissions';
import { ManualClock } from '../../core/domain/runtime';
import type { PasswordResetResult, SignInHistoryPage, UserAccount, UserDirectory } from '../../core/domain/users';
import { DEMO_PASSWORD } from '../../main/services/demo-data';
import { type ApiHarness, type ApiResponse, expectError, expectOk, startApi, TEST_PASSWORD, TEST_USER } from '../support/api-harness';

const clock = new ManualClock('2026-03-02T09:00:00.000Z');
const NEW_PASSWORD = 'lanterns over the harbour';
let api: ApiHarness;

beforeAll(async () => {
  api = await startApi({ roles: ['Admin'], clock });
});
afterAll(async () => {
  await api.close();
});
// Every sign-in here comes from 127.0.0.1: forget that client's failures between tests (what they test is the account's).
beforeEach(() => {
  api.backend.db.prepare(`DELETE FROM sign_in_throttle WHERE scope = 'client'`).run();
});

let made = 0;
/** A new account through the API, as an Admin creates one. */
async function createAccount(roles: Role[] = ['CSR'], password = NEW_PASSWORD): Promise<UserAccount> {
  made += 1;
  const body = { username: `colleague.number.${made}`, displayName: `Colleague ${made}`, roles, password };
  return expectOk(await api.call<UserAccount>('POST', '/users', body), 201);
}

/** Five free failures, then the sixth locks the account out (answered 429). */
async function lockOut(username: string): Promise<void> {
  for (let i = 0; i < 5; i++) expectError(await login(username, 'not the password'), 'UNAUTHENTICATED');
  expectError(await login(username, 'not the password'), 'RATE_LIMITED');
}

async function accounts(): Promise<UserAccount[]> {
  const directory = expectOk(await api.call<UserDirectory>('GET', '/users/accounts'));
  if (directory.mode !== 'local') throw new Error('expected local mode');
  return directory.items;
}

async function account(id: string): Promise<UserAccount> {
  const found = (await accounts()).find((a) => a.id === id);
  if (!found) throw new Error(`no account ${id}`);
  return found;
}

function login(username: string, password: string): Promise<ApiResponse<ErrorBody>> {
  return api.call<ErrorBody>('POST', '/auth/login', { username, password }, { token: null });
}

/** Rows of the users table and of the audit trail: equal before and after means a refusal changed nothing. */
function state(): { users: unknown[]; audit: number; sessions: number } {
  const db = api.backend.db;
  return {
    users: db.prepare('SELECT * FROM users ORDER BY id').all(),
    audit: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_entries').get()?.n ?? 0,
    sessions: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sessions').get()?.n ?? 0,
  };
}

function auditOf(entityId: string): { action: string; changes: string; actor_name: string }[] {
  return api.backend.db
    .prepare<[string], { action: string; changes: string; actor_name: string }>(
      `SELECT action, changes, actor_name FROM audit_entries WHERE entity_type = 'user' AND entity_id = ? ORDER BY at, id`,
    )
    .all(entityId);
}

describe('the accounts list', () => {
  it('GET /users/accounts shows every account with roles, status, last sign-in, lockout and sessions', async () => {
    const created = await createAccount(['CSR', 'Manager']);
    clock.advance(60_000);
    await api.signIn(created.username, NEW_PASSWORD);
    await api.signIn(created.username, NEW_PASSWORD);
    expectError(await login(created.username, 'not the password'), 'UNAUTHENTICATED');
    const listed = await account(created.id);
    expect(listed).toEqual({
      id: created.id,
      username: created.username,
      displayName: created.displayName,
      roles: ['CSR', 'Manager'],
      disabled: false,
      createdAt: '2026-03-02T09:00:00.000Z',
      updatedAt: null,
      version: 1,
      lastSignInAt: '2026-03-02T09:01:00.000Z',
      failedSignIns: 1,
      lockedUntil: null,
      sessions: 2,
    });
    expect((await accounts()).map((a) => a.username)).toContain(TEST_USER.username);
  });

  it('shows a locked-out account with the time its lockout ends, and an unlock clears it', async () => {
    const target = await createAccount();
    await lockOut(target.username);
    const locked = await account(target.id);
    expect(locked.failedSignIns).toBe(6);
    expect(locked.lockedUntil).toBe('2026-03-02T09:01:01.000Z');
    expectOk(await api.call('POST', `/users/${target.username}/unlock`));
    expect(await account(target.id)).toMatchObject({ failedSignIns: 0, lockedUntil: null });
  });
});

describe('creating an account', () => {
  it('POST /users creates a local account (201) that signs in with its initial password, audited without the password', async () => {
    const created = await createAccount(['Manager']);
    expect(created).toMatchObject({ roles: ['Manager'], disabled: false, version: 1, sessions: 0, lastSignInAt: null });
    const login = await api.signIn(created.username, NEW_PASSWORD);
    expect(login.user).toEqual({ id: created.id, username: created.username, displayName: created.displayName, roles: ['Manager'] });
    const [entry] = auditOf(created.id);
    expect(entry?.action).toBe('user_created');
    expect(entry?.actor_name).toBe(TEST_USER.displayName);
    expect(JSON.parse(entry?.changes ?? '[]')).toEqual([
      { field: 'username', before: null, after: created.username },
      { field: 'displayName', before: null, after: created.displayName },
      { field: 'roles', before: null, after: ['Manager'] },
      { field: 'disabled', before: null, after: false },
    ]);
    const everything = JSON.stringify(api.backend.db.prepare('SELECT * FROM audit_entries').all());
    expect(everything).not.toContain(NEW_PASSWORD);
  });

  it('refuses a taken username (any case), a short password, the username as password and no role, changing nothing', async () => {
    const before = state();
    const taken = expectError(
      await api.call('POST', '/users', { username: 'CASEY', displayName: 'Second Casey', roles: ['CSR'], password: NEW_PASSWORD }),
      'CONFLICT',
    );
    expect(taken.fields).toEqual({ username: 'Another account has this username.' });
    const short = expectError(
      await api.call('POST', '/users', { username: 'shorty', displayName: 'Shorty', roles: ['CSR'], password: 'harbour' }),
      'VALIDATION',
    );
    expect(short.fields?.password).toMatch(/at least 12 characters/);
    const same = expectError(
      await api.call('POST', '/users', { username: 'harbourmaster', displayName: 'H', roles: ['CSR'], password: 'HarbourMaster' }),
      'VALIDATION',
    );
    expect(same.fields?.password).toMatch(/must not be the username/);
    const roleless = expectError(
      await api.call('POST', '/users', { username: 'nobody', displayName: 'Nobody', roles: [], password: NEW_PASSWORD }),
      'VALIDATION',
    );
    expect(roleless.fields?.roles).toMatch(/at least one role/);
    expect(state()).toEqual(before);
  });
});

describe('changing an account', () => {
  it('PUT /users/:id changes display name and roles at the version seen, audited field by field', async () => {
    const target = await createAccount(['CSR']);
    clock.advance(1_000);
    const changed = expectOk(
      await api.call<UserAccount>('PUT', `/users/${target.id}`, {
        version: 1,
        displayName: 'Renamed Colleague',
        roles: ['CSR', 'Manager'],
      }),
    );
    expect(changed).toMatchObject({ displayName: 'Renamed Colleague', roles: ['CSR', 'Manager'], version: 2, updatedAt: clock.now() });
    const updated = auditOf(target.id).find((e) => e.action === 'user_updated');
    expect(JSON.parse(updated?.changes ?? '[]')).toEqual([
      { field: 'displayName', before: target.displayName, after: 'Renamed Colleague' },
      { field: 'roles', before: ['CSR'], after: ['CSR', 'Manager'] },
    ]);
    // The new role counts at once, on the session already open.
    const { token } = await api.signIn(target.username, NEW_PASSWORD);
    expectOk(await api.call('GET', '/analytics/dashboard', undefined, { token }));
  });

  it('refuses a stale version with 409 and the current account, changing nothing', async () => {
    const target = await createAccount();
    expectOk(await api.call('PUT', `/users/${target.id}`, { version: 1, displayName: 'First Edit' }));
    const before = state();
    const stale = expectError(await api.call('PUT', `/users/${target.id}`, { version: 1, displayName: 'Second Edit' }), 'CONFLICT');
    expect(stale.current).toMatchObject({ id: target.id, displayName: 'First Edit', version: 2 });
    expect(state()).toEqual(before);
  });

  it('disabling ends the user’s sessions at once and stops sign-in; enabling lets them back', async () => {
    const target = await createAccount();
    const first = await api.signIn(target.username, NEW_PASSWORD);
    const second = await api.signIn(target.username, NEW_PASSWORD);
    const disabled = expectOk(await api.call<UserAccount>('PUT', `/users/${target.id}`, { version: 1, disabled: true }));
    expect(disabled).toMatchObject({ disabled: true, sessions: 0, version: 2 });
    for (const token of [first.token, second.token])
      expectError(await api.call('GET', '/auth/me', undefined, { token }), 'UNAUTHENTICATED');
    expectError(await login(target.username, NEW_PASSWORD), 'UNAUTHENTICATED');
    const entry = auditOf(target.id).find((e) => e.action === 'user_updated');
    expect(JSON.parse(entry?.changes ?? '[]')).toEqual([
      { field: 'disabled', before: false, after: true },
      { field: 'sessions', before: 2, after: 0 },
    ]);
    expectOk(await api.call('PUT', `/users/${target.id}`, { version: 2, disabled: false }));
    await api.signIn(target.username, NEW_PASSWORD);
  });

  it('refuses an Admin disabling or demoting their own account (422 naming the rule), changing nothing', async () => {
    const me = await account(api.user.id);
    const before = state();
    const disable = expectError(await api.call('PUT', `/users/${me.id}`, { version: me.version, disabled: true }), 'RULE_VIOLATION');
    expect(disable.message).toBe('You cannot disable your own account: ask another Admin to do it.');
    expect(disable.fields).toEqual({ disabled: 'Your own account stays enabled.' });
    const demote = expectError(await api.call('PUT', `/users/${me.id}`, { version: me.version, roles: ['CSR'] }), 'RULE_VIOLATION');
    expect(demote.message).toMatch(/cannot remove the Admin role from your own account/);
    expect(state()).toEqual(before);
    // Renaming oneself is fine.
    expectOk(
      await api.call('PUT', `/users/${me.id}`, { version: me.version, displayName: TEST_USER.displayName, roles: ['Admin', 'CSR'] }),
    );
  });

  it('lets an Admin demote and disable another Admin: another enabled Admin remains', async () => {
    const other = await createAccount(['Admin']);
    const demoted = expectOk(await api.call<UserAccount>('PUT', `/users/${other.id}`, { version: 1, roles: ['Manager'], disabled: true }));
    expect(demoted).toMatchObject({ roles: ['Manager'], disabled: true });
  });

  it('answers 404 for an account that does not exist', async () => {
    expectError(await api.call('PUT', '/users/no-such-user', { version: 1, displayName: 'X' }), 'NOT_FOUND');
    expectError(await api.call('POST', '/users/no-such-user/password', { password: NEW_PASSWORD }), 'NOT_FOUND');
  });
});

describe('resetting a password', () => {
  it('POST /users/:id/password sets a new password, ends the sessions, clears failed sign-ins, audited without the password', async () => {
    const target = await createAccount();
    const session = await api.signIn(target.username, NEW_PASSWORD);
    for (let i = 0; i < 3; i++) expectError(await login(target.username, 'not the password'), 'UNAUTHENTICATED');
    const fresh = 'a brand new harbour key';
    const reset = expectOk(await api.call<PasswordResetResult>('POST', `/users/${target.id}/password`, { password: fresh }));
    expect(reset).toEqual({ id: target.id, username: target.username, sessionsEnded: 1, failuresCleared: 3 });
    expectError(await api.call('GET', '/auth/me', undefined, { token: session.token }), 'UNAUTHENTICATED');
    expectError(await login(target.username, NEW_PASSWORD), 'UNAUTHENTICATED');
    await api.signIn(target.username, fresh);
    const entry = auditOf(target.id).find((e) => e.action === 'password_reset');
    expect(entry?.actor_name).toBe(TEST_USER.displayName);
    expect(entry?.changes).not.toContain(fresh);
    expect(JSON.stringify(api.backend.db.prepare('SELECT * FROM audit_entries').all())).not.toContain(fresh);
  });

  it('refuses a weak password or the username, changing nothing', async () => {
    const target = await createAccount();
    const before = state();
    expect(expectError(await api.call('POST', `/users/${target.id}/password`, { password: 'short' }), 'VALIDATION').fields).toHaveProperty(
      'password',
    );
    const same = expectError(await api.call('POST', `/users/${target.id}/password`, { password: `  ${target.username}  ` }), 'VALIDATION');
    expect(same.fields?.password).toMatch(/must not be the username/);
    expect(state()).toEqual(before);
  });
});

describe('the sign-in history', () => {
  it('GET /users/sign-ins lists sign-ins, failures with reasons, lockouts, sign-outs and unlocks, newest first, in pages', async () => {
    const target = await createAccount();
    clock.advance(3_600_000);
    const session = await api.signIn(target.username, NEW_PASSWORD);
    expectOk(await api.call('POST', '/auth/logout', undefined, { token: session.token }));
    await lockOut(target.username);
    expectOk(await api.call('POST', `/users/${target.username}/unlock`));
    expectError(await login('no-such-person', 'guess'), 'UNAUTHENTICATED');

    const mine = expectOk(await api.call<SignInHistoryPage>('GET', `/users/sign-ins?username=${target.username}&limit=50`));
    expect(mine.items.map((e) => e.kind)).toEqual(['unlocked', 'locked', ...Array(6).fill('failed'), 'signed_out', 'signed_in']);
    const [unlock, lockout, failure] = mine.items;
    expect(unlock).toMatchObject({ username: target.username, displayName: target.displayName, actorName: TEST_USER.displayName });
    expect(lockout).toMatchObject({ reason: 'Too many failed sign-ins for this account name', lockedUntil: expect.any(String) });
    expect(failure).toMatchObject({ reason: 'Wrong password', client: '127.0.0.1', userId: target.id, offline: false });

    const unknown = expectOk(await api.call<SignInHistoryPage>('GET', '/users/sign-ins?username=NO-SUCH-PERSON'));
    expect(unknown.items).toEqual([
      expect.objectContaining({ kind: 'failed', username: 'no-such-person', reason: 'Unknown username', userId: null }),
    ]);

    // Pages of 4 cover everything once, newest first.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/users/sign-ins?username=${target.username}&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
      const page: SignInHistoryPage = expectOk(await api.call<SignInHistoryPage>('GET', query));
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(mine.items.map((e) => e.id));

    const everyone = expectOk(await api.call<SignInHistoryPage>('GET', '/users/sign-ins?limit=3'));
    expect(everyone.items).toHaveLength(3);
    expect(everyone.items[0]?.username).toBe('no-such-person');
    expect(everyone.nextCursor).not.toBeNull();
    expectError(await api.call('GET', '/users/sign-ins?cursor=bm90LWEtY3Vyc29y'), 'VALIDATION');
  });
});

describe('who may administer users', () => {
  it('answers 403 to a CSR and a Manager for every user-administration operation, changing nothing', async () => {
    const target = await createAccount();
    const csr = await api.signIn(target.username, NEW_PASSWORD);
    const manager = await createAccount(['Manager']);
    const managerSession = await api.signIn(manager.username, NEW_PASSWORD);
    const before = state();
    for (const token of [csr.token, managerSession.token]) {
      expectError(await api.call('GET', '/users/accounts', undefined, { token }), 'FORBIDDEN');
      expectError(await api.call('GET', '/users/sign-ins', undefined, { token }), 'FORBIDDEN');
      const body = { username: 'sneaky', displayName: 'Sneaky', roles: ['Admin'], password: NEW_PASSWORD };
      expectError(await api.call('POST', '/users', body, { token }), 'FORBIDDEN');
      expectError(await api.call('PUT', `/users/${target.id}`, { version: 1, roles: ['Admin'] }, { token }), 'FORBIDDEN');
      expectError(await api.call('POST', `/users/${target.id}/password`, { password: NEW_PASSWORD }, { token }), 'FORBIDDEN');
    }
    expect(state()).toEqual(before);
  });

  it('the harness Admin keeps the test password (nothing above changed it)', async () => {
    await api.signIn(TEST_USER.username, TEST_PASSWORD);
  });
});

describe('the demo', () => {
  it('shows the Admin a disabled colleague and a failed sign-in among the sign-ins', async () => {
    const demo = await startApi({ demo: true });
    try {
      const { token } = await demo.signIn('admin', DEMO_PASSWORD);
      const directory = expectOk(await demo.call<UserDirectory>('GET', '/users/accounts', undefined, { token }));
      if (directory.mode !== 'local') throw new Error('expected local mode');
      expect(directory.items.find((a) => a.username === 'jordan')).toMatchObject({ displayName: 'Jordan Blake', disabled: true });
      expect(directory.items.filter((a) => a.disabled)).toHaveLength(1);
      expect(directory.items.find((a) => a.username === 'manager')?.lastSignInAt).not.toBeNull();
      const history = expectOk(await demo.call<SignInHistoryPage>('GET', '/users/sign-ins?limit=50', undefined, { token }));
      expect(history.items.filter((e) => e.kind === 'failed').map((e) => [e.username, e.reason])).toEqual(
        expect.arrayContaining([
          ['manager', 'Wrong password'],
          ['jordan', 'Account disabled'],
        ]),
      );
      // Nobody starts locked out.
      expect(directory.items.every((a) => a.lockedUntil === null)).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
