// Sign-in throttling over real HTTP: backoff per account name and per client, 429 with Retry-After, audited, kept across a restart, lifted by an Admin.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../core/api/errors';
import type { Role } from '../../core/auth/permissions';
import type { AuditEntry } from '../../core/domain/audit';
import type { UnlockSignInResult } from '../../core/domain/auth';
import { SYSTEM_USER_ID, SYSTEM_USER_NAME } from '../../core/domain/people';
import { ManualClock } from '../../core/domain/runtime';
import { type ApiHarness, type ApiResponse, expectError, expectOk, startApi, TEST_PASSWORD, TEST_USER } from '../support/api-harness';
import { lastOutboxSeq, outboxSince } from '../support/fixtures';

const WRONG_CREDENTIALS = 'Wrong username or password. Check both and try again.';
const clock = new ManualClock('2026-03-02T09:00:00.000Z');
let api: ApiHarness;

beforeEach(async () => {
  // A fresh server per test: the client counter (127.0.0.1) is shared by every sign-in here.
  clock.set('2026-03-02T09:00:00.000Z');
  api = await startApi({ clock });
});
afterEach(async () => {
  await api.close();
});

function login(username: string, password: string): Promise<ApiResponse<ErrorBody>> {
  return api.call<ErrorBody>('POST', '/auth/login', { username, password }, { token: null });
}

/** A 429 answer: its Retry-After header (seconds) must equal the body's retryAfterSeconds. */
function expectLockedOut(res: ApiResponse): { seconds: number; message: string } {
  const body = expectError(res, 'RATE_LIMITED');
  const header = res.headers.get('retry-after');
  expect(header).toMatch(/^\d+$/);
  expect(body.retryAfterSeconds).toBe(Number(header));
  return { seconds: Number(header), message: body.message };
}

async function failTimes(username: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) expectError(await login(username, 'not the password'), 'UNAUTHENTICATED');
}

function userTrail(entityId: string): AuditEntry[] {
  return api.backend.services.deps.repos.audit.forEntity('user', entityId);
}

async function signedInAs(roles: Role[], username: string): Promise<string> {
  api.backend.services.auth.createUser({ username, displayName: `${roles.join('/')} ${username}`, password: TEST_PASSWORD, roles });
  return (await api.signIn(username, TEST_PASSWORD)).token;
}

describe('sign-in throttle per account name', () => {
  it('allows five failed sign-ins, then locks out for 1 s, doubling per further failure up to 15 minutes', async () => {
    await failTimes(TEST_USER.username, 5);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const { seconds } = expectLockedOut(await login(TEST_USER.username, 'not the password'));
      waits.push(seconds);
      clock.advance(seconds * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
  });

  it('answers 429 with Retry-After and a plain message, without checking the password while locked', async () => {
    await failTimes(TEST_USER.username, 5);
    const first = expectLockedOut(await login(TEST_USER.username, 'not the password'));
    expect(first).toEqual({
      seconds: 1,
      message: 'Too many failed sign-ins for this account. Try again in 1 second, or ask an administrator to unlock it.',
    });
    // Even the right password waits: a lockout that a correct guess could end would leak the guess.
    expectLockedOut(await login(TEST_USER.username, TEST_PASSWORD));
    clock.advance(1_000);
    for (let i = 0; i < 6; i++) {
      const { seconds } = expectLockedOut(await login(TEST_USER.username, 'not the password'));
      clock.advance(seconds * 1000);
    }
    const later = expectLockedOut(await login(TEST_USER.username, 'not the password'));
    expect(later).toEqual({
      seconds: 128,
      message: 'Too many failed sign-ins for this account. Try again in 3 minutes, or ask an administrator to unlock it.',
    });
  });

  it('counts parallel guesses one by one: only five reach the password check', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => login(TEST_USER.username, 'not the password')));
    expect(answers.filter((res) => res.status === 401)).toHaveLength(5);
    expect(answers.filter((res) => res.status === 429)).toHaveLength(7);
    expect(userTrail(api.user.id).filter((e) => e.action === 'sign_in_failed')).toHaveLength(6);
  });

  it('counts the account name whatever its case', async () => {
    await failTimes('Casey', 3);
    await failTimes('CASEY', 2);
    expectLockedOut(await login('casey', 'not the password'));
  });

  it('resets the account’s counter on a successful sign-in', async () => {
    await failTimes(TEST_USER.username, 4);
    await api.signIn(TEST_USER.username, TEST_PASSWORD);
    // Without the reset, the fifth of these would be the account's ninth failure, locked out.
    await failTimes(TEST_USER.username, 5);
    expectLockedOut(await login(TEST_USER.username, 'not the password'));
  });

  it('keeps a lockout across a restart', async () => {
    await failTimes(TEST_USER.username, 5);
    for (let i = 0; i < 3; i++) {
      const { seconds } = expectLockedOut(await login(TEST_USER.username, 'not the password'));
      if (i < 2) clock.advance(seconds * 1000);
    }
    await api.restart();
    expect(expectLockedOut(await login(TEST_USER.username, TEST_PASSWORD)).seconds).toBe(4);
    clock.advance(4_000);
    await api.signIn(TEST_USER.username, TEST_PASSWORD);
  });

  it('forgets failures after a day without any', async () => {
    await failTimes(TEST_USER.username, 5);
    clock.advance(24 * 3_600_000 + 1);
    await failTimes(TEST_USER.username, 5);
    expectLockedOut(await login(TEST_USER.username, 'not the password'));
  });
});

