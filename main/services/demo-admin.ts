// Demo data for the Admin screen: a colleague who left (a disabled account) and a few days of sign-ins, one of them a mistyped password.
import type { ManualClock } from '../../core/domain/runtime';
import type { Services } from './index';
import { inTransaction, type Actor } from './unit-of-work';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A CSR who left the company: disabled, so the Admin screen shows what a disabled account looks like. */
export const DISABLED_DEMO_ACCOUNT = { username: 'jordan', displayName: 'Jordan Blake' } as const;

/** How an audited sign-in reads (the same fields AuthService writes): the name typed and where from. */
function attempt(username: string): { field: string; before: null; after: string }[] {
  return [
    { field: 'username', before: null, after: username },
    { field: 'client', before: null, after: '127.0.0.1' },
  ];
}

/**
 * `actors` are the demo CSR, Manager and Admin. Sign-ins are audit entries only (no sessions, no
 * throttle counters): nobody is locked out and nothing is signed in when the demo starts.
 */
export function seedDemoAdmin(services: Services, clock: ManualClock, now: number, actors: readonly Actor[]): void {
  const [csr, manager, admin] = actors;
  if (!csr || !manager || !admin) throw new Error('the demo accounts must exist before the demo sign-ins');
  const { deps } = services;
  const passwordHash = deps.repos.users.byId(csr.id ?? '')?.passwordHash;
  if (!passwordHash) throw new Error('the demo CSR must exist before the demo sign-ins');

  clock.set(now - 200 * DAY);
  const jordanId = deps.ids.next();
  deps.repos.users.insert({
    id: jordanId,
    ...DISABLED_DEMO_ACCOUNT,
    roles: ['CSR'],
    passwordHash,
    disabled: false,
    createdAt: clock.now(),
  });

  const signIn = (who: Actor, username: string, at: number): void => {
    clock.set(at);
    inTransaction(deps, who, 'auth.login', (uow) =>
      uow.audit({ entityType: 'user', entityId: who.id ?? username, orderId: null, action: 'signed_in', changes: attempt(username) }),
    );
  };
  const failed = (entityId: string, username: string, reason: string, at: number): void => {
    clock.set(at);
    inTransaction(deps, { id: null, name: 'Unidentified caller' }, 'auth.login', (uow) =>
      uow.audit({ entityType: 'user', entityId, orderId: null, action: 'sign_in_failed', changes: attempt(username), reason }),
    );
  };

  // Jordan left a week ago: the Admin disabled the account, and Jordan tried once more.
  signIn({ id: jordanId, name: DISABLED_DEMO_ACCOUNT.displayName }, DISABLED_DEMO_ACCOUNT.username, now - 9 * DAY);
  clock.set(now - 7 * DAY);
  const jordan = deps.repos.userAccounts.byId(jordanId, clock.now());
  if (jordan) services.usersAdmin.update({ ...admin, roles: ['Admin'] }, { id: jordanId, version: jordan.version, disabled: true });
  failed(jordanId, DISABLED_DEMO_ACCOUNT.username, 'Account disabled', now - 6 * DAY + 2 * HOUR);

  // The last few mornings, and a mistyped password yesterday before the right one.
  for (const daysAgo of [3, 2, 1]) {
    signIn(csr, 'csr', now - daysAgo * DAY + 8 * HOUR);
    signIn(manager, 'manager', now - daysAgo * DAY + 9 * HOUR);
  }
  failed(manager.id ?? 'manager', 'manager', 'Wrong password', now - DAY + 8.9 * HOUR);
  signIn(admin, 'admin', now - DAY + 10 * HOUR);
}