describe('sign-in throttle per client', () => {
  it('locks out a client trying many account names, whichever name it tries next', async () => {
    for (let i = 0; i < 10; i++) expectError(await login(`guess-${i}`, 'hunter2'), 'UNAUTHENTICATED');
    const locked = expectLockedOut(await login('guess-10', 'hunter2'));
    expect(locked).toEqual({ seconds: 1, message: 'Too many failed sign-ins from this computer. Try again in 1 second.' });
    // A real account with its right password waits too: the client, not the account, is locked.
    expectLockedOut(await login(TEST_USER.username, TEST_PASSWORD));
    clock.advance(1_000);
    expect(expectLockedOut(await login('guess-11', 'hunter2')).seconds).toBe(2);
    clock.advance(2_000);
    await api.signIn(TEST_USER.username, TEST_PASSWORD);
  });

  it('does not let a successful sign-in reset the client’s counter', async () => {
    for (let i = 0; i < 10; i++) expectError(await login(`guess-${i}`, 'hunter2'), 'UNAUTHENTICATED');
    await api.signIn(TEST_USER.username, TEST_PASSWORD);
    expectLockedOut(await login('guess-10', 'hunter2'));
  });
});

describe('failed sign-ins tell nothing about which accounts exist', () => {
  it('gives the same answer for an unknown user, a wrong password and a disabled account', async () => {
    api.backend.services.auth.createUser({ username: 'dana', displayName: 'Dana Gone', password: TEST_PASSWORD, roles: ['CSR'] });
    api.backend.db.prepare(`UPDATE users SET disabled = 1 WHERE username = 'dana'`).run();
    const answers = [
      await login('nobody-here', TEST_PASSWORD),
      await login(TEST_USER.username, 'wrong'),
      await login('dana', TEST_PASSWORD),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        code: 'UNAUTHENTICATED',
        message: WRONG_CREDENTIALS,
        fields: { password: 'Wrong username or password.' },
      });
    }
  });

  it('locks out an unknown account name exactly as a real one', async () => {
    const answers = async (username: string): Promise<unknown[]> => {
      const seen: unknown[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await login(username, 'not the password');
        seen.push({ status: res.status, body: res.body, retryAfter: res.headers.get('retry-after') });
        clock.advance(Number(res.headers.get('retry-after') ?? 0) * 1000);
      }
      return seen;
    };
    const unknown = await answers('nobody-here');
    // The same again for a real account, on a fresh server so that the client's counter starts at zero too.
    await api.close();
    clock.set('2026-03-02T09:00:00.000Z');
    api = await startApi({ clock });
    expect(await answers(TEST_USER.username)).toEqual(unknown);
  });
});

describe('sign-in audit trail', () => {
  it('records sign-in, sign-out, failures and lockouts, also in the outbox', async () => {
    const seq = lastOutboxSeq(api.backend.db);
    const { token } = await api.signIn(TEST_USER.username, TEST_PASSWORD);
    expectOk(await api.call('POST', '/auth/logout', {}, { token }));
    await failTimes(TEST_USER.username, 5);
    expectLockedOut(await login(TEST_USER.username, 'not the password'));
    expectLockedOut(await login(TEST_USER.username, 'not the password')); // refused unchecked: not a new entry

    const trail = userTrail(api.user.id).slice(1); // the harness's own sign-in comes first
    expect(trail.map((e) => e.action)).toEqual(['signed_in', 'signed_out', ...Array<string>(6).fill('sign_in_failed'), 'sign_in_locked']);
    const [signedIn, signedOut, failed] = trail;
    expect(signedIn).toMatchObject({ actorId: api.user.id, actorName: TEST_USER.displayName, origin: 'local' });
    expect(signedIn?.changes).toEqual([
      { field: 'username', before: null, after: TEST_USER.username },
      { field: 'client', before: null, after: '127.0.0.1' },
    ]);
    expect(signedOut).toMatchObject({ actorId: api.user.id, action: 'signed_out' });
    expect(failed).toMatchObject({ actorId: null, reason: 'Wrong password' });
    expect(JSON.stringify(trail)).not.toContain('not the password');
    const locked = trail.at(-1);
    // Lockouts are the system's doing: its stable id, the same on every device.
    expect(locked).toMatchObject({ actorId: SYSTEM_USER_ID, actorName: SYSTEM_USER_NAME, origin: 'system' });
    expect(locked?.changes).toEqual(
      expect.arrayContaining([
        { field: 'lockedScope', before: null, after: 'user' },
        { field: 'failedSignIns', before: null, after: 6 },
        { field: 'lockedUntil', before: null, after: '2026-03-02T09:00:01.000Z' },
      ]),
    );

    const pushed = outboxSince(api.backend.db, seq).flatMap((row) => JSON.parse(row.items) as { entity: string; key: { id: string } }[]);
    const audited = pushed.filter((item) => item.entity === 'audit').map((item) => item.key.id);
    expect(audited).toEqual(expect.arrayContaining(trail.map((e) => e.id)));
  });

  it('records a failed sign-in for an unknown account under the name tried, with no actor', async () => {
    expectError(await login('mallory', 'letmein'), 'UNAUTHENTICATED');
    const [entry] = userTrail('mallory');
    expect(entry).toMatchObject({
      entityType: 'user',
      entityId: 'mallory',
      actorId: null,
      action: 'sign_in_failed',
      reason: 'Unknown username',
    });
    expect(entry?.changes).toContainEqual({ field: 'username', before: null, after: 'mallory' });
  });
});

describe('POST /users/:username/unlock', () => {
  it('lets an Admin lift a lockout at once, audited', async () => {
    const admin = await signedInAs(['Admin'], 'ada');
    await failTimes(TEST_USER.username, 5);
    for (let i = 0; i < 3; i++) {
      const { seconds } = expectLockedOut(await login(TEST_USER.username, 'not the password'));
      if (i < 2) clock.advance(seconds * 1000);
    }
    const result = expectOk(await api.call<UnlockSignInResult>('POST', `/users/${TEST_USER.username}/unlock`, {}, { token: admin }));
    expect(result).toEqual({
      username: TEST_USER.username,
      wasLocked: true,
      failuresCleared: 8,
      clientsCleared: 1,
      clientWasLocked: false,
    });
    await api.signIn(TEST_USER.username, TEST_PASSWORD);
    const unlocked = userTrail(api.user.id).find((e) => e.action === 'sign_in_unlocked');
    expect(unlocked).toMatchObject({ actorName: 'Admin ada', origin: 'local' });
    expect(unlocked?.changes).toContainEqual({ field: 'failedSignIns', before: 8, after: 0 });
  });

  it('lifts the client’s lockout too, so an Admin signed in before it can let everyone on this computer sign in again', async () => {
    const admin = await signedInAs(['Admin'], 'ada');
    // Eleven failures in total across several names: every local caller is 127.0.0.1, so the machine is locked.
    for (let i = 0; i < 10; i++) expectError(await login(`typo-${i}`, 'not the password'), 'UNAUTHENTICATED');
    const locked = expectLockedOut(await login('ada', 'not the password'));
    expect(locked.message).toContain('from this computer');
    expectLockedOut(await login('ada', TEST_PASSWORD));

    // The Admin's session still works while sign-in is locked, and the unlock says what it lifted.
    const result = expectOk(await api.call<UnlockSignInResult>('POST', '/users/ada/unlock', {}, { token: admin }));
    expect(result).toEqual({ username: 'ada', wasLocked: false, failuresCleared: 1, clientsCleared: 1, clientWasLocked: true });
    await api.signIn('ada', TEST_PASSWORD);
    await api.signIn(TEST_USER.username, TEST_PASSWORD);
    // The client's count starts afresh: ten more failures are free again.
    await failTimes('typo-again', 5);
    const unlocked = userTrail(api.backend.services.deps.repos.users.byUsername('ada')?.id ?? '').find(
      (e) => e.action === 'sign_in_unlocked',
    );
    expect(unlocked?.changes).toContainEqual({ field: 'clientFailedSignIns', before: 11, after: 0 });
  });

  it('is refused to CSRs and Managers (403) and answers 404 for an unknown account', async () => {
    const csr = await signedInAs(['CSR'], 'carl');
    const manager = await signedInAs(['Manager'], 'mona');
    const admin = await signedInAs(['Admin'], 'ada');
    expectError(await api.call('POST', `/users/${TEST_USER.username}/unlock`, {}, { token: csr }), 'FORBIDDEN');
    expectError(await api.call('POST', `/users/${TEST_USER.username}/unlock`, {}, { token: manager }), 'FORBIDDEN');
    expectOk(await api.call('POST', `/users/${TEST_USER.username}/unlock`, {}, { token: admin }));
    expectError(await api.call('POST', '/users/nobody-here/unlock', {}, { token: admin }), 'NOT_FOUND');
  });
});
